import { useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { ErrorNotice } from '../common/ErrorNotice';
import { useTitle } from '../common/useTitle';
import { useAuth } from './AuthContext';
import { Field } from './Field';
import './auth.css';

const endedWords = {
  logout: 'You are logged out.',
  expired: 'Your session has ended. Please log in again.',
  deleted: 'Your account has been deleted.',
} as const;

export function LoginPage() {
  useTitle('Log in');
  const { logIn, signedIn, ended } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  if (signedIn && !busy) {
    return <Navigate to={from} replace />;
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await logIn(username.trim(), password);
      navigate(from, { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="auth">
      <div className="auth__card">
        <p className="auth__brand" aria-hidden="true">
          social
        </p>
        <h1>Log in</h1>
        {ended && !error && (
          <p className="notice" role="status">
            {endedWords[ended]}
          </p>
        )}
        <form onSubmit={submit} noValidate>
          <Field
            label="Username"
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
          <Field
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
          {error !== undefined && (
            <ErrorNotice error={error} overrides={{ 401: 'Wrong username or password.' }} />
          )}
          <button type="submit" className="button button--primary button--wide" disabled={busy || !username || !password}>
            Log in
          </button>
        </form>
        <p className="auth__switch">
          New here? <Link to="/signup">Create an account</Link>
        </p>
      </div>
    </main>
  );
}
