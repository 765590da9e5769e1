import './explore.css';
import { useId, useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';

/** The search box (posts and people); searching goes to /search?q=. */
export function SearchForm({ compact }: { compact?: boolean }) {
  const [params] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const navigate = useNavigate();
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const query = q.trim();
    if (query) navigate(`/search?q=${encodeURIComponent(query)}`);
  };
  return (
    <form role="search" aria-label={compact ? 'Quick search' : 'Search posts and people'} className={`search-form ${compact ? 'search-form--compact' : ''}`} onSubmit={submit}>
      <label htmlFor={id} className="visually-hidden">
        Search
      </label>
      <input id={id} type="search" className="search-form__input" placeholder="Search" maxLength={100} value={q} onChange={(e) => setQ(e.target.value)} />
      <button type="submit" className="button button--primary">
        Search
      </button>
    </form>
  );
}
