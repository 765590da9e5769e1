import { useEffect, useState } from 'react';
import { ApiError, problemMessage, type ProblemCode } from '../api/problems';

interface Props {
  error: unknown;
  /** Offered as "Try again" when the failure may pass (busy, down, slow, offline). */
  onRetry?: (() => void) | undefined;
  overrides?: Partial<Record<number | ProblemCode, string>>;
  /** A short description of what failed, e.g. "Couldn't load the timeline." */
  what?: string;
}

/** What went wrong, in plain words, with a retry when trying again may work. */
export function ErrorNotice({ error, onRetry, overrides, what }: Props) {
  const retryAfter = error instanceof ApiError && error.status === 429 ? error.retryAfter : undefined;
  const [wait, setWait] = useState(retryAfter ?? 0);

  useEffect(() => {
    setWait(retryAfter ?? 0);
  }, [error, retryAfter]);
  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  const retryable = error instanceof ApiError ? error.retryable : true;
  return (
    <div className="notice notice--error" role="alert">
      <p>
        {what ? `${what} ` : ''}
        {problemMessage(error, overrides)}
      </p>
      {onRetry && retryable && (
        <button type="button" className="button button--secondary" onClick={onRetry} disabled={wait > 0}>
          {wait > 0 ? `Try again (${wait} s)` : 'Try again'}
        </button>
      )}
    </div>
  );
}
