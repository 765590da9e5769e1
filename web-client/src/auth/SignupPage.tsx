import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import * as auth from '../api/auth';
import { fieldMessage } from '../api/problems';
import { MAX_DISPLAY_NAME_LENGTH } from '../api/text';
import { ErrorNotice } from '../common/ErrorNotice';
import { useTitle } from '../common/useTitle';
import { useAuth } from './AuthContext';
import { Field } from './Field';
import './auth.css';

const USERNAME = /^[A-Za-z0-9_]{3,30}$/;

/** What the form can tell before asking the server (the same rules as docs/API.md "Validation rules"). */
export function signupProblems(input: { username: string; email: string; password: string; displayName: string }) {
  const problems: Record<string, string> = {};
  if (input.username && !USERNAME.test(input.username)) {
    problems.username = '3 to 30 letters, digits or underscores.';
  }
  if (input.email && !/^[^\s@]+@[^\s@]+$/.test(input.email)) {
    problems.email = 'Enter an email address like name@example.com.';
  }
  if (input.password && (input.password.length < 8 || input.password.length > 128)) {
    problems.password = '8 to 128 characters.';
  }
  if (Array.from(input.displayName).length > MAX_DISPLAY_NAME_LENGTH) {
    problems.displayName = `At most ${MAX_DISPLAY_NAME_LENGTH} characters.`;
  }
  return problems;
}

export function SignupPage() {
  useTitle('Sign up');
  const { logIn, signedIn } = useAuth();
  const navigate = useNavigate();
  const [form, setForm] = useState({ username: '', email: '', password: '', displayName: '' });
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  // once the account exists, trying again only logs in (a second registration would be 409)
  const [registered, setRegistered] = useState(false);
  const local = signupProblems(form);

  if (signedIn && !busy) return <Navigate to="/" replace />;

  const set = (field: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm((f) => ({ ...f, [field]: e.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const displayName = form.displayName.trim();
      if (!registered) {
        await auth.register({
          username: form.username,
          email: form.email.trim(),
          password: form.password,
          ...(displayName ? { displayName } : {}),
        });
        setRegistered(true);
      }
      await logIn(form.username, form.password);
      navigate('/', { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const ready = form.username && form.email && form.password && Object.keys(local).length === 0;
  return (
    <main className="auth">
      <div className="auth__card">
        <p className="auth__brand" aria-hidden="true">
          social
        </p>
        <h1>Sign up</h1>
        <form onSubmit={submit} noValidate>
          <Field
            label="Username"
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            hint="3 to 30 letters, digits or underscores."
            value={form.username}
            onChange={set('username')}
            readOnly={registered}
            error={local.username ?? fieldMessage(error, 'username')}
            required
          />
          <Field
            label="Email"
            name="email"
            type="email"
            autoComplete="email"
            value={form.email}
            onChange={set('email')}
            error={local.email ?? fieldMessage(error, 'email')}
            required
          />
          <Field
            label="Password"
            name="password"
            type="password"
            autoComplete="new-password"
            hint="At least 8 characters."
            value={form.password}
            onChange={set('password')}
            error={local.password ?? fieldMessage(error, 'password')}
            required
          />
          <Field
            label="Display name"
            name="displayName"
            autoComplete="nickname"
            hint="Optional: how your name is shown."
            value={form.displayName}
            onChange={set('displayName')}
            error={local.displayName ?? fieldMessage(error, 'displayName')}
          />
          {error !== undefined && (
            <ErrorNotice error={error} overrides={{ 409: 'That username or email is already taken.' }} />
          )}
          <button type="submit" className="button button--primary button--wide" disabled={busy || !ready}>
            Sign up
          </button>
        </form>
        <p className="auth__switch">
          Have an account? <Link to="/login">Log in</Link>
        </p>
      </div>
    </main>
  );
}
