import { api, call } from './client';
import type { Page, Post, PostContext, PostVersion, TagCount } from './model';

type Cursor = string | null | undefined;
const page = (cursor: Cursor, limit = 20) => (cursor ? { cursor, limit } : { limit });

export interface NewPost {
  content: string;
  replyToId?: string;
  quoteOfId?: string;
}

/** `idempotencyKey`: the same for every try of one post, so that a retry never posts twice. */
export async function createPost(post: NewPost, idempotencyKey: string) {
  return (await call(
    api.POST('/api/posts', { body: post, params: { header: { 'Idempotency-Key': idempotencyKey } } }),
  )) as Post;
}

export async function getPost(id: string) {
  return (await call(api.GET('/api/posts/{id}', { params: { path: { id } } }))) as Post;
}

export async function editPost(id: string, content: string) {
  return (await call(api.PATCH('/api/posts/{id}', { params: { path: { id } }, body: { content } }))) as Post;
}

export async function deletePost(id: string) {
  await call(api.DELETE('/api/posts/{id}', { params: { path: { id } } }));
}

export async function context(id: string) {
  return (await call(api.GET('/api/posts/{id}/context', { params: { path: { id } } }))) as PostContext;
}

export async function quotes(id: string, cursor?: Cursor) {
  return (await call(api.GET('/api/posts/{id}/quotes', { params: { path: { id }, query: page(cursor) } }))) as Page<Post>;
}

export async function likers(id: string, cursor?: Cursor) {
  return (await call(api.GET('/api/posts/{id}/likes', { params: { path: { id }, query: page(cursor) } }))) as Page<
    Post['author']
  >;
}

/**
 * Every version, oldest first: the history is a page (at most 11 versions, since a post can be
 * edited 10 times), walked to its end so that an older post edited more often shows whole.
 */
export async function history(id: string): Promise<PostVersion[]> {
  const versions: PostVersion[] = [];
  let cursor: Cursor = null;
  do {
    const answer = (await call(
      api.GET('/api/posts/{id}/history', { params: { path: { id }, query: page(cursor, 100) } }),
    )) as Page<PostVersion>;
    versions.push(...answer.items);
    cursor = answer.nextCursor;
  } while (cursor);
  return versions;
}

export async function like(id: string, on: boolean) {
  const params = { params: { path: { id } } };
  await call(on ? api.PUT('/api/posts/{id}/like', params) : api.DELETE('/api/posts/{id}/like', params));
}

export async function bookmark(id: string, on: boolean) {
  const params = { params: { path: { id } } };
  await call(on ? api.PUT('/api/posts/{id}/bookmark', params) : api.DELETE('/api/posts/{id}/bookmark', params));
}

export async function repost(id: string, on: boolean) {
  const params = { params: { path: { id } } };
  if (on) {
    await call(api.POST('/api/posts/{id}/repost', params));
  } else {
    await call(api.DELETE('/api/posts/{id}/repost', params));
  }
}

export async function homeTimeline(cursor?: Cursor, limit = 20) {
  return (await call(api.GET('/api/timeline', { params: { query: page(cursor, limit) } }))) as Page<Post>;
}

export async function userPosts(id: string, cursor?: Cursor) {
  return (await call(api.GET('/api/users/{id}/posts', { params: { path: { id }, query: page(cursor) } }))) as Page<Post>;
}

export async function tagPosts(tag: string, cursor?: Cursor) {
  return (await call(api.GET('/api/hashtags/{tag}/posts', { params: { path: { tag }, query: page(cursor) } }))) as Page<Post>;
}

export async function searchPosts(q: string, cursor?: Cursor) {
  return (await call(api.GET('/api/search/posts', { params: { query: { q, ...page(cursor) } } }))) as Page<Post>;
}

export async function bookmarks(cursor?: Cursor) {
  return (await call(api.GET('/api/bookmarks', { params: { query: page(cursor) } }))) as Page<Post>;
}

export type TrendingWindow = '1h' | '24h' | '7d';

export async function trending(window: TrendingWindow, limit = 10) {
  return (await call(api.GET('/api/hashtags/trending', { params: { query: { window, limit } } }))) as TagCount[];
}

export async function searchTags(q: string, limit = 8) {
  return (await call(api.GET('/api/hashtags/search', { params: { query: { q, limit } } }))) as TagCount[];
}
