import { api, call } from './client';
import type { Notification, Page } from './model';

export async function notifications(cursor?: string | null, limit = 20) {
  return (await call(
    api.GET('/api/notifications', { params: { query: cursor ? { cursor, limit } : { limit } } }),
  )) as Page<Notification>;
}

export async function unreadCount(): Promise<number> {
  const answer = (await call(api.GET('/api/notifications/unread-count'))) as { count: number };
  return answer.count;
}

export async function markRead(id: string) {
  await call(api.POST('/api/notifications/{id}/read', { params: { path: { id } } }));
}

export async function markAllRead() {
  await call(api.POST('/api/notifications/read-all'));
}

/** A single-use ticket that opens the stream (an EventSource cannot send the access token). */
export async function streamTicket(): Promise<string> {
  const answer = (await call(api.POST('/api/notifications/stream-ticket'))) as { ticket: string };
  return answer.ticket;
}
