import { ERROR_CODES, type ErrorCodeEntry } from './error-registry.js';

/** docs/errors.md: the registry as a table, for client authors (`npm run errors:docs`; a test checks for drift). */
export function renderErrorTable(): string {
  const retry = { yes: 'yes', no: 'no', 'after-fix': 'after an operator fixes it' } as const;
  const rows = Object.entries(ERROR_CODES).map(([code, entry]: [string, ErrorCodeEntry]) =>
    [
      `\`${code}\``,
      entry.meaning.replaceAll('|', '\\|'),
      retry[entry.retry],
      entry.http === undefined ? '–' : String(entry.http),
      entry.as,
      entry.layer,
    ].join(' | '),
  );
  return [
    '# Error codes',
    '',
    '<!-- Generated from src/error-registry.ts by `npm run errors:docs`; do not edit by hand. -->',
    '',
    'Every code a client can meet, as `errors[].extensions.code` (top-level) or as `code` on a member of a result',
    'union (branch on `__typename`). The same condition has the same code on queries, mutations and subscriptions.',
    'A mutation whose result union has a member for a condition answers it as that member, never top-level.',
    '"Retry" says whether sending the same request again may succeed; for money mutations, retry with the same',
    'idempotency key. "HTTP" is the status when the code refuses a whole request before it runs; a code raised while',
    'fields resolve comes with the partial data, under the status GraphQL over HTTP gives that response.',
    '',
    '| Code | Meaning | Retry | HTTP | As | Layer |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row} |`),
    '',
  ].join('\n');
}
