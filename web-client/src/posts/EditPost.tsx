import { useId, useState, type FormEvent } from 'react';
import type { Post } from '../api/model';
import { editPost } from '../api/posts';
import { MAX_POST_LENGTH, charactersLeft, isVisiblyEmpty, postLength } from '../api/text';
import { ErrorNotice } from '../common/ErrorNotice';
import { composeProblem } from '../compose/Composer';

/** docs/API.md "Limits": a post can be edited within 60 minutes of its creation. */
export const EDIT_WINDOW_MS = 60 * 60 * 1000;

export function canEdit(post: Post, now = Date.now()): boolean {
  return post.repostOf === null && now - Date.parse(post.createdAt) < EDIT_WINDOW_MS;
}

export function EditPost({ post, onSaved, onCancel }: { post: Post; onSaved: (p: Post) => void; onCancel: () => void }) {
  const [text, setText] = useState(post.content);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const id = useId();
  const problem = composeProblem(text);
  const remaining = MAX_POST_LENGTH - postLength(text);

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onSaved(await editPost(post.id, text));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="composer composer--edit" onSubmit={save}>
      <label htmlFor={id} className="composer__label">
        Edit your post
      </label>
      <textarea id={id} className="composer__text" value={text} rows={4} autoFocus onChange={(e) => setText(e.target.value)} aria-describedby={`${id}-counter`} />
      <div className="composer__footer">
        <span id={`${id}-counter`} className={`composer__counter ${remaining < 0 ? 'composer__counter--over' : ''}`}>
          {charactersLeft(remaining)}
        </span>
        {problem && remaining >= 0 && <span className="composer__problem">{problem}</span>}
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={busy || problem !== null || isVisiblyEmpty(text) || text === post.content}>
          Save
        </button>
      </div>
      {error !== undefined && <ErrorNotice error={error} onRetry={() => void save()} what="Not saved." />}
    </form>
  );
}
