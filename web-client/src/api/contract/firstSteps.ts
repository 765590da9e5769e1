import { describe } from './problems';
import { budgetOf, createSocialClient, socialApi, type Post, type Problem } from './socialApi';

/** What {@link firstSteps} ended with: the timeline read, or the problem that stopped it. */
export type Outcome =
  | { ok: true; userId: string; postId: string; timeline: Post[]; requestsLeft: number | undefined }
  | { ok: false; step: string; problem: Problem; message: string };

/**
 * A new user's first steps, as a client program takes them through the typed layer: register
 * (or, if the name is taken, go on to log in), log in, post, and page through the home timeline
 * to its end, handling every refusal by its problem code.
 */
export async function firstSteps(
  baseUrl: string,
  account: { username: string; email: string; password: string },
  content: string,
  fetch?: (request: Request) => Promise<Response>,
): Promise<Outcome> {
  let accessToken: string | undefined;
  const api = socialApi(createSocialClient(baseUrl, () => accessToken, fetch));
  const stopped = (step: string, problem: Problem): Outcome => ({ ok: false, step, problem, message: describe(problem) });

  const registered = await api.registerAccount(account);
  if (registered.error && registered.error.code !== 'USERNAME_TAKEN') {
    return stopped('register', registered.error);
  }

  const login = await api.logIn({ username: account.username, password: account.password });
  if (login.error) {
    return stopped('log in', login.error);
  }
  accessToken = login.data.accessToken;
  const me = await api.getMyProfile();
  if (me.error) {
    return stopped('profile', me.error);
  }

  const created = await api.createPost({ content }, `first-steps-${account.username}`);
  if (created.error) {
    return stopped('post', created.error);
  }

  const timeline: Post[] = [];
  let cursor: string | undefined;
  let requestsLeft: number | undefined;
  do {
    const page = await api.getHomeTimeline(cursor === undefined ? { limit: 50 } : { limit: 50, cursor });
    if (page.error) {
      return stopped('timeline', page.error);
    }
    timeline.push(...page.data.items);
    cursor = page.data.nextCursor ?? undefined;
    requestsLeft = budgetOf(page.response).remaining;
  } while (cursor !== undefined);

  return { ok: true, userId: me.data.id, postId: created.data.id, timeline, requestsLeft };
}
