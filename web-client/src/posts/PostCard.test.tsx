import { fireEvent, screen, waitFor } from '@testing-library/react';
import { expect, test, vi } from 'vitest';
import { noContent, problem } from '../test/fakeServer';
import { aPost } from '../test/posts';
import { renderScreen } from '../test/render';
import { PostCard } from './PostCard';

test('user text is text: markup and a javascript: address are shown, never run or linked', () => {
  const alert = vi.spyOn(window, 'alert').mockImplementation(() => {});
  const { container } = renderScreen(
    <PostCard post={aPost({ content: '<img src=x onerror=alert(1)> javascript:alert(2) <b>bold</b>' })} />,
  );
  expect(container.querySelector('img')).toBeNull();
  expect(container.querySelector('b')).toBeNull();
  expect(screen.getByText(/<img src=x onerror=alert\(1\)>/)).toBeTruthy();
  for (const link of container.querySelectorAll('a')) {
    expect(link.getAttribute('href')).not.toMatch(/^javascript:/i);
  }
  expect(alert).not.toHaveBeenCalled();
});

test('tags, mentions and web links become links; web links open outside without a referrer', () => {
  renderScreen(<PostCard post={aPost({ content: '#News from @alice at https://example.com' })} />);
  expect(screen.getByRole('link', { name: '#News' }).getAttribute('href')).toBe('/tags/news');
  expect(screen.getByRole('link', { name: '@alice' }).getAttribute('href')).toBe('/@alice');
  const web = screen.getByRole('link', { name: 'https://example.com' });
  expect(web.getAttribute('rel')).toContain('noopener');
  expect(web.getAttribute('rel')).toContain('noreferrer');
});

test('a repost shows who reposted and the original', () => {
  const original = aPost({ id: 'orig', content: 'the original words' });
  renderScreen(
    <PostCard post={aPost({ id: 'rp', content: '', author: { id: 'u-c', username: 'carol', displayName: 'Carol' }, repostOf: original })} />,
  );
  expect(screen.getByText(/reposted/).textContent).toContain('Carol reposted');
  expect(screen.getByText('the original words')).toBeTruthy();
});

test('a quote shows the quoted post inside it', () => {
  const quoted = aPost({ id: 'q', content: 'quoted words', author: { id: 'u-d', username: 'dan', displayName: 'Dan' } });
  renderScreen(<PostCard post={aPost({ content: 'my take', quoteOf: quoted })} />);
  expect(screen.getByText('my take')).toBeTruthy();
  expect(screen.getByText('quoted words')).toBeTruthy();
  expect(screen.getByRole('link', { name: /Dan/ }).getAttribute('href')).toBe('/posts/q');
});

test('Like is a toggle that shows at once and goes back when the server refuses', async () => {
  let post = aPost({ likeCount: 3 });
  const onChange = vi.fn((p) => {
    post = p;
  });
  const { server, rerender } = renderScreen(<PostCard post={post} onChange={onChange} />);
  server.on('PUT', '/api/posts/p1/like', () => problem(403, { code: 'BLOCKED' }));
  await waitFor(() => expect(server.seen.some((s) => s.path === '/api/users/me')).toBe(true));

  fireEvent.click(screen.getByRole('button', { name: 'Like' }));

  expect(onChange).toHaveBeenNthCalledWith(1, expect.objectContaining({ likedByMe: true, likeCount: 4 }));
  await waitFor(() => expect(onChange).toHaveBeenCalledTimes(2));
  expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ likedByMe: false, likeCount: 3 }));
  expect(await screen.findByText("You can't interact with this account.")).toBeTruthy();
  rerender(<></>);
});

test('the actions are named for what they do', async () => {
  const { server } = renderScreen(<PostCard post={aPost({ likedByMe: true })} />);
  server.on('DELETE', '/api/posts/p1/like', () => noContent());
  for (const name of ['Reply', 'Repost', 'Quote', 'Like', 'Bookmark']) {
    expect(screen.getByRole('button', { name })).toBeTruthy();
  }
  expect(screen.getByRole('button', { name: 'Like' }).getAttribute('aria-pressed')).toBe('true');
});
