import type { Plugin, YogaServerOptions } from 'graphql-yoga';
import { CSRF_HEADERS } from './use-csrf-prevention.js';

type CorsFactory = Extract<
  NonNullable<YogaServerOptions<object, object>['cors']>,
  (...args: never[]) => unknown
>;

export interface CorsPolicy {
  /** Exact origins (`https://app.example.com`) allowed to call from a browser. */
  readonly origins: readonly string[];
  /** Also any http(s) origin on this machine (localhost, 127.0.0.1, [::1]), whatever its port. */
  readonly loopback: boolean;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const ALLOWED_HEADERS = [
  'accept',
  'accept-language',
  'authorization',
  'content-type',
  'x-request-id',
  ...CSRF_HEADERS,
];

export function isAllowedOrigin(policy: CorsPolicy, origin: string): boolean {
  if (policy.origins.includes(origin)) return true;
  if (!policy.loopback) return false;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname);
  } catch {
    return false;
  }
}

/**
 * yoga's `cors` option: an allowed origin gets itself back (never `*`), no other origin gets any CORS header, and
 * credentials are never allowed (keys travel in `Authorization`, never in cookies). yoga's default would echo any
 * origin with `Access-Control-Allow-Credentials: true`.
 */
export function corsOptions(policy: CorsPolicy): CorsFactory {
  return (request: Request) => {
    const origin = request.headers.get('origin');
    if (!origin || !isAllowedOrigin(policy, origin)) return false;
    return {
      origin: [origin],
      credentials: false,
      methods: ['GET', 'POST'],
      allowedHeaders: ALLOWED_HEADERS,
      maxAge: 600,
    };
  };
}

/** Every answer depends on the caller's `Origin` (allowed or not): shared caches must key on it. */
export function useVaryOnOrigin(): Plugin {
  return {
    onResponse({ response }) {
      const vary = response.headers.get('vary');
      if (!vary?.toLowerCase().includes('origin'))
        response.headers.set('vary', vary ? `${vary}, Origin` : 'Origin');
    },
  };
}
