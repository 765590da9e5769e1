/**
 * Problems (RFC 9457 problem details) as the client sees them: one error type for every failed
 * call, and the plain words a person reads for each, chosen by the problem's `code` (its status
 * when a server sends none).
 */

import type { components } from './schema';

/** The problem codes docs/openapi.json names; a screen's words are keyed by one of them or by a status. */
export type ProblemCode = NonNullable<components['schemas']['ProblemDetail']['code']>;

export interface FieldError {
  field: string;
  message: string;
}

export interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly detail: string | undefined;
  readonly fieldErrors: FieldError[];
  /** Seconds to wait before trying again (from `Retry-After`), when the server said. */
  readonly retryAfter: number | undefined;

  constructor(status: number, problem: ProblemBody | undefined, retryAfter?: number) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = problem?.code;
    this.detail = problem?.detail;
    this.fieldErrors = Array.isArray(problem?.errors) ? problem.errors : [];
    this.retryAfter = retryAfter;
  }

  /** Whether trying the same thing again later may work (the server was busy, down or slow). */
  get retryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

/** The request never got an answer (offline, connection dropped). */
export class NetworkError extends ApiError {
  constructor() {
    super(0, { detail: 'No connection' });
    this.name = 'NetworkError';
  }
}

const byCode: Record<string, string> = {
  VALIDATION_FAILED: 'Some of what you entered needs another look.',
  USERNAME_TAKEN: 'That username is taken. Try another one.',
  EMAIL_TAKEN: 'An account with that email already exists.',
  INVALID_CREDENTIALS: 'Wrong username or password.',
  UNAUTHENTICATED: 'Your session has ended. Please log in again.',
  FORBIDDEN: "You can't do that.",
  BLOCKED: "You can't interact with this account.",
  NOT_FOUND: "This doesn't exist, or not anymore.",
  CONFLICT: 'Something changed meanwhile. Reload and try again.',
  RATE_LIMITED: 'Too many requests.',
  TOO_MANY_FAILED_LOGINS: 'Too many wrong passwords.',
  PAYLOAD_TOO_LARGE: 'That is too much to send at once.',
  SERVICE_UNAVAILABLE: 'The service is unavailable right now.',
  TIMEOUT: 'The service took too long to answer.',
  TOO_MANY_HASHTAGS: 'A post can have at most 10 hashtags.',
  TOO_MANY_MENTIONS: 'A post can mention at most 10 people.',
  EDIT_WINDOW_CLOSED: 'A post can only be edited within an hour of posting.',
  EDIT_LIMIT_REACHED: 'This post has been edited as often as allowed.',
  FOLLOW_LIMIT_REACHED: 'You follow as many accounts as allowed.',
};

const byStatus: Record<number, string> = {
  0: "Can't reach the server. Check your connection.",
  400: 'Some of what you entered needs another look.',
  401: 'Your session has ended. Please log in again.',
  403: "You can't do that.",
  404: "This doesn't exist, or not anymore.",
  409: 'That conflicts with what is already there.',
  413: 'That is too much to send at once.',
  429: 'Too many requests.',
  503: 'The service is unavailable right now.',
  504: 'The service took too long to answer.',
};

/** Plain words for what went wrong; `overrides` lets a screen say it better for a status it knows. */
export function problemMessage(error: unknown, overrides: Partial<Record<number | ProblemCode, string>> = {}): string {
  if (!(error instanceof ApiError)) {
    return 'Something went wrong. Please try again.';
  }
  const words =
    (error.code !== undefined ? (overrides[error.code as ProblemCode] ?? byCode[error.code]) : undefined) ??
    overrides[error.status] ??
    byStatus[error.status] ??
    (error.status >= 500 ? 'Something went wrong on our side.' : 'Something went wrong.');
  if (error.status === 429 && error.retryAfter !== undefined) {
    return `${words} Try again in ${waitInWords(error.retryAfter)}.`;
  }
  return words;
}

export function waitInWords(seconds: number): string {
  if (seconds < 60) {
    return seconds === 1 ? '1 second' : `${seconds} seconds`;
  }
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/** The server's message for one field, to show next to that field. */
export function fieldMessage(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fieldErrors.find((e) => e.field === field)?.message : undefined;
}
