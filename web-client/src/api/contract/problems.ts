import type { Problem, ProblemCode } from './socialApi';

/**
 * What to tell a person for each problem code. A Record over the document's code enum: a code the
 * document gains (or renames) is a compile error until it is said here.
 */
export const problemMessages: Record<ProblemCode, string> = {
  VALIDATION_FAILED: 'Some fields need another look.',
  MALFORMED_REQUEST: 'The app sent something the server could not read.',
  TOO_MANY_HASHTAGS: 'A post can have at most 10 hashtags.',
  TOO_MANY_MENTIONS: 'A post can mention at most 10 people.',
  UNAUTHENTICATED: 'Please sign in again.',
  INVALID_CREDENTIALS: 'Wrong username or password.',
  INVALID_REFRESH_TOKEN: 'Your session ended; please sign in again.',
  INVALID_STREAM_TICKET: 'Live updates need reconnecting.',
  FORBIDDEN: 'That is not yours to change.',
  BLOCKED: 'You cannot interact with this account.',
  CORS_REQUEST_REFUSED: 'This site may not use the API.',
  NOT_FOUND: 'It is not there (any more).',
  METHOD_NOT_ALLOWED: 'The app asked in a way the server does not take.',
  NOT_ACCEPTABLE: 'The app asked for a format the server does not have.',
  CONFLICT: 'That clashes with how things are now.',
  USERNAME_TAKEN: 'That username is taken.',
  EMAIL_TAKEN: 'That email address is taken.',
  FOLLOW_LIMIT_REACHED: 'You follow as many accounts as allowed.',
  EDIT_WINDOW_CLOSED: 'A post can only be edited within an hour of posting.',
  EDIT_LIMIT_REACHED: 'This post has been edited as often as allowed.',
  PAYLOAD_TOO_LARGE: 'That is too long to send.',
  UNSUPPORTED_MEDIA_TYPE: 'The app sent a format the server does not take.',
  RATE_LIMITED: 'Slow down a little.',
  TOO_MANY_FAILED_LOGINS: 'Too many failed sign-ins; try again later.',
  TOO_MANY_INVALID_TOKENS: 'Too many failed attempts from here; try again later.',
  TOO_MANY_STREAMS: 'Too many live connections are open.',
  INTERNAL_ERROR: 'Something went wrong on our side.',
  SERVICE_UNAVAILABLE: 'The service is busy; try again shortly.',
  TIMEOUT: 'The service took too long; try again.',
  HTTP_ERROR: 'The request could not be handled.',
};

/** A problem as a person reads it: its message, then each field that breaks a rule. */
export function describe(problem: Problem): string {
  const fields = (problem.errors ?? []).map((error) => `${error.field}: ${error.message}`);
  return [problemMessages[problem.code], ...fields].join('\n');
}

/** Whether a client should try the same request again later (and how many seconds it was told to wait). */
export function retryAfter(problem: Problem, response: Response): number | undefined {
  switch (problem.code) {
    case 'RATE_LIMITED':
    case 'TOO_MANY_FAILED_LOGINS':
    case 'TOO_MANY_INVALID_TOKENS':
    case 'SERVICE_UNAVAILABLE':
    case 'TIMEOUT':
      return Number(response.headers.get('Retry-After') ?? '1');
    default:
      return undefined;
  }
}
