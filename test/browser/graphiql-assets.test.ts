import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { GRAPHIQL_ASSETS_PATH, renderSelfHostedGraphiQL } from '../../src/plugins/use-graphiql-assets.js';
import { startEmbeddedGateway, type TestGateway } from '../helpers/gateway.js';

const require = createRequire(import.meta.url);
const distDir = join(dirname(require.resolve('@graphql-yoga/graphiql/package.json')), 'dist');

interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** node:http sends the path exactly as given (no `..` folding, no decoding), as a hostile client would. */
function rawRequest(
  base: string,
  path: string,
  init: { method?: string; headers?: Record<string, string> } = {},
) {
  const { hostname, port } = new URL(base);
  return new Promise<RawReply>((resolve, reject) => {
    const req = request(
      { hostname, port, path, method: init.method ?? 'GET', headers: init.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

let t: TestGateway;
let html: string;

beforeAll(async () => {
  t = await startEmbeddedGateway();
  const res = await fetch(`${t.url}/graphql`, { headers: { accept: 'text/html' } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  html = await res.text();
});

function pageAssetPaths(): string[] {
  return [...html.matchAll(/\/graphiql\/assets\/[^"']+/g)].map((m) => m[0]);
}

describe('the GraphiQL page', () => {
  it('names no other host: every script, stylesheet, worker and the icon come from this server', () => {
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/\/\/[a-z0-9.-]+\.[a-z]{2,}\//i);
    expect(html).toMatch(/<link rel="icon" href="data:image\/svg\+xml,/);
  });

  it('loads the stylesheet, the GraphiQL bundle and the three editor workers from the assets path', () => {
    expect(pageAssetPaths().sort()).toEqual(
      [
        'graphiql.css',
        'yoga-graphiql.umd.js',
        'monacoeditorwork/editor.worker.bundle.js',
        'monacoeditorwork/json.worker.bundle.js',
        'monacoeditorwork/graphql.worker..bundle.js',
      ]
        .map((name) => `${GRAPHIQL_ASSETS_PATH}${name}`)
        .sort(),
    );
  });

  it('opens the editor on the saved example operations', () => {
    expect(html).toContain('query CatalogueWalk');
    expect(html).toContain('<title>dtone-gateway</title>');
  });
});

describe('GraphiQL assets', () => {
  it('serves each file the page names, byte for byte from the package, with its content type', async () => {
    for (const path of pageAssetPaths()) {
      const res = await fetch(`${t.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toBe(
        path.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
      );
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const file = readFileSync(join(distDir, path.slice(GRAPHIQL_ASSETS_PATH.length)));
      expect(Buffer.from(await res.arrayBuffer()).equals(file), path).toBe(true);
    }
  });

  it('lets browsers cache the versioned files for a year', async () => {
    const res = await fetch(`${t.url}${GRAPHIQL_ASSETS_PATH}graphiql.css`);
    await res.arrayBuffer();
    expect(GRAPHIQL_ASSETS_PATH).toMatch(/^\/graphiql\/assets\/\d+\.\d+\.\d+\/$/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('vary')?.split(/,\s*/)).toEqual(['accept-encoding', 'Origin']);
  });

  it('gzips for clients that accept it, and sends the plain file to those that do not', async () => {
    const path = `${GRAPHIQL_ASSETS_PATH}yoga-graphiql.umd.js`;
    const file = readFileSync(join(distDir, 'yoga-graphiql.umd.js'));

    const zipped = await rawRequest(t.url, path, { headers: { 'accept-encoding': 'br, gzip;q=0.8' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(Number(zipped.headers['content-length'])).toBe(zipped.body.length);
    expect(zipped.body.length).toBeLessThan(file.length / 2);
    expect(gunzipSync(zipped.body).equals(file)).toBe(true);

    for (const acceptEncoding of [undefined, 'gzip;q=0', 'br, identity']) {
      const plain = await rawRequest(t.url, path, {
        headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
      });
      expect(plain.headers['content-encoding'], acceptEncoding).toBeUndefined();
      expect(plain.body.equals(file), acceptEncoding).toBe(true);
    }
  });

  it('answers HEAD with the headers and no body', async () => {
    const head = await rawRequest(t.url, `${GRAPHIQL_ASSETS_PATH}graphiql.css`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(Number(head.headers['content-length'])).toBe(readFileSync(join(distDir, 'graphiql.css')).length);
    expect(head.body.length).toBe(0);
  });

  it('answers 405 with Allow to a method other than GET and HEAD', async () => {
    const res = await rawRequest(t.url, `${GRAPHIQL_ASSETS_PATH}graphiql.css`, { method: 'POST' });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
  });

  it('answers 404 for a file the package does not have, a folder, or another version', async () => {
    for (const path of [
      `${GRAPHIQL_ASSETS_PATH}missing.js`,
      `${GRAPHIQL_ASSETS_PATH}monacoeditorwork`,
      `${GRAPHIQL_ASSETS_PATH}`,
      '/graphiql/assets/0.0.1/graphiql.css',
      '/graphiql/assets/graphiql.css',
    ]) {
      const res = await rawRequest(t.url, path);
      expect(res.status, path).toBe(404);
    }
  });

  it('never serves a file outside the package dist folder, however the path is written', async () => {
    const secrets = [
      readFileSync(join(distDir, '..', 'package.json'), 'utf8').slice(0, 40),
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8').slice(0, 40),
    ];
    for (const path of [
      `${GRAPHIQL_ASSETS_PATH}../package.json`,
      `${GRAPHIQL_ASSETS_PATH}../../../../package.json`,
      `${GRAPHIQL_ASSETS_PATH}..%2fpackage.json`,
      `${GRAPHIQL_ASSETS_PATH}%2e%2e/package.json`,
      `${GRAPHIQL_ASSETS_PATH}%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fpackage.json`,
      `${GRAPHIQL_ASSETS_PATH}monacoeditorwork/..%5c..%5cpackage.json`,
      `${GRAPHIQL_ASSETS_PATH}/etc/passwd`,
      `${GRAPHIQL_ASSETS_PATH}%2fetc%2fpasswd`,
      `${GRAPHIQL_ASSETS_PATH}graphiql.css%00.js`,
    ]) {
      const res = await rawRequest(t.url, path);
      expect(res.status, path).toBe(404);
      const text = res.body.toString('utf8');
      for (const secret of secrets) expect(text, path).not.toContain(secret);
      expect(text, path).not.toContain('root:');
    }
  });
});

describe('renderSelfHostedGraphiQL', () => {
  it('escapes the title and the options so that neither can close the script or inject markup', () => {
    const page = renderSelfHostedGraphiQL({
      title: '</title><script>alert(1)</script>',
      defaultQuery: '# </script><script>alert(2)</script>\n{ __typename }',
    });
    expect(page).not.toContain('<script>alert');
    expect(page).toContain('&#60;/title&#62;&#60;script&#62;alert(1)');
    const options = page.match(/const options = (.*);\n/)?.[1];
    expect(JSON.parse(options ?? 'null')).toEqual({
      title: '</title><script>alert(1)</script>',
      defaultQuery: '# </script><script>alert(2)</script>\n{ __typename }',
    });
  });
});
