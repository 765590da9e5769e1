import createClient from 'openapi-fetch';
import type { paths } from './schema';
import { authenticatedFetch, retryAfterSeconds } from './http';
import { ApiError, type ProblemBody } from './problems';
import { Session } from './session';

/**
 * The typed API client: paths, parameters and bodies come from docs/openapi.json (npm run
 * generate); every request goes through {@link authenticatedFetch}.
 */
export function createApi(options: {
  baseUrl: string;
  fetch: (request: Request) => Promise<Response>;
  storage: Storage;
  sleep?: (ms: number) => Promise<void>;
}) {
  const session = new Session(options.storage, options.baseUrl, options.fetch);
  const fetch = authenticatedFetch({ session, fetch: options.fetch, ...(options.sleep ? { sleep: options.sleep } : {}) });
  const client = createClient<paths>({ baseUrl: options.baseUrl, fetch });
  return { client, session };
}

export type ApiClient = ReturnType<typeof createApi>['client'];

interface Answer {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** The data of a successful answer; a problem becomes an {@link ApiError}. */
export async function call<R extends Answer>(answer: Promise<R>): Promise<NonNullable<R['data']>> {
  const { data, error, response } = await answer;
  if (!response.ok) {
    throw new ApiError(response.status, toProblem(error), retryAfterSeconds(response));
  }
  return data as NonNullable<R['data']>;
}

function toProblem(error: unknown): ProblemBody | undefined {
  return typeof error === 'object' && error !== null ? (error as ProblemBody) : undefined;
}

const app = createApi({
  // absolute, so that a Request can be built outside a page too (unit tests)
  baseUrl: globalThis.location?.origin ?? '',
  fetch: (request) => globalThis.fetch(request),
  storage: globalThis.localStorage,
});

/** The app's client and login. */
export const api = app.client;
export const session = app.session;
