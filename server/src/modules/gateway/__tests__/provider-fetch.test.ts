import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerFetch } from '../providers/provider-fetch.js';

/** The providers' fetch against a real HTTP server: what the SDKs rely on behaves as the global fetch's. */
describe('providerFetch', () => {
  let server: Server;
  let base: string;
  const seen: Array<{ method: string; headers: Record<string, unknown>; body: string }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ method: req.method!, headers: req.headers, body });
        if (req.url === '/json')
          return void res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_1' }).end(JSON.stringify({ echo: body }));
        if (req.url === '/sse') {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          res.write('data: one\n\n');
          setTimeout(() => res.end('data: two\n\n'), 20);
          return;
        }
        if (req.url === '/hang') return; // never answers
        res.writeHead(429, { 'retry-after': '1' }).end('slow down');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends method, headers and body, and reads a JSON answer with its headers', async () => {
    const headers = new Headers({ 'Content-Type': 'application/json', Authorization: 'Bearer k' });
    const res = await providerFetch(`${base}/json`, { method: 'post', headers, body: '{"a":1}' });
    expect(res.ok).toBe(true);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('req_1');
    expect(await res.json()).toEqual({ echo: '{"a":1}' });
    const sent = seen.at(-1)!;
    expect(sent).toMatchObject({ method: 'POST', body: '{"a":1}' });
    expect(sent.headers).toMatchObject({ 'content-type': 'application/json', authorization: 'Bearer k', 'content-length': '7' });
  });

  it('streams server-sent events through body as they arrive', async () => {
    const res = await providerFetch(`${base}/sse`, { method: 'POST', body: '{}' });
    const text = new TextDecoder();
    let all = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) all += text.decode(chunk, { stream: true });
    expect(all).toBe('data: one\n\ndata: two\n\n');
  });

  it('answers an error status as a response, body readable as text', async () => {
    const res = await providerFetch(`${base}/other`, { method: 'POST', body: '{}' });
    expect(res.ok).toBe(false);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(await res.text()).toBe('slow down');
    await expect(res.text()).rejects.toThrow(TypeError);
  });

  it('rejects with the signal reason when aborted, as fetch does', async () => {
    const controller = new AbortController();
    const pending = providerFetch(`${base}/hang`, { method: 'POST', body: '{}', signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('a refused connection is TypeError("fetch failed") with the cause, as fetch does', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const err = await providerFetch(`http://127.0.0.1:${port}/json`, { method: 'POST', body: '{}' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect((err as Error).message).toBe('fetch failed');
    expect(((err as Error).cause as { code?: string }).code).toBe('ECONNREFUSED');
  });
});
