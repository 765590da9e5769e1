import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { session } from '../api/client';
import type { Notification } from '../api/model';
import { streamTicket, unreadCount } from '../api/notifications';
import { NotificationStream } from '../api/stream';
import { useAuth } from '../auth/AuthContext';

type Listener = (notification: Notification) => void;

interface NotificationsState {
  unread: number;
  /** Changes each time the stream connects again: what it missed may need reading. */
  resync: number;
  subscribe: (listener: Listener) => () => void;
  setUnread: (update: (count: number) => number) => void;
}

const NotificationsContext = createContext<NotificationsState>({
  unread: 0,
  resync: 0,
  subscribe: () => () => {},
  setUnread: () => {},
});

/** The live notification stream of the signed-in user, and the unread count the navigation shows. */
export function NotificationsProvider({ children }: { children: ReactNode }) {
  const { signedIn } = useAuth();
  const [unread, setUnreadState] = useState(0);
  const [resync, setResync] = useState(0);
  const listeners = useRef(new Set<Listener>());

  useEffect(() => {
    if (!signedIn) {
      setUnreadState(0);
      return;
    }
    const recount = () => unreadCount().then(setUnreadState, () => {});
    recount();
    const stream = new NotificationStream({
      ticket: streamTicket,
      open: (url) => new EventSource(url),
      isSignedIn: () => session.hasLogin(),
      onNotification: (notification) => {
        if (!notification.read) setUnreadState((n) => n + 1);
        listeners.current.forEach((listener) => listener(notification));
      },
      onConnected: (reconnected) => {
        if (reconnected) {
          recount();
          setResync((n) => n + 1);
        }
      },
    });
    stream.start();
    return () => stream.stop();
  }, [signedIn]);

  const subscribe = useCallback((listener: Listener) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);
  const setUnread = useCallback((update: (count: number) => number) => setUnreadState((n) => Math.max(0, update(n))), []);

  const value = useMemo(() => ({ unread, resync, subscribe, setUnread }), [unread, resync, subscribe, setUnread]);
  return <NotificationsContext.Provider value={value}>{children}</NotificationsContext.Provider>;
}

export const useNotifications = () => useContext(NotificationsContext);
