import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { AuthProvider } from './auth/AuthContext';
import { LoginPage } from './auth/LoginPage';
import { RequireAuth } from './auth/RequireAuth';
import { SignupPage } from './auth/SignupPage';
import { ToastProvider } from './common/Toasts';
import { NotFoundPage } from './layout/NotFoundPage';
import { Shell } from './layout/Shell';
import { NotificationsProvider } from './notifications/NotificationsContext';
import { HomePage } from './timeline/HomePage';

// Home and the login are in the first bundle; every other screen loads when first visited.
const PostPage = lazy(async () => ({ default: (await import('./posts/PostPage')).PostPage }));
const ProfilePage = lazy(async () => ({ default: (await import('./profile/ProfilePage')).ProfilePage }));
const NotificationsPage = lazy(async () => ({ default: (await import('./notifications/NotificationsPage')).NotificationsPage }));
const ExplorePage = lazy(async () => ({ default: (await import('./explore/ExplorePage')).ExplorePage }));
const SearchPage = lazy(async () => ({ default: (await import('./explore/SearchPage')).SearchPage }));
const TagPage = lazy(async () => ({ default: (await import('./explore/TagPage')).TagPage }));
const BookmarksPage = lazy(async () => ({ default: (await import('./bookmarks/BookmarksPage')).BookmarksPage }));
const SettingsPage = lazy(async () => ({ default: (await import('./settings/SettingsPage')).SettingsPage }));

/** Every screen has a URL (docs: shared/API.md, "The web client"). */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/signup" element={<SignupPage />} />
      <Route element={<Shell />}>
        <Route index element={<RequireAuth><HomePage /></RequireAuth>} />
        <Route path="/notifications" element={<RequireAuth><NotificationsPage /></RequireAuth>} />
        <Route path="/bookmarks" element={<RequireAuth><BookmarksPage /></RequireAuth>} />
        <Route path="/settings" element={<RequireAuth><SettingsPage /></RequireAuth>} />
        <Route path="/posts/:id" element={<PostPage />} />
        <Route path="/tags/:tag" element={<TagPage />} />
        <Route path="/search" element={<SearchPage />} />
        <Route path="/explore" element={<ExplorePage />} />
        <Route path="/:handle" element={<ProfilePage tab="posts" />} />
        <Route path="/:handle/followers" element={<ProfilePage tab="followers" />} />
        <Route path="/:handle/following" element={<ProfilePage tab="following" />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

export function App() {
  return (
    <ToastProvider>
      <AuthProvider>
        <NotificationsProvider>
          <Suspense fallback={<p className="loading">Loading…</p>}>
            <AppRoutes />
          </Suspense>
        </NotificationsProvider>
      </AuthProvider>
    </ToastProvider>
  );
}
