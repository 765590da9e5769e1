import { Link } from 'react-router';
import type { UserSummary } from '../api/model';

export const profilePath = (username: string) => `/@${encodeURIComponent(username)}`;

/** "Display name @username", linking to the profile; always text, never markup. */
export function UserLink({ user, className }: { user: UserSummary; className?: string }) {
  return (
    <Link to={profilePath(user.username)} className={`user-link ${className ?? ''}`}>
      <span className="user-link__name">{user.displayName || user.username}</span>{' '}
      <span className="user-link__handle">@{user.username}</span>
    </Link>
  );
}
