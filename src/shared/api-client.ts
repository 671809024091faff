/**
 * The gateway's typed client, shared by the web app (`src/webapp/ui/api.ts`), the ops console
 * (`src/console/ui/api.ts`) and the CLI (`src/cli/gateway-client.ts`): openapi-fetch typed by
 * the `paths` that openapi-typescript generates from the served OpenAPI document
 * (`scripts/openapi-client.ts` → `src/generated/openapi.ts`). A path, a parameter, a body or a
 * response shape that the contract does not have is a compile error. This file only turns
 * openapi-fetch's `{data, error}` into a value or a thrown error, the way every caller handles
 * failures.
 */
import type { Client, MaybeOptionalInit, MethodResponse } from 'openapi-fetch';
import type { HttpMethod, PathsWithMethod, RequiredKeysOf } from 'openapi-typescript-helpers';
import type { components, paths } from '../generated/openapi.js';

export type ApiPaths = paths;
/** A named schema of the contract (`components.schemas`). */
export type ApiSchema<Name extends keyof components['schemas']> = components['schemas'][Name];
export type ApiClient = Client<paths, 'application/json'>;
export type PathOf<M extends HttpMethod> = PathsWithMethod<paths, M>;
type Init<M extends HttpMethod, P extends PathOf<M>> = MaybeOptionalInit<paths[P], M>;
/** `params` (path, query) and `body` as the contract types them; optional when nothing is required. */
export type InitArg<M extends HttpMethod, P extends PathOf<M>> =
  RequiredKeysOf<Init<M, P>> extends never ? [init?: Init<M, P>] : [init: Init<M, P>];
/** The 2xx JSON body of an operation. */
export type ResponseOf<M extends HttpMethod, P extends PathOf<M>> = MethodResponse<ApiClient, M, P>;

export interface TypedApi {
  get<P extends PathOf<'get'>>(path: P, ...init: InitArg<'get', P>): Promise<ResponseOf<'get', P>>;
  post<P extends PathOf<'post'>>(path: P, ...init: InitArg<'post', P>): Promise<ResponseOf<'post', P>>;
  put<P extends PathOf<'put'>>(path: P, ...init: InitArg<'put', P>): Promise<ResponseOf<'put', P>>;
  patch<P extends PathOf<'patch'>>(path: P, ...init: InitArg<'patch', P>): Promise<ResponseOf<'patch', P>>;
  delete<P extends PathOf<'delete'>>(path: P, ...init: InitArg<'delete', P>): Promise<ResponseOf<'delete', P>>;
}

export interface ApiFailures {
  /** The request never got an answer (network, timeout). */
  unreachable(err: unknown): Error;
  /** A non-2xx answer; `body` is the parsed `{code, message, details}` when the gateway sent one. */
  failed(response: Response, body: unknown): Error;
}

type Answer = { data?: unknown; error?: unknown; response: Response };
type AnyRequest = (method: HttpMethod, path: string, init?: object) => Promise<Answer>;

export function typedApi(client: ApiClient, failures: ApiFailures): TypedApi {
  // The generic signatures are checked at each call site; inside, one untyped forward.
  const request = client.request as unknown as AnyRequest;
  const call = async (method: HttpMethod, path: string, init: object | undefined): Promise<never> => {
    let answer: Answer;
    try {
      answer = await request(method, path, init);
    } catch (err) {
      throw failures.unreachable(err);
    }
    if (!answer.response.ok) throw failures.failed(answer.response, answer.error);
    return answer.data as never;
  };
  return {
    get: (path, ...init) => call('get', path, init[0]),
    post: (path, ...init) => call('post', path, init[0]),
    put: (path, ...init) => call('put', path, init[0]),
    patch: (path, ...init) => call('patch', path, init[0]),
    delete: (path, ...init) => call('delete', path, init[0]),
  };
}

/** `{code, message, details}` of an error body, when it has that shape. */
export function errorBody(body: unknown): { code?: string; message?: string; details?: unknown } {
  return typeof body === 'object' && body !== null ? (body as { code?: string; message?: string; details?: unknown }) : {};
}
