import { NOTIFICATION_TYPES, type Notification } from './model';

/**
 * Live notifications over Server-Sent Events that survive what ends a stream: the access token's
 * expiry (the server closes it), a dropped connection, a restarted gateway. An EventSource's own
 * reconnect would reuse the spent ticket, so on any error the stream is closed and opened again
 * with a new ticket (which refreshes the access token when needed) and `lastEventId=` the last id
 * received, so that the server first sends what was missed. Ids already seen are dropped.
 */

export interface EventSourceLike {
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  close(): void;
}

export interface StreamOptions {
  ticket: () => Promise<string>;
  open: (url: string) => EventSourceLike;
  onNotification: (notification: Notification) => void;
  /** After every (re)connection: a good moment to catch up with counts. */
  onConnected?: (reconnected: boolean) => void;
  /** When a new ticket cannot be had because the login ended. */
  isSignedIn?: () => boolean;
  baseUrl?: string;
  /** Reconnect delays in ms: 1 s doubling to 30 s (reset once connected). */
  delay?: (attempt: number) => number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

const SEEN_LIMIT = 500;

export class NotificationStream {
  private source: EventSourceLike | null = null;
  private timer: unknown = null;
  private attempt = 0;
  private stopped = true;
  private connectedBefore = false;
  private lastEventId: string | null = null;
  private readonly seen = new Set<string>();

  constructor(private readonly options: StreamOptions) {}

  start(): void {
    if (!this.stopped) {
      return;
    }
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.source?.close();
    this.source = null;
    if (this.timer !== null) {
      (this.options.clearTimer ?? clearTimeout)(this.timer as ReturnType<typeof setTimeout>);
      this.timer = null;
    }
  }

  /** The last event id received: where a new connection resumes. */
  get resumeFrom(): string | null {
    return this.lastEventId;
  }

  private async connect(): Promise<void> {
    let ticket: string;
    try {
      ticket = await this.options.ticket();
    } catch {
      this.retryLater();
      return;
    }
    if (this.stopped) {
      return;
    }
    const query = new URLSearchParams({ ticket });
    if (this.lastEventId !== null) {
      query.set('lastEventId', this.lastEventId);
    }
    const source = this.options.open(`${this.options.baseUrl ?? ''}/api/notifications/stream?${query}`);
    this.source = source;
    const receive = (event: MessageEvent) => this.receive(event);
    for (const type of NOTIFICATION_TYPES) {
      source.addEventListener(type, receive);
    }
    source.addEventListener('message', receive);
    source.onopen = () => {
      this.attempt = 0;
      this.options.onConnected?.(this.connectedBefore);
      this.connectedBefore = true;
    };
    source.onerror = () => {
      if (this.source !== source) {
        return;
      }
      source.close();
      this.source = null;
      this.retryLater();
    };
  }

  private receive(event: MessageEvent): void {
    let notification: Notification;
    try {
      notification = JSON.parse(String(event.data)) as Notification;
    } catch {
      return;
    }
    const id = event.lastEventId || notification.id;
    if (id) {
      this.lastEventId = id;
    }
    if (this.seen.has(notification.id)) {
      return;
    }
    this.seen.add(notification.id);
    if (this.seen.size > SEEN_LIMIT) {
      this.seen.delete(this.seen.values().next().value as string);
    }
    this.options.onNotification(notification);
  }

  private retryLater(): void {
    if (this.stopped || (this.options.isSignedIn && !this.options.isSignedIn())) {
      return;
    }
    const delay = (this.options.delay ?? defaultDelay)(this.attempt++);
    this.timer = (this.options.setTimer ?? setTimeout)(() => {
      this.timer = null;
      if (!this.stopped) {
        void this.connect();
      }
    }, delay);
  }
}

const defaultDelay = (attempt: number) => Math.min(30_000, 1000 * 2 ** attempt);
