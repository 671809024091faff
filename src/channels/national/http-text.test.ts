import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textClient, TransportFailure } from './http-text.js';

describe('national channel HTTP (node:http, keep-alive)', () => {
  let server: Server;
  let base: string;
  const sockets = new Set<Socket>();
  const seen: { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }[] = [];
  let release: (() => void) | undefined;

  beforeAll(async () => {
    server = createServer((req, res) => {
      sockets.add(req.socket);
      let body = '';
      req.on('data', (c: Buffer) => (body += String(c)));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, headers: req.headers, body });
        if (req.url?.endsWith('/hang')) {
          // Never answers until the test lets go: the client's deadline must end the exchange.
          release = () => res.destroy();
          return;
        }
        res.writeHead(req.url?.endsWith('/redirect') ? 307 : 201, {
          'content-type': 'application/json; charset=utf-8',
          'x-receipt-signature': 'sig',
          ...(req.url?.endsWith('/redirect') ? { location: '/elsewhere' } : {}),
        });
        res.end('{"tên":"Lai Châu"}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/gov/`;
  });
  afterAll(async () => {
    release?.();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('posts the exact bytes under the base path and reads the answer as UTF-8 text, on one reused connection', async () => {
    const http = textClient(base, 5000);
    const body = '{"b":"Điện Biên"}';
    const a = await http.post('/api/v1/packets', body, { 'x-idempotency-key': 'k-1' });
    const b = await http.get('api/v1/packets/R-1');
    expect(a).toMatchObject({ status: 201, data: '{"tên":"Lai Châu"}' });
    expect(a.headers['x-receipt-signature']).toBe('sig');
    expect(b.status).toBe(201);
    const [post, get] = seen.slice(-2);
    expect(post).toMatchObject({ method: 'POST', url: '/gov/api/v1/packets', body });
    expect(post!.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(post!.headers['x-idempotency-key']).toBe('k-1');
    expect(get).toMatchObject({ method: 'GET', url: '/gov/api/v1/packets/R-1' });
    expect(sockets.size).toBe(1);
  });

  it('answers a redirect as a status (never re-sends the packet elsewhere)', async () => {
    const before = seen.length;
    const res = await textClient(base, 5000).post('/redirect', '{}', {});
    expect(res.status).toBe(307);
    expect(seen.length).toBe(before + 1);
  });

  it('ends an exchange the receiver never answers with a transport failure, and a refused connection too', async () => {
    await expect(textClient(base, 200).post('/hang', '{}', {})).rejects.toMatchObject({ code: 'ECONNABORTED' });
    const refused = textClient('http://127.0.0.1:1/', 5000).get('/x');
    await expect(refused).rejects.toBeInstanceOf(TransportFailure);
    await expect(refused).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
