import { useEffect } from 'react';

/** The document's title for a screen (read by screen readers on navigation, shown in tabs). */
export function useTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · social` : 'social';
  }, [title]);
}
