/**
 * Writes the OpenAPI document the gateway serves at /api/v1/openapi.json (the same merge) to
 * the file named on the command line, for the linter and the client generator
 * (`npm run openapi:check`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { mergeOpenApi } from '../src/http/openapi.js';

const out = process.argv[2] ?? '.openapi/openapi.json';
const { document, conflicts } = mergeOpenApi();
if (conflicts.length > 0) {
  console.error(`openapi: fragments conflict:\n  ${conflicts.join('\n  ')}`);
  process.exit(1);
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(document, null, 2));
console.log(`openapi: wrote ${out}`);
