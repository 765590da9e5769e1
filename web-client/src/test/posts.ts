import type { Post } from '../api/model';

export function aPost(overrides: Partial<Post> = {}): Post {
  return {
    id: 'p1',
    author: { id: 'u-bob', username: 'bob', displayName: 'Bob' },
    content: 'hello',
    createdAt: new Date().toISOString(),
    replyToId: null,
    repostOf: null,
    quoteOf: null,
    likeCount: 0,
    replyCount: 0,
    repostCount: 0,
    quoteCount: 0,
    likedByMe: false,
    repostedByMe: false,
    bookmarkedByMe: false,
    hashtags: [],
    editedAt: null,
    ...overrides,
  };
}
