import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { ValidationError } from './errors.js';

/** `contracts/` at the repository root: every JSON Schema we promise, each with a unique `$id`. */
export const CONTRACTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'contracts');

function* schemaFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* schemaFiles(path);
    else if (name.endsWith('.schema.json')) yield path;
  }
}

let ajv: Ajv2020 | undefined;

/** One Ajv instance holding every schema under contracts/, compiled lazily by `$id`. */
export function contractsAjv(): Ajv2020 {
  if (ajv) return ajv;
  const instance = new Ajv2020({ allErrors: true, strict: false, useDefaults: false });
  (addFormats as unknown as (a: Ajv2020) => void)(instance);
  for (const file of schemaFiles(CONTRACTS_DIR)) {
    instance.addSchema(JSON.parse(readFileSync(file, 'utf8')) as object);
  }
  ajv = instance;
  return instance;
}

export function getValidator<T = unknown>(schemaId: string): ValidateFunction<T> {
  const validate = contractsAjv().getSchema<T>(schemaId);
  if (!validate) throw new Error(`No contract schema with $id "${schemaId}" under contracts/`);
  return validate;
}

export interface ContractViolation {
  /** JSON pointer of the offending field, e.g. /rows/3/value. */
  field: string;
  message: string;
}

export function describeErrors(errors: ErrorObject[] | null | undefined): ContractViolation[] {
  return (errors ?? []).map((e) => {
    const missing = e.keyword === 'required' ? `/${(e.params as { missingProperty: string }).missingProperty}` : '';
    const extra = e.keyword === 'additionalProperties' ? `/${(e.params as { additionalProperty: string }).additionalProperty}` : '';
    return { field: `${e.instancePath}${missing}${extra}` || '/', message: e.message ?? e.keyword };
  });
}

/** Validates `value` against the schema or throws a ValidationError naming every bad field. */
export function assertContract<T>(schemaId: string, value: unknown, code = 'CONTRACT_VIOLATION'): T {
  const validate = getValidator<T>(schemaId);
  if (validate(value)) return value;
  const violations = describeErrors(validate.errors);
  const first = violations[0];
  throw new ValidationError(code, `Does not match ${schemaId}: ${first ? `${first.field} ${first.message}` : 'invalid'}`, {
    schema: schemaId,
    violations,
  });
}
