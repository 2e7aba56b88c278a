import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Language } from '../errors/kintone-error.js';
import type { LanguageChoice } from '../store/types.js';
import { languageForUser } from './language.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The language the authenticated user chose; '' until known, or when following the browser. */
    callerLanguage: LanguageChoice;
  }
}

/** Gives every request a place for its user's language choice. */
export function registerCallerLanguage(app: FastifyInstance): void {
  app.decorateRequest('callerLanguage', '');
}

/** The language a request's messages and pages use: the user's choice, else Accept-Language. */
export function requestLanguage(request: FastifyRequest, fallback: Language): Language {
  // Requests refused before routing (broken percent-encoding) never got the decoration.
  const choice = request.callerLanguage ?? '';
  return languageForUser(choice, request.headers['accept-language'], fallback);
}
