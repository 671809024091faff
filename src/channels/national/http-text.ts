import http from 'node:http';
import https from 'node:https';

/** An HTTP answer read as text: the exact bytes are the proof (and what a receipt signature covers). */
export interface TextResponse {
  status: number;
  data: string;
  /** Lower-case names, as node:http gives them. */
  headers: Record<string, string | string[] | undefined>;
}

export interface TextClient {
  get(path: string): Promise<TextResponse>;
  post(path: string, body: string, headers: Record<string, string>): Promise<TextResponse>;
}

/** A transport failure (refused, reset, timed out): `code` as node gives it (ECONNREFUSED, ETIMEDOUT…). */
export class TransportFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The base URL's path and the request path joined as axios joined them (one slash between). */
function join(base: URL, path: string): string {
  return `${base.pathname.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/**
 * The national channel's HTTP over node:http with one keep-alive agent per channel: axios and
 * follow-redirects cost ~1 ms of the gateway's CPU per packet in the end-to-end bench (header
 * normalisation, config merging, the redirect wrapper) for requests whose bytes we fix exactly.
 * Behaviour kept from the axios client: every status is an answer (the caller maps non-2xx),
 * bodies are read as UTF-8 text, `timeoutMs` bounds the whole exchange, redirects are
 * not followed (a 3xx is an answer: a signed packet is not re-sent to wherever it points).
 */
export function textClient(baseUrl: string, timeoutMs: number): TextClient {
  const base = new URL(baseUrl);
  const secure = base.protocol === 'https:';
  const agent = secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  const request = secure ? https.request : http.request;

  function send(method: 'GET' | 'POST', path: string, body?: string, headers: Record<string, string> = {}): Promise<TextResponse> {
    return new Promise<TextResponse>((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(body, 'utf8');
      const fail = (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(err instanceof TransportFailure ? err : new TransportFailure(err.code ?? 'ERR_HTTP', err.message));
      };
      const req = request(
        {
          protocol: base.protocol,
          // An IPv6 literal comes bracketed in a URL, bare in node:http.
          hostname: base.hostname.replace(/^\[(.*)\]$/, '$1'),
          port: base.port || undefined,
          path: join(base, path),
          method,
          agent,
          headers: {
            accept: 'application/json, text/plain, */*',
            ...headers,
            ...(payload ? { 'content-length': String(payload.length) } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', fail);
          res.on('end', () => {
            clearTimeout(timer);
            resolve({ status: res.statusCode ?? 0, data: Buffer.concat(chunks).toString('utf8'), headers: res.headers });
          });
        },
      );
      // One deadline for the whole exchange (connect, send, answer), as axios's timeout ended it.
      const timer = setTimeout(() => {
        const err = new TransportFailure('ECONNABORTED', `timeout of ${timeoutMs}ms exceeded`);
        req.destroy(err);
        fail(err);
      }, timeoutMs);
      req.on('error', fail);
      req.end(payload);
    });
  }

  return { get: (path) => send('GET', path), post: (path, body, headers) => send('POST', path, body, headers) };
}
