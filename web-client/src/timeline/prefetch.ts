import { session } from '../api/client';
import type { Page, Post } from '../api/model';
import { homeTimeline } from '../api/posts';

let pending: Promise<Page<Post>> | undefined;

/**
 * Asks for the home timeline while the app is still starting, when that is where it starts:
 * the first page arrives one round trip sooner than if the screen asked once rendered.
 */
export function prefetchHome(pathname: string): void {
  if (pathname === '/' && session.hasLogin()) {
    pending = homeTimeline();
    pending.catch(() => {});
  }
}

/** The prefetched first page, once (later visits ask afresh). */
export function takePrefetchedHome(): Promise<Page<Post>> | undefined {
  const page = pending;
  pending = undefined;
  return page;
}
