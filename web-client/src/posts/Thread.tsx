import type { Post } from '../api/model';
import { PostCard } from './PostCard';

/** How deep each reply sits below the post (1 for a direct reply), from the depth-first list. */
export function threadDepths(rootId: string, descendants: Post[]): Map<string, number> {
  const depths = new Map<string, number>([[rootId, 0]]);
  for (const post of descendants) {
    const parent = post.replyToId !== null ? depths.get(post.replyToId) : undefined;
    depths.set(post.id, (parent ?? 0) + 1);
  }
  return depths;
}

const MAX_INDENT = 4;

export function Thread({ posts, depths }: { posts: Post[]; depths: Map<string, number> }) {
  if (posts.length === 0) return <p className="empty">No replies yet.</p>;
  return (
    <section className="thread" aria-label="Replies">
      {posts.map((post) => {
        const depth = Math.min(MAX_INDENT, depths.get(post.id) ?? 1);
        return (
          <div key={post.id} className={`thread__item thread__item--depth-${depth}`}>
            <PostCard post={post} />
          </div>
        );
      })}
    </section>
  );
}
