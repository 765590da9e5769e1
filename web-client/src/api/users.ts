import { api, call } from './client';
import type { Page, Relationship, User, UserSummary } from './model';

type Cursor = string | null | undefined;
const page = (cursor: Cursor, limit = 20) => (cursor ? { cursor, limit } : { limit });

export async function me() {
  return (await call(api.GET('/api/users/me'))) as User;
}

export async function updateMe(changes: { displayName?: string; bio?: string }) {
  return (await call(api.PATCH('/api/users/me', { body: changes }))) as User;
}

export async function lookUp(username: string) {
  return (await call(api.GET('/api/users/lookup', { params: { query: { username } } }))) as User;
}

export async function searchUsers(q: string, limit = 20) {
  return (await call(api.GET('/api/users/search', { params: { query: { q, limit } } }))) as Page<UserSummary>;
}

export async function relationship(id: string) {
  return (await call(api.GET('/api/users/{id}/relationship', { params: { path: { id } } }))) as Relationship;
}

export async function follow(id: string, notify: boolean) {
  return (await call(api.POST('/api/users/{id}/follow', { params: { path: { id } }, body: { notify } }))) as Relationship;
}

export async function unfollow(id: string) {
  await call(api.DELETE('/api/users/{id}/follow', { params: { path: { id } } }));
}

export async function setNotify(id: string, enabled: boolean) {
  return (await call(
    api.PUT('/api/users/{id}/follow/notify', { params: { path: { id } }, body: { enabled } }),
  )) as Relationship;
}

export async function block(id: string) {
  return (await call(api.PUT('/api/users/{id}/block', { params: { path: { id } } }))) as Relationship;
}

export async function unblock(id: string) {
  return (await call(api.DELETE('/api/users/{id}/block', { params: { path: { id } } }))) as Relationship;
}

export async function mute(id: string) {
  return (await call(api.PUT('/api/users/{id}/mute', { params: { path: { id } } }))) as Relationship;
}

export async function unmute(id: string) {
  return (await call(api.DELETE('/api/users/{id}/mute', { params: { path: { id } } }))) as Relationship;
}

export async function followers(id: string, cursor?: Cursor) {
  return (await call(
    api.GET('/api/users/{id}/followers', { params: { path: { id }, query: page(cursor) } }),
  )) as Page<UserSummary>;
}

export async function following(id: string, cursor?: Cursor) {
  return (await call(
    api.GET('/api/users/{id}/following', { params: { path: { id }, query: page(cursor) } }),
  )) as Page<UserSummary>;
}

export async function blocks(cursor?: Cursor) {
  return (await call(api.GET('/api/blocks', { params: { query: page(cursor) } }))) as Page<UserSummary>;
}

export async function mutes(cursor?: Cursor) {
  return (await call(api.GET('/api/mutes', { params: { query: page(cursor) } }))) as Page<UserSummary>;
}
