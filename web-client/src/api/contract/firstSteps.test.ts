// @vitest-environment node
import { expect, test } from 'vitest';
import { firstSteps } from './firstSteps';

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

/** A server that answers each request by its method and path, and records what it was sent. */
function server(answers: Record<string, Answer | Answer[]>) {
  const sent: { key: string; authorization: string | null; body: string }[] = [];
  const fetch = async (request: Request) => {
    const url = new URL(request.url);
    const key = `${request.method} ${url.pathname}${url.search}`;
    sent.push({ key, authorization: request.headers.get('Authorization'), body: await request.text() });
    const found = answers[key] ?? answers[`${request.method} ${url.pathname}`];
    const answer = Array.isArray(found) ? found.shift() : found;
    if (answer === undefined) {
      throw new Error(`unexpected ${key}`);
    }
    const json = answer.status >= 400 ? 'application/problem+json' : 'application/json';
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'Content-Type': json, ...answer.headers },
    });
  };
  return { fetch, sent };
}

const post = (id: string) => ({ id, content: id, author: { id: 'u1', username: 'ann', displayName: 'Ann' } });
const problem = (status: number, code: string, errors?: unknown[]) => ({
  type: 'about:blank',
  title: 'x',
  status,
  detail: 'x',
  code,
  errors,
});
const account = { username: 'ann', email: 'ann@example.com', password: 'a long password' };

test('registers, logs in, posts and pages the timeline to its end, signed in after the login', async () => {
  const { fetch, sent } = server({
    'POST /api/auth/register': { status: 201, body: { id: 'u1' } },
    'POST /api/auth/login': { status: 200, body: { accessToken: 'token-1', refreshToken: 'r', tokenType: 'Bearer', expiresIn: 900 } },
    'GET /api/users/me': { status: 200, body: { id: 'u1', username: 'ann' } },
    'POST /api/posts': { status: 201, body: post('p3') },
    'GET /api/timeline?limit=50': { status: 200, body: { items: [post('p3'), post('p2')], nextCursor: 'c1' } },
    'GET /api/timeline?limit=50&cursor=c1': {
      status: 200,
      body: { items: [post('p1')], nextCursor: null },
      headers: { 'RateLimit-Remaining': '96' },
    },
  });

  const outcome = await firstSteps('http://api.test', account, 'hello', fetch);

  expect(outcome).toMatchObject({ ok: true, userId: 'u1', postId: 'p3', requestsLeft: 96 });
  expect(outcome.ok && outcome.timeline.map((p) => p.id)).toEqual(['p3', 'p2', 'p1']);
  expect(sent.map((request) => request.authorization)).toEqual([
    null,
    null,
    'Bearer token-1',
    'Bearer token-1',
    'Bearer token-1',
    'Bearer token-1',
  ]);
  expect(JSON.parse(sent[3]!.body)).toEqual({ content: 'hello' });
});

test('a taken username goes on to log in; a wrong password stops with its message', async () => {
  const { fetch } = server({
    'POST /api/auth/register': { status: 409, body: problem(409, 'USERNAME_TAKEN') },
    'POST /api/auth/login': { status: 401, body: problem(401, 'INVALID_CREDENTIALS') },
  });

  const outcome = await firstSteps('http://api.test', account, 'hello', fetch);

  expect(outcome).toMatchObject({ ok: false, step: 'log in', message: 'Wrong username or password.' });
});

test('a refused post names the fields that break a rule', async () => {
  const { fetch } = server({
    'POST /api/auth/register': { status: 201, body: { id: 'u1' } },
    'POST /api/auth/login': { status: 200, body: { accessToken: 't', refreshToken: 'r', tokenType: 'Bearer', expiresIn: 900 } },
    'GET /api/users/me': { status: 200, body: { id: 'u1' } },
    'POST /api/posts': {
      status: 400,
      body: problem(400, 'VALIDATION_FAILED', [{ field: 'content', message: 'must be 1 to 280 characters' }]),
    },
  });

  const outcome = await firstSteps('http://api.test', account, '', fetch);

  expect(outcome).toMatchObject({
    ok: false,
    step: 'post',
    message: 'Some of what you entered needs another look.\ncontent: must be 1 to 280 characters',
  });
});
