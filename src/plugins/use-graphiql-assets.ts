import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join, sep } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';

/**
 * Self-hosted GraphiQL. Yoga's own page loads its script, stylesheet and editor workers from a CDN and its
 * favicon from GitHub; offline (CI, locked-down hosts) it never renders. The gateway serves the same files from
 * the installed `@graphql-yoga/graphiql` package instead, and renders the page with local URLs.
 */

const require = createRequire(import.meta.url);
const packageJsonPath = require.resolve('@graphql-yoga/graphiql/package.json');
const packageVersion = (JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { version: string }).version;
const distDir = join(dirname(packageJsonPath), 'dist');

/** The package version is part of the path, so a browser may cache every file forever. */
export const GRAPHIQL_ASSETS_PATH = `/graphiql/assets/${packageVersion}/`;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

interface Asset {
  file: string;
  contentType: string;
}

interface LoadedAsset {
  raw: Uint8Array<ArrayBuffer>;
  gzipped?: Promise<Uint8Array<ArrayBuffer>>;
}

const gzipAsync = promisify(gzip);

/**
 * Serves `GRAPHIQL_ASSETS_PATH*` from the package's `dist/` folder. Only the files found there at start-up are
 * answered, looked up by their exact path, so no request path (encoded or not) can reach another file.
 */
export function useGraphiQLAssets(): Plugin {
  const assets = listAssets();
  const loaded = new Map<string, Promise<LoadedAsset>>();

  const load = (name: string, asset: Asset): Promise<LoadedAsset> => {
    let entry = loaded.get(name);
    if (!entry) {
      entry = readFile(asset.file).then((raw) => ({ raw }));
      // A failed read is not remembered: the next request tries again.
      entry.catch(() => loaded.delete(name));
      loaded.set(name, entry);
    }
    return entry;
  };

  const gzipOf = (loadedAsset: LoadedAsset): Promise<Uint8Array<ArrayBuffer>> => {
    if (!loadedAsset.gzipped) {
      const compressing = gzipAsync(loadedAsset.raw);
      compressing.catch(() => {
        loadedAsset.gzipped = undefined;
      });
      loadedAsset.gzipped = compressing;
    }
    return loadedAsset.gzipped;
  };

  return {
    async onRequest({ url, request, fetchAPI, endResponse }) {
      if (!url.pathname.startsWith('/graphiql/assets/')) return;
      const name = url.pathname.slice(GRAPHIQL_ASSETS_PATH.length);
      const asset = url.pathname.startsWith(GRAPHIQL_ASSETS_PATH) ? assets.get(name) : undefined;
      if (!asset) {
        endResponse(plainResponse(fetchAPI, 404, 'not found'));
        return;
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(plainResponse(fetchAPI, 405, 'method not allowed', { allow: 'GET, HEAD' }));
        return;
      }
      const loadedAsset = await load(name, asset);
      const compressed = acceptsGzip(request.headers.get('accept-encoding'));
      const body = compressed ? await gzipOf(loadedAsset) : loadedAsset.raw;
      const headers: Record<string, string> = {
        'content-type': asset.contentType,
        'content-length': String(body.byteLength),
        'cache-control': 'public, max-age=31536000, immutable',
        'x-content-type-options': 'nosniff',
        vary: 'accept-encoding',
      };
      if (compressed) headers['content-encoding'] = 'gzip';
      endResponse(new fetchAPI.Response(request.method === 'HEAD' ? null : body, { status: 200, headers }));
    },
  };
}

/**
 * Yoga's GraphiQL page, with every URL on this server and the options escaped for an inline script.
 * The page's script also gives `defaultQuery` its documented meaning: yoga-graphiql 4.5 always passes its own
 * welcome text as GraphiQL's initial query, which wins over `defaultQuery`, so the defaults are passed as
 * `query` whenever the URL carries none (a `?query=` link, or an edit GraphiQL mirrored into the URL, still wins).
 */
export function renderSelfHostedGraphiQL(options: GraphiQLOptions): string {
  const title = escapeHtml(options.title || 'GraphiQL');
  const asset = (name: string) => `${GRAPHIQL_ASSETS_PATH}${name}`;
  const workerUrls = {
    editorWorkerService: asset('monacoeditorwork/editor.worker.bundle.js'),
    json: asset('monacoeditorwork/json.worker.bundle.js'),
    // The double dot is in the package's file name.
    graphql: asset('monacoeditorwork/graphql.worker..bundle.js'),
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title}</title>
<link rel="icon" href="${FAVICON}">
<link rel="stylesheet" href="${asset('graphiql.css')}">
</head>
<body id="body" class="no-focus-outline">
<noscript>You need to enable JavaScript to run this app.</noscript>
<div id="root">Loading ${title}...</div>
<script>
const workerUrls = ${scriptJson(workerUrls)};
const workers = {};
function prepareWorkers() {
  return Promise.all(Object.entries(workerUrls).map(async ([label, url]) => {
    const source = await (await fetch(url)).text();
    workers[label] = URL.createObjectURL(new Blob([source], { type: 'application/javascript' }));
  }));
}
self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (_moduleId, label) => workers[label] };
</script>
<script src="${asset('yoga-graphiql.umd.js')}"></script>
<script>
const options = ${scriptJson(options)};
if (options.defaultQuery && !new URL(location.href).searchParams.has('query')) options.query = options.defaultQuery;
prepareWorkers().finally(() => YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), options));
</script>
</body>
</html>
`;
}

/** A data URL, so the browser asks no server (not even this one) for an icon. */
const FAVICON = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="#e535ab"/></svg>',
)}`;

function listAssets(): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const entry of readdirSync(distDir, { recursive: true, encoding: 'utf8' })) {
    const contentType = CONTENT_TYPES[extname(entry)];
    if (contentType) assets.set(entry.split(sep).join('/'), { file: join(distDir, entry), contentType });
  }
  return assets;
}

function acceptsGzip(header: string | null): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (coding !== 'gzip') return false;
    const q = params.find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** JSON that is safe inside an inline `<script>`: no `</script>`, no `<!--`. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value ?? {})
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function plainResponse(
  fetchAPI: { Response: typeof Response },
  status: number,
  text: string,
  headers: Record<string, string> = {},
): Response {
  return new fetchAPI.Response(text, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', ...headers },
  });
}
