import type { paths } from './schema';

/**
 * The shapes of docs/API.md ("Shapes"), as the screens use them: required fields and nullable
 * ones as the contract states. The generated schema is the source of the calls; the checks at the
 * bottom make the build fail when a field named here is not in docs/openapi.json.
 */

export interface UserSummary {
  id: string;
  username: string;
  displayName: string;
}

export interface User extends UserSummary {
  bio: string;
  createdAt: string;
  followersCount: number;
  followingCount: number;
  postsCount: number;
}

export interface Post {
  id: string;
  author: UserSummary;
  content: string;
  createdAt: string;
  replyToId: string | null;
  /** The original of a repost (then `content` is ""), else null. */
  repostOf: Post | null;
  /** The post it quotes (one level deep), null when none or deleted. */
  quoteOf: Post | null;
  likeCount: number;
  replyCount: number;
  repostCount: number;
  quoteCount: number;
  likedByMe: boolean;
  repostedByMe: boolean;
  bookmarkedByMe: boolean;
  hashtags: string[];
  editedAt: string | null;
}

export interface Relationship {
  following: boolean;
  followedBy: boolean;
  notify: boolean;
  blocking: boolean;
  blockedBy: boolean;
  muting: boolean;
}

export type NotificationType = 'FOLLOW' | 'LIKE' | 'REPLY' | 'REPOST' | 'MENTION' | 'NEW_POST' | 'QUOTE';

export const NOTIFICATION_TYPES: readonly NotificationType[] = [
  'FOLLOW',
  'LIKE',
  'REPLY',
  'REPOST',
  'MENTION',
  'NEW_POST',
  'QUOTE',
];

export interface Notification {
  id: string;
  type: NotificationType;
  actor: UserSummary;
  postId: string | null;
  createdAt: string;
  read: boolean;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface TagCount {
  tag: string;
  posts: number;
  authors: number;
}

export interface PostVersion {
  content: string;
  createdAt: string;
}

export interface PostContext {
  ancestors: Post[];
  descendants: Post[];
}

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  tokenType: string;
  expiresIn: number;
}

// ---- the document names every field above (by path, not by the generator's schema names) ----

type Json<R> = R extends { content: infer C } ? C[keyof C] : never;
type Ok<P extends keyof paths, M extends keyof paths[P], S extends number = 200> = paths[P][M] extends {
  responses: infer R;
}
  ? S extends keyof R
    ? NonNullable<Json<R[S]>>
    : never
  : never;
type Item<T> = T extends { items?: (infer I)[] } ? NonNullable<I> : never;
/** true when every field of the model is a field of the document's shape. */
type Covers<Doc, Model> = [Exclude<keyof Model, keyof Doc>] extends [never] ? true : Exclude<keyof Model, keyof Doc>;

export const documentHasTheseFields: [
  Covers<Ok<'/api/users/{id}', 'get'>, User>,
  Covers<NonNullable<Ok<'/api/posts/{id}', 'get'>['author']>, UserSummary>,
  Covers<Ok<'/api/posts/{id}', 'get'>, Post>,
  Covers<Ok<'/api/users/{id}/relationship', 'get'>, Relationship>,
  Covers<Item<Ok<'/api/notifications', 'get'>>, Notification>,
  Covers<Ok<'/api/timeline', 'get'>, Page<Post>>,
  Covers<Ok<'/api/hashtags/trending', 'get'>[number], TagCount>,
  Covers<Ok<'/api/posts/{id}/context', 'get'>, PostContext>,
  Covers<Ok<'/api/auth/login', 'post'>, Tokens>,
] = [true, true, true, true, true, true, true, true, true];
