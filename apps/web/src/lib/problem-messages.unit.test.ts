import { describe, expect, it } from 'vitest';
import { type Problem, problemMessage } from './problem-messages';

const urn = (kind: string) => `urn:taskomask:problem:${kind}`;
// As the APIs answer them (apps/api/src/http/error-handler.ts, the domain's error texts).
const answers: [Problem, string][] = [
  [
    { status: 404, type: urn('not-found'), detail: 'personal token 1b2c not found' },
    'That API token no longer exists. Reload to see the list.',
  ],
  [
    {
      status: 422,
      type: urn('rule'),
      rule: 'token_limit',
      detail: 'at most 50 usable tokens; revoke one first',
    },
    'You can have at most 50 API tokens in use: revoke one first.',
  ],
  [
    {
      status: 403,
      type: urn('forbidden'),
      detail: 'a personal API token cannot make tokens; sign in to make one',
    },
    'Sign in to make an API token.',
  ],
  [
    { status: 403, type: urn('forbidden'), detail: 'the viewer role does not allow tasks:write' },
    'You can only view this board.',
  ],
  [
    { status: 403, type: urn('forbidden'), detail: 'the viewer role does not allow boards:write' },
    'You can only view this board.',
  ],
  [
    {
      status: 403,
      type: urn('forbidden'),
      detail: 'the member role does not allow members:manage',
    },
    'Only owners and admins can manage members.',
  ],
  [
    {
      status: 403,
      type: urn('insufficient-scope'),
      detail: 'the access token lacks the tasks:write scope',
    },
    'Your sign-in does not allow this. Sign out and in again, then retry.',
  ],
  [
    { status: 403, type: urn('forbidden'), detail: 'only its author may edit a comment' },
    'Only its author can edit this comment.',
  ],
  [
    { status: 404, type: urn('not-found'), detail: 'card 4f1c-9 not found' },
    'This card was deleted by someone else.',
  ],
  [
    { status: 404, type: urn('not-found'), detail: 'task 8a2e not found' },
    'This task was deleted by someone else.',
  ],
  [
    { status: 404, type: urn('not-found'), detail: 'workspace 77 not found' },
    'This workspace was deleted, or you are no longer a member of it.',
  ],
  [
    {
      status: 422,
      type: urn('rule-violation'),
      rule: 'name_taken',
      detail: 'a card named "Doing" already exists here',
    },
    'That name is taken on this board.',
  ],
  [
    {
      status: 422,
      type: urn('rule-violation'),
      rule: 'name_taken',
      detail: 'a task titled "Ship it" is already on this board',
    },
    'A task with that title is already on this board.',
  ],
  [
    {
      status: 422,
      type: urn('rule-violation'),
      rule: 'card_limit',
      detail: 'a board holds at most 10 cards',
    },
    'A board holds at most 10 cards.',
  ],
  [
    { status: 422, type: urn('rule-violation'), rule: 'last_owner', detail: 'a workspace must…' },
    'A workspace must keep at least one owner.',
  ],
  [
    {
      status: 409,
      type: urn('conflict'),
      detail: 'someone else changed this at the same time; reload and retry',
    },
    'Someone changed this at the same time. Your change was undone; the latest version is shown.',
  ],
  [
    {
      status: 400,
      type: urn('validation'),
      detail: 'name: must be 3–50 characters',
      errors: [{ field: 'name', reason: 'must be 3–50 characters' }],
    },
    'Please check the name: must be 3–50 characters.',
  ],
  [
    {
      status: 403,
      type: urn('forbidden'),
      detail: 'admins cannot revoke, deactivate or reactivate their own account',
    },
    'You cannot do this to your own account: another administrator must.',
  ],
  [{ status: 401, type: urn('unauthorized') }, 'Your session ended. Sign in again.'],
  [
    { status: 503, type: urn('unavailable'), title: 'Service unavailable' },
    'The server could not do that just now. Try again in a moment.',
  ],
];

describe('problem messages', () => {
  it.each(answers)('%j reads "%s"', (problem, sentence) => {
    expect(problemMessage(problem)).toBe(sentence);
  });

  it('never shows a scope, a status code, a raw title or an id', () => {
    const odd: Problem[] = [
      { status: 403, type: urn('forbidden'), detail: 'the x role does not allow frobs:write' },
      { status: 404, title: 'Not Found', detail: 'no such resource' },
      { status: 418, title: "I'm a teapot" },
      { status: 422, type: urn('rule-violation'), rule: 'new_rule', detail: 'raw text' },
      { status: 400, errors: [{ field: 'body.zq9', reason: 'Expected string' }] },
      ...answers.map(([p]) => p),
    ];
    for (const problem of odd) {
      const sentence = problemMessage(problem);
      expect(sentence).toMatch(/^[A-Z].*[.]$/);
      expect(sentence).not.toMatch(/\w+:(write|read|manage)|\b[45]\d\d\b|teapot|raw text|4f1c|zq9/);
      expect(sentence).not.toContain(problem.title ?? '\u0000');
    }
  });
});
