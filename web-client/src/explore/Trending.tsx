import './explore.css';
import { useId } from 'react';
import { Link } from 'react-router';
import { trending, type TrendingWindow } from '../api/posts';
import { ErrorNotice } from '../common/ErrorNotice';
import { useResource } from '../common/useResource';

export function Trending({ window, limit = 10, headingLevel = 2, title = 'Trending' }: { window: TrendingWindow; limit?: number; headingLevel?: 2 | 3; title?: string }) {
  const tags = useResource(() => trending(window, limit), [window, limit]);
  const Heading = `h${headingLevel}` as const;
  const headingId = useId();
  return (
    <section className="trending" aria-labelledby={headingId}>
      <Heading id={headingId} className="trending__title">
        {title}
      </Heading>
      {tags.error !== undefined && <ErrorNotice error={tags.error} onRetry={tags.reload} />}
      {tags.data && tags.data.length === 0 && <p className="muted">Nothing trending yet.</p>}
      {tags.data && tags.data.length > 0 && (
        <ol className="trending__list">
          {tags.data.map((t) => (
            <li key={t.tag}>
              <Link to={`/tags/${encodeURIComponent(t.tag)}`} className="trending__tag">
                #{t.tag}
              </Link>
              <span className="muted trending__count">
                {t.posts} {t.posts === 1 ? 'post' : 'posts'} · {t.authors} {t.authors === 1 ? 'person' : 'people'}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
