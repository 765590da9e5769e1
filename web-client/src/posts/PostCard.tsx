import { useState, type MouseEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Post } from '../api/model';
import { Avatar } from '../common/Avatar';
import { Dialog } from '../common/Dialog';
import { Icon } from '../common/Icon';
import { RelativeTime } from '../common/RelativeTime';
import { UserLink, profilePath } from '../common/UserLink';
import { Composer } from '../compose/Composer';
import { useToast } from '../common/Toasts';
import { PostActions } from './PostActions';
import { PostText } from './PostText';
import './posts.css';

export const postPath = (id: string) => `/posts/${encodeURIComponent(id)}`;

interface Props {
  post: Post;
  /** The post as it changed here (a like, an edit); a repost reports its changed original inside it. */
  onChange?: (post: Post) => void;
  /** The post shown larger, as the subject of its page. */
  focused?: boolean;
}

/**
 * One post: a repost shows its original under "X reposted", a quote shows the quoted post inside
 * it, a reply says so. Clicking anywhere that is not a link or button opens the post.
 */
export function PostCard({ post, onChange, focused }: Props) {
  const navigate = useNavigate();
  const toast = useToast();
  const [dialog, setDialog] = useState<'reply' | 'quote' | null>(null);
  const shown = post.repostOf ?? post;
  const change = (next: Post) => onChange?.(post.repostOf ? { ...post, repostOf: next } : next);

  const open = (event: MouseEvent) => {
    const target = event.target as HTMLElement;
    if (focused || target.closest('a, button, dialog, textarea, input') || window.getSelection()?.toString()) return;
    navigate(postPath(shown.id));
  };

  return (
    <article className={`post ${focused ? 'post--focused' : ''}`} aria-labelledby={`post-${post.id}-author`} onClick={open}>
      {post.repostOf && (
        <p className="post__context">
          <Icon name="repost" />
          <Link to={profilePath(post.author.username)}>{post.author.displayName || post.author.username}</Link> reposted
        </p>
      )}
      <div className="post__body">
        <Avatar user={shown.author} />
        <div className="post__main">
          <header className="post__header" id={`post-${post.id}-author`}>
            <UserLink user={shown.author} />
            <span className="post__dot" aria-hidden="true">
              ·
            </span>
            <Link to={postPath(shown.id)} className="post__time">
              <RelativeTime iso={shown.createdAt} />
            </Link>
            {shown.editedAt && <span className="post__edited">· edited</span>}
          </header>
          {shown.replyToId && (
            <p className="post__reply-to">
              Replying to <Link to={postPath(shown.replyToId)}>a post</Link>
            </p>
          )}
          {shown.content && <PostText text={shown.content} className={focused ? 'post__text post__text--large' : undefined} />}
          {shown.quoteOf && <QuotedPost post={shown.quoteOf} />}
          <PostActions
            post={shown}
            onChange={change}
            onReply={() => setDialog('reply')}
            onQuote={() => setDialog('quote')}
          />
        </div>
      </div>
      {dialog && (
        <Dialog title={dialog === 'reply' ? 'Reply' : 'Quote'} onClose={() => setDialog(null)}>
          <Composer
            mode={dialog === 'reply' ? { kind: 'reply', to: shown } : { kind: 'quote', of: shown }}
            autoFocus
            onPosted={(created) => {
              setDialog(null);
              change({
                ...shown,
                ...(dialog === 'reply' ? { replyCount: shown.replyCount + 1 } : { quoteCount: shown.quoteCount + 1 }),
              });
              toast(dialog === 'reply' ? 'Your reply was posted.' : 'Your quote was posted.');
              if (dialog === 'quote') navigate(postPath(created.id));
            }}
          />
        </Dialog>
      )}
    </article>
  );
}

/** The quoted post inside a quote; its author line links to it, and so does a click anywhere on it. */
function QuotedPost({ post }: { post: Post }) {
  const navigate = useNavigate();
  return (
    <div
      className="post__quoted"
      onClick={(event) => {
        event.stopPropagation();
        if (!(event.target as HTMLElement).closest('a')) navigate(postPath(post.id));
      }}
    >
      <Link to={postPath(post.id)} className="post__quoted-author">
        <strong>{post.author.displayName || post.author.username}</strong>{' '}
        <span className="muted">@{post.author.username}</span>
      </Link>
      <PostText text={post.content} className="post__quoted-text" />
    </div>
  );
}
