import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DomainError, EmailTaken, ValidationError } from '@taskomask/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import { errors as oidcErrors } from 'oidc-provider';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { z } from 'zod';
import type { Accounts, AccountView } from './accounts';
import type { LoginLimiter } from './login-limiter';
import {
  accountPage,
  consentPage,
  documentOf,
  errorPage,
  type FieldErrors,
  loginPage,
  type Page,
  passwordPage,
  profilePage,
  registerPage,
} from './pages';
import { wantsSignUp } from './provider';

export type RouteOptions = Readonly<{
  provider: Provider;
  accounts: Accounts;
  limiter: LoginLimiter;
  /** Registrations per IP: one email probe per registration, so they are counted too. */
  registrations: RateLimiterAbstract;
  /** Client ids whose consent is given without asking (our own web app). */
  firstPartyClients: ReadonlySet<string>;
  /** Where "back to TaskoMask" points. */
  appUrl: string;
  csrfKey: string;
  stylesheet: string;
}>;

const field = (max: number) => z.string().max(max).default('');
const loginForm = z.object({ email: field(320), password: field(1024) });
const registerForm = z.object({
  displayName: field(200),
  email: field(320),
  password: field(1024),
});
const profileForm = z.object({ csrf: field(200), displayName: field(200), email: field(320) });
const passwordForm = z.object({
  csrf: field(200),
  currentPassword: field(1024),
  newPassword: field(1024),
});
const uidParams = z.object({ uid: z.string().min(1).max(100) });

const WRONG_CREDENTIALS = 'Wrong email or password.';
const DEACTIVATED = 'This account is deactivated. Ask a TaskoMask administrator to reactivate it.';
const EMAIL_TAKEN = 'Email already registered. Sign in instead, or use another email.';

const requestErrors: Readonly<Record<number, { title: string; message: string }>> = {
  400: { title: 'Bad request', message: 'The form could not be read.' },
  413: { title: 'Form too large', message: 'The form sent is larger than any form here.' },
  414: { title: 'Bad request', message: 'This address is too long to be a page here.' },
  415: { title: 'Bad request', message: 'Send the form as a browser does.' },
};

function send(reply: FastifyReply, page: Page): FastifyReply {
  for (const [name, value] of Object.entries(page.headers ?? {})) reply.header(name, value);
  return reply.status(page.status).type('text/html; charset=utf-8').send(documentOf(page));
}

type RequestError = Error & { statusCode: number };

/** Fastify's own refusals (a body too large or malformed, a path the router cannot take). */
const isRequestError = (error: unknown): error is RequestError => {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
};

/** The client's fault, so its 4xx, as a page like every other answer here (never echoing). */
export function sendRequestError(reply: FastifyReply, error: unknown): FastifyReply {
  const status = isRequestError(error) ? error.statusCode : 400;
  return send(reply, errorPage({ status, ...(requestErrors[status] ?? requestErrors[400]!) }));
}

function sentence(reason: string): string {
  const text = reason.charAt(0).toUpperCase() + reason.slice(1);
  return text.endsWith('.') ? text : `${text}.`;
}

/** Field messages for the forms; anything else is the caller's to handle. */
function fieldErrorsOf(error: unknown): FieldErrors | null {
  if (error instanceof EmailTaken) return { email: EMAIL_TAKEN };
  if (error instanceof ValidationError) return { [error.field]: sentence(error.reason) };
  return null;
}

export function registerRoutes(app: FastifyInstance, options: RouteOptions): void {
  const { provider, accounts, limiter } = options;

  const expired = (reply: FastifyReply) =>
    send(
      reply,
      errorPage({
        status: 400,
        title: 'Sign-in expired',
        message:
          'This sign-in page has expired or was opened in another browser. Start again from TaskoMask.',
        link: { href: options.appUrl, text: 'Back to TaskoMask' },
      }),
    );

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof oidcErrors.SessionNotFound) return expired(reply);
    if (error instanceof z.ZodError) {
      // Only our schemas' keys: a field the form lacks, repeats or sends too long.
      const fields = [...new Set(error.issues.map((issue) => String(issue.path[0] ?? 'form')))];
      return send(
        reply,
        errorPage({
          status: 400,
          title: 'Bad request',
          message: `The form could not be read: check ${fields.join(', ')}.`,
        }),
      );
    }
    if (isRequestError(error)) return sendRequestError(reply, error);
    request.log.error({ err: error }, 'identity page failed');
    return send(
      reply,
      errorPage({
        status: 500,
        title: 'Something went wrong',
        message: 'Please try again in a moment.',
      }),
    );
  });

  // Not Fastify's JSON 404, which echoes the path it was given.
  app.setNotFoundHandler((_request, reply) =>
    send(
      reply,
      errorPage({
        status: 404,
        title: 'Page not found',
        message: 'There is no such page.',
        link: { href: options.appUrl, text: 'Back to TaskoMask' },
      }),
    ),
  );

  /** The interaction of this browser, when it is the one in the URL (else the page is stale). */
  async function interactionOf(request: FastifyRequest, reply: FastifyReply) {
    const { uid } = uidParams.parse(request.params);
    const interaction = await provider.interactionDetails(request.raw, reply.raw);
    if (interaction.uid !== uid) {
      expired(reply);
      return null;
    }
    return interaction;
  }

  async function finish(
    request: FastifyRequest,
    reply: FastifyReply,
    result: Parameters<Provider['interactionResult']>[2],
    mergeWithLastSubmission: boolean,
  ) {
    const returnTo = await provider.interactionResult(request.raw, reply.raw, result, {
      mergeWithLastSubmission,
    });
    return reply.redirect(returnTo, 303);
  }

  async function grantConsent(interaction: Awaited<ReturnType<Provider['interactionDetails']>>) {
    const { prompt, params, session } = interaction;
    const details = prompt.details as {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
    const grant = interaction.grantId
      ? await provider.Grant.find(interaction.grantId)
      : new provider.Grant({ accountId: session?.accountId, clientId: String(params.client_id) });
    if (grant === undefined) throw new oidcErrors.SessionNotFound('grant not found');
    if (details.missingOIDCScope) grant.addOIDCScope(details.missingOIDCScope);
    if (details.missingOIDCClaims) grant.addOIDCClaims(details.missingOIDCClaims);
    for (const [resource, scopes] of Object.entries(details.missingResourceScopes ?? {})) {
      grant.addResourceScope(resource, scopes);
    }
    const grantId = await grant.save();
    return { consent: interaction.grantId ? {} : { grantId } };
  }

  app.get('/interaction/:uid', async (request, reply) => {
    const interaction = await interactionOf(request, reply);
    if (interaction === null) return reply;
    const { prompt, params, uid } = interaction;
    if (prompt.name === 'login') {
      return send(reply, wantsSignUp(params.screen) ? registerPage({ uid }) : loginPage({ uid }));
    }
    if (prompt.name === 'consent') {
      const clientId = String(params.client_id);
      if (options.firstPartyClients.has(clientId)) {
        return finish(request, reply, await grantConsent(interaction), true);
      }
      const client = await provider.Client.find(clientId);
      const scopes = String(params.scope ?? '')
        .split(' ')
        .filter(Boolean);
      return send(reply, consentPage({ uid, clientName: client?.clientName ?? clientId, scopes }));
    }
    return expired(reply);
  });

  app.post('/interaction/:uid/consent', async (request, reply) => {
    const interaction = await interactionOf(request, reply);
    if (interaction === null) return reply;
    if (interaction.prompt.name !== 'consent') return expired(reply);
    return finish(request, reply, await grantConsent(interaction), true);
  });

  app.post('/interaction/:uid/login', async (request, reply) => {
    const interaction = await interactionOf(request, reply);
    if (interaction === null) return reply;
    const { uid } = interaction;
    if (interaction.prompt.name !== 'login') return expired(reply);
    const { email, password } = loginForm.parse(request.body ?? {});
    const lock = await limiter.lockFor(email, request.ip);
    if (lock) {
      return send(
        reply,
        loginPage({ uid, email, status: 429, retryAfterSeconds: lock.retryAfterSeconds }),
      );
    }
    const result = await accounts.authenticate(email, password);
    if (!result.ok) {
      if (result.reason === 'invalid') {
        const locked = await limiter.failed(email, request.ip);
        if (locked) {
          return send(
            reply,
            loginPage({ uid, email, status: 429, retryAfterSeconds: locked.retryAfterSeconds }),
          );
        }
      }
      const error = result.reason === 'deactivated' ? DEACTIVATED : WRONG_CREDENTIALS;
      return send(
        reply,
        loginPage({ uid, email, error, status: result.reason === 'deactivated' ? 403 : 401 }),
      );
    }
    await limiter.succeeded(email);
    return finish(request, reply, { login: { accountId: result.account.ownerId } }, false);
  });

  // The sign-in form even when the client asked for sign-up ("I already have an account").
  app.get('/interaction/:uid/login', async (request, reply) => {
    const interaction = await interactionOf(request, reply);
    if (interaction === null) return reply;
    if (interaction.prompt.name !== 'login') return expired(reply);
    return send(reply, loginPage({ uid: interaction.uid }));
  });

  app.get('/interaction/:uid/register', async (request, reply) => {
    const interaction = await interactionOf(request, reply);
    if (interaction === null) return reply;
    if (interaction.prompt.name !== 'login') return expired(reply);
    return send(reply, registerPage({ uid: interaction.uid }));
  });

  app.post('/interaction/:uid/register', async (request, reply) => {
    const interaction = await interactionOf(request, reply);
    if (interaction === null) return reply;
    const { uid } = interaction;
    if (interaction.prompt.name !== 'login') return expired(reply);
    const { displayName, email, password } = registerForm.parse(request.body ?? {});
    const values = { displayName, email };
    const allowed = await options.registrations.consume(request.ip).then(
      () => true,
      (rejection: unknown) => {
        if (rejection instanceof Error) throw rejection;
        return false;
      },
    );
    if (!allowed) {
      return send(
        reply,
        registerPage({
          uid,
          values,
          status: 429,
          error: 'Too many registrations from your network. Try again later.',
        }),
      );
    }
    let account: AccountView;
    try {
      account = await accounts.register({ displayName, email, password });
    } catch (error) {
      const errors = fieldErrorsOf(error);
      if (errors === null) throw error;
      const status = error instanceof EmailTaken ? 409 : 400;
      const message = Object.values(errors)[0];
      return send(reply, registerPage({ uid, values, errors, error: message, status }));
    }
    return finish(request, reply, { login: { accountId: account.ownerId } }, false);
  });

  app.get('/interaction/:uid/abort', async (request, reply) => {
    const interaction = await interactionOf(request, reply);
    if (interaction === null) return reply;
    return finish(
      request,
      reply,
      { error: 'access_denied', error_description: 'End-User aborted interaction' },
      false,
    );
  });

  // Account pages: the browser's provider session says who is signed in. Forms carry a token
  // bound to that session (HMAC), on top of the SameSite=Lax session cookie.

  const csrfFor = (sessionId: string) =>
    createHmac('sha256', options.csrfKey).update(`account-form:${sessionId}`).digest('base64url');

  const csrfValid = (sessionId: string, token: string) => {
    const expected = Buffer.from(csrfFor(sessionId));
    const given = Buffer.from(token);
    return expected.length === given.length && timingSafeEqual(expected, given);
  };

  async function signedIn(request: FastifyRequest, reply: FastifyReply) {
    const ctx = provider.createContext(request.raw as IncomingMessage, reply.raw as ServerResponse);
    const session = await provider.Session.get(ctx);
    const account = session.accountId ? await accounts.find(session.accountId) : null;
    if (account === null || account.status !== 'active') {
      send(
        reply,
        errorPage({
          status: 401,
          title: 'Not signed in',
          message: 'Sign in to TaskoMask first, then come back to your account.',
          link: { href: options.appUrl, text: 'Go to TaskoMask' },
        }),
      );
      return null;
    }
    return { account, sessionId: session.jti, csrf: csrfFor(session.jti) };
  }

  const forbidden = (reply: FastifyReply) =>
    send(
      reply,
      errorPage({
        status: 403,
        title: 'Form expired',
        message: 'This form has expired. Open the page again and resubmit.',
        link: { href: '/account', text: 'Your account' },
      }),
    );

  app.get('/account', async (request, reply) => {
    const current = await signedIn(request, reply);
    if (current === null) return reply;
    const saved = (request.query as { saved?: string }).saved;
    const notice =
      saved === 'profile'
        ? 'Your profile was saved.'
        : saved === 'password'
          ? 'Your password was changed.'
          : undefined;
    return send(reply, accountPage({ account: current.account, notice, appUrl: options.appUrl }));
  });

  app.get('/account/profile', async (request, reply) => {
    const current = await signedIn(request, reply);
    if (current === null) return reply;
    return send(reply, profilePage({ csrf: current.csrf, values: current.account }));
  });

  app.post('/account/profile', async (request, reply) => {
    const current = await signedIn(request, reply);
    if (current === null) return reply;
    const { csrf, displayName, email } = profileForm.parse(request.body ?? {});
    if (!csrfValid(current.sessionId, csrf)) return forbidden(reply);
    try {
      await accounts.updateProfile(current.account.ownerId, { displayName, email });
    } catch (error) {
      const errors = fieldErrorsOf(error);
      if (errors === null) throw error;
      return send(
        reply,
        profilePage({
          csrf: current.csrf,
          values: { displayName, email },
          errors,
          error: Object.values(errors)[0],
          status: error instanceof DomainError && error.code === 'conflict' ? 409 : 400,
        }),
      );
    }
    return reply.redirect('/account?saved=profile', 303);
  });

  app.get('/account/password', async (request, reply) => {
    const current = await signedIn(request, reply);
    if (current === null) return reply;
    return send(reply, passwordPage({ csrf: current.csrf }));
  });

  app.post('/account/password', async (request, reply) => {
    const current = await signedIn(request, reply);
    if (current === null) return reply;
    const { csrf, currentPassword, newPassword } = passwordForm.parse(request.body ?? {});
    if (!csrfValid(current.sessionId, csrf)) return forbidden(reply);
    const { email } = current.account;
    const lock = await limiter.lockFor(email, request.ip);
    if (lock) {
      return send(
        reply,
        passwordPage({ csrf, status: 429, retryAfterSeconds: lock.retryAfterSeconds }),
      );
    }
    try {
      await accounts.changePassword(current.account.ownerId, {
        current: currentPassword,
        next: newPassword,
      });
    } catch (error) {
      const errors = fieldErrorsOf(error);
      if (errors === null) throw error;
      if (errors.currentPassword) {
        const locked = await limiter.failed(email, request.ip);
        if (locked) {
          return send(
            reply,
            passwordPage({ csrf, status: 429, retryAfterSeconds: locked.retryAfterSeconds }),
          );
        }
      }
      return send(
        reply,
        passwordPage({ csrf, errors, error: Object.values(errors)[0], status: 400 }),
      );
    }
    return reply.redirect('/account?saved=password', 303);
  });

  app.get('/assets/identity.css', async (_request, reply) =>
    reply
      .type('text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(options.stylesheet),
  );

  app.get('/health', async () => ({ status: 'ok' }));
}
