import { render, screen } from '@testing-library/react';
import { expect, test } from 'vitest';
import { App } from './App';

test('renders the name of the network', () => {
  render(<App />);
  expect(screen.getByRole('heading', { name: 'social' })).toBeTruthy();
});
