import { Link, NavLink, useParams } from 'react-router';
import type { Post, User } from '../api/model';
import { userPosts } from '../api/posts';
import * as users from '../api/users';
import { useAuth } from '../auth/AuthContext';
import { Avatar } from '../common/Avatar';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatDate } from '../common/RelativeTime';
import { UserList } from '../common/UserList';
import { profilePath } from '../common/UserLink';
import { usePaged } from '../common/usePaged';
import { useResource } from '../common/useResource';
import { useTitle } from '../common/useTitle';
import { NotFoundPage } from '../layout/NotFoundPage';
import { PostList } from '../posts/PostList';
import { RelationshipControls } from './RelationshipControls';
import './profile.css';

export type ProfileTab = 'posts' | 'followers' | 'following';

/** `/@username`, `/@username/followers`, `/@username/following`. */
export function ProfilePage({ tab }: { tab: ProfileTab }) {
  const { handle = '' } = useParams();
  if (!handle.startsWith('@') || handle.length < 2) return <NotFoundPage />;
  return <Profile username={handle.slice(1)} tab={tab} />;
}

function Profile({ username, tab }: { username: string; tab: ProfileTab }) {
  const user = useResource(() => users.lookUp(username), [username]);
  useTitle(user.data ? `${user.data.displayName} (@${user.data.username})` : `@${username}`);

  if (user.error !== undefined) {
    return (
      <div>
        <h1 className="page-title">@{username}</h1>
        <ErrorNotice error={user.error} onRetry={user.reload} overrides={{ NOT_FOUND: "This account doesn't exist." }} />
      </div>
    );
  }
  if (!user.data) return <p className="loading">Loading…</p>;
  return (
    <div className="profile">
      <ProfileHeader user={user.data} onChange={user.reload} />
      <nav className="subnav" aria-label="Profile sections">
        <NavLink end to={profilePath(user.data.username)} className="subnav__link">
          Posts
        </NavLink>
        <NavLink to={`${profilePath(user.data.username)}/following`} className="subnav__link">
          Following
        </NavLink>
        <NavLink to={`${profilePath(user.data.username)}/followers`} className="subnav__link">
          Followers
        </NavLink>
      </nav>
      {tab === 'posts' && <Posts user={user.data} />}
      {tab === 'followers' && <Followers user={user.data} />}
      {tab === 'following' && <Following user={user.data} />}
    </div>
  );
}

function ProfileHeader({ user, onChange }: { user: User; onChange: () => void }) {
  const { me, signedIn } = useAuth();
  const self = me?.id === user.id;
  const base = profilePath(user.username);
  return (
    <header className="profile__header">
      <Avatar user={user} size="lg" />
      <div className="profile__who">
        <h1 className="profile__name">{user.displayName}</h1>
        <p className="profile__handle">@{user.username}</p>
      </div>
      {user.bio && <p className="profile__bio">{user.bio}</p>}
      <p className="profile__joined muted">Joined {formatDate(user.createdAt)}</p>
      <p className="profile__counts">
        <span>
          <strong>{user.postsCount}</strong> posts
        </span>
        <Link to={`${base}/following`}>
          <strong>{user.followingCount}</strong> following
        </Link>
        <Link to={`${base}/followers`}>
          <strong>{user.followersCount}</strong> followers
        </Link>
      </p>
      {self ? (
        <Link to="/settings" className="button button--secondary">
          Edit profile
        </Link>
      ) : (
        signedIn && <RelationshipControls user={user} onChange={onChange} />
      )}
    </header>
  );
}

function Posts({ user }: { user: User }) {
  const paged = usePaged<Post>((cursor) => userPosts(user.id, cursor), [user.id]);
  return <PostList paged={paged} label={`Posts by @${user.username}`} empty={<p>No posts yet.</p>} />;
}

function Followers({ user }: { user: User }) {
  const paged = usePaged((cursor) => users.followers(user.id, cursor), [user.id]);
  return <UserList paged={paged} label={`Followers of @${user.username}`} empty={<p>No followers yet.</p>} />;
}

function Following({ user }: { user: User }) {
  const paged = usePaged((cursor) => users.following(user.id, cursor), [user.id]);
  return <UserList paged={paged} label={`Followed by @${user.username}`} empty={<p>Not following anyone yet.</p>} />;
}
