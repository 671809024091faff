import type { Command } from 'commander';
import { registerStart } from './start.js';
import { registerSim } from './sim.js';
import { registerTimeliness } from './timeliness.js';
import { registerMappings } from './mappings.js';
import { registerPacket } from './packet.js';
import { registerStatus } from './status.js';

/** Each CLI command registers itself on the program; add one import and one entry per command file. */
export const commands: ((program: Command) => void)[] = [registerStart, registerTimeliness, registerSim, registerMappings, registerPacket, registerStatus];
