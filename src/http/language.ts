import type { Language } from '../errors/kintone-error.js';

/**
 * The message language for a request: the most preferred of Japanese and English in
 * Accept-Language (q-values honoured), else the configured default. `*` and languages Kintone
 * localises but this server does not (such as zh) fall back to the default.
 */
export function pickLanguage(acceptLanguage: string | undefined, fallback: Language): Language {
  if (!acceptLanguage) return fallback;

  let best: { language: Language; quality: number } | null = null;
  for (const part of acceptLanguage.split(',')) {
    const [tag = '', ...parameters] = part.trim().split(';');
    const primary = tag.trim().toLowerCase().split('-')[0];
    if (primary !== 'ja' && primary !== 'en') continue;

    const qualityParameter = parameters.find((p) => p.trim().startsWith('q='));
    const quality = qualityParameter ? Number(qualityParameter.trim().slice(2)) : 1;
    if (!Number.isFinite(quality) || quality <= 0) continue;
    if (!best || quality > best.quality) best = { language: primary, quality };
  }
  return best?.language ?? fallback;
}

/**
 * The language for a signed-in user, as Kintone decides it: a user who chose Japanese or
 * English gets that language whatever the browser asks; a user who follows the browser (the
 * default) gets the Accept-Language choice, else the configured default.
 */
export function languageForUser(
  choice: 'ja' | 'en' | '',
  acceptLanguage: string | undefined,
  fallback: Language,
): Language {
  return choice === '' ? pickLanguage(acceptLanguage, fallback) : choice;
}
