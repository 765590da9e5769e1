import type { Session } from './session';
import { NetworkError } from './problems';

/**
 * The one place every API request passes: it adds the access token, refreshes it once on a 401
 * and sends the request again, and waits out a short `Retry-After` of a 429 before trying again.
 * Longer waits reach the screen as an error that says how long.
 */

/** Longest 429 wait taken silently; beyond it the person is told. */
export const MAX_SILENT_WAIT_SECONDS = 10;
const MAX_RATE_LIMIT_RETRIES = 2;

export interface HttpOptions {
  session: Session;
  fetch: (request: Request) => Promise<Response>;
  sleep?: (ms: number) => Promise<void>;
}

export function retryAfterSeconds(response: Response): number | undefined {
  const header = response.headers.get('Retry-After');
  if (header === null) {
    return undefined;
  }
  const seconds = Number(header);
  if (Number.isFinite(seconds)) {
    return Math.max(0, Math.ceil(seconds));
  }
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

const isAuthCall = (request: Request) => new URL(request.url, 'http://x').pathname.startsWith('/api/auth/');

export function authenticatedFetch({ session, fetch, sleep = defaultSleep }: HttpOptions) {
  const send = async (request: Request, token: string | null): Promise<Response> => {
    const outgoing = request.clone();
    if (token !== null && !outgoing.headers.has('Authorization')) {
      outgoing.headers.set('Authorization', `Bearer ${token}`);
    }
    try {
      return await fetch(outgoing);
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') {
        throw e;
      }
      throw new NetworkError();
    }
  };

  return async (request: Request): Promise<Response> => {
    const auth = !isAuthCall(request) || new URL(request.url, 'http://x').pathname === '/api/auth/logout';
    let token = auth ? await session.currentAccessToken() : null;
    let response = await send(request, token);
    if (response.status === 401 && token !== null) {
      token = await session.refresh(token);
      if (token === null) {
        return response;
      }
      response = await send(request, token);
    }
    for (let retry = 0; response.status === 429 && retry < MAX_RATE_LIMIT_RETRIES; retry++) {
      const wait = retryAfterSeconds(response);
      if (wait === undefined || wait > MAX_SILENT_WAIT_SECONDS) {
        break;
      }
      await sleep(wait * 1000);
      response = await send(request, token);
    }
    return response;
  };
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
