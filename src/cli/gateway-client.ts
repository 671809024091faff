import createClient from 'openapi-fetch';
import type { Config } from '../config.js';
import { errorBody, typedApi, type ApiPaths, type TypedApi } from '../shared/api-client.js';
import { accessFilePath, OPS_ACTOR_HEADER, OPS_TOKEN_HEADER, readAccessFile } from '../ops/cli-access.js';
import { AppError, UnavailableError } from '../shared/errors.js';
import { userInfo } from 'node:os';

/**
 * The CLI's view of a running gateway's authenticated API: `api`, the client typed by the
 * served OpenAPI document (openapi-fetch, `src/shared/api-client.ts`). Every command calls
 * through it, so a path, parameter or answer the contract does not have is a compile error.
 */
export interface GatewayClient {
  url: string;
  api: TypedApi;
}

const TIMEOUT_MS = 30_000;
const PROBE_MS = 2_000;

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function client(url: string, headers: Record<string, string>): GatewayClient {
  const typed = createClient<ApiPaths, 'application/json'>({
    baseUrl: url.replace(/\/$/, ''),
    headers: { ...headers, accept: 'application/json' },
    fetch: (request) => fetch(request, { signal: AbortSignal.timeout(TIMEOUT_MS) }),
  });
  const api = typedApi(typed, {
    unreachable: (err) =>
      new UnavailableError('GATEWAY_UNREACHABLE', `Không kết nối được gateway tại ${url}: ${(err as Error).message}`, { url }),
    failed(res, body) {
      const e = errorBody(body);
      return new AppError(
        e.code ?? `HTTP_${res.status}`,
        e.message ?? `HTTP ${res.status}`,
        res.status,
        e.details as Record<string, unknown>,
      );
    },
  });
  return { url, api };
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(new URL('/health', url), { signal: AbortSignal.timeout(PROBE_MS) })).ok;
  } catch {
    return false;
  }
}

/**
 * The running gateway to talk to, or null when none runs (the command then opens the store
 * itself). `LIENTHONG_URL` + `LIENTHONG_TOKEN` (an ops account's bearer token) name a remote
 * one; otherwise the local access file written by `lienthong start` (src/ops/cli-access.ts).
 */
export async function runningGateway(config: Config): Promise<GatewayClient | null> {
  const actor = { [OPS_ACTOR_HEADER]: userInfo().username };
  const remote = config.settings.LIENTHONG_URL;
  if (remote) {
    const token = config.settings.LIENTHONG_TOKEN;
    if (!token)
      throw new AppError('LIENTHONG_TOKEN_REQUIRED', 'LIENTHONG_URL cần LIENTHONG_TOKEN (bearer token của tài khoản vận hành)', 2);
    return client(remote, { ...actor, authorization: `Bearer ${token}` });
  }
  const access = readAccessFile(accessFilePath(config));
  if (!access || !pidAlive(access.pid) || !(await answers(access.url))) return null;
  return client(access.url, { ...actor, [OPS_TOKEN_HEADER]: access.token });
}
