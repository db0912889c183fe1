/**
 * The gateway's modules as `npm start` runs them: compiled into `dist/` by `scripts/build.mjs` (which `bench/run.ts`
 * runs first), not through tsx. tsx compiles with esbuild's `keepNames`, which re-defines the name of every function
 * it creates; closures made per request or per subscriber then cost more CPU and heap than in production (about
 * 9 KB per subscriber). The gateway and the floors made of its own code (F2, the hand-written mutation) load the same
 * build, so their ratios compare like with like. Types come from `src/` through `typeof import(...)`.
 */
export async function fromBuild<T>(path: string): Promise<T> {
  return (await import(new URL(`../../dist/${path}`, import.meta.url).href)) as T;
}
