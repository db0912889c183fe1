import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnGateway } from '../helpers/gateway-process.js';

/** Hostile requests against a real gateway process: each must leave it alive and answering. */

/** Sends the headers and part of a body, then drops the connection; resolves once the socket is closed. */
function abortedUpload(url: string, path: string): Promise<void> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"id": 1, "st`,
        () => socket.destroy(),
      );
    });
    socket.once('close', () => resolve());
    socket.once('error', reject);
  });
}

describe('hostile requests against a real process', () => {
  it('a callback whose body is cut off mid-way does not take the process down', async () => {
    const gateway = await spawnGateway({ DATA_DIR: mkdtempSync(join(tmpdir(), 'dtgw-hostile-')) });
    for (let i = 0; i < 20; i++) await abortedUpload(gateway.url, `/callbacks/dtone/${i}/some-token-${i}`);
    // A full request after the aborted ones: the server has handled their close events before it answers this.
    const health = await fetch(`${gateway.url}/healthz`);
    expect(health.status).toBe(200);
    const answer = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await answer.json()).toEqual({ data: { __typename: 'Query' } });
    expect(gateway.child.exitCode).toBeNull();
  }, 60_000);
});
