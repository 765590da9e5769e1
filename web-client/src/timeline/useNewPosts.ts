import { useCallback, useEffect, useRef, useState } from 'react';
import type { Post } from '../api/model';
import { homeTimeline } from '../api/posts';
import { useNotifications } from '../notifications/NotificationsContext';

const CHECK_EVERY_MS = 30_000;

/**
 * Newer posts than the ones shown, found by looking at the first page now and then (every 30 s,
 * when the window gets focus, when someone followed with notify posts): they wait behind a banner
 * instead of pushing the list down while it is read.
 */
export function useNewPosts(shown: Post[]) {
  const [fresh, setFresh] = useState<Post[]>([]);
  const [overflow, setOverflow] = useState(false);
  const shownRef = useRef(shown);
  shownRef.current = shown;
  const { subscribe } = useNotifications();

  const check = useCallback(async () => {
    if (shownRef.current.length === 0) return;
    try {
      const page = await homeTimeline(null, 20);
      const known = new Set(shownRef.current.map((p) => p.id));
      const newer: Post[] = [];
      for (const post of page.items) {
        if (known.has(post.id)) break;
        newer.push(post);
      }
      setOverflow(newer.length === page.items.length && page.nextCursor !== null);
      setFresh(newer);
    } catch {
      // the banner is a convenience: the next check tries again
    }
  }, []);

  useEffect(() => {
    const timer = setInterval(check, CHECK_EVERY_MS);
    const onFocus = () => void check();
    window.addEventListener('focus', onFocus);
    const unsubscribe = subscribe((n) => {
      if (n.type === 'NEW_POST') void check();
    });
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', onFocus);
      unsubscribe();
    };
  }, [check, subscribe]);

  const clear = useCallback(() => {
    setFresh([]);
    setOverflow(false);
  }, []);
  return { fresh, overflow, clear, check };
}
