import { vi } from 'vitest';

export interface Seen {
  method: string;
  path: string;
  search: string;
  headers: Headers;
  body: unknown;
}

type Handler = (request: Seen) => Response | Promise<Response>;

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

export const problem = (status: number, fields: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ type: 'about:blank', title: 'Problem', status, detail: 'detail', ...fields }), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });

export const noContent = () => new Response(null, { status: 204 });

/**
 * A stand-in for the gateway inside unit tests: answers `METHOD /path` from handlers (in order of
 * registration, first match wins; a handler may be used up after `times` calls) and records every
 * request it got.
 */
export function fakeServer() {
  const routes: { method: string; path: string | RegExp; handler: Handler; times: number }[] = [];
  const seen: Seen[] = [];
  const fetch = vi.fn(async (request: Request) => {
    const url = new URL(request.url);
    const text = await request.text();
    const entry: Seen = {
      method: request.method,
      path: url.pathname,
      search: url.search,
      headers: request.headers,
      body: text ? JSON.parse(text) : undefined,
    };
    seen.push(entry);
    const route = routes.find(
      (r) =>
        r.times > 0 &&
        r.method === request.method &&
        (typeof r.path === 'string' ? r.path === url.pathname : r.path.test(url.pathname)),
    );
    if (!route) return problem(404);
    route.times--;
    return route.handler(entry);
  });
  const server = {
    fetch,
    seen,
    on(method: string, path: string | RegExp, handler: Handler, times = Infinity) {
      routes.push({ method, path, handler, times });
      return server;
    },
    install() {
      vi.stubGlobal('fetch', fetch);
      return server;
    },
  };
  return server;
}
