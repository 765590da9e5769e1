import type { ReactNode } from 'react';
import type { Post } from '../api/model';
import { ErrorNotice } from '../common/ErrorNotice';
import { Sentinel } from '../common/Sentinel';
import type { Paged } from '../common/usePaged';
import { PostCard } from './PostCard';

/** A list of posts read page by page as it is scrolled (or with "Load more" from the keyboard). */
export function PostList({ paged, empty, label }: { paged: Paged<Post>; empty: ReactNode; label: string }) {
  const { items, error, loading, hasMore, loadMore, update } = paged;
  const replace = (index: number) => (post: Post) =>
    update((list) => list.map((p, i) => (i === index ? post : sameOriginal(p, post) ? withStateOf(p, post) : p)));
  return (
    <section className="post-list" aria-label={label} aria-busy={loading}>
      {items.map((post, i) => (
        <PostCard key={post.id} post={post} onChange={replace(i)} />
      ))}
      {!loading && error === undefined && items.length === 0 && <div className="empty">{empty}</div>}
      {error !== undefined && <ErrorNotice error={error} onRetry={loadMore} what="Couldn't load more posts." />}
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

const original = (p: Post) => p.repostOf ?? p;

function sameOriginal(a: Post, b: Post) {
  return original(a).id === original(b).id;
}

/** Another item showing the same original (the post and a repost of it) takes over its new state. */
function withStateOf(item: Post, changed: Post): Post {
  const next = original(changed);
  return item.repostOf ? { ...item, repostOf: next } : next;
}
