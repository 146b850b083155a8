import { scopes } from '@taskomask/contracts';
import Provider, {
  type Account,
  type ClientMetadata,
  type Configuration,
  errors,
  interactionPolicy,
  type KoaContextWithOIDC,
} from 'oidc-provider';
import type { Accounts } from './accounts';
import type { SigningKeys } from './keys';
import { documentOf, errorPage, loggedOutPage, logoutPage, type Page } from './pages';
import type { IdentityStore } from './store/port';

/** The API's scopes; access tokens for the API audience carry those granted, space-separated. */
export const apiScopes = scopes;

export const webClientId = 'taskomask-web';

/** The authorization parameter `screen=signup` asks for the registration form first. */
export const wantsSignUp = (screen: unknown): boolean => screen === 'signup';

export type WebClientOptions = Readonly<{
  redirectUris: readonly string[];
  postLogoutRedirectUris?: readonly string[];
  /** Set: a confidential client (client_secret_basic). Absent: a public client (PKCE alone). */
  secret?: string;
}>;

export type ProviderOptions = Readonly<{
  issuer: string;
  accounts: Accounts;
  store: IdentityStore;
  keys: SigningKeys;
  cookieKeys: readonly string[];
  webClient: WebClientOptions;
  apiAudience: string;
  /** Seconds; short, because a JWT access token stays valid after logout or deactivation. */
  accessTokenTtl: number;
  /**
   * Seconds a signed-in browser may stay unused: each refresh token (rotated on every use) and
   * the provider session live this long from their last use.
   */
  sessionIdleTtl: number;
  /** Seconds a grant lives at most from sign-in, however often it is refreshed. */
  sessionMaxTtl: number;
}>;

function send(ctx: KoaContextWithOIDC, page: Page) {
  ctx.status = page.status;
  ctx.type = 'html';
  ctx.set('cache-control', 'no-store');
  ctx.body = documentOf(page);
}

/** `taskomask-web`: code + PKCE, refresh tokens, redirect URIs from config. */
export function webClientMetadata(options: WebClientOptions): ClientMetadata {
  const postLogout = options.postLogoutRedirectUris ?? [
    ...new Set(options.redirectUris.map((uri) => `${new URL(uri).origin}/`)),
  ];
  return {
    client_id: webClientId,
    client_name: 'TaskoMask',
    application_type: 'web',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: [...options.redirectUris],
    post_logout_redirect_uris: postLogout,
    ...(options.secret
      ? { client_secret: options.secret, token_endpoint_auth_method: 'client_secret_basic' }
      : { token_endpoint_auth_method: 'none' }),
  };
}

/**
 * The OpenID Connect provider: authorization code with PKCE (always required), refresh tokens
 * (offline_access), RP-initiated logout, revocation, JWT access tokens for the API audience.
 * Accounts come from the event-sourced Owner; a deactivated one is not found, so sign-in, token
 * exchange and refresh all fail for it.
 */
export function createProvider(options: ProviderOptions): Provider {
  const { accounts, apiAudience, keys } = options;

  const findAccount = async (
    _ctx: KoaContextWithOIDC,
    sub: string,
  ): Promise<Account | undefined> => {
    const account = await accounts.find(sub);
    if (account === null || account.status !== 'active') return undefined;
    return {
      accountId: account.ownerId,
      claims: () => ({
        sub: account.ownerId,
        name: account.displayName,
        email: account.email,
        // Registration does not verify addresses (no mail is sent).
        email_verified: false,
        role: account.role,
      }),
    };
  };

  // A browser session whose account was deactivated (or is gone) must sign in again; without
  // this check the provider would go on to the consent prompt with no account and fail.
  const policy = interactionPolicy.base();
  policy
    .get('login')
    ?.checks.add(
      new interactionPolicy.Check(
        'account_unavailable',
        'the signed-in account is deactivated',
        (ctx) => Boolean(ctx.oidc.session?.accountId) && ctx.oidc.account === undefined,
      ),
      0,
    );
  // "Sign up" (`screen=signup`) shows the registration form even to a browser signed in here;
  // once someone registered or signed in during this request the check is met.
  policy
    .get('login')
    ?.checks.add(
      new interactionPolicy.Check(
        'sign_up_requested',
        'the client asked for the sign-up form',
        (ctx) => wantsSignUp(ctx.oidc.params?.screen) && !ctx.oidc.result?.login,
      ),
    );

  const configuration: Configuration = {
    adapter: (model: string) => options.store.providerAdapter(model),
    clients: [webClientMetadata(options.webClient)],
    findAccount,
    claims: {
      openid: ['sub'],
      profile: ['name', 'role'],
      email: ['email', 'email_verified'],
    },
    scopes: ['openid', 'offline_access', 'profile', 'email'],
    // The ID token carries the profile and email claims itself: the access token is for the API.
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    // `screen=signup` opens the registration form instead of sign-in; any other value is ignored.
    extraParams: ['screen'],
    pkce: { required: () => true },
    clientDefaults: {
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      id_token_signed_response_alg: keys.algorithm,
      token_endpoint_auth_method: 'client_secret_basic',
    },
    jwks: { keys: keys.keys } as Configuration['jwks'],
    cookies: {
      keys: [...options.cookieKeys],
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    interactions: { policy, url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      revocation: {
        enabled: true,
        // A client revokes only its own tokens; others answer 200 and stay valid (RFC 7009).
        allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId,
      },
      introspection: { enabled: false },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          // With a valid id_token_hint the client asked for this sign-out (the user clicked
          // "Sign out" there): the form submits itself. Without one, the user is asked.
          const asked = Boolean(ctx.oidc.params?.id_token_hint) && ctx.oidc.client !== undefined;
          send(ctx, logoutPage({ form, clientName: ctx.oidc.client?.clientName, auto: asked }));
        },
        postLogoutSuccessSource: (ctx) => send(ctx, loggedOutPage()),
      },
      resourceIndicators: {
        enabled: true,
        // Without a `resource` parameter the API is meant: next-auth need not send one.
        defaultResource: (_ctx, _client, oneOf) =>
          oneOf ? (oneOf.includes(apiAudience) ? apiAudience : oneOf) : apiAudience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource !== apiAudience) throw new errors.InvalidTarget();
          return {
            scope: apiScopes.join(' '),
            audience: apiAudience,
            accessTokenFormat: 'jwt',
            accessTokenTTL: options.accessTokenTtl,
            jwt: { sign: { alg: keys.algorithm } },
          };
        },
      },
    },
    extraTokenClaims: async (_ctx, token) => {
      if (!('accountId' in token) || typeof token.accountId !== 'string') return undefined;
      const account = await accounts.find(token.accountId);
      return account === null ? undefined : { role: account.role };
    },
    // The web app is a server-side BFF; CORS only for a browser client at a registered origin.
    clientBasedCORS: (_ctx, origin, client) =>
      client.redirectUris?.some((uri) => URL.parse(uri)?.origin === origin) ?? false,
    ttl: {
      AccessToken: options.accessTokenTtl,
      AuthorizationCode: 60,
      IdToken: 60 * 60,
      Interaction: 60 * 60,
      // The grant bounds the whole signed-in life; the refresh token and session slide.
      Grant: options.sessionMaxTtl,
      Session: options.sessionIdleTtl,
      RefreshToken: options.sessionIdleTtl,
    },
    // Every refresh consumes its token and issues a new one (a full idle TTL from now), for every
    // client: a replayed token is refused and revokes the grant.
    rotateRefreshToken: true,
    renderError: (ctx, out) => {
      const message = out.error_description ?? out.error ?? 'Something went wrong.';
      send(
        ctx,
        errorPage({
          status: Math.max(ctx.status, 400),
          title: 'Sign-in problem',
          message: String(message),
        }),
      );
    },
  };

  const provider = new Provider(options.issuer, configuration);
  // build-identity pins Host and X-Forwarded-Host/Proto to the issuer on every request (and
  // drops X-Forwarded-For unless trustProxy), so trusting them is trusting the configuration.
  provider.proxy = true;
  return provider;
}
