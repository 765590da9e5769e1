import { fireEvent, screen } from '@testing-library/react';
import { expect, test } from 'vitest';
import { problem } from '../test/fakeServer';
import { renderScreen } from '../test/render';
import { LoginPage } from './LoginPage';
import { SignupPage } from './SignupPage';

test('a wrong password is said in plain words and what was typed stays', async () => {
  const { server } = renderScreen(<LoginPage />, { signedIn: false });
  server.on('POST', '/api/auth/login', () => problem(401, { code: 'INVALID_CREDENTIALS' }));
  fireEvent.change(screen.getByLabelText('Username'), { target: { value: 'ann' } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'wrong password' } });
  fireEvent.click(screen.getByRole('button', { name: 'Log in' }));

  expect((await screen.findByRole('alert')).textContent).toContain('Wrong username or password.');
  expect((screen.getByLabelText('Username') as HTMLInputElement).value).toBe('ann');
});

test('too many attempts says how long to wait', async () => {
  const { server } = renderScreen(<LoginPage />, { signedIn: false });
  server.on('POST', '/api/auth/login', () => problem(429, { code: 'RATE_LIMITED' }, { 'Retry-After': '840' }));
  fireEvent.change(screen.getByLabelText('Username'), { target: { value: 'ann' } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'secret secret' } });
  fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
  expect((await screen.findByRole('alert')).textContent).toContain('Try again in 14 minutes.');
});

test('sign up has a visible label for every field, and a taken username is said next to nothing lost', async () => {
  const { server } = renderScreen(<SignupPage />, { signedIn: false });
  server.on('POST', '/api/auth/register', () => problem(409, { code: 'USERNAME_TAKEN' }));
  for (const label of ['Username', 'Email', 'Password', 'Display name']) {
    expect(screen.getByLabelText(label)).toBeTruthy();
  }
  fireEvent.change(screen.getByLabelText('Username'), { target: { value: 'ann' } });
  fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'ann@example.com' } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'long enough' } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign up' }));
  expect((await screen.findByRole('alert')).textContent).toContain('That username is taken.');
  expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe('ann@example.com');
});
