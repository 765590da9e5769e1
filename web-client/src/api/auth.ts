import { api, call, session } from './client';
import type { Tokens, User } from './model';

export async function register(input: { username: string; email: string; password: string; displayName?: string }) {
  return (await call(api.POST('/api/auth/register', { body: input }))) as User;
}

export async function logIn(username: string, password: string): Promise<void> {
  const tokens = (await call(api.POST('/api/auth/login', { body: { username, password } }))) as Tokens;
  session.start(tokens);
}

/** Ends the login on the server (best effort) and forgets it here whatever the answer. */
export async function logOut(): Promise<void> {
  const refreshToken = session.refreshToken();
  try {
    if (refreshToken !== null) {
      await call(api.POST('/api/auth/logout', { body: { refreshToken } }));
    }
  } catch {
    // the server may be down or the login already over: it is forgotten here all the same
  } finally {
    session.end('logout');
  }
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await call(api.PUT('/api/users/me/password', { body: { currentPassword, newPassword } }));
}

export async function deleteAccount(password: string): Promise<void> {
  await call(api.DELETE('/api/users/me', { body: { password } }));
  session.end('deleted');
}
