import { rawRequest, type RawResponse } from '../support/http.js';

/**
 * A browser session driven over plain HTTP: logs in through the form, then loads pages and
 * posts their forms with the request token the pages carry, as a browser would.
 */
export class FormSession {
  readonly #baseUrl: string;
  #cookie = '';
  #requestToken = '';

  constructor(baseUrl: string) {
    this.#baseUrl = baseUrl;
  }

  get cookie(): string {
    return this.#cookie;
  }

  async logIn(loginName: string, password: string): Promise<RawResponse> {
    const response = await this.post('/login', { username: loginName, password }, false);
    const setCookie = response.headers['set-cookie']?.[0];
    if (setCookie) this.#cookie = setCookie.split(';')[0]!;
    return response;
  }

  /** Loads a page and remembers the request token of its forms. */
  async get(path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
    const response = await rawRequest(this.#baseUrl, {
      path,
      headers: { cookie: this.#cookie, ...headers },
    });
    const token = /name="__REQUEST_TOKEN__" value="([^"]+)"/.exec(response.text)?.[1];
    if (token) this.#requestToken = token;
    return response;
  }

  /** Posts a form, with the remembered request token unless told not to. */
  async post(path: string, fields: Record<string, string>, withToken = true): Promise<RawResponse> {
    const all = withToken ? { ...fields, __REQUEST_TOKEN__: this.#requestToken } : fields;
    return rawRequest(this.#baseUrl, {
      method: 'POST',
      path,
      headers: {
        cookie: this.#cookie,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(all).toString(),
    });
  }

  /** Posts a multipart form, as a form with a file input sends it; fields go before the file. */
  async postMultipart(
    path: string,
    fields: Record<string, string>,
    file?: { name: string; type: string; content: string | Buffer },
    withToken = true,
    headers: Record<string, string> = {},
  ): Promise<RawResponse> {
    const boundary = 'form-session-boundary';
    const all = withToken ? { __REQUEST_TOKEN__: this.#requestToken, ...fields } : fields;
    const parts: Buffer[] = Object.entries(all).map(([name, value]) =>
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
    // A file input left empty still sends its part, with an empty file name.
    const { name = '', type = 'application/octet-stream', content = '' } = file ?? {};
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
          `Content-Type: ${type}\r\n\r\n`,
      ),
      Buffer.from(content),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    );
    return rawRequest(this.#baseUrl, {
      method: 'POST',
      path,
      headers: {
        cookie: this.#cookie,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        ...headers,
      },
      body: Buffer.concat(parts),
    });
  }
}
