// A browser without a browser: fetch with a cookie jar, redirects followed by hand, forms posted
// as application/x-www-form-urlencoded. Enough to drive the provider's flows over real HTTP.

type Cookie = { name: string; value: string; path: string; expiresAt: number | null };

export class Browser {
  private readonly jar = new Map<string, Cookie>();

  constructor(private readonly headers: Record<string, string> = {}) {}

  cookieNames(): string[] {
    return [...this.jar.values()].filter((c) => !this.expired(c)).map((c) => c.name);
  }

  async get(url: string): Promise<Response> {
    return this.request(url, { method: 'GET' });
  }

  async post(url: string, form: Record<string, string>): Promise<Response> {
    return this.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  }

  async request(url: string, init: RequestInit): Promise<Response> {
    const target = new URL(url);
    const cookie = [...this.jar.values()]
      .filter((c) => !this.expired(c) && pathMatches(c.path, target.pathname))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
    const response = await fetch(target, {
      ...init,
      redirect: 'manual',
      headers: {
        ...this.headers,
        ...(init.headers as Record<string, string>),
        ...(cookie ? { cookie } : {}),
      },
    });
    for (const header of response.headers.getSetCookie()) this.store(header, target);
    return response;
  }

  /**
   * Follows redirects from `response` until one points where `stop` says (returned, not
   * fetched) or a non-redirect answers.
   */
  async follow(
    response: Response,
    from: string,
    stop: (location: URL) => boolean = () => false,
  ): Promise<{ response: Response; url: string; stoppedAt?: URL }> {
    let current = response;
    let url = from;
    for (let hops = 0; hops < 20; hops++) {
      const location = current.headers.get('location');
      if (current.status < 300 || current.status >= 400 || location === null) {
        return { response: current, url };
      }
      const next = new URL(location, url);
      if (stop(next)) return { response: current, url, stoppedAt: next };
      url = next.href;
      current = await this.get(url);
    }
    throw new Error(`too many redirects from ${from}`);
  }

  private expired(cookie: Cookie): boolean {
    return cookie.expiresAt !== null && cookie.expiresAt <= Date.now();
  }

  private store(header: string, url: URL) {
    const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    let path = url.pathname.replace(/\/[^/]*$/, '') || '/';
    let expiresAt: number | null = null;
    for (const attribute of attributes) {
      const [key = '', val = ''] = attribute.split('=');
      const lower = key.toLowerCase();
      if (lower === 'path') path = val;
      if (lower === 'expires') expiresAt = Date.parse(val);
      if (lower === 'max-age') expiresAt = Date.now() + Number(val) * 1000;
    }
    const key = `${name};${path}`;
    if (expiresAt !== null && expiresAt <= Date.now()) this.jar.delete(key);
    else this.jar.set(key, { name, value, path, expiresAt });
  }
}

function pathMatches(cookiePath: string, requestPath: string): boolean {
  if (requestPath === cookiePath) return true;
  const prefix = cookiePath.endsWith('/') ? cookiePath : `${cookiePath}/`;
  return requestPath.startsWith(prefix);
}

/** The hidden inputs of the form with this id (or of the first form), by name. */
export function hiddenInputs(html: string, formId?: string): Record<string, string> {
  const form = formId
    ? new RegExp(`<form[^>]*id="${formId.replace('.', '\\.')}"[\\s\\S]*?</form>`).exec(html)?.[0]
    : /<form[\s\S]*?<\/form>/.exec(html)?.[0];
  const inputs: Record<string, string> = {};
  for (const match of (form ?? '').matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(match[0])?.[1];
    const value = /value="([^"]*)"/.exec(match[0])?.[1];
    if (name !== undefined) inputs[name] = decodeEntities(value ?? '');
  }
  return inputs;
}

export function formAction(html: string, formId?: string): string | undefined {
  const form = formId
    ? new RegExp(`<form[^>]*id="${formId.replace('.', '\\.')}"[^>]*>`).exec(html)?.[0]
    : /<form[^>]*>/.exec(html)?.[0];
  const action = /action="([^"]*)"/.exec(form ?? '')?.[1];
  return action === undefined ? undefined : decodeEntities(action);
}

function decodeEntities(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
