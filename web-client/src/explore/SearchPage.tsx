import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Post } from '../api/model';
import { searchPosts } from '../api/posts';
import { searchUsers } from '../api/users';
import { Tabs } from '../common/Tabs';
import { UserList } from '../common/UserList';
import { usePaged } from '../common/usePaged';
import { useTitle } from '../common/useTitle';
import { PostList } from '../posts/PostList';
import { SearchForm } from './SearchForm';

export function SearchPage() {
  const [params] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  useTitle(q ? `Search: ${q}` : 'Search');
  const [tab, setTab] = useState('posts');
  return (
    <div className="search">
      <h1 className="page-title">Search</h1>
      <SearchForm key={q} />
      {q ? (
        <Tabs
          tabs={[
            { id: 'posts', label: 'Posts' },
            { id: 'people', label: 'People' },
          ]}
          selected={tab}
          onSelect={setTab}
          label="Results"
        >
          {tab === 'posts' ? <PostResults q={q} /> : <PeopleResults q={q.replace(/^@/, '')} />}
        </Tabs>
      ) : (
        <p className="muted">Search posts by words, #tags and @mentions, or people by name.</p>
      )}
    </div>
  );
}

function PostResults({ q }: { q: string }) {
  const paged = usePaged<Post>((cursor) => searchPosts(q, cursor), [q]);
  return <PostList paged={paged} label={`Posts matching ${q}`} empty={<p>No posts match “{q}”.</p>} />;
}

function PeopleResults({ q }: { q: string }) {
  // people search pages by its own limit: one page of the best matches
  const paged = usePaged((cursor) => (cursor ? Promise.resolve({ items: [], nextCursor: null }) : searchUsers(q, 30)), [q]);
  return <UserList paged={paged} label={`People matching ${q}`} empty={<p>Nobody matches “{q}”.</p>} />;
}
