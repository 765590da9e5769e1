import { describe, expect, test, vi } from 'vitest';
import type { Notification } from './model';
import { NotificationStream, type EventSourceLike } from './stream';

class FakeSource implements EventSourceLike {
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  private readonly listeners = new Map<string, ((event: MessageEvent) => void)[]>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (event: MessageEvent) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
  }
  open() {
    this.onopen?.(new Event('open'));
  }
  emit(n: Notification) {
    const event = new MessageEvent(n.type, { data: JSON.stringify(n), lastEventId: n.id });
    this.listeners.get(n.type)?.forEach((l) => l(event));
  }
  fail() {
    this.onerror?.(new Event('error'));
  }
}

const note = (id: string, type: Notification['type'] = 'LIKE'): Notification => ({
  id,
  type,
  actor: { id: 'a', username: 'ann', displayName: 'Ann' },
  postId: 'p',
  createdAt: '2026-01-01T00:00:00Z',
  read: false,
});

function setUp(ticket: () => Promise<string>) {
  const sources: FakeSource[] = [];
  const received: string[] = [];
  const timers: (() => void)[] = [];
  const connected: boolean[] = [];
  const stream = new NotificationStream({
    ticket,
    open: (url) => {
      const source = new FakeSource(url);
      sources.push(source);
      return source;
    },
    onNotification: (n) => received.push(n.id),
    onConnected: (re) => connected.push(re),
    setTimer: (callback) => timers.push(callback),
    clearTimer: () => {},
  });
  const runTimers = async () => {
    while (timers.length) timers.shift()!();
    await vi.waitFor(() => {});
  };
  return { stream, sources, received, timers, connected, runTimers };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the notification stream', () => {
  test('opens with a single-use ticket, never a token', async () => {
    const { stream, sources } = setUp(async () => 'ticket-1');
    stream.start();
    await flush();
    expect(sources[0]!.url).toBe('/api/notifications/stream?ticket=ticket-1');
  });

  test('after a dropped connection comes back with a new ticket and the last event id, and drops what it saw twice', async () => {
    let n = 0;
    const { stream, sources, received, connected, runTimers } = setUp(async () => `ticket-${++n}`);
    stream.start();
    await flush();
    sources[0]!.open();
    sources[0]!.emit(note('n1'));
    sources[0]!.emit(note('n2'));

    sources[0]!.fail();
    expect(sources[0]!.closed).toBe(true);
    await runTimers();
    await flush();

    expect(sources[1]!.url).toBe('/api/notifications/stream?ticket=ticket-2&lastEventId=n2');
    sources[1]!.open();
    sources[1]!.emit(note('n2'));
    sources[1]!.emit(note('n3', 'FOLLOW'));
    expect(received).toEqual(['n1', 'n2', 'n3']);
    expect(connected).toEqual([false, true]);
  });

  test('survives the end of its access token: a ticket refused once (401, refresh under way) is asked again', async () => {
    const ticket = vi
      .fn<() => Promise<string>>()
      .mockResolvedValueOnce('ticket-1')
      .mockRejectedValueOnce(new Error('401'))
      .mockResolvedValueOnce('ticket-3');
    const { stream, sources, runTimers } = setUp(ticket);
    stream.start();
    await flush();
    sources[0]!.open();
    sources[0]!.emit(note('n1'));

    // the server ends the stream when the access token expires
    sources[0]!.fail();
    await runTimers();
    await flush();
    await runTimers();
    await flush();

    expect(ticket).toHaveBeenCalledTimes(3);
    expect(sources).toHaveLength(2);
    expect(sources[1]!.url).toBe('/api/notifications/stream?ticket=ticket-3&lastEventId=n1');
  });

  test('stops for good when told, and when the login is over', async () => {
    const { stream, sources, timers } = setUp(async () => 'ticket');
    stream.start();
    await flush();
    stream.stop();
    expect(sources[0]!.closed).toBe(true);
    sources[0]!.fail();
    expect(timers).toHaveLength(0);
  });
});
