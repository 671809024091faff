/**
 * Checks a real answer of the gateway against what the served OpenAPI document promises for it:
 * the operation found by method and path (a literal path beats a templated one, as Express
 * routes `/users/locked` before `/users/:id`), the response of that status (or `default`), and
 * its JSON schema, validated with ajv against the document's own components. Tests call it on
 * the answers they already read, so a route and its contract cannot drift apart unnoticed.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { mergeOpenApi } from '../../src/http/openapi.js';

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
const BASE = 'https://lienthong.test/openapi';

interface Route {
  template: string;
  pattern: RegExp;
  literal: number;
  item: Json;
}

let loaded: { routes: Route[]; components: Json; ajv: Ajv2020; compiled: Map<string, ValidateFunction> } | undefined;

function load() {
  if (loaded) return loaded;
  const { document } = mergeOpenApi();
  const components = (document.components ?? {}) as Json;
  const routes = Object.entries(document.paths as Json).map(([template, item]) => ({
    template,
    pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
    literal: template.replace(/\{[^}]+\}/g, '').length,
    item: item as Json,
  }));
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ $id: BASE, components }, undefined, undefined, false);
  loaded = { routes, components, ajv, compiled: new Map() };
  return loaded;
}

function resolve(node: unknown, components: Json): unknown {
  let n = node;
  for (let i = 0; i < 10 && isObject(n) && typeof n.$ref === 'string' && n.$ref.startsWith('#/components/'); i++) {
    const [, , kind, name] = n.$ref.split('/');
    n = (components[kind!] as Json | undefined)?.[name!];
  }
  return n;
}

/**
 * What is wrong with `body` as the documented answer to `method path` with `status`: an empty
 * list when it conforms; a message when the operation, the status or the schema is undocumented
 * (with `documentedOnly`, those answers are not checked: harnesses that also call test routes
 * or receive undocumented refusals check what the document does describe).
 */
export function contractViolations(
  method: string,
  url: string,
  status: number,
  body: unknown,
  options: { documentedOnly?: boolean } = {},
): string[] {
  const undocumented = (message: string) => (options.documentedOnly ? [] : [message]);
  const { routes, components, ajv, compiled } = load();
  const path = new URL(url, 'http://gateway').pathname;
  const route = routes
    .filter((r) => r.pattern.test(path) && isObject(r.item[method.toLowerCase()]))
    .sort((a, b) => b.literal - a.literal)[0];
  const where = `${method.toUpperCase()} ${path} ${status}`;
  if (!route) return undocumented(`${where}: no such operation in the OpenAPI document`);
  const op = route.item[method.toLowerCase()] as Json;
  const responses = (isObject(op.responses) ? op.responses : {}) as Json;
  const response = resolve(responses[String(status)] ?? responses.default, components);
  if (!isObject(response)) return undocumented(`${where}: status not documented for ${route.template}`);
  const media = isObject(response.content) ? (response.content as Json)['application/json'] : undefined;
  if (!isObject(media) || media.schema === undefined) return undocumented(`${where}: no JSON schema documented`);
  const key = `${route.template} ${method} ${status}`;
  let validate = compiled.get(key);
  if (!validate) {
    const rebased = JSON.parse(JSON.stringify(media.schema).replaceAll('"#/components/', `"${BASE}#/components/`)) as object;
    validate = ajv.compile(rebased);
    compiled.set(key, validate);
  }
  if (validate(body)) return [];
  return (validate.errors ?? []).slice(0, 5).map((e) => `${where}: ${e.instancePath || '/'} ${e.message ?? e.keyword}`);
}
