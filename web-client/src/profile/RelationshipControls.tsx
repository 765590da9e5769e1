import { useId, useState } from 'react';
import type { Relationship, User } from '../api/model';
import { problemMessage } from '../api/problems';
import * as users from '../api/users';
import { ErrorNotice } from '../common/ErrorNotice';
import { useToast } from '../common/Toasts';
import { useResource } from '../common/useResource';

/** Follow (with notify), Block and Mute, from the caller's side of the relationship. */
export function RelationshipControls({ user, onChange }: { user: User; onChange: () => void }) {
  const relationship = useResource(() => users.relationship(user.id), [user.id]);
  const [busy, setBusy] = useState(false);
  const [notifyChoice, setNotifyChoice] = useState(false);
  const toast = useToast();
  const notifyId = useId();

  if (relationship.error !== undefined) {
    return <ErrorNotice error={relationship.error} onRetry={relationship.reload} what="Couldn't load your relationship." />;
  }
  const r = relationship.data;
  if (!r) return null;

  const act = (call: () => Promise<Relationship | void>, said?: string, countsChange = false) => async () => {
    setBusy(true);
    try {
      const next = await call();
      if (next) relationship.setData(next);
      else relationship.reload();
      if (said) toast(said);
      if (countsChange) onChange();
    } catch (e) {
      toast(problemMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const name = `@${user.username}`;
  return (
    <div className="relationship">
      {r.followedBy && <p className="relationship__badge">Follows you</p>}
      {r.blockedBy && <p className="relationship__note">{name} blocked you.</p>}
      {!r.blocking && !r.blockedBy && (
        <div className="relationship__follow">
          {r.following ? (
            <button type="button" className="button button--secondary" disabled={busy} onClick={act(() => users.unfollow(user.id), `You unfollowed ${name}.`, true)}>
              Unfollow
            </button>
          ) : (
            <button type="button" className="button button--primary" disabled={busy} onClick={act(() => users.follow(user.id, notifyChoice), `You follow ${name}.`, true)}>
              Follow
            </button>
          )}
          <label className="checkbox" htmlFor={notifyId}>
            <input
              id={notifyId}
              type="checkbox"
              checked={r.following ? r.notify : notifyChoice}
              disabled={busy}
              onChange={(e) => {
                const on = e.target.checked;
                if (r.following) void act(() => users.setNotify(user.id, on), on ? `You'll be notified of ${name}'s posts.` : undefined)();
                else setNotifyChoice(on);
              }}
            />
            Notify me of their posts
          </label>
        </div>
      )}
      <div className="relationship__more">
        {r.muting ? (
          <button type="button" className="button button--secondary" disabled={busy} onClick={act(() => users.unmute(user.id), `You unmuted ${name}.`)}>
            Unmute
          </button>
        ) : (
          <button type="button" className="button button--secondary" disabled={busy} onClick={act(() => users.mute(user.id), `You muted ${name}.`)}>
            Mute
          </button>
        )}
        {r.blocking ? (
          <button type="button" className="button button--secondary" disabled={busy} onClick={act(() => users.unblock(user.id), `You unblocked ${name}.`, true)}>
            Unblock
          </button>
        ) : (
          <button type="button" className="button button--danger" disabled={busy} onClick={act(() => users.block(user.id), `You blocked ${name}.`, true)}>
            Block
          </button>
        )}
      </div>
      {r.blocking && <p className="relationship__note">You blocked {name}: neither of you sees the other's posts.</p>}
    </div>
  );
}
