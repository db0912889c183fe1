#!/usr/bin/env node
// `npm run build`: src/ → dist/, one JavaScript file per TypeScript file (no bundle, so stack traces and
// `import.meta.url` keep their paths). esbuild only strips types, in well under a second, which is what lets
// `npm start` build first and still answer within seconds; `npm run check:types` is where types are checked.
import { readdir, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');
const dist = join(root, 'dist');

const isShipped = (path) => path.endsWith('.ts') && !path.endsWith('.d.ts') && !/\.test(-d)?\.ts$/.test(path);

const entries = (await readdir(src, { recursive: true, withFileTypes: true }))
  .filter((entry) => entry.isFile())
  .map((entry) => join(entry.parentPath, entry.name))
  .filter(isShipped);

await rm(dist, { recursive: true, force: true });
await build({
  entryPoints: entries,
  outdir: dist,
  outbase: src,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  sourcemap: 'linked',
  logLevel: 'warning',
});
if (process.argv.includes('--verbose')) {
  process.stdout.write(`built ${entries.length} files into ${relative(process.cwd(), dist) || '.'}\n`);
}
