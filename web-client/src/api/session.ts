import type { Tokens } from './model';
import { retryAfterSeconds } from './http';
import { ApiError, NetworkError } from './problems';

/**
 * The login of this browser. The access token lives in memory only; the refresh token in local
 * storage, so that a reload or a second tab stays logged in (the strict CSP keeps foreign scripts
 * out). Neither ever goes into a URL. Refreshes are single-flight: concurrent 401s share one.
 */

export type SessionEnd = 'logout' | 'expired' | 'deleted';
export type SessionListener = (event: { signedIn: boolean; reason?: SessionEnd }) => void;

const REFRESH_KEY = 'social.refreshToken';

export class Session {
  private accessToken: string | null = null;
  private refreshing: Promise<string | null> | null = null;
  private readonly listeners = new Set<SessionListener>();

  constructor(
    private readonly storage: Storage,
    private readonly baseUrl: string,
    private readonly rawFetch: (request: Request) => Promise<Response>,
  ) {}

  /** Another tab logged out: follow it. Answers how to stop watching. */
  watch(target: Pick<Window, 'addEventListener' | 'removeEventListener'>): () => void {
    const onStorage = (event: Event) => {
      const e = event as StorageEvent;
      if (e.key === REFRESH_KEY && e.newValue === null && this.hasLogin()) {
        this.end('logout', false);
      }
    };
    target.addEventListener('storage', onStorage);
    return () => target.removeEventListener('storage', onStorage);
  }

  hasLogin(): boolean {
    return this.accessToken !== null || this.storage.getItem(REFRESH_KEY) !== null;
  }

  subscribe(listener: SessionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(tokens: Tokens): void {
    this.accessToken = tokens.accessToken;
    this.storage.setItem(REFRESH_KEY, tokens.refreshToken);
    this.listeners.forEach((l) => l({ signedIn: true }));
  }

  /** Forgets the login (and every draft: logging out forgets everything). */
  end(reason: SessionEnd, tellOtherTabs = true): void {
    const had = this.hasLogin();
    this.accessToken = null;
    if (tellOtherTabs) {
      this.storage.removeItem(REFRESH_KEY);
    }
    clearDrafts();
    if (had) {
      this.listeners.forEach((l) => l({ signedIn: false, reason }));
    }
  }

  refreshToken(): string | null {
    return this.storage.getItem(REFRESH_KEY);
  }

  /** The access token to send, refreshing first when only a refresh token is at hand (after a reload). */
  async currentAccessToken(): Promise<string | null> {
    if (this.accessToken !== null) {
      return this.accessToken;
    }
    return this.storage.getItem(REFRESH_KEY) !== null ? this.refresh(null) : null;
  }

  /**
   * A new access token after `rejected` was refused. When another call already replaced it, that
   * one is used; otherwise one refresh for all callers. Null when the login has ended.
   */
  refresh(rejected: string | null): Promise<string | null> {
    if (rejected !== null && this.accessToken !== null && this.accessToken !== rejected) {
      return Promise.resolve(this.accessToken);
    }
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async doRefresh(): Promise<string | null> {
    const refreshToken = this.storage.getItem(REFRESH_KEY);
    if (refreshToken === null) {
      return null;
    }
    let response: Response;
    try {
      response = await this.rawFetch(
        new Request(`${this.baseUrl}/api/auth/refresh`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ refreshToken }),
        }),
      );
    } catch {
      throw new NetworkError();
    }
    if (response.ok) {
      const tokens = (await response.json()) as Tokens;
      this.accessToken = tokens.accessToken;
      this.storage.setItem(REFRESH_KEY, tokens.refreshToken);
      return tokens.accessToken;
    }
    if (response.status === 401) {
      if (this.storage.getItem(REFRESH_KEY) !== refreshToken) {
        // another tab rotated it meanwhile: try again with its token
        return this.doRefresh();
      }
      this.end('expired');
      return null;
    }
    // e.g. 429 (too many refreshes of this login): the refresh token stays good, so the login goes on
    throw new ApiError(response.status, await response.json().catch(() => undefined), retryAfterSeconds(response));
  }
}

/** Keys under which screens keep what is being typed (composer drafts). */
export const DRAFT_PREFIX = 'social.draft.';

function clearDrafts(): void {
  try {
    for (let i = sessionStorage.length - 1; i >= 0; i--) {
      const key = sessionStorage.key(i);
      if (key?.startsWith(DRAFT_PREFIX)) {
        sessionStorage.removeItem(key);
      }
    }
  } catch {
    // no session storage (private mode): nothing kept, nothing to forget
  }
}
