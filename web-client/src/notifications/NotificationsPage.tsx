import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { Notification } from '../api/model';
import * as api from '../api/notifications';
import { problemMessage } from '../api/problems';
import { Avatar } from '../common/Avatar';
import { ErrorNotice } from '../common/ErrorNotice';
import { RelativeTime } from '../common/RelativeTime';
import { Sentinel } from '../common/Sentinel';
import { useToast } from '../common/Toasts';
import { profilePath } from '../common/UserLink';
import { usePaged } from '../common/usePaged';
import { useTitle } from '../common/useTitle';
import { postPath } from '../posts/PostCard';
import { useNotifications } from './NotificationsContext';
import './notifications.css';

const what: Record<Notification['type'], string> = {
  FOLLOW: 'followed you',
  LIKE: 'liked your post',
  REPLY: 'replied to your post',
  REPOST: 'reposted your post',
  MENTION: 'mentioned you',
  NEW_POST: 'posted',
  QUOTE: 'quoted your post',
};

export function describe(n: Notification): string {
  return `${n.actor.displayName || n.actor.username} ${what[n.type]}`;
}

/** Newest first; new ones arrive live at the top; read one by opening it, or all at once. */
export function NotificationsPage() {
  useTitle('Notifications');
  const paged = usePaged((cursor) => api.notifications(cursor), []);
  const { subscribe, setUnread, resync, unread } = useNotifications();
  const toast = useToast();
  const [busy, setBusy] = useState(false);

  useEffect(
    () =>
      subscribe((n) =>
        paged.update((items) => (items.some((i) => i.id === n.id) ? items : [n, ...items])),
      ),
    [subscribe, paged.update],
  );

  // after a reconnection, what arrived meanwhile is read from the list itself
  useEffect(() => {
    if (resync === 0) return;
    api.notifications(null).then(
      (page) =>
        paged.update((items) => {
          const known = new Set(items.map((i) => i.id));
          return [...page.items.filter((n) => !known.has(n.id)), ...items].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
        }),
      () => {},
    );
  }, [resync, paged.update]);

  const markRead = async (n: Notification) => {
    if (n.read) return;
    paged.update((items) => items.map((i) => (i.id === n.id ? { ...i, read: true } : i)));
    setUnread((c) => c - 1);
    try {
      await api.markRead(n.id);
    } catch {
      // it stays unread on the server: shown as read here until the next visit
    }
  };

  const markAll = async () => {
    setBusy(true);
    try {
      await api.markAllRead();
      paged.update((items) => items.map((i) => ({ ...i, read: true })));
      setUnread(() => 0);
    } catch (e) {
      toast(problemMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const { items, error, loading, hasMore, loadMore } = paged;
  return (
    <div className="notifications">
      <div className="page-heading">
        <h1 className="page-title">Notifications</h1>
        <button type="button" className="button button--secondary" onClick={markAll} disabled={busy || (unread === 0 && items.every((i) => i.read))}>
          Mark all as read
        </button>
      </div>
      <ul className="notification-list" aria-label="Notifications, newest first" aria-busy={loading}>
        {items.map((n) => (
          <li key={n.id} className={`notification ${n.read ? '' : 'notification--unread'}`}>
            <Avatar user={n.actor} size="sm" />
            <div className="notification__body">
              <p className="notification__text">
                {!n.read && <span className="visually-hidden">Unread: </span>}
                <Link to={n.postId ? postPath(n.postId) : profilePath(n.actor.username)} onClick={() => void markRead(n)}>
                  {describe(n)}
                </Link>
              </p>
              <p className="notification__meta muted">
                <RelativeTime iso={n.createdAt} />
              </p>
            </div>
            {!n.read && (
              <button type="button" className="button button--small button--secondary" onClick={() => void markRead(n)}>
                Mark as read
              </button>
            )}
          </li>
        ))}
      </ul>
      {!loading && error === undefined && items.length === 0 && <p className="empty">No notifications yet.</p>}
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
    </div>
  );
}
