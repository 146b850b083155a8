import { createHash } from 'node:crypto';

// Server-rendered pages: plain HTML, one stylesheet, no script (but the self-submitting sign-out,
// allowed by its hash). Every value that a user (or a
// client) supplied goes through `escapeHtml`; markup is only ever built from our own literals.

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

/** HTML that is already safe: only our literals and escaped values. */
export type Html = Readonly<{ html: string }>;

const raw = (html: string): Html => ({ html });

/** A template tag that escapes every interpolated string; Html values pass through as they are. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });
  return raw(out);
}

function render(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  if (typeof value === 'object' && 'html' in value) return (value as Html).html;
  return escapeHtml(String(value));
}

export type Page = Readonly<{
  status: number;
  title: string;
  body: Html;
  headers?: Record<string, string>;
}>;

export function documentOf(page: Page): string {
  return `<!doctype html>\n${
    html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${page.title} · TaskoMask</title>
<link rel="stylesheet" href="/assets/identity.css">
</head>
<body>
<main>
<p class="brand">TaskoMask</p>
<h1>${page.title}</h1>
${page.body}
</main>
</body>
</html>
`.html
  }`;
}

export type FieldErrors = Readonly<Record<string, string | undefined>>;

type FieldSpec = Readonly<{
  name: string;
  label: string;
  type: 'text' | 'email' | 'password';
  autocomplete: string;
  value?: string;
  hint?: string;
  minlength?: number;
  maxlength?: number;
}>;

/**
 * Labelled inputs; a field in error is marked aria-invalid and described by its message, and the
 * first such field (or the first field when none is) gets the focus.
 */
function fields(specs: readonly FieldSpec[], errors: FieldErrors): Html {
  const focused = specs.find((spec) => errors[spec.name]) ?? specs[0];
  return html`${specs.map((spec) => {
    const error = errors[spec.name];
    const describedBy = [spec.hint ? `${spec.name}-hint` : '', error ? `${spec.name}-error` : '']
      .filter(Boolean)
      .join(' ');
    return html`<div class="field">
<label for="${spec.name}">${spec.label}</label>
${spec.hint ? html`<p class="hint" id="${spec.name}-hint">${spec.hint}</p>` : ''}
<input id="${spec.name}" name="${spec.name}" type="${spec.type}" autocomplete="${spec.autocomplete}" required${
      spec.minlength ? raw(` minlength="${spec.minlength}"`) : ''
    }${spec.maxlength ? raw(` maxlength="${spec.maxlength}"`) : ''}${
      spec.value !== undefined && spec.type !== 'password' ? html` value="${spec.value}"` : ''
    }${describedBy ? html` aria-describedby="${describedBy}"` : ''}${
      error ? raw(' aria-invalid="true"') : ''
    }${spec === focused ? raw(' autofocus') : ''}>
${error ? html`<p class="field-error" id="${spec.name}-error">${error}</p>` : ''}
</div>
`;
  })}`;
}

/** The message screen readers announce at once (role=alert). */
function alert(message: string | undefined): Html {
  return message ? html`<div class="alert" role="alert">${message}</div>\n` : html``;
}

function minutes(seconds: number): string {
  const m = Math.ceil(seconds / 60);
  return m <= 1 ? 'a minute' : `${m} minutes`;
}

export function loginPage(options: {
  uid: string;
  email?: string;
  error?: string;
  errors?: FieldErrors;
  status?: number;
  retryAfterSeconds?: number;
  notice?: string;
}): Page {
  const { uid } = options;
  const locked = options.retryAfterSeconds;
  const error =
    locked !== undefined
      ? `Too many failed sign-in attempts. Try again in ${minutes(locked)}.`
      : options.error;
  return {
    status: options.status ?? 200,
    title: 'Sign in',
    headers: locked !== undefined ? { 'retry-after': String(locked) } : undefined,
    body: html`${alert(error)}${options.notice ? html`<p class="notice">${options.notice}</p>` : ''}
<form method="post" action="/interaction/${uid}/login" novalidate>
${fields(
  [
    {
      name: 'email',
      label: 'Email',
      type: 'email',
      autocomplete: 'username',
      value: options.email ?? '',
    },
    { name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password' },
  ],
  options.errors ?? {},
)}<div class="actions">
<button type="submit">Sign in</button>
<a href="/interaction/${uid}/register">Create an account</a>
<a href="/interaction/${uid}/abort">Cancel</a>
</div>
</form>
`,
  };
}

export function registerPage(options: {
  uid: string;
  values?: Readonly<{ displayName?: string; email?: string }>;
  errors?: FieldErrors;
  error?: string;
  status?: number;
}): Page {
  const { uid, values = {}, errors = {} } = options;
  return {
    status: options.status ?? 200,
    title: 'Create your account',
    body: html`${alert(options.error)}<form method="post" action="/interaction/${uid}/register" novalidate>
${fields(
  [
    {
      name: 'displayName',
      label: 'Display name',
      type: 'text',
      autocomplete: 'name',
      value: values.displayName ?? '',
      hint: '3 to 50 characters, shown to your teammates.',
      minlength: 3,
      maxlength: 50,
    },
    {
      name: 'email',
      label: 'Email',
      type: 'email',
      autocomplete: 'email',
      value: values.email ?? '',
    },
    {
      name: 'password',
      label: 'Password',
      type: 'password',
      autocomplete: 'new-password',
      hint: 'At least 10 characters. Very common passwords are refused.',
      minlength: 10,
    },
  ],
  errors,
)}<div class="actions">
<button type="submit">Create account</button>
<a href="/interaction/${uid}/login">I already have an account</a>
</div>
</form>
`,
  };
}

const scopeWords: Record<string, string> = {
  openid: 'Know who you are',
  profile: 'See your display name',
  email: 'See your email address',
  offline_access: 'Stay signed in',
  'workspaces:read': 'See your workspaces',
  'workspaces:write': 'Change your workspaces',
  'boards:read': 'See your boards',
  'boards:write': 'Change your boards',
  'tasks:read': 'See your tasks',
  'tasks:write': 'Change your tasks',
};

export function consentPage(options: {
  uid: string;
  clientName: string;
  scopes: readonly string[];
}): Page {
  const { uid } = options;
  return {
    status: 200,
    title: 'Allow access?',
    body: html`<p><strong>${options.clientName}</strong> asks to:</p>
<ul class="scopes">${options.scopes.map((scope) => html`<li>${scopeWords[scope] ?? scope}</li>`)}</ul>
<form method="post" action="/interaction/${uid}/consent">
<div class="actions">
<button type="submit" autofocus>Allow</button>
<a href="/interaction/${uid}/abort">Cancel</a>
</div>
</form>
`,
  };
}

/** Clicks "Sign out" at once; the only script of these pages, allowed by its hash alone. */
export const autoSignOutScript = "document.getElementById('sign-out').click();";
export const autoSignOutHash = `'sha256-${createHash('sha256').update(autoSignOutScript).digest('base64')}'`;

/**
 * oidc-provider's logout form is passed in as `form` (its own markup, with its xsrf token).
 * `auto`: the client asked (id_token_hint), so the form submits itself — no second question.
 * Without script the same page still signs out with one click.
 */
export function logoutPage(options: { form: string; clientName?: string; auto?: boolean }): Page {
  const signOut = html`<button type="submit" form="op.logoutForm" name="logout" value="yes" id="sign-out" autofocus>Sign out</button>`;
  if (options.auto) {
    return {
      status: 200,
      title: 'Signing out',
      body: html`<p>Signing you out of TaskoMask…</p>
${raw(options.form)}
<div class="actions">${signOut}</div>
<script>${raw(autoSignOutScript)}</script>
`,
    };
  }
  return {
    status: 200,
    title: 'Sign out?',
    body: html`<p>Sign out of TaskoMask${options.clientName ? html` (${options.clientName})` : ''} on this browser?</p>
${raw(options.form)}
<div class="actions">
${signOut}
<button type="submit" form="op.logoutForm" class="secondary">Stay signed in</button>
</div>
`,
  };
}

export function loggedOutPage(): Page {
  return {
    status: 200,
    title: 'Signed out',
    body: html`<p>You are signed out of TaskoMask.</p>\n`,
  };
}

export function errorPage(options: {
  status: number;
  title: string;
  message: string;
  link?: { href: string; text: string };
}): Page {
  return {
    status: options.status,
    title: options.title,
    body: html`${alert(options.message)}${
      options.link ? html`<p><a href="${options.link.href}">${options.link.text}</a></p>\n` : ''
    }`,
  };
}

export type AccountSummary = Readonly<{
  displayName: string;
  email: string;
  role: 'admin' | 'user';
}>;

export function accountPage(options: {
  account: AccountSummary;
  notice?: string;
  appUrl: string;
}): Page {
  const { account } = options;
  return {
    status: 200,
    title: 'Your account',
    body: html`${options.notice ? html`<p class="notice" role="status">${options.notice}</p>\n` : ''}<dl>
<dt>Name</dt><dd>${account.displayName}</dd>
<dt>Email</dt><dd>${account.email}</dd>
<dt>Role</dt><dd>${account.role === 'admin' ? 'Administrator' : 'User'}</dd>
</dl>
<div class="actions">
<a href="/account/profile">Edit profile</a>
<a href="/account/password">Change password</a>
<a href="/session/end">Sign out</a>
<a href="${options.appUrl}">Back to TaskoMask</a>
</div>
`,
  };
}

export function profilePage(options: {
  csrf: string;
  values: Readonly<{ displayName: string; email: string }>;
  errors?: FieldErrors;
  error?: string;
  status?: number;
}): Page {
  return {
    status: options.status ?? 200,
    title: 'Edit profile',
    body: html`${alert(options.error)}<form method="post" action="/account/profile" novalidate>
<input type="hidden" name="csrf" value="${options.csrf}">
${fields(
  [
    {
      name: 'displayName',
      label: 'Display name',
      type: 'text',
      autocomplete: 'name',
      value: options.values.displayName,
      minlength: 3,
      maxlength: 50,
    },
    {
      name: 'email',
      label: 'Email',
      type: 'email',
      autocomplete: 'email',
      value: options.values.email,
    },
  ],
  options.errors ?? {},
)}<div class="actions">
<button type="submit">Save</button>
<a href="/account">Cancel</a>
</div>
</form>
`,
  };
}

export function passwordPage(options: {
  csrf: string;
  errors?: FieldErrors;
  error?: string;
  status?: number;
  retryAfterSeconds?: number;
}): Page {
  const locked = options.retryAfterSeconds;
  return {
    status: options.status ?? 200,
    title: 'Change password',
    headers: locked !== undefined ? { 'retry-after': String(locked) } : undefined,
    body: html`${alert(
      locked !== undefined
        ? `Too many failed attempts. Try again in ${minutes(locked)}.`
        : options.error,
    )}<form method="post" action="/account/password" novalidate>
<input type="hidden" name="csrf" value="${options.csrf}">
${fields(
  [
    {
      name: 'currentPassword',
      label: 'Current password',
      type: 'password',
      autocomplete: 'current-password',
    },
    {
      name: 'newPassword',
      label: 'New password',
      type: 'password',
      autocomplete: 'new-password',
      hint: 'At least 10 characters. Very common passwords are refused.',
      minlength: 10,
    },
  ],
  options.errors ?? {},
)}<div class="actions">
<button type="submit">Change password</button>
<a href="/account">Cancel</a>
</div>
</form>
`,
  };
}
