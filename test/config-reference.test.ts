import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderReference, VARIABLES } from '../src/config-reference.js';
import { EnvSchema } from '../src/config-schema.js';

/** docs/configuration.md and .env.example are generated (`npm run config:docs`); they must match the schema. */
describe('configuration reference', () => {
  const { markdown, envExample } = renderReference();

  it('describes exactly the variables the schema reads', () => {
    expect(Object.keys(VARIABLES).sort()).toEqual(Object.keys(EnvSchema.shape).sort());
  });

  it('is committed as generated: docs/configuration.md and .env.example (run npm run config:docs)', () => {
    expect(readFileSync(new URL('../docs/configuration.md', import.meta.url), 'utf8')).toBe(markdown);
    expect(readFileSync(new URL('../.env.example', import.meta.url), 'utf8')).toBe(envExample);
  });

  it('gives each variable a row with its default, and leaves secrets blank in .env.example', () => {
    expect(markdown).toContain('| `SHUTDOWN_TIMEOUT_MS` |');
    expect(markdown).toMatch(/\| `PORT` \| [^|]+ \| `4000` \|/);
    expect(markdown).toMatch(/\| `PUBLIC_URL` \|.*\*\*live\*\* \(required\)/);
    expect(envExample).toContain('# DTONE_API_SECRET=\n');
    expect(envExample).toContain('# PORT=4000\n');
  });
});
