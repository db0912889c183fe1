import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return name === 'generated' ? [] : sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

it('keeps every source file under 300 lines, or says in it why not', () => {
  const long = sources('src').filter((path) => {
    const text = readFileSync(join(root, path), 'utf8');
    return text.split('\n').length > 300 && !text.includes('Over 300 lines on purpose:');
  });
  expect(long).toEqual([]);
});
