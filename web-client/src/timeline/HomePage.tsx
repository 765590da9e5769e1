import { useEffect, useRef } from 'react';
import type { Post } from '../api/model';
import { homeTimeline } from '../api/posts';
import { usePaged } from '../common/usePaged';
import { useTitle } from '../common/useTitle';
import { Composer } from '../compose/Composer';
import { PostList } from '../posts/PostList';
import { takePrefetchedHome } from './prefetch';
import { useNewPosts } from './useNewPosts';
import './timeline.css';

/** The mark the browser test reads: the first page of the home timeline is on screen. */
export const FIRST_PAINT_MARK = 'home-timeline-painted';

export function HomePage() {
  useTitle('Home');
  const paged = usePaged<Post>((cursor) => homeTimeline(cursor), [], takePrefetchedHome);
  const { fresh, overflow, clear } = useNewPosts(paged.items);
  const marked = useRef(false);

  useEffect(() => {
    if (!marked.current && !paged.loading && (paged.items.length > 0 || paged.error === undefined)) {
      marked.current = true;
      // after the browser has painted the frame with the page in it
      requestAnimationFrame(() => setTimeout(() => performance.mark(FIRST_PAINT_MARK), 0));
    }
  }, [paged.loading, paged.items.length, paged.error]);

  const showFresh = () => {
    if (overflow) {
      paged.reload();
    } else {
      paged.update((items) => [...fresh.filter((p) => !items.some((i) => i.id === p.id)), ...items]);
    }
    clear();
    window.scrollTo({ top: 0 });
    document.getElementById('main')?.focus({ preventScroll: true });
  };

  return (
    <div className="home">
      <h1 className="page-title">Home</h1>
      <Composer
        mode={{ kind: 'post' }}
        onPosted={(post) => paged.update((items) => [post, ...items.filter((p) => p.id !== post.id)])}
      />
      {fresh.length > 0 && (
        <div className="new-posts">
          <button type="button" className="button button--primary new-posts__button" onClick={showFresh}>
            {overflow ? 'Show new posts' : fresh.length === 1 ? 'Show 1 new post' : `Show ${fresh.length} new posts`}
          </button>
        </div>
      )}
      <PostList
        paged={paged}
        label="Your timeline"
        empty={<p>Nothing here yet. Follow people to see their posts here, or write the first one.</p>}
      />
    </div>
  );
}
