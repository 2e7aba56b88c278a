import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ActiveSession, SessionManager } from '../auth/session.js';
import { KintoneError } from '../errors/kintone-error.js';
import { isSameOrigin, REQUEST_TOKEN_PARAM } from '../http/request-token.js';
import { esc } from './html.js';

/** A page request: an urlencoded form body on POST, plain strings in the query and path. */
export type FormRequest = FastifyRequest<{
  Body: Record<string, string | string[] | undefined> | undefined;
  Querystring: Record<string, string | undefined>;
  Params: Record<string, string | undefined>;
}>;

/** One form field as text; a repeated or missing field is ''. */
export function formField(request: FormRequest, name: string): string {
  return single((request.body ?? {})[name]);
}

/** Whether a checkbox was ticked. */
export function formChecked(request: FormRequest, name: string): boolean {
  return formField(request, name) !== '';
}

export function single(value: string | string[] | undefined): string {
  return typeof value === 'string' ? value : '';
}

/**
 * Every settings form is a POST from this origin carrying the session's request token, as
 * Kintone's own forms are; anything else is refused before the form is read further.
 */
export function checkFormPost(
  request: FormRequest,
  session: ActiveSession,
  sessions: SessionManager,
): void {
  checkPostedToken(request, formField(request, REQUEST_TOKEN_PARAM), session, sessions);
}

/**
 * `checkFormPost` for a token read elsewhere: a multipart form's fields, which arrive only
 * once its body is read.
 */
export function checkPostedToken(
  request: FastifyRequest,
  token: string,
  session: ActiveSession,
  sessions: SessionManager,
): void {
  if (!isSameOrigin(request) || !sessions.checkRequestToken(session, token)) {
    throw new KintoneError('CB_IL02');
  }
}

/** The hidden field every form carries. */
export function requestTokenField(requestToken: string): string {
  return `<input type="hidden" name="${REQUEST_TOKEN_PARAM}" value="${esc(requestToken)}">`;
}

/** 303 after a POST, so the browser follows with a GET and a reload never re-posts. */
export function seeOther(reply: FastifyReply, location: string): FastifyReply {
  return reply.code(303).header('location', location).header('cache-control', 'no-store').send();
}

/** A positive id from a path or field, or undefined. */
export function readPositiveId(raw: string | undefined): number | undefined {
  return raw !== undefined && /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : undefined;
}
