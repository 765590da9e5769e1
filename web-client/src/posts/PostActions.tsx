import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { Post } from '../api/model';
import * as posts from '../api/posts';
import { problemMessage } from '../api/problems';
import { useAuth } from '../auth/AuthContext';
import { Icon } from '../common/Icon';
import { useToast } from '../common/Toasts';

interface Props {
  post: Post;
  onChange: (post: Post) => void;
  onReply: () => void;
  onQuote: () => void;
}

type Toggle = 'like' | 'repost' | 'bookmark';

const toggles: Record<Toggle, { flag: 'likedByMe' | 'repostedByMe' | 'bookmarkedByMe'; count?: 'likeCount' | 'repostCount'; call: (id: string, on: boolean) => Promise<void> }> = {
  like: { flag: 'likedByMe', count: 'likeCount', call: posts.like },
  repost: { flag: 'repostedByMe', count: 'repostCount', call: posts.repost },
  bookmark: { flag: 'bookmarkedByMe', call: posts.bookmark },
};

/** Reply, Repost, Quote, Like, Bookmark: the toggles change at once and go back if the server refuses. */
export function PostActions({ post, onChange, onReply, onQuote }: Props) {
  const { signedIn } = useAuth();
  const navigate = useNavigate();
  const toast = useToast();
  const [pending, setPending] = useState<Toggle | null>(null);

  const guard = (action: () => void) => () => (signedIn ? action() : navigate('/login'));

  const toggle = (which: Toggle) => async () => {
    const { flag, count, call } = toggles[which];
    const on = !post[flag];
    const changed = { ...post, [flag]: on, ...(count ? { [count]: Math.max(0, post[count] + (on ? 1 : -1)) } : {}) };
    onChange(changed);
    setPending(which);
    try {
      await call(post.id, on);
    } catch (e) {
      onChange(post);
      toast(problemMessage(e));
    } finally {
      setPending(null);
    }
  };

  return (
    <div className="post-actions">
      <span className="post-actions__item">
        <button type="button" className="action" onClick={guard(onReply)}>
          <Icon name="reply" />
          <span className="action__label">Reply</span>
        </button>
        <Count n={post.replyCount} what="replies" />
      </span>
      <span className="post-actions__item">
        <button
          type="button"
          className="action action--repost"
          aria-pressed={post.repostedByMe}
          disabled={pending === 'repost'}
          onClick={guard(toggle('repost'))}
        >
          <Icon name="repost" />
          <span className="action__label">Repost</span>
        </button>
        <Count n={post.repostCount} what="reposts" />
      </span>
      <span className="post-actions__item">
        <button type="button" className="action" onClick={guard(onQuote)}>
          <Icon name="quote" />
          <span className="action__label">Quote</span>
        </button>
        <Count n={post.quoteCount} what="quotes" />
      </span>
      <span className="post-actions__item">
        <button
          type="button"
          className="action action--like"
          aria-pressed={post.likedByMe}
          disabled={pending === 'like'}
          onClick={guard(toggle('like'))}
        >
          <Icon name="heart" />
          <span className="action__label">Like</span>
        </button>
        <Count n={post.likeCount} what="likes" />
      </span>
      <span className="post-actions__item">
        <button
          type="button"
          className="action action--bookmark"
          aria-pressed={post.bookmarkedByMe}
          disabled={pending === 'bookmark'}
          onClick={guard(toggle('bookmark'))}
        >
          <Icon name="bookmark" />
          <span className="action__label">Bookmark</span>
        </button>
      </span>
    </div>
  );
}

function Count({ n, what }: { n: number; what: string }) {
  return (
    <span className="post-actions__count">
      {n}
      <span className="visually-hidden"> {what}</span>
    </span>
  );
}
