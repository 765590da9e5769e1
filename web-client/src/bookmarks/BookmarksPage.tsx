import type { Post } from '../api/model';
import { bookmarks } from '../api/posts';
import { usePaged } from '../common/usePaged';
import { useTitle } from '../common/useTitle';
import { PostList } from '../posts/PostList';

export function BookmarksPage() {
  useTitle('Bookmarks');
  const paged = usePaged<Post>((cursor) => bookmarks(cursor), []);
  return (
    <div>
      <h1 className="page-title">Bookmarks</h1>
      <PostList paged={paged} label="Your bookmarks" empty={<p>Nothing bookmarked yet. Bookmark a post to find it here; nobody else sees your bookmarks.</p>} />
    </div>
  );
}
