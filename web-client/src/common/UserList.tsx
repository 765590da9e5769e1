import type { ReactNode } from 'react';
import type { UserSummary } from '../api/model';
import { Avatar } from './Avatar';
import { ErrorNotice } from './ErrorNotice';
import { Sentinel } from './Sentinel';
import type { Paged } from './usePaged';
import { UserLink } from './UserLink';

/** People, page by page; `action` adds a button per person (Unblock, Unmute). */
export function UserList({
  paged,
  empty,
  label,
  action,
}: {
  paged: Paged<UserSummary>;
  empty: ReactNode;
  label: string;
  action?: (user: UserSummary) => ReactNode;
}) {
  const { items, error, loading, hasMore, loadMore } = paged;
  return (
    <section className="user-list" aria-label={label} aria-busy={loading}>
      {items.length > 0 && (
        <ul className="user-list__items">
          {items.map((user) => (
            <li key={user.id} className="user-list__item">
              <Avatar user={user} size="sm" />
              <UserLink user={user} />
              {action && <span className="user-list__action">{action(user)}</span>}
            </li>
          ))}
        </ul>
      )}
      {!loading && error === undefined && items.length === 0 && <div className="empty">{empty}</div>}
      {error !== undefined && <ErrorNotice error={error} onRetry={loadMore} />}
      {loading && <p className="loading">Loading…</p>}
      {hasMore && !loading && error === undefined && items.length > 0 && (
        <>
          <Sentinel onVisible={loadMore} />
          <button type="button" className="button button--secondary load-more" onClick={loadMore}>
            Load more
          </button>
        </>
      )}
    </section>
  );
}
