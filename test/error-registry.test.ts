import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderErrorTable } from '../src/error-docs.js';
import { ERROR_CODES } from '../src/error-registry.js';

const root = new URL('..', import.meta.url).pathname;

function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return filesUnder(path, keep);
    return keep(name) ? [path] : [];
  });
}

const read = (path: string) => readFileSync(join(root, path), 'utf8');
const sources = filesUnder('src', (n) => n.endsWith('.ts') && !n.endsWith('.test.ts')).filter(
  // DT One's own codes, the built-in DT One and the money module's internal codes never reach a client as such.
  (path) => !path.startsWith('src/sandbox/') && !path.includes('/generated/'),
);
const tests = filesUnder('test', (n) => n.endsWith('.ts'));

/** Codes graphql-yoga itself writes; the gateway only passes them on. */
const FROM_YOGA = new Set(['GRAPHQL_VALIDATION_FAILED', 'INTERNAL_SERVER_ERROR']);

describe('error registry', () => {
  it('is published as docs/errors.md exactly as generated (npm run errors:docs)', () => {
    expect(read('docs/errors.md')).toBe(renderErrorTable());
  });

  it('names every code the gateway writes for a client, and only those', () => {
    const written = new Set<string>();
    for (const path of sources) {
      for (const match of read(path).matchAll(/\bcode(?: =|:) '([A-Z][A-Z_]+)'|ErrorCode\.([A-Z_]+)/g)) {
        written.add(match[1] ?? match[2]!);
      }
    }
    // Upstream and money-module codes, and a refused amount the schema turns into its union member, stay inside.
    const internal = [...written].filter(
      (code) => /^(DTONE|GS|MONEY)_/.test(code) || code === 'AMOUNT_REJECTED',
    );
    for (const code of internal) written.delete(code);
    expect(
      [...written].filter((code) => !(code in ERROR_CODES)).sort(),
      'codes missing from the registry',
    ).toEqual([]);
    const neverWritten = Object.keys(ERROR_CODES).filter(
      (code) => !written.has(code) && !FROM_YOGA.has(code),
    );
    // Codes refused by name in code paths the regex cannot see (e.g. `refused(message, 'CODE')`) still appear quoted.
    const quotedSomewhere = neverWritten.filter(
      (code) => !sources.some((path) => read(path).includes(`'${code}'`)),
    );
    expect(quotedSomewhere, 'registry codes no source writes').toEqual([]);
  });

  it('has every code asserted by some test', () => {
    const text = tests.map(read).join('\n');
    const untested = Object.keys(ERROR_CODES).filter((code) => !new RegExp(`['"]${code}['"]`).test(text));
    expect(untested, 'codes no test asserts').toEqual([]);
  });
});
