import { beforeEach, describe, expect, test, vi } from 'vitest';
import { call, createApi } from './client';
import { ApiError, NetworkError } from './problems';
import { fakeServer, json, noContent, problem } from '../test/fakeServer';

const BASE = 'http://app.test';
const tokens = (n: number) => ({ accessToken: `access-${n}`, refreshToken: `refresh-${n}`, tokenType: 'Bearer', expiresIn: 900 });

function setUp(server = fakeServer()) {
  const sleep = vi.fn(async () => {});
  const app = createApi({ baseUrl: BASE, fetch: server.fetch, storage: localStorage, sleep });
  return { ...app, server, sleep };
}

const me = (api: ReturnType<typeof setUp>['client']) => call(api.GET('/api/users/me'));
const bearer = (seen: { headers: Headers }) => seen.headers.get('Authorization');

beforeEach(() => localStorage.clear());

describe('the access token', () => {
  test('goes with every API call in the Authorization header, never in the URL', async () => {
    const { client, session, server } = setUp();
    server.on('GET', '/api/users/me', () => json({ id: '1' }));
    session.start(tokens(1));

    await me(client);

    expect(bearer(server.seen[0]!)).toBe('Bearer access-1');
    expect(server.seen[0]!.search).toBe('');
  });

  test('after a reload (only the refresh token is kept) is refreshed first', async () => {
    localStorage.setItem('social.refreshToken', 'refresh-0');
    const { client, server } = setUp();
    server.on('POST', '/api/auth/refresh', () => json(tokens(1))).on('GET', '/api/users/me', () => json({ id: '1' }));

    await me(client);

    expect(server.seen.map((s) => s.path)).toEqual(['/api/auth/refresh', '/api/users/me']);
    expect(server.seen[0]!.body).toEqual({ refreshToken: 'refresh-0' });
    expect(bearer(server.seen[1]!)).toBe('Bearer access-1');
    expect(localStorage.getItem('social.refreshToken')).toBe('refresh-1');
  });

  test('a refresh refused as too many (429) keeps the login and says when to try again', async () => {
    localStorage.setItem('social.refreshToken', 'refresh-0');
    const { client, server } = setUp();
    server.on('POST', '/api/auth/refresh', () => problem(429, { code: 'RATE_LIMITED' }, { 'Retry-After': '120' }));

    const failure = await me(client).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).status).toBe(429);
    expect((failure as ApiError).retryAfter).toBe(120);
    expect(localStorage.getItem('social.refreshToken')).toBe('refresh-0');
  });

  test('refused with 401 is refreshed once and the call sent again, its body too', async () => {
    const { client, session, server } = setUp();
    server
      .on('POST', '/api/posts', () => problem(401), 1)
      .on('POST', '/api/posts', () => json({ id: 'p' }, 201))
      .on('POST', '/api/auth/refresh', () => json(tokens(2)));
    session.start(tokens(1));

    const post = await call(client.POST('/api/posts', { body: { content: 'hello' } }));

    expect(post).toEqual({ id: 'p' });
    const posts = server.seen.filter((s) => s.path === '/api/posts');
    expect(posts.map(bearer)).toEqual(['Bearer access-1', 'Bearer access-2']);
    expect(posts[1]!.body).toEqual({ content: 'hello' });
  });

  test('concurrent 401s share one refresh', async () => {
    const { client, session, server } = setUp();
    let refreshes = 0;
    server
      .on('GET', '/api/users/me', (r) => (bearer(r) === 'Bearer access-1' ? problem(401) : json({ id: '1' })))
      .on('POST', '/api/auth/refresh', async () => {
        refreshes++;
        await new Promise((resolve) => setTimeout(resolve, 5));
        return json(tokens(2));
      });
    session.start(tokens(1));

    await Promise.all([me(client), me(client), me(client)]);

    expect(refreshes).toBe(1);
  });

  test('a refused refresh ends the session: the refresh token is forgotten and listeners are told', async () => {
    const { client, session, server } = setUp();
    server.on('GET', '/api/users/me', () => problem(401)).on('POST', '/api/auth/refresh', () => problem(401));
    const events: unknown[] = [];
    session.subscribe((e) => events.push(e));
    session.start(tokens(1));

    await expect(me(client)).rejects.toMatchObject({ status: 401 });

    expect(session.hasLogin()).toBe(false);
    expect(localStorage.getItem('social.refreshToken')).toBeNull();
    expect(events).toEqual([{ signedIn: true }, { signedIn: false, reason: 'expired' }]);
  });

  test('logging in is sent without a token, and its 401 is an answer, not a refresh', async () => {
    const { client, session, server } = setUp();
    server.on('POST', '/api/auth/login', () => problem(401, { code: 'INVALID_CREDENTIALS' }));
    session.start(tokens(1));

    await expect(call(client.POST('/api/auth/login', { body: { username: 'a', password: 'b' } }))).rejects.toMatchObject({
      status: 401,
      code: 'INVALID_CREDENTIALS',
    });

    expect(server.seen).toHaveLength(1);
    expect(bearer(server.seen[0]!)).toBeNull();
  });
});

describe('429', () => {
  test('waits the Retry-After it was told, then tries again', async () => {
    const { client, server, sleep } = setUp();
    server.on('GET', '/api/users/search', () => problem(429, {}, { 'Retry-After': '2' }), 1).on('GET', '/api/users/search', () => json({ items: [], nextCursor: null }));

    await call(client.GET('/api/users/search', { params: { query: { q: 'a' } } }));

    expect(sleep).toHaveBeenCalledWith(2000);
    expect(server.seen).toHaveLength(2);
  });

  test('a long wait is not taken silently: the error says how long', async () => {
    const { client, server, sleep } = setUp();
    server.on('POST', '/api/auth/login', () => problem(429, { code: 'RATE_LIMITED' }, { 'Retry-After': '840' }));

    const error = await call(client.POST('/api/auth/login', { body: { username: 'a', password: 'b' } })).catch((e: unknown) => e);

    expect(sleep).not.toHaveBeenCalled();
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).retryAfter).toBe(840);
  });
});

test('a problem becomes an ApiError with its status, code and field errors', async () => {
  const { client, server } = setUp();
  server.on('POST', '/api/auth/register', () =>
    problem(400, { code: 'VALIDATION_FAILED', errors: [{ field: 'username', message: 'too short' }] }),
  );

  const error = (await call(
    client.POST('/api/auth/register', { body: { username: 'a', email: 'a@b.c', password: 'long enough' } }),
  ).catch((e: unknown) => e)) as ApiError;

  expect(error.status).toBe(400);
  expect(error.code).toBe('VALIDATION_FAILED');
  expect(error.fieldErrors).toEqual([{ field: 'username', message: 'too short' }]);
});

test('no answer at all is a NetworkError that may be tried again', async () => {
  const { client } = createApiWithFetch(() => Promise.reject(new TypeError('Failed to fetch')));
  const error = await me(client).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(NetworkError);
  expect((error as ApiError).retryable).toBe(true);
});

test('204 answers nothing and is no error', async () => {
  const { client, session, server } = setUp();
  server.on('PUT', '/api/posts/p/like', () => noContent());
  session.start(tokens(1));
  await expect(call(client.PUT('/api/posts/{id}/like', { params: { path: { id: 'p' } } }))).resolves.toBeUndefined();
});

function createApiWithFetch(fetch: (request: Request) => Promise<Response>) {
  return createApi({ baseUrl: BASE, fetch, storage: localStorage });
}

test('logging out in another tab ends the login here too', () => {
  const { session } = setUp();
  session.start(tokens(1));
  const events: unknown[] = [];
  session.subscribe((e) => events.push(e));
  const unwatch = session.watch(window);

  // the other tab removed the shared refresh token; this tab hears of it
  localStorage.removeItem('social.refreshToken');
  window.dispatchEvent(new StorageEvent('storage', { key: 'social.refreshToken', oldValue: 'refresh-1', newValue: null }));

  expect(session.hasLogin()).toBe(false);
  expect(events).toEqual([{ signedIn: false, reason: 'logout' }]);
  unwatch();
});
