import { fireEvent, screen, waitFor } from '@testing-library/react';
import { expect, test } from 'vitest';
import { json } from '../test/fakeServer';
import { aPost } from '../test/posts';
import { renderScreen } from '../test/render';
import { HomePage } from './HomePage';

test('newer posts wait behind a banner instead of moving the list, and show on demand', async () => {
  const older = aPost({ id: 'p1', content: 'the first post' });
  const newer = aPost({ id: 'p2', content: 'a newer post' });
  let latest = [older];
  const { server } = renderScreen(<HomePage />);
  server.on('GET', '/api/timeline', () => json({ items: latest, nextCursor: null }));
  await screen.findByText('the first post');

  latest = [newer, older];
  window.dispatchEvent(new Event('focus'));

  const banner = await screen.findByRole('button', { name: 'Show 1 new post' });
  expect(screen.queryByText('a newer post')).toBeNull();
  fireEvent.click(banner);
  await screen.findByText('a newer post');
  const texts = Array.from(document.querySelectorAll('article .post__text')).map((p) => p.textContent);
  expect(texts).toEqual(['a newer post', 'the first post']);
  await waitFor(() => expect(screen.queryByRole('button', { name: /new post/ })).toBeNull());
});

test('the first page is marked as painted, for the browser test to time', async () => {
  performance.clearMarks();
  const { server } = renderScreen(<HomePage />);
  server.on('GET', '/api/timeline', () => json({ items: [aPost()], nextCursor: null }));
  await screen.findByText('hello');
  await waitFor(() => expect(performance.getEntriesByName('home-timeline-painted')).toHaveLength(1));
});
