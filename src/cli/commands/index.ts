import type { Command } from 'commander';
import { registerStart } from './start.js';
import { registerSim } from './sim.js';
import { registerTimeliness } from './timeliness.js';
import { registerCatalog } from '../../core/cli.js';
import { registerMappings } from './mappings.js';
import { registerPacket } from './packet.js';
import { registerStatus } from './status.js';
import { registerUsers } from './users.js';
import { registerClients } from './clients.js';
import { registerAudit } from './audit.js';
import { registerReplay } from './replay.js';
import { registerImport } from './import.js';
import { registerExport } from './export.js';
import { registerReconcile } from './reconcile.js';
import { registerConnectors } from './connectors.js';
import { registerCatalogPush } from './catalog-push.js';
import { registerBackup } from './backup.js';
import { registerConfig } from './config.js';

/** Each CLI command registers itself on the program; add one import and one entry per command file. */
export const commands: ((program: Command) => void)[] = [
  registerStart,
  registerTimeliness,
  registerCatalog,
  registerCatalogPush,
  registerSim,
  registerMappings,
  registerPacket,
  registerStatus,
  registerUsers,
  registerClients,
  registerAudit,
  registerReplay,
  registerImport,
  registerExport,
  registerReconcile,
  registerConnectors,
  registerBackup,
  registerConfig,
];
