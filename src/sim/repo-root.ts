import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Repository root, where the simulators find the test PKI and the contracts they check against.
 * Their own copy: a simulator stands for an outside system and takes nothing from the gateway.
 */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
