import type { UserSummary } from '../api/model';

const HUES = [210, 150, 30, 280, 340, 190, 100, 250];

/** A round badge with the first letter of the name; decorative (the name is always next to it). */
export function Avatar({ user, size = 'md' }: { user: Pick<UserSummary, 'username' | 'displayName'>; size?: 'sm' | 'md' | 'lg' }) {
  let hash = 0;
  for (const c of user.username) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  const letter = Array.from(user.displayName || user.username)[0]?.toUpperCase() ?? '?';
  return (
    <span className={`avatar avatar--${size}`} aria-hidden="true" style={{ ['--hue' as string]: HUES[hash % HUES.length] }}>
      {letter}
    </span>
  );
}
