import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { Post } from '../api/model';
import * as posts from '../api/posts';
import { problemMessage } from '../api/problems';
import { useAuth } from '../auth/AuthContext';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatDate } from '../common/RelativeTime';
import { Tabs } from '../common/Tabs';
import { useToast } from '../common/Toasts';
import { UserList } from '../common/UserList';
import { usePaged } from '../common/usePaged';
import { useResource } from '../common/useResource';
import { useTitle } from '../common/useTitle';
import { Composer } from '../compose/Composer';
import { EditPost, canEdit } from './EditPost';
import { PostCard, postPath } from './PostCard';
import { PostList } from './PostList';
import { PostText } from './PostText';
import { Thread, threadDepths } from './Thread';

type TabId = 'replies' | 'quotes' | 'likes' | 'history';

/** A post with its thread (ancestors above, replies below), its quotes, likers and edit history. */
export function PostPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const post = useResource(() => posts.getPost(id), [id]);
  const thread = useResource(() => posts.context(id), [id]);
  const [tab, setTab] = useState<TabId>('replies');
  useTitle(post.data ? `${post.data.author.displayName}: “${Array.from(post.data.content).slice(0, 40).join('')}”` : 'Post');

  // a repost's page is its original's
  useEffect(() => {
    if (post.data?.repostOf) navigate(postPath(post.data.repostOf.id), { replace: true });
  }, [post.data, navigate]);
  useEffect(() => setTab('replies'), [id]);

  if (post.error !== undefined) {
    return (
      <div>
        <h1 className="page-title">Post</h1>
        <ErrorNotice error={post.error} onRetry={post.reload} overrides={{ NOT_FOUND: 'This post does not exist, or was deleted.' }} />
      </div>
    );
  }
  if (!post.data || post.data.repostOf) return <p className="loading">Loading…</p>;
  const subject = post.data;

  const tabs = [
    { id: 'replies', label: 'Replies' },
    { id: 'quotes', label: 'Quotes' },
    { id: 'likes', label: 'Likes' },
    ...(subject.editedAt ? [{ id: 'history', label: 'Edit history' }] : []),
  ];

  return (
    <div className="post-page">
      <h1 className="page-title">Post</h1>
      {thread.data && thread.data.ancestors.length > 0 && (
        <section className="thread thread--ancestors" aria-label="Earlier in the thread">
          {thread.data.ancestors.map((p) => (
            <PostCard key={p.id} post={p} />
          ))}
        </section>
      )}
      <Subject post={subject} onChange={(p) => post.setData(p)} onDeleted={() => navigate('/', { replace: true })} />
      <Tabs tabs={tabs} selected={tab} onSelect={(t) => setTab(t as TabId)} label="About this post">
        {tab === 'replies' && (
          <>
            <ReplyBox post={subject} onPosted={() => thread.reload()} />
            {thread.error !== undefined ? (
              <ErrorNotice error={thread.error} onRetry={thread.reload} what="Couldn't load the replies." />
            ) : thread.data ? (
              <Thread posts={thread.data.descendants} depths={threadDepths(subject.id, thread.data.descendants)} />
            ) : (
              <p className="loading">Loading…</p>
            )}
          </>
        )}
        {tab === 'quotes' && <Quotes id={subject.id} />}
        {tab === 'likes' && <Likers id={subject.id} />}
        {tab === 'history' && <History id={subject.id} editedAt={subject.editedAt} />}
      </Tabs>
    </div>
  );
}

function Subject({ post, onChange, onDeleted }: { post: Post; onChange: (p: Post) => void; onDeleted: () => void }) {
  const { me } = useAuth();
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const mine = me !== null && me.id === post.author.id;

  const remove = async () => {
    try {
      await posts.deletePost(post.id);
      toast('Your post was deleted.');
      onDeleted();
    } catch (e) {
      toast(problemMessage(e));
    }
  };

  return (
    <div className="subject">
      {editing ? (
        <EditPost
          post={post}
          onSaved={(p) => {
            onChange(p);
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <PostCard post={post} focused onChange={onChange} />
      )}
      {mine && !editing && (
        <div className="subject__tools">
          <p className="muted">Posted {formatDate(post.createdAt)}</p>
          {canEdit(post) && (
            <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>
              Edit
            </button>
          )}
          {confirming ? (
            <span className="confirm" role="group" aria-label="Delete this post?">
              <span>Delete this post?</span>
              <button type="button" className="button button--danger" onClick={remove}>
                Delete post
              </button>
              <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </span>
          ) : (
            <button type="button" className="button button--secondary" onClick={() => setConfirming(true)}>
              Delete
            </button>
          )}
        </div>
      )}
    </div>
  );
}

function ReplyBox({ post, onPosted }: { post: Post; onPosted: () => void }) {
  const { signedIn } = useAuth();
  if (!signedIn) return null;
  return <Composer mode={{ kind: 'reply', to: post }} onPosted={onPosted} />;
}

function Quotes({ id }: { id: string }) {
  const paged = usePaged<Post>((cursor) => posts.quotes(id, cursor), [id]);
  return <PostList paged={paged} label="Quotes" empty={<p>No quotes yet.</p>} />;
}

function Likers({ id }: { id: string }) {
  const paged = usePaged((cursor) => posts.likers(id, cursor), [id]);
  return <UserList paged={paged} label="Liked by" empty={<p>No likes yet.</p>} />;
}

function History({ id, editedAt }: { id: string; editedAt: string | null }) {
  const versions = useResource(() => posts.history(id), [id, editedAt]);
  if (versions.error !== undefined) return <ErrorNotice error={versions.error} onRetry={versions.reload} />;
  if (!versions.data) return <p className="loading">Loading…</p>;
  const list = [...versions.data].reverse();
  return (
    <ol className="history" aria-label="Versions, newest first">
      {list.map((v, i) => (
        <li key={`${v.createdAt}-${i}`} className="history__version">
          <p className="history__when">
            {i === 0 ? 'Current version' : i === list.length - 1 ? 'Original' : 'Edited'} · <time dateTime={v.createdAt}>{formatDate(v.createdAt)}</time>
          </p>
          <PostText text={v.content} />
        </li>
      ))}
    </ol>
  );
}
