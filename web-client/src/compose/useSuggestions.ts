import { useEffect, useState } from 'react';
import { searchTags } from '../api/posts';
import { searchUsers } from '../api/users';

export interface Suggestion {
  /** What goes into the text: `#tag` or `@username`. */
  insert: string;
  label: string;
  detail: string;
}

type Token = { kind: 'tag' | 'mention'; query: string } | null;

/** Suggestions for the `#tag` or `@user` being typed (after a short pause; failures suggest nothing). */
export function useSuggestions(token: Token, delayMs = 150): Suggestion[] {
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const kind = token?.kind;
  const query = token?.query;
  useEffect(() => {
    if (!kind || !query) {
      setSuggestions([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      const load =
        kind === 'tag'
          ? searchTags(query, 6).then((tags) =>
              tags.map((t) => ({ insert: `#${t.tag}`, label: `#${t.tag}`, detail: `${t.posts} posts` })),
            )
          : searchUsers(query, 6).then((page) =>
              page.items.map((u) => ({ insert: `@${u.username}`, label: u.displayName, detail: `@${u.username}` })),
            );
      load.then(
        (list) => current && setSuggestions(list),
        () => current && setSuggestions([]),
      );
    }, delayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [kind, query, delayMs]);
  return suggestions;
}
