import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ConfigError } from '../config.js';

/**
 * Reads the allow-list: a JSON object of sha256 hash → operation document, as the GraphQL Codegen client preset
 * writes it (`persistedDocuments: true`; its keys read `sha256:<hex>`). Each hash must be its document's sha256,
 * since clients may also send the text with it. A file that is missing or not such an object stops the start.
 */
export async function loadOperationManifest(path: string): Promise<ReadonlyMap<string, string>> {
  const fail = (why: string) =>
    new ConfigError([
      `PERSISTED_OPERATIONS ${why} (got ${JSON.stringify(path)}): point it at a persisted-documents.json`,
    ]);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw fail('is not a readable file');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw fail('is not JSON');
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw fail('is not a JSON object');
  const manifest = new Map<string, string>();
  for (const [key, document] of Object.entries(json)) {
    const hash = key.replace(/^sha256:/, '');
    if (!/^[0-9a-f]{64}$/.test(hash) || typeof document !== 'string') {
      throw fail(
        `has an entry that is not "<sha256 hex>": "<document>" (${JSON.stringify(key).slice(0, 80)})`,
      );
    }
    if (createHash('sha256').update(document).digest('hex') !== hash) {
      throw fail(`has an entry whose hash is not its document's sha256 (${key})`);
    }
    manifest.set(hash, document);
  }
  return manifest;
}
