import { LANGUAGES, type Language } from '../catalogue/types.js';

/** Picks the best supported language from `Accept-Language` (q-values honoured); English otherwise. */
export function pickLanguage(header: string | string[] | undefined): Language {
  if (typeof header !== 'string') return 'en';
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return {
        lang: tag.toLowerCase().split('-')[0] ?? '',
        weight: Number.isFinite(weight) ? weight : 0,
        index,
      };
    })
    .filter((x) => x.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { lang } of ranked) {
    if ((LANGUAGES as readonly string[]).includes(lang)) return lang as Language;
  }
  return 'en';
}

export function languageHeaders(lang: Language): Record<string, string> {
  return { 'Content-Language': lang, Vary: 'Accept-Language' };
}
