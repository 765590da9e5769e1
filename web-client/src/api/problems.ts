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

/**
 * The words for every problem code of docs/openapi.json: a code the document gains (or renames) is a
 * compile error until it is said here. Codes a later API version adds may be listed ahead of it.
 */
export const problemMessages: Record<ProblemCode, string> & Record<string, string> = {
  VALIDATION_FAILED: 'Some of what you entered needs another look.',
  MALFORMED_REQUEST: 'The app sent something the server could not read.',
  UNAUTHENTICATED: 'Your session has ended. Please log in again.',
  INVALID_CREDENTIALS: 'Wrong username or password.',
  INVALID_REFRESH_TOKEN: 'Your session has ended. Please log in again.',
  INVALID_STREAM_TICKET: 'Live updates need reconnecting.',
  FORBIDDEN: "You can't do that.",
  BLOCKED: "You can't interact with this account.",
  CORS_REQUEST_REFUSED: 'This site may not use the API.',
  NOT_FOUND: "This doesn't exist, or not anymore.",
  METHOD_NOT_ALLOWED: 'The app asked in a way the server does not take.',
  NOT_ACCEPTABLE: 'The app asked for a format the server does not have.',
  CONFLICT: 'Something changed meanwhile. Reload and try again.',
  USERNAME_TAKEN: 'That username is taken. Try another one.',
  EMAIL_TAKEN: 'An account with that email already exists.',
  FOLLOW_LIMIT_REACHED: 'You follow as many accounts as allowed.',
  PAYLOAD_TOO_LARGE: 'That is too much to send at once.',
  UNSUPPORTED_MEDIA_TYPE: 'The app sent a format the server does not take.',
  RATE_LIMITED: 'Too many requests.',
  TOO_MANY_FAILED_LOGINS: 'Too many wrong passwords.',
  TOO_MANY_INVALID_TOKENS: 'Too many failed attempts from here.',
  TOO_MANY_STREAMS: 'Too many live connections are open.',
  INTERNAL_ERROR: 'Something went wrong on our side.',
  SERVICE_UNAVAILABLE: 'The service is unavailable right now.',
  TIMEOUT: 'The service took too long to answer.',
  HTTP_ERROR: 'The request could not be handled.',
  TOO_MANY_HASHTAGS: 'A post can have at most 10 hashtags.',
  TOO_MANY_MENTIONS: 'A post can mention at most 10 people.',
  EDIT_WINDOW_CLOSED: 'A post can only be edited within an hour of posting.',
  EDIT_LIMIT_REACHED: 'This post has been edited as often as allowed.',
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
    (error.code !== undefined ? (overrides[error.code as ProblemCode] ?? problemMessages[error.code]) : undefined) ??
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
