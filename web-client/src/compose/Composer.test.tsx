import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, test, vi } from 'vitest';
import { json, problem } from '../test/fakeServer';
import { aPost } from '../test/posts';
import { renderScreen } from '../test/render';
import { Composer } from './Composer';

const box = () => screen.getByLabelText("What's happening?") as HTMLTextAreaElement;
const postButton = () => screen.getByRole('button', { name: 'Post' }) as HTMLButtonElement;
const counter = () => document.getElementById(box().getAttribute('aria-describedby')!)!.textContent;
const type = (text: string) => fireEvent.change(box(), { target: { value: text, selectionStart: text.length } });

describe('the post box', () => {
  test('counts 280 code points as the server does and refuses one more', () => {
    renderScreen(<Composer mode={{ kind: 'post' }} />);
    type('😀'.repeat(280));
    expect(counter()).toBe('0 characters left');
    expect(postButton().disabled).toBe(false);

    type('😀'.repeat(281));
    expect(counter()).toBe('1 character too many');
    expect(postButton().disabled).toBe(true);
  });

  test('an empty or blank post cannot be sent', () => {
    renderScreen(<Composer mode={{ kind: 'post' }} />);
    expect(postButton().disabled).toBe(true);
    type('   \u200b ');
    expect(postButton().disabled).toBe(true);
  });

  test('more than 10 hashtags is refused before the server would', () => {
    renderScreen(<Composer mode={{ kind: 'post' }} />);
    type(Array.from({ length: 11 }, (_, i) => `#t${i}`).join(' '));
    expect(screen.getByText('At most 10 hashtags.')).toBeTruthy();
    expect(postButton().disabled).toBe(true);
  });

  test('a retry after a 503 sends the same Idempotency-Key and keeps the text until it worked', async () => {
    const onPosted = vi.fn();
    const { server } = renderScreen(<Composer mode={{ kind: 'post' }} onPosted={onPosted} />);
    server
      .on('POST', '/api/posts', () => problem(503, { code: 'SERVICE_UNAVAILABLE' }), 1)
      .on('POST', '/api/posts', () => json(aPost({ content: 'first words' }), 201));
    type('first words');

    fireEvent.click(postButton());
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The service is unavailable right now.');
    expect(box().value).toBe('first words');

    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(onPosted).toHaveBeenCalled());

    const keys = server.seen.filter((s) => s.path === '/api/posts').map((s) => s.headers.get('Idempotency-Key'));
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBeTruthy();
    expect(keys[1]).toBe(keys[0]);
    expect(box().value).toBe('');
  });

  test('the next post gets a new Idempotency-Key', async () => {
    const { server } = renderScreen(<Composer mode={{ kind: 'post' }} />);
    server.on('POST', '/api/posts', () => json(aPost(), 201));
    type('one');
    fireEvent.click(postButton());
    await waitFor(() => expect(box().value).toBe(''));
    type('two');
    fireEvent.click(postButton());
    await waitFor(() => expect(server.seen.filter((s) => s.path === '/api/posts')).toHaveLength(2));
    const [a, b] = server.seen.filter((s) => s.path === '/api/posts').map((s) => s.headers.get('Idempotency-Key'));
    expect(a).not.toBe(b);
  });

  test('suggests people for @ and completes the choice from the keyboard', async () => {
    const { server } = renderScreen(<Composer mode={{ kind: 'post' }} />);
    server.on('GET', '/api/users/search', () =>
      json({ items: [{ id: '1', username: 'alice', displayName: 'Alice' }, { id: '2', username: 'alfred', displayName: 'Alfred' }], nextCursor: null }),
    );
    box().focus();
    type('hi @al');

    const options = await screen.findAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['Alice@alice', 'Alfred@alfred']);
    expect(box().getAttribute('aria-activedescendant')).toBe(options[0]!.id);

    fireEvent.keyDown(box(), { key: 'ArrowDown' });
    expect(box().getAttribute('aria-activedescendant')).toBe(options[1]!.id);
    await act(async () => {
      fireEvent.keyDown(box(), { key: 'Enter' });
    });
    expect(box().value).toBe('hi @alfred ');
    expect(server.seen.find((s) => s.path === '/api/users/search')?.search).toContain('q=al');
  });

  test('suggests tags for #', async () => {
    const { server } = renderScreen(<Composer mode={{ kind: 'post' }} />);
    server.on('GET', '/api/hashtags/search', () => json([{ tag: 'java', posts: 12, authors: 3 }]));
    box().focus();
    type('#ja');
    const option = await screen.findByRole('option');
    expect(option.textContent).toContain('#java');
    fireEvent.keyDown(box(), { key: 'Escape' });
    expect(screen.queryByRole('option')).toBeNull();
  });
});

test('a reply is sent with the id it replies to and named Reply', async () => {
  const parent = aPost({ id: 'parent' });
  const { server } = renderScreen(<Composer mode={{ kind: 'reply', to: parent }} />);
  server.on('POST', '/api/posts', () => json(aPost(), 201));
  fireEvent.change(screen.getByLabelText('Your reply'), { target: { value: 'agreed' } });
  fireEvent.click(screen.getByRole('button', { name: 'Reply' }));
  await waitFor(() => expect(server.seen.find((s) => s.path === '/api/posts')?.body).toEqual({ content: 'agreed', replyToId: 'parent' }));
});
