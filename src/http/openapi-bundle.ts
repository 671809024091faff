/**
 * Turns the merged OpenAPI document into one a client generator can use on its own:
 * - every path absolute from the origin (fragments mounted under `/api/v1` say so once with
 *   `x-base-path`), served with `servers: [{url: '/'}]`;
 * - every `$ref` to a contract `$id` (absolute, or relative to the schema it sits in) rewritten
 *   to `#/components/schemas/<name>`, and the embedded copies stripped of `$id`/`$schema`, which
 *   would otherwise re-base the local `#/…` references inside them;
 * - an `operationId` for every operation that has none, derived from its method and path, so
 *   generated clients get stable names.
 */
type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
const HTTP_METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'];

/** A fragment's paths, prefixed with its `x-base-path` (if any). */
export function absolutePaths(fragment: Json): Json {
  const base = typeof fragment['x-base-path'] === 'string' ? fragment['x-base-path'].replace(/\/$/, '') : '';
  const paths = isObject(fragment.paths) ? fragment.paths : {};
  return Object.fromEntries(Object.entries(paths).map(([path, item]) => [`${base}${path}`, item]));
}

/**
 * Rewrites `$ref`s inside `node`: `nameOf(absoluteId)` gives the component name of a contract,
 * or undefined when the URL is not a contract. `base` is the `$id` in force (relative references
 * resolve against it), `self` the component the node lives in (its `#/…` references stay inside it).
 */
function rewriteRefs(
  node: unknown,
  base: string | undefined,
  self: string | undefined,
  nameOf: (id: string) => string | undefined,
): unknown {
  if (Array.isArray(node)) return node.map((x) => rewriteRefs(x, base, self, nameOf));
  if (!isObject(node)) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') out.$ref = localRef(value, base, self, nameOf);
    else out[key] = rewriteRefs(value, base, self, nameOf);
  }
  return out;
}

function localRef(ref: string, base: string | undefined, self: string | undefined, nameOf: (id: string) => string | undefined): string {
  if (ref.startsWith('#/components/')) return ref;
  if (ref.startsWith('#')) return self ? `#/components/schemas/${self}${ref.slice(1)}` : ref;
  let url: URL;
  try {
    url = base ? new URL(ref, base) : new URL(ref);
  } catch {
    return ref;
  }
  const pointer = url.hash.replace(/^#/, '');
  url.hash = '';
  const name = nameOf(url.href);
  return name ? `#/components/schemas/${name}${pointer}` : ref;
}

/** Embedded contract schemas (`components.schemas` entries with a `$id`), made self-contained. */
export function localiseContracts(document: Json, nameOf: (id: string) => string | undefined): Json {
  const components = isObject(document.components) ? document.components : {};
  const schemas = isObject(components.schemas) ? components.schemas : {};
  const localSchemas: Json = {};
  for (const [name, schema] of Object.entries(schemas)) {
    const id = isObject(schema) && typeof schema.$id === 'string' ? schema.$id : undefined;
    const rewritten = rewriteRefs(schema, id, id ? name : undefined, nameOf) as Json;
    if (id) {
      delete rewritten.$id;
      delete rewritten.$schema;
    }
    localSchemas[name] = rewritten;
  }
  const rest = Object.fromEntries(Object.entries(document).filter(([k]) => k !== 'components'));
  const bundled = rewriteRefs(rest, undefined, undefined, nameOf) as Json;
  const otherComponents = rewriteRefs(
    Object.fromEntries(Object.entries(components).filter(([k]) => k !== 'schemas')),
    undefined,
    undefined,
    nameOf,
  ) as Json;
  return { ...bundled, components: { ...otherComponents, schemas: localSchemas } };
}

/** `get /api/v1/submissions/{id}/history` → `getApiV1SubmissionsByIdHistory`. */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .split('/')
    .filter(Boolean)
    .map((seg) => (seg.startsWith('{') ? `by-${seg.slice(1, -1)}` : seg))
    .join('-')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

/** Adds a derived `operationId` to every operation that has none. */
export function withOperationIds(paths: Json): Json {
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (isObject(op) && typeof op.operationId !== 'string') op.operationId = operationIdOf(method, path);
    }
  }
  return paths;
}
