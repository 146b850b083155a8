import { personalTokensOfCaller } from '@taskomask/domain';
import { planOf } from '../aggregates';
import { type CommandRoute, command } from './route';

/** Token management needs a write scope of the person's own sign-in (see personal-tokens.ts). */
export const personalTokenScope = 'workspaces:write' as const;

/** The caller's own personal API tokens: decided on `tokens-<caller>`, whatever the request says. */
export const personalTokenRoutes: readonly CommandRoute[] = [
  command('createPersonalToken', {
    summary: 'Make a personal API token (shown once in the answer; only its hash is kept)',
    tag: 'tokens',
    scope: personalTokenScope,
    resource: null,
    creates: 'id',
    // The secret is made by the token handler (commands/personal-tokens.ts), never planned here.
    plan: () => {
      throw new Error('createPersonalToken is planned by its own handler');
    },
  }),
  command('revokePersonalToken', {
    summary: 'Revoke one of your personal API tokens: refused from the next request on',
    tag: 'tokens',
    scope: personalTokenScope,
    resource: null,
    plan: ({ tokenId }) =>
      planOf(personalTokensOfCaller, 'me', [{ type: 'RevokePersonalToken', data: { tokenId } }]),
  }),
];
