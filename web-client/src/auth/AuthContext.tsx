import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import * as auth from '../api/auth';
import { session } from '../api/client';
import type { User } from '../api/model';
import { ApiError } from '../api/problems';
import * as users from '../api/users';
import type { SessionEnd } from '../api/session';

interface AuthState {
  /** The signed-in user, once known (a login restored after a reload is known a moment later). */
  me: User | null;
  signedIn: boolean;
  /** Why the last login ended, to say so on the login screen. */
  ended: SessionEnd | null;
  logIn: (username: string, password: string) => Promise<void>;
  logOut: () => Promise<void>;
  setMe: (user: User) => void;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const [signedIn, setSignedIn] = useState(() => session.hasLogin());
  const [me, setMe] = useState<User | null>(null);
  const [ended, setEnded] = useState<SessionEnd | null>(null);

  const loadMe = useCallback(() => {
    users.me().then(setMe, (e: unknown) => {
      // a 401 ends the session (the listener below); anything else is tried again shortly
      if (!(e instanceof ApiError && e.status === 401)) setTimeout(loadMe, 3000);
    });
  }, []);

  useEffect(() => {
    const unwatch = session.watch(window);
    const unsubscribe = session.subscribe((event) => {
      setSignedIn(event.signedIn);
      if (!event.signedIn) {
        setMe(null);
        setEnded(event.reason ?? null);
        navigate('/login', { replace: true });
      } else {
        setEnded(null);
      }
    });
    return () => {
      unwatch();
      unsubscribe();
    };
  }, [navigate]);

  useEffect(() => {
    if (signedIn && me === null) loadMe();
  }, [signedIn, me, loadMe]);

  const logIn = useCallback(async (username: string, password: string) => {
    await auth.logIn(username, password);
  }, []);
  const logOut = useCallback(() => auth.logOut(), []);

  const value = useMemo<AuthState>(
    () => ({ me, signedIn, ended, logIn, logOut, setMe }),
    [me, signedIn, ended, logIn, logOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (state === null) throw new Error('useAuth outside AuthProvider');
  return state;
}
