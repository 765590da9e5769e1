import { useParams } from 'react-router';
import type { Post } from '../api/model';
import { tagPosts } from '../api/posts';
import { usePaged } from '../common/usePaged';
import { useTitle } from '../common/useTitle';
import { PostList } from '../posts/PostList';

export function TagPage() {
  const { tag = '' } = useParams();
  const name = tag.replace(/^#/, '').toLowerCase();
  useTitle(`#${name}`);
  const paged = usePaged<Post>((cursor) => tagPosts(name, cursor), [name]);
  return (
    <div>
      <h1 className="page-title">#{name}</h1>
      <PostList paged={paged} label={`Posts tagged #${name}`} empty={<p>No posts with #{name} yet.</p>} />
    </div>
  );
}
