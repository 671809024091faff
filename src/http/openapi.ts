import { isDeepStrictEqual } from 'node:util';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Router } from 'express';
import { parse, stringify } from 'yaml';
import { CONTRACTS_DIR, contractsAjv } from '../shared/contracts.js';
import { logger } from '../shared/logger.js';
import { absolutePaths, localiseContracts, withOperationIds } from './openapi-bundle.js';

/**
 * The served OpenAPI document: the root `contracts/openapi.yaml` (info, servers, security,
 * shared components) plus every area's fragment `contracts/openapi/<area>.yaml` (paths and
 * components; a fragment whose routes are mounted under a prefix says so once with
 * `x-base-path`). Request bodies reference the ajv contracts by `$id`; those schemas are embedded
 * under components.schemas and every reference is made local (`openapi-bundle.ts`), so client
 * generators and linters resolve the one document on its own.
 */
type Json = Record<string, unknown>;
export interface MergedOpenApi {
  document: Json;
  /** Paths or component names defined twice differently: the first definition is kept. */
  conflicts: string[];
}

const CONTRACT_PREFIX = 'https://lienthong.gov.vn/contracts/';
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

function readYaml(path: string): Json {
  const doc: unknown = parse(readFileSync(path, 'utf8'));
  if (!isObject(doc)) throw new Error(`${path} is not a YAML mapping`);
  return doc;
}

/**
 * Copies `from[key]` entries into `into[key]`, recording names that clash with another
 * fragment's definition. Names the root defines (Error, the security schemes) are the root's:
 * a fragment may repeat them to stay valid on its own, and the root's version is served.
 */
function mergeMap(into: Json, from: Json, key: string, where: string, rootNames: Set<string>, conflicts: string[]): void {
  const source = from[key];
  if (!isObject(source)) return;
  const target = (isObject(into[key]) ? into[key] : (into[key] = {})) as Json;
  for (const [name, value] of Object.entries(source)) {
    if (rootNames.has(`${key}/${name}`)) continue;
    if (name in target && !isDeepStrictEqual(target[name], value)) conflicts.push(`${where}: ${key} ${name}`);
    else target[name] = value;
  }
}

/** Contract `$id`s referenced under `node`; relative references resolve against `base` (the enclosing `$id`). */
function contractRefs(node: unknown, out: Set<string>, base?: string): Set<string> {
  if (Array.isArray(node)) for (const x of node) contractRefs(x, out, base);
  else if (isObject(node)) {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && !v.startsWith('#')) {
        const url = base ? new URL(v, base).href : v;
        if (url.startsWith(CONTRACT_PREFIX)) out.add(url.split('#')[0]!);
      } else contractRefs(v, out, base);
    }
  }
  return out;
}

/** `https://…/contracts/api/core/indicator.schema.json` → `api.core.indicator`. */
export function componentNameOf(id: string): string {
  return id
    .slice(CONTRACT_PREFIX.length)
    .replace(/\.schema\.json$/, '')
    .replace(/[^A-Za-z0-9._-]/g, '.');
}

/** Embeds every contract the document references (transitively); returns the `$id`s embedded. */
function embedContracts(document: Json, conflicts: string[]): Set<string> {
  const components = (isObject(document.components) ? document.components : (document.components = {})) as Json;
  const schemas = (isObject(components.schemas) ? components.schemas : (components.schemas = {})) as Json;
  const pending = [...contractRefs(document, new Set())];
  const done = new Set<string>();
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (done.has(id)) continue;
    done.add(id);
    const schema = contractsAjv().getSchema(id)?.schema;
    if (!isObject(schema)) {
      conflicts.push(`unknown contract ${id}`);
      continue;
    }
    schemas[componentNameOf(id)] = schema;
    pending.push(...contractRefs(schema, new Set(), id));
  }
  for (const id of [...done]) if (!isObject(schemas[componentNameOf(id)])) done.delete(id);
  return done;
}

export function mergeOpenApi(dir = CONTRACTS_DIR): MergedOpenApi {
  const document = readYaml(join(dir, 'openapi.yaml'));
  const conflicts: string[] = [];
  const rootComponents = isObject(document.components) ? document.components : {};
  const rootNames = new Set(
    Object.entries(rootComponents).flatMap(([key, map]) => (isObject(map) ? Object.keys(map).map((n) => `${key}/${n}`) : [])),
  );
  const fragmentsDir = join(dir, 'openapi');
  const files = readdirSync(fragmentsDir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  for (const file of files) {
    const fragment = readYaml(join(fragmentsDir, file));
    const paths = (isObject(document.paths) ? document.paths : (document.paths = {})) as Json;
    for (const [path, item] of Object.entries(absolutePaths(fragment))) {
      if (path in paths) conflicts.push(`${file}: path ${path}`);
      else paths[path] = item;
    }
    if (isObject(fragment.components)) {
      const components = (isObject(document.components) ? document.components : (document.components = {})) as Json;
      for (const key of Object.keys(fragment.components)) mergeMap(components, fragment.components, key, file, rootNames, conflicts);
    }
    if (Array.isArray(fragment.tags)) {
      const tags = (Array.isArray(document.tags) ? document.tags : (document.tags = [])) as Json[];
      for (const tag of fragment.tags as Json[]) if (!tags.some((t) => t.name === tag.name)) tags.push(tag);
    }
  }
  const embedded = embedContracts(document, conflicts);
  const bundled = localiseContracts(document, (id) => (embedded.has(id) ? componentNameOf(id) : undefined));
  if (isObject(bundled.paths)) withOperationIds(bundled.paths);
  return { document: bundled, conflicts };
}

/** Public routes: GET /openapi.json and /openapi.yaml (built once, on first request). */
export function openApiRouter(): Router {
  let cached: { json: Json; yaml: string } | undefined;
  const load = () => {
    if (!cached) {
      const { document, conflicts } = mergeOpenApi();
      if (conflicts.length > 0) logger.warn('openapi fragments conflict', { conflicts });
      cached = { json: document, yaml: stringify(document) };
    }
    return cached;
  };
  const r = Router();
  r.get('/openapi.json', (_req, res) => {
    res.json(load().json);
  });
  r.get('/openapi.yaml', (_req, res) => {
    res.type('application/yaml').send(load().yaml);
  });
  return r;
}
