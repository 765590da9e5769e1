import { problemMessages } from '../problems';
import type { Problem } from './socialApi';

/** A problem as a person reads it: the app's words for its code, then each field that breaks a rule. */
export function describe(problem: Problem): string {
  const fields = (problem.errors ?? []).map((error) => `${error.field}: ${error.message}`);
  return [problemMessages[problem.code], ...fields].join('\n');
}
