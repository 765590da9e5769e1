import { Suspense } from 'react';
import { Link, NavLink, Outlet } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { Icon, type IconName } from '../common/Icon';
import { profilePath } from '../common/UserLink';
import { SearchForm } from '../explore/SearchForm';
import { Trending } from '../explore/Trending';
import { useNotifications } from '../notifications/NotificationsContext';
import './shell.css';

/** The frame of every screen: navigation (a side bar, or a bottom bar on a phone), the screen, and a side column. */
export function Shell() {
  const { signedIn, me, logOut } = useAuth();
  const { unread } = useNotifications();
  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="shell__nav">
        <Link to="/" className="shell__brand">
          social
        </Link>
        <nav aria-label="Main">
          <ul className={`nav ${signedIn ? '' : 'nav--labelled'}`}>
            {signedIn ? (
              <>
                <NavItem to="/" icon="home" label="Home" end />
                <NavItem to="/explore" icon="explore" label="Explore" />
                <NavItem to="/notifications" icon="bell" label="Notifications" badge={unread} />
                <NavItem to="/bookmarks" icon="bookmark" label="Bookmarks" />
                <NavItem to={me ? profilePath(me.username) : '/settings'} icon="user" label="Profile" />
                <NavItem to="/settings" icon="settings" label="Settings" />
              </>
            ) : (
              <>
                <NavItem to="/explore" icon="explore" label="Explore" />
                <NavItem to="/login" icon="user" label="Log in" />
                <NavItem to="/signup" icon="pen" label="Sign up" />
              </>
            )}
          </ul>
        </nav>
        {signedIn && (
          <div className="shell__account">
            {me && (
              <p className="shell__me">
                <span className="shell__me-name">{me.displayName}</span> <span className="muted">@{me.username}</span>
              </p>
            )}
            <button type="button" className="button button--secondary shell__logout" onClick={() => void logOut()}>
              <Icon name="logout" /> Log out
            </button>
          </div>
        )}
      </header>
      <main id="main" className="shell__main" tabIndex={-1}>
        <Suspense fallback={<p className="loading">Loading…</p>}>
          <Outlet />
        </Suspense>
      </main>
      <aside className="shell__aside" aria-label="Search and trends">
        <SearchForm compact />
        <Trending window="24h" limit={5} title="Trending today" />
      </aside>
    </div>
  );
}

function NavItem({ to, icon, label, badge, end }: { to: string; icon: IconName; label: string; badge?: number; end?: boolean }) {
  return (
    <li>
      <NavLink to={to} end={end} className="nav__link">
        <Icon name={icon} />
        <span className="nav__label">{label}</span>
        {badge !== undefined && badge > 0 && (
          <span className="badge">
            {badge > 99 ? '99+' : badge}
            <span className="visually-hidden"> unread</span>
          </span>
        )}
      </NavLink>
    </li>
  );
}
