import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { AuthProvider } from '../auth/AuthContext';
import { ToastProvider } from '../common/Toasts';
import { fakeServer, json } from './fakeServer';

export const ME = { id: 'u-me', username: 'me', displayName: 'Me', bio: '', createdAt: '2026-01-01T00:00:00Z', followersCount: 0, followingCount: 0, postsCount: 0 };

/**
 * Renders a screen as the app does (router, toasts, the login), against a fake gateway; signed in
 * as ME unless told otherwise.
 */
export function renderScreen(ui: ReactElement, { signedIn = true, path = '/' } = {}) {
  const server = fakeServer().install();
  if (signedIn) {
    localStorage.setItem('social.refreshToken', 'refresh-0');
    server
      .on('POST', '/api/auth/refresh', () => json({ accessToken: 'access-1', refreshToken: 'refresh-1', tokenType: 'Bearer', expiresIn: 900 }))
      .on('GET', '/api/users/me', () => json(ME));
  }
  const result = render(
    <MemoryRouter initialEntries={[path]}>
      <ToastProvider>
        <AuthProvider>
          <Routes>
            <Route path="*" element={ui} />
            <Route path="/login" element={<p>login screen</p>} />
          </Routes>
        </AuthProvider>
      </ToastProvider>
    </MemoryRouter>,
  );
  return { ...result, server };
}
