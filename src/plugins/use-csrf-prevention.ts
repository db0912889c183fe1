import { createGraphQLError, type Plugin } from 'graphql-yoga';

/** Content types a browser sends cross-site without a CORS preflight (HTML forms, `fetch` with `mode: 'no-cors'`). */
const SIMPLE_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/** Any of these headers makes a request non-simple (a browser preflights it, and CORS then decides). */
export const CSRF_HEADERS = ['x-graphql-yoga-csrf', 'graphql-require-preflight'] as const;

/**
 * Refuses with 403 every GraphQL request a browser could send from another site without a CORS preflight: no
 * content type or a "simple" one (form, multipart, text/plain), and none of `CSRF_HEADERS`. A JSON POST, or a GET that
 * carries one of the headers, passes. The rule of `@graphql-yoga/plugin-csrf-prevention` (and Apollo's
 * `csrfPrevention`), kept here so that the gateway needs no extra package for twenty lines; it runs before the body
 * is parsed, so a refused request executes nothing.
 */
export function useCsrfPrevention({ headers = CSRF_HEADERS }: { headers?: readonly string[] } = {}): Plugin {
  return {
    onRequestParse({ request }) {
      const contentType = request.headers.get('content-type')?.toLowerCase();
      if (contentType && !SIMPLE_CONTENT_TYPES.some((simple) => contentType.startsWith(simple))) return;
      if (headers.some((name) => request.headers.has(name))) return;
      throw createGraphQLError(
        `This request could come from another web site: send it as application/json, or with a ${headers.join(' or ')} header`,
        { extensions: { code: 'CSRF_PREFLIGHT_REQUIRED', http: { status: 403 } } },
      );
    },
  };
}
