import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config.js';
import { coreModule } from '../../src/core/module.js';
import { createSubmissionsModule } from '../../src/core/submissions/module.js';
import { createGateway, type Gateway } from '../../src/app/gateway.js';
import { componentNameOf, mergeOpenApi } from '../../src/http/openapi.js';
import { absolutePaths } from '../../src/http/openapi-bundle.js';
import { CONTRACTS_DIR } from '../../src/shared/contracts.js';
import { openPostgresTestDatabase, type TestDatabase } from '../support/databases.js';
import { TestSigner } from '../submissions/support/setup.js';
import { mountedRoutes, type StackLayer } from '../support/routes.js';
import { scanningModule } from '../../src/app/adapters/scanning-module.js';

/** `METHOD /absolute/path` for every operation of an OpenAPI `paths` map whose paths are absolute. */
function documentedRoutes(paths: Record<string, Record<string, unknown>>): string[] {
  const verbs = ['get', 'put', 'post', 'patch', 'delete'];
  return Object.entries(paths).flatMap(([p, item]) =>
    Object.keys(item)
      .filter((k) => verbs.includes(k))
      .map((m) => `${m.toUpperCase()} ${p}`),
  );
}

describe('OpenAPI document', () => {
  let t: TestDatabase;
  let gw: Gateway;
  let base: string;
  beforeAll(async () => {
    t = await openPostgresTestDatabase();
    gw = await createGateway({
      config: loadConfig({ PORT: '0', START_SIMULATORS: 'false', SEED_DEMO: 'false' }),
      db: t.db,
      modules: [scanningModule, coreModule, createSubmissionsModule({ signer: new TestSigner() })],
    });
    const server = await gw.listen(0);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await gw.close();
    await t.dispose();
  });

  it('merges the root and every fragment without conflicts, embedding the contracts it references', () => {
    const { document, conflicts } = mergeOpenApi();
    expect(conflicts).toEqual([]);
    const schemas = (document.components as { schemas: Record<string, { $id?: string; type?: string }> }).schemas;
    const id = 'https://lienthong.gov.vn/contracts/api/core/create-org-unit.schema.json';
    expect(schemas[componentNameOf(id)]?.type).toBe('object');
    // Embedded copies lose their $id: it would re-base the local references inside them.
    expect(schemas[componentNameOf(id)]?.$id).toBeUndefined();
    // Referenced from inside another contract (import → indicator), so embedded transitively.
    expect(schemas['api.core.indicator']).toBeDefined();
  });

  it('documents every route the core and submissions routers mount, and nothing they do not', () => {
    const app = gw.app as unknown as { router: { stack: StackLayer[] } };
    const mounted = mountedRoutes(app.router.stack).filter((r) => r.includes(' /api/v1/'));
    expect(mounted.length).toBeGreaterThan(40);
    const documented = documentedRoutes(mergeOpenApi().document.paths as Record<string, Record<string, unknown>>);
    expect(mounted.filter((r) => !documented.includes(r))).toEqual([]);
    const ours = ['core.yaml', 'submissions.yaml'].flatMap((f) => {
      const fragment = parse(readFileSync(join(CONTRACTS_DIR, 'openapi', f), 'utf8')) as Record<string, unknown>;
      return documentedRoutes(absolutePaths(fragment) as Record<string, Record<string, unknown>>);
    });
    expect(ours.filter((r) => !mounted.includes(r))).toEqual([]);
  });

  it('serves the document publicly as JSON and YAML', async () => {
    const json = await fetch(`${base}/api/v1/openapi.json`);
    expect(json.status).toBe(200);
    const doc = (await json.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/org-units/tree', '/api/v1/submissions/{id}/return', '/api/v1/periods/{key}']),
    );
    const yaml = await fetch(`${base}/api/v1/openapi.yaml`);
    expect(yaml.headers.get('content-type')).toContain('application/yaml');
    expect((parse(await yaml.text()) as { openapi: string }).openapi).toBe('3.1.0');
  });

  it('is self-contained: every $ref points inside the document and resolves, every operation has a unique operationId', () => {
    const { document } = mergeOpenApi();
    const refs: string[] = [];
    const walk = (n: unknown): void => {
      if (Array.isArray(n)) n.forEach(walk);
      else if (n && typeof n === 'object')
        for (const [k, v] of Object.entries(n)) {
          if (k === '$ref' && typeof v === 'string') refs.push(v);
          else walk(v);
        }
    };
    walk(document);
    expect(refs.filter((r) => !r.startsWith('#/'))).toEqual([]);
    const resolve = (ref: string): unknown =>
      ref
        .slice(2)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
        .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
    expect(refs.filter((r) => resolve(r) === undefined)).toEqual([]);
    const ids = Object.values(document.paths as Record<string, Record<string, { operationId?: string }>>).flatMap((item) =>
      ['get', 'put', 'post', 'patch', 'delete'].filter((m) => item[m]).map((m) => item[m]!.operationId),
    );
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect((document.servers as { url: string }[])[0]!.url).toBe('/');
  });

  it("reports a path or component two fragments define differently, but lets fragments repeat the root's shared ones", () => {
    const dir = mkdtempSync(join(tmpdir(), 'lt-openapi-'));
    mkdirSync(join(dir, 'openapi'));
    writeFileSync(
      join(dir, 'openapi.yaml'),
      'openapi: 3.1.0\ninfo: { title: t, version: "1" }\ncomponents: { schemas: { Error: { type: object } } }\npaths: {}\n',
    );
    const fragment = (schema: string) =>
      `paths: { /x: { get: { responses: { '200': { description: ok } } } } }\ncomponents: { schemas: { Error: { type: string }, Thing: { type: ${schema} } } }\n`;
    writeFileSync(join(dir, 'openapi', 'a.yaml'), fragment('string'));
    writeFileSync(join(dir, 'openapi', 'b.yaml'), fragment('integer'));
    const { document, conflicts } = mergeOpenApi(dir);
    expect(conflicts).toEqual(['b.yaml: path /x', 'b.yaml: schemas Thing']);
    expect((document.components as { schemas: Record<string, unknown> }).schemas).toEqual({
      Error: { type: 'object' },
      Thing: { type: 'string' },
    });
  });
});
