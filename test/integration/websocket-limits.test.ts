import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startGateway } from '../helpers/gateway.js';

function open(url: string): Promise<WebSocket> {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}
const closed = (ws: WebSocket) => new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
const nextMessage = (ws: WebSocket) =>
  new Promise<Record<string, unknown>>((resolve) =>
    ws.once('message', (data) => resolve(JSON.parse(String(data)))),
  );

describe('graphql-ws limits', () => {
  it('closes a socket that never sends connection_init with 4408', async () => {
    const t = await startGateway();
    const ws = await open(t.url);
    expect(await closed(ws)).toBe(4408);
  });

  it('refuses a wrong key with 4403', async () => {
    const t = await startGateway();
    const ws = await open(t.url);
    ws.send(
      JSON.stringify({
        type: 'connection_init',
        payload: { authorization: 'Bearer dtgw_x_wrongwrongwrong' },
      }),
    );
    expect(await closed(ws)).toBe(4403);
  });

  it('closes on a frame over 64 KiB with 1009', async () => {
    const t = await startGateway();
    const ws = await open(t.url);
    ws.send('x'.repeat(100 * 1024));
    expect(await closed(ws)).toBe(1009);
  });

  it('applies the same validation and limits as HTTP to subscribe messages', async () => {
    const t = await startGateway();
    const ws = await open(t.url);
    ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${t.apiKey}` } }));
    expect((await nextMessage(ws)).type).toBe('connection_ack');
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: __typename`).join(' ');
    ws.send(
      JSON.stringify({ id: '1', type: 'subscribe', payload: { query: `subscription { ${aliases} }` } }),
    );
    const answer = await nextMessage(ws);
    expect(answer.type).toBe('error');
    ws.send(JSON.stringify({ id: '2', type: 'subscribe', payload: { query: 'subscription { nope }' } }));
    const unknown = await nextMessage(ws);
    expect(unknown.type).toBe('error');
    expect(JSON.stringify(unknown)).not.toContain('Did you mean');
    ws.close();
  });
});
