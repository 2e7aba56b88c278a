import '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The session cookie, set in exactly one place. Over HTTPS it is `Secure` and carries the
 * `__Host-` prefix, which browsers accept only from a secure origin, with `Path=/` and no
 * `Domain`, so no other host or path can plant or shadow it. It is a browser-session cookie
 * (no Max-Age); the server enforces the idle and absolute limits.
 */
export class SessionCookie {
  readonly name: string;
  readonly #secure: boolean;

  constructor(secure: boolean) {
    this.#secure = secure;
    this.name = secure ? '__Host-kintone-session' : 'kintone-session';
  }

  read(request: FastifyRequest): string | undefined {
    return request.cookies[this.name];
  }

  set(reply: FastifyReply, value: string): void {
    reply.setCookie(this.name, value, this.#options());
  }

  clear(reply: FastifyReply): void {
    reply.clearCookie(this.name, this.#options());
  }

  #options() {
    return { httpOnly: true, sameSite: 'lax', path: '/', secure: this.#secure } as const;
  }
}
