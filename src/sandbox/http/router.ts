import type { Route } from './types.js';

interface CompiledRoute {
  route: Route;
  key: string;
  segments: string[];
}

export interface RouteMatch {
  route: Route;
  key: string;
  params: Record<string, string>;
}

/** Matches `METHOD /path` against templates such as `/v1/products/{product_id}`. Literal segments win over params. */
export function createRouter(routes: Route[]) {
  const compiled: CompiledRoute[] = routes.map((route) => ({
    route,
    key: `${route.method} ${route.template}`,
    segments: route.template.split('/').slice(1),
  }));
  // Literal templates first, so `/v1/lookup/mobile-number` never falls into a `{param}` slot.
  compiled.sort((a, b) => paramCount(a) - paramCount(b));

  return {
    routes: compiled.map((c) => c.key),
    match(method: string, path: string): RouteMatch | undefined {
      const parts = path.split('/').slice(1);
      for (const c of compiled) {
        if (c.route.method !== method || c.segments.length !== parts.length) continue;
        const params = matchSegments(c.segments, parts);
        if (params) return { route: c.route, key: c.key, params };
      }
      return undefined;
    },
  };
}

function paramCount(c: CompiledRoute): number {
  return c.segments.filter((s) => s.startsWith('{')).length;
}

function matchSegments(template: string[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const t = template[i]!;
    const p = parts[i]!;
    if (t.startsWith('{') && t.endsWith('}')) {
      if (p === '') return undefined;
      let value: string;
      try {
        value = decodeURIComponent(p);
      } catch {
        return undefined;
      }
      params[t.slice(1, -1)] = value;
    } else if (t !== p) {
      return undefined;
    }
  }
  return params;
}
