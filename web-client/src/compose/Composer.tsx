import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Post } from '../api/model';
import { createPost } from '../api/posts';
import { DRAFT_PREFIX } from '../api/session';
import {
  MAX_MENTIONS,
  charactersLeft,
  MAX_POST_LENGTH,
  MAX_TAGS,
  completeToken,
  hashtagsOf,
  isVisiblyEmpty,
  mentionsOf,
  postLength,
  randomKey,
  tokenAt,
} from '../api/text';
import { ErrorNotice } from '../common/ErrorNotice';
import { useSuggestions } from './useSuggestions';
import './composer.css';

export type ComposeMode = { kind: 'post' } | { kind: 'reply'; to: Post } | { kind: 'quote'; of: Post };

interface Props {
  mode: ComposeMode;
  onPosted?: (post: Post) => void;
  autoFocus?: boolean;
}

const labels = {
  post: { label: "What's happening?", submit: 'Post' },
  reply: { label: 'Your reply', submit: 'Reply' },
  quote: { label: 'Add a comment', submit: 'Quote' },
} as const;

function draftKey(mode: ComposeMode): string {
  return DRAFT_PREFIX + (mode.kind === 'post' ? 'post' : mode.kind === 'reply' ? `reply.${mode.to.id}` : `quote.${mode.of.id}`);
}

function readDraft(key: string): string {
  try {
    return sessionStorage.getItem(key) ?? '';
  } catch {
    return '';
  }
}

/** What stops the text from being posted, as the server would say it (before asking it). */
export function composeProblem(text: string): string | null {
  const length = postLength(text);
  if (length > MAX_POST_LENGTH) return `${charactersLeft(MAX_POST_LENGTH - length)}.`;
  if (hashtagsOf(text).length > MAX_TAGS) return `At most ${MAX_TAGS} hashtags.`;
  if (mentionsOf(text).length > MAX_MENTIONS) return `At most ${MAX_MENTIONS} mentions.`;
  return null;
}

/**
 * The post box: counts as the server counts (280 code points after trimming, NFC), suggests tags
 * and people as they are typed, and keeps one Idempotency-Key per post so that trying again after
 * an error can never post twice. The text survives errors (and reloads, in this tab).
 */
export function Composer({ mode, onPosted, autoFocus }: Props) {
  const key = draftKey(mode);
  const [text, setText] = useState(() => readDraft(key));
  const [caret, setCaret] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const idempotencyKey = useRef(randomKey());
  const textarea = useRef<HTMLTextAreaElement>(null);
  const ids = useId();
  const { label, submit: submitLabel } = labels[mode.kind];

  useEffect(() => {
    try {
      if (text) sessionStorage.setItem(key, text);
      else sessionStorage.removeItem(key);
    } catch {
      // no session storage: the draft lives as long as the screen
    }
  }, [key, text]);

  const token = tokenAt(text, caret);
  const tokenId = token ? `${token.start}:${token.kind}${token.query}` : null;
  const suggestions = useSuggestions(token && tokenId !== dismissed ? token : null);
  const open = suggestions.length > 0 && token !== null && tokenId !== dismissed;
  useEffect(() => setActive(0), [suggestions]);

  const length = postLength(text);
  const remaining = MAX_POST_LENGTH - length;
  const problem = composeProblem(text);
  const empty = isVisiblyEmpty(text);

  const accept = (index: number) => {
    const choice = suggestions[index];
    if (!choice || !token) return;
    const next = completeToken(text, token.start, caret, choice.insert);
    setText(next.text);
    setCaret(next.caret);
    requestAnimationFrame(() => {
      textarea.current?.focus();
      textarea.current?.setSelectionRange(next.caret, next.caret);
    });
  };

  const send = async () => {
    if (busy || empty || problem) return;
    setBusy(true);
    setError(undefined);
    try {
      const content = text;
      const post = await createPost(
        mode.kind === 'reply'
          ? { content, replyToId: mode.to.id }
          : mode.kind === 'quote'
            ? { content, quoteOfId: mode.of.id }
            : { content },
        idempotencyKey.current,
      );
      idempotencyKey.current = randomKey();
      setText('');
      setCaret(0);
      onPosted?.(post);
    } catch (e) {
      // the text and the key stay: "Try again" sends the same post, which the server posts once
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((i) => (i + step + suggestions.length) % suggestions.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        accept(active);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        setDismissed(tokenId);
        return;
      }
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
    }
  };

  const trackCaret = () => setCaret(textarea.current?.selectionStart ?? 0);
  const listId = `${ids}-suggestions`;
  const counterId = `${ids}-counter`;

  return (
    <form className={`composer composer--${mode.kind}`} onSubmit={onSubmit}>
      <label htmlFor={`${ids}-text`} className="composer__label">
        {label}
      </label>
      <div className="composer__box">
        <textarea
          id={`${ids}-text`}
          ref={textarea}
          className="composer__text"
          value={text}
          rows={mode.kind === 'post' ? 3 : 2}
          autoFocus={autoFocus}
          aria-describedby={counterId}
          aria-invalid={problem ? true : undefined}
          aria-autocomplete="list"
          aria-controls={open ? listId : undefined}
          aria-activedescendant={open ? `${listId}-${active}` : undefined}
          onChange={(e) => {
            setText(e.target.value);
            setCaret(e.target.selectionStart ?? e.target.value.length);
          }}
          onSelect={trackCaret}
          onClick={trackCaret}
          onKeyUp={(e) => {
            if (e.key === 'ArrowLeft' || e.key === 'ArrowRight' || e.key === 'Home' || e.key === 'End') trackCaret();
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setDismissed(tokenId)}
          onFocus={() => setDismissed(null)}
        />
        {open && (
          <ul id={listId} role="listbox" aria-label="Suggestions" className="suggestions">
            {suggestions.map((s, i) => (
              <li
                key={s.insert}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={`suggestions__item ${i === active ? 'suggestions__item--active' : ''}`}
                onMouseDown={(e) => {
                  e.preventDefault();
                  accept(i);
                }}
              >
                <span className="suggestions__label">{s.label}</span>
                <span className="suggestions__detail">{s.detail}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      {mode.kind === 'quote' && <QuotedPreview post={mode.of} />}
      <div className="composer__footer">
        <span
          id={counterId}
          className={`composer__counter ${remaining < 0 ? 'composer__counter--over' : remaining <= 20 ? 'composer__counter--near' : ''}`}
        >
          {charactersLeft(remaining)}
        </span>
        {problem && remaining >= 0 && <span className="composer__problem">{problem}</span>}
        <button type="submit" className="button button--primary" disabled={busy || empty || problem !== null}>
          {submitLabel}
        </button>
      </div>
      {remaining <= 20 && (
        <span className="visually-hidden" aria-live="polite">
          {charactersLeft(remaining)}
        </span>
      )}
      {error !== undefined && <ErrorNotice error={error} onRetry={() => void send()} what="Not posted yet." />}
    </form>
  );
}

function QuotedPreview({ post }: { post: Post }) {
  return (
    <div className="composer__quoted">
      <p className="composer__quoted-author">
        {post.author.displayName} <span className="muted">@{post.author.username}</span>
      </p>
      <p className="composer__quoted-text">{post.content}</p>
    </div>
  );
}
