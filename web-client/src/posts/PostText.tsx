import { Link } from 'react-router';
import { segments } from '../api/text';
import { profilePath } from '../common/UserLink';

/**
 * A post's words. Everything is a text node or a link the app builds: hashtags and mentions link
 * inside the app, http(s) addresses open outside it; nothing a user wrote is ever read as HTML.
 */
export function PostText({ text, className }: { text: string; className?: string }) {
  return (
    <p className={className ?? 'post__text'}>
      {segments(text).map((s, i) => {
        switch (s.kind) {
          case 'tag':
            return (
              <Link key={i} to={`/tags/${encodeURIComponent(s.tag)}`}>
                {s.text}
              </Link>
            );
          case 'mention':
            return (
              <Link key={i} to={profilePath(s.username)}>
                {s.text}
              </Link>
            );
          case 'link':
            return (
              <a key={i} href={s.href} target="_blank" rel="noopener noreferrer nofollow ugc">
                {s.text}
              </a>
            );
          default:
            return s.text;
        }
      })}
    </p>
  );
}
