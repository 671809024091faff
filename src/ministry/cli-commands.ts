import type { Command } from 'commander';
import { registerConnectors } from '../cli/commands/connectors.js';
import { registerExport } from '../cli/commands/export.js';
import { registerImport } from '../cli/commands/import.js';
import { registerReconcile } from '../cli/commands/reconcile.js';

/** The ministry area's commands (import, export, reconcile, connectors), one entry in src/cli/commands/index.ts. */
export function registerMinistryCommands(program: Command): void {
  registerImport(program);
  registerExport(program);
  registerReconcile(program);
  registerConnectors(program);
}
