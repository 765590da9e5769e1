import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from '../schema';

/**
 * The API's client layer, generated from docs/openapi.json (npm run generate) and checked by the
 * compiler: one function per operation, named by its operationId, whose arguments and answers are
 * the document's types. A field renamed in the document is a compile error here or in what uses
 * it; an operation added to the document is one until it has its function below.
 */

export type Schemas = components['schemas'];
export type Problem = Schemas['ProblemDetail'];
export type ProblemCode = Problem['code'];
export type Post = Schemas['Post'];

type Query<Op extends keyof operations> = NonNullable<operations[Op]['parameters']['query']>;
type Page = Query<'getHomeTimeline'>;

/** The client the functions call through; {@link createSocialClient} makes one for a base URL. */
export type SocialClient = Client<paths>;

/**
 * A client that signs every request with the access token {@code accessToken} returns when it
 * returns one (the caller's login), and sends none otherwise.
 */
export function createSocialClient(
  baseUrl: string,
  accessToken: () => string | undefined,
  fetch?: (request: Request) => Promise<Response>,
): SocialClient {
  const client = createClient<paths>(fetch ? { baseUrl, fetch } : { baseUrl });
  const bearer: Middleware = {
    onRequest({ request }) {
      const token = accessToken();
      if (token !== undefined) {
        request.headers.set('Authorization', `Bearer ${token}`);
      }
      return request;
    },
  };
  client.use(bearer);
  return client;
}

/** Every operation of the API by its operationId. */
export function socialApi(client: SocialClient) {
  const id = (value: string) => ({ params: { path: { id: value } } });
  return {
    registerAccount: (body: Schemas['Registration']) => client.POST('/api/auth/register', { body }),
    logIn: (body: Schemas['Credentials']) => client.POST('/api/auth/login', { body }),
    refreshTokens: (body: Schemas['RefreshToken']) => client.POST('/api/auth/refresh', { body }),
    logOut: (body: Schemas['RefreshToken']) => client.POST('/api/auth/logout', { body }),

    getMyProfile: () => client.GET('/api/users/me'),
    updateMyProfile: (body: Schemas['ProfileChanges']) => client.PATCH('/api/users/me', { body }),
    changePassword: (body: Schemas['PasswordChange']) => client.PUT('/api/users/me/password', { body }),
    deleteAccount: (body: Schemas['PasswordConfirmation']) => client.DELETE('/api/users/me', { body }),
    getUser: (userId: string) => client.GET('/api/users/{id}', id(userId)),
    getUserByUsername: (username: string) =>
      client.GET('/api/users/lookup', { params: { query: { username } } }),
    searchUsers: (query: Query<'searchUsers'>) => client.GET('/api/users/search', { params: { query } }),

    getRelationship: (userId: string) => client.GET('/api/users/{id}/relationship', id(userId)),
    followUser: (userId: string, options?: Schemas['FollowOptions']) =>
      client.POST('/api/users/{id}/follow', { ...id(userId), body: options }),
    unfollowUser: (userId: string) => client.DELETE('/api/users/{id}/follow', id(userId)),
    setFollowNotify: (userId: string, body: Schemas['NotifySetting']) =>
      client.PUT('/api/users/{id}/follow/notify', { ...id(userId), body }),
    getFollowers: (userId: string, page?: Page) =>
      client.GET('/api/users/{id}/followers', { params: { path: { id: userId }, query: page } }),
    getFollowing: (userId: string, page?: Page) =>
      client.GET('/api/users/{id}/following', { params: { path: { id: userId }, query: page } }),
    blockUser: (userId: string) => client.PUT('/api/users/{id}/block', id(userId)),
    unblockUser: (userId: string) => client.DELETE('/api/users/{id}/block', id(userId)),
    getBlockedUsers: (page?: Page) => client.GET('/api/blocks', { params: { query: page } }),
    muteUser: (userId: string) => client.PUT('/api/users/{id}/mute', id(userId)),
    unmuteUser: (userId: string) => client.DELETE('/api/users/{id}/mute', id(userId)),
    getMutedUsers: (page?: Page) => client.GET('/api/mutes', { params: { query: page } }),

    createPost: (body: Schemas['NewPost'], idempotencyKey?: string) =>
      client.POST('/api/posts', {
        body,
        params: { header: idempotencyKey === undefined ? {} : { 'Idempotency-Key': idempotencyKey } },
      }),
    getPost: (postId: string) => client.GET('/api/posts/{id}', id(postId)),
    editPost: (postId: string, body: Schemas['EditedPost']) =>
      client.PATCH('/api/posts/{id}', { ...id(postId), body }),
    deletePost: (postId: string) => client.DELETE('/api/posts/{id}', id(postId)),
    getPostHistory: (postId: string) => client.GET('/api/posts/{id}/history', id(postId)),
    getPostContext: (postId: string) => client.GET('/api/posts/{id}/context', id(postId)),
    getReplies: (postId: string, page?: Page) =>
      client.GET('/api/posts/{id}/replies', { params: { path: { id: postId }, query: page } }),
    getQuotes: (postId: string, page?: Page) =>
      client.GET('/api/posts/{id}/quotes', { params: { path: { id: postId }, query: page } }),
    repostPost: (postId: string) => client.POST('/api/posts/{id}/repost', id(postId)),
    undoRepost: (postId: string) => client.DELETE('/api/posts/{id}/repost', id(postId)),
    likePost: (postId: string) => client.PUT('/api/posts/{id}/like', id(postId)),
    unlikePost: (postId: string) => client.DELETE('/api/posts/{id}/like', id(postId)),
    getLikers: (postId: string, page?: Page) =>
      client.GET('/api/posts/{id}/likes', { params: { path: { id: postId }, query: page } }),
    bookmarkPost: (postId: string) => client.PUT('/api/posts/{id}/bookmark', id(postId)),
    unbookmarkPost: (postId: string) => client.DELETE('/api/posts/{id}/bookmark', id(postId)),
    getBookmarks: (page?: Page) => client.GET('/api/bookmarks', { params: { query: page } }),

    getHomeTimeline: (page?: Page) => client.GET('/api/timeline', { params: { query: page } }),
    getUserPosts: (userId: string, page?: Page) =>
      client.GET('/api/users/{id}/posts', { params: { path: { id: userId }, query: page } }),

    getTagPosts: (tag: string, page?: Page) =>
      client.GET('/api/hashtags/{tag}/posts', { params: { path: { tag }, query: page } }),
    getTrendingTags: (query?: Query<'getTrendingTags'>) =>
      client.GET('/api/hashtags/trending', { params: { query } }),
    searchTags: (query: Query<'searchTags'>) => client.GET('/api/hashtags/search', { params: { query } }),
    searchPosts: (query: Query<'searchPosts'>) => client.GET('/api/search/posts', { params: { query } }),

    getNotifications: (query?: Query<'getNotifications'>) =>
      client.GET('/api/notifications', { params: { query } }),
    getUnreadCount: () => client.GET('/api/notifications/unread-count'),
    markNotificationRead: (notificationId: string) =>
      client.POST('/api/notifications/{id}/read', id(notificationId)),
    markAllNotificationsRead: () => client.POST('/api/notifications/read-all'),
    createStreamTicket: () => client.POST('/api/notifications/stream-ticket'),
    /** The stream as bytes; a browser opens {@link streamUrl} with an EventSource instead. */
    streamNotifications: (query: Query<'streamNotifications'>) =>
      client.GET('/api/notifications/stream', { params: { query }, parseAs: 'stream' }),
  } satisfies Record<keyof operations, (...args: never[]) => Promise<unknown>>;
}

export type SocialApi = ReturnType<typeof socialApi>;

/** The notification stream's URL for a browser's EventSource: a ticket, and the last event seen if any. */
export function streamUrl(baseUrl: string, query: Pick<Query<'streamNotifications'>, 'ticket' | 'lastEventId'>) {
  const parameters = new URLSearchParams();
  if (query.ticket !== undefined) parameters.set('ticket', query.ticket);
  if (query.lastEventId !== undefined) parameters.set('lastEventId', query.lastEventId);
  return `${baseUrl}/api/notifications/stream?${parameters}`;
}

/** The caller's rate-limit budget, as every rate-limited answer tells it. */
export function budgetOf(response: Response) {
  const number = (name: string) => {
    const value = response.headers.get(name);
    return value === null ? undefined : Number(value);
  };
  return {
    limit: number('RateLimit-Limit'),
    remaining: number('RateLimit-Remaining'),
    resetSeconds: number('RateLimit-Reset'),
  };
}
