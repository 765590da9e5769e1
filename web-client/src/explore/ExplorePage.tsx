import { useState } from 'react';
import type { TrendingWindow } from '../api/posts';
import { useTitle } from '../common/useTitle';
import { SearchForm } from './SearchForm';
import { Trending } from './Trending';

const windows: { id: TrendingWindow; label: string }[] = [
  { id: '1h', label: 'Last hour' },
  { id: '24h', label: 'Today' },
  { id: '7d', label: 'This week' },
];

export function ExplorePage() {
  useTitle('Explore');
  const [window, setWindow] = useState<TrendingWindow>('24h');
  return (
    <div className="explore">
      <h1 className="page-title">Explore</h1>
      <SearchForm />
      <fieldset className="segmented">
        <legend className="visually-hidden">Trending in</legend>
        {windows.map((w) => (
          <label key={w.id} className={`segmented__option ${w.id === window ? 'segmented__option--on' : ''}`}>
            <input type="radio" name="window" value={w.id} checked={w.id === window} onChange={() => setWindow(w.id)} />
            {w.label}
          </label>
        ))}
      </fieldset>
      <Trending window={window} limit={20} />
    </div>
  );
}
