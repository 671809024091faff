import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { assertContract } from '../../shared/contracts.js';
import { ValidationError } from '../../shared/errors.js';
import { MappingSet } from './mapping-set.js';
import { MAPPING_SCHEMA_ID, type MappingDocument, type SourcedMappingDocument } from './types.js';

/**
 * All mappings of the gateway: `<dir>/national/*.json` (one system, possibly split over files)
 * and `<dir>/ministries/<ministryCode>.json` (one file per ministry).
 */
export interface MappingRegistry {
  dir: string;
  national: MappingSet;
  ministries: ReadonlyMap<string, MappingSet>;
  /** The set of a system by name: 'national' or a ministry code. */
  system(name: string): MappingSet | undefined;
}

function jsonFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => n.endsWith('.json') && statSync(join(dir, n)).isFile())
    .sort()
    .map((n) => join(dir, n));
}

/** Reads and validates one mapping document; errors name the file and the offending field. */
export function readMappingDocument(file: string, root = ''): SourcedMappingDocument {
  const shown = root ? relative(root, file) : file;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ValidationError('MAPPING_FILE_INVALID', `${shown}: not valid JSON (${(err as Error).message})`, { file: shown });
  }
  try {
    return { file: shown, document: assertContract<MappingDocument>(MAPPING_SCHEMA_ID, parsed, 'MAPPING_FILE_INVALID') };
  } catch (err) {
    if (err instanceof ValidationError)
      throw new ValidationError(err.code, `${shown}: ${err.message}`, { file: shown, ...(err.details as object) });
    throw err;
  }
}

function expectSystem(doc: SourcedMappingDocument, system: string): void {
  if (doc.document.system !== system) {
    throw new ValidationError(
      'MAPPING_FILE_INVALID',
      `${doc.file}: declares system "${doc.document.system}" but its place says "${system}"`,
      {
        file: doc.file,
        declared: doc.document.system,
        expected: system,
      },
    );
  }
}

/** Loads every mapping under `dir`; a missing or invalid file is an error at start, never at send time. */
export function loadMappings(dir: string): MappingRegistry {
  const nationalDocs = jsonFiles(join(dir, 'national')).map((f) => readMappingDocument(f, dir));
  nationalDocs.forEach((d) => expectSystem(d, 'national'));
  const ministries = new Map<string, MappingSet>();
  for (const file of jsonFiles(join(dir, 'ministries'))) {
    const doc = readMappingDocument(file, dir);
    const code = basename(file, '.json');
    expectSystem(doc, code);
    ministries.set(code, new MappingSet(code, [doc]));
  }
  const national = new MappingSet('national', nationalDocs);
  return {
    dir,
    national,
    ministries,
    system: (name) => (name === 'national' ? national : ministries.get(name)),
  };
}
