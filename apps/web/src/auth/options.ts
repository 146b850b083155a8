import { scopes } from '@taskomask/contracts';
import type { AuthOptions } from 'next-auth';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import { webConfig } from '../server/config';
import type { SessionTokens } from '../server/tokens';

export const providerId = 'taskomask';

export const requestedScopes = ['openid', 'profile', 'email', 'offline_access', ...scopes].join(
  ' ',
);

type IdClaims = { sub: string; name?: string; email?: string; role?: string };

function taskomaskProvider(): OAuthConfig<IdClaims> {
  const config = webConfig();
  return {
    id: providerId,
    name: 'TaskoMask',
    type: 'oauth',
    wellKnown: `${config.issuer}/.well-known/openid-configuration`,
    clientId: config.clientId,
    ...(config.clientSecret ? { clientSecret: config.clientSecret } : {}),
    client: { token_endpoint_auth_method: config.clientSecret ? 'client_secret_basic' : 'none' },
    // offline_access yields a refresh token only with prompt=consent (a click-free step here).
    authorization: { params: { scope: requestedScopes, prompt: 'consent' } },
    checks: ['pkce', 'state'],
    idToken: true,
    profile: (claims) => ({
      id: claims.sub,
      name: claims.name ?? null,
      email: claims.email ?? null,
      role: claims.role ?? 'user',
    }),
  };
}

export type SessionUser = { id: string; name: string; email: string; role: string };

/** next-auth with tokens kept in the encrypted session cookie; the browser sees only the user. */
export function authOptions(): AuthOptions {
  return {
    providers: [taskomaskProvider()],
    // The cookie lives SESSION_IDLE_DAYS from its last write (every refresh writes it).
    session: { strategy: 'jwt', maxAge: webConfig().sessionIdleSeconds },
    pages: { signIn: '/', error: '/' },
    callbacks: {
      async jwt({ token, account, user }) {
        const t = token as typeof token & SessionTokens;
        if (account) {
          return {
            ...t,
            accessToken: account.access_token,
            refreshToken: account.refresh_token,
            idToken: account.id_token,
            expiresAt: account.expires_at,
            expiresIn:
              typeof account.expires_in === 'number'
                ? account.expires_in
                : typeof account.expires_at === 'number'
                  ? account.expires_at - Math.floor(Date.now() / 1000)
                  : undefined,
            role: (user as { role?: string } | undefined)?.role ?? 'user',
            error: undefined,
          };
        }
        // No refresh here: during a server component's render the rotated refresh token could
        // not be saved. The proxy (proxy.ts) and the BFF routes refresh and write the cookie.
        return t;
      },
      async session({ session, token }) {
        const t = token as typeof token & SessionTokens;
        const user: SessionUser = {
          id: token.sub ?? '',
          name: token.name ?? '',
          email: token.email ?? '',
          role: t.role ?? 'user',
        };
        return { ...session, user, ...(t.error ? { error: t.error } : {}) };
      },
    },
  };
}
