import { useEffect, useId, useState, type FormEvent } from 'react';
import * as auth from '../api/auth';
import { fieldMessage } from '../api/problems';
import { MAX_BIO_LENGTH, MAX_DISPLAY_NAME_LENGTH, charactersLeft } from '../api/text';
import * as users from '../api/users';
import { useAuth } from '../auth/AuthContext';
import { Field } from '../auth/Field';
import { ErrorNotice } from '../common/ErrorNotice';
import { useToast } from '../common/Toasts';
import { UserList } from '../common/UserList';
import { usePaged } from '../common/usePaged';
import { useTitle } from '../common/useTitle';
import { problemMessage } from '../api/problems';
import './settings.css';

export function SettingsPage() {
  useTitle('Settings');
  return (
    <div className="settings">
      <h1 className="page-title">Settings</h1>
      <ProfileForm />
      <PasswordForm />
      <HiddenAccounts kind="blocks" />
      <HiddenAccounts kind="mutes" />
      <LogOut />
      <DeleteAccount />
    </div>
  );
}

const length = (s: string) => Array.from(s).length;

function ProfileForm() {
  const { me, setMe } = useAuth();
  const toast = useToast();
  const [displayName, setDisplayName] = useState('');
  const [bio, setBio] = useState('');
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const bioId = useId();

  useEffect(() => {
    if (me) {
      setDisplayName(me.displayName);
      setBio(me.bio ?? '');
    }
  }, [me]);

  const nameProblem =
    displayName.trim() === '' ? 'A display name is needed.' : length(displayName) > MAX_DISPLAY_NAME_LENGTH ? `At most ${MAX_DISPLAY_NAME_LENGTH} characters.` : undefined;
  const bioLeft = MAX_BIO_LENGTH - length(bio);

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      setMe(await users.updateMe({ displayName: displayName.trim(), bio }));
      toast('Your profile was saved.');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const unchanged = me !== null && displayName === me.displayName && bio === (me.bio ?? '');
  return (
    <section className="settings__section" aria-labelledby="settings-profile">
      <h2 id="settings-profile">Profile</h2>
      <form onSubmit={save} noValidate>
        <Field label="Display name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} error={nameProblem ?? fieldMessage(error, 'displayName')} disabled={!me} />
        <div className="field">
          <label htmlFor={bioId} className="field__label">
            Bio
          </label>
          <textarea id={bioId} className="field__input" rows={3} value={bio} onChange={(e) => setBio(e.target.value)} aria-describedby={`${bioId}-count`} aria-invalid={bioLeft < 0 ? true : undefined} disabled={!me} />
          <p id={`${bioId}-count`} className={`field__hint ${bioLeft < 0 ? 'field__error' : ''}`}>
            {charactersLeft(bioLeft)}
          </p>
        </div>
        {error !== undefined && <ErrorNotice error={error} onRetry={() => void save()} what="Not saved." />}
        <button type="submit" className="button button--primary" disabled={busy || !me || unchanged || nameProblem !== undefined || bioLeft < 0}>
          Save profile
        </button>
      </form>
    </section>
  );
}

function PasswordForm() {
  const toast = useToast();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const nextProblem = next && (next.length < 8 || next.length > 128) ? '8 to 128 characters.' : next && next === current ? 'Choose a password other than the current one.' : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await auth.changePassword(current, next);
      setCurrent('');
      setNext('');
      toast('Your password was changed. Every other login has ended.');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="settings__section" aria-labelledby="settings-password">
      <h2 id="settings-password">Password</h2>
      <form onSubmit={submit} noValidate>
        <Field label="Current password" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
        <Field label="New password" type="password" autoComplete="new-password" hint="At least 8 characters. Every other login ends." value={next} onChange={(e) => setNext(e.target.value)} error={nextProblem ?? fieldMessage(error, 'newPassword')} />
        {error !== undefined && <ErrorNotice error={error} overrides={{ INVALID_CREDENTIALS: 'The current password is not right.' }} />}
        <button type="submit" className="button button--primary" disabled={busy || !current || !next || nextProblem !== undefined}>
          Change password
        </button>
      </form>
    </section>
  );
}

function HiddenAccounts({ kind }: { kind: 'blocks' | 'mutes' }) {
  const toast = useToast();
  const paged = usePaged((cursor) => (kind === 'blocks' ? users.blocks(cursor) : users.mutes(cursor)), [kind]);
  const title = kind === 'blocks' ? 'Blocked accounts' : 'Muted accounts';
  const verb = kind === 'blocks' ? 'Unblock' : 'Unmute';
  return (
    <section className="settings__section" aria-labelledby={`settings-${kind}`}>
      <h2 id={`settings-${kind}`}>{title}</h2>
      <UserList
        paged={paged}
        label={`List of ${title.toLowerCase()}`}
        empty={<p className="muted">{kind === 'blocks' ? 'You block nobody.' : 'You mute nobody.'}</p>}
        action={(user) => (
          <button
            type="button"
            className="button button--small button--secondary"
            onClick={async () => {
              try {
                await (kind === 'blocks' ? users.unblock(user.id) : users.unmute(user.id));
                paged.update((items) => items.filter((u) => u.id !== user.id));
                toast(`${verb}ed @${user.username}.`);
              } catch (e) {
                toast(problemMessage(e));
              }
            }}
          >
            {verb} <span className="visually-hidden">@{user.username}</span>
          </button>
        )}
      />
    </section>
  );
}

function LogOut() {
  const { logOut } = useAuth();
  return (
    <section className="settings__section" aria-labelledby="settings-logout">
      <h2 id="settings-logout">Log out</h2>
      <p>Logging out forgets your login and drafts in this browser.</p>
      <button type="button" className="button button--secondary" onClick={() => void logOut()}>
        Log out
      </button>
    </section>
  );
}

function DeleteAccount() {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await auth.deleteAccount(password);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <section className="settings__section settings__section--danger" aria-labelledby="settings-delete">
      <h2 id="settings-delete">Delete account</h2>
      <p>Your profile, posts, likes, bookmarks, follows and notifications are removed for good. This cannot be undone.</p>
      <form onSubmit={submit} noValidate>
        <Field label="Password" type="password" autoComplete="current-password" hint="Enter your password to confirm." value={password} onChange={(e) => setPassword(e.target.value)} />
        {error !== undefined && <ErrorNotice error={error} overrides={{ INVALID_CREDENTIALS: 'That password is not right.' }} />}
        <button type="submit" className="button button--danger" disabled={busy || !password}>
          Delete account
        </button>
      </form>
    </section>
  );
}
