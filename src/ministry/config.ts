import { isAbsolute, join, resolve } from 'node:path';
import { REPO_ROOT } from '../exchange/config.js';
import type { Settings } from '../settings/schema.js';

/** Ministry settings, taken from the typed settings the schema checked at start (docs/ministry.md). */
export interface MinistryConfig {
  /** Body limit of XML pushes (JSON goes through the gateway's BODY_LIMIT). */
  xmlLimit: string;
  /** Body limit of CSV/xlsx file imports. */
  fileLimit: string;
  connectorsDir: string;
  /** Run connectors on their cron schedules (on-demand runs work either way). */
  schedule: boolean;
}

type MinistrySettings = Pick<
  Settings,
  'MINISTRY_XML_LIMIT' | 'MINISTRY_FILE_LIMIT' | 'MINISTRY_CONNECTORS_DIR' | 'MINISTRY_CONNECTORS_SCHEDULE'
>;

/** No parsing here (src/settings/areas.ts did it): only the connectors folder resolved against the working directory. */
export function ministryConfigFrom(settings: MinistrySettings): MinistryConfig {
  const dir = settings.MINISTRY_CONNECTORS_DIR;
  return {
    xmlLimit: settings.MINISTRY_XML_LIMIT,
    fileLimit: settings.MINISTRY_FILE_LIMIT,
    connectorsDir: dir ? (isAbsolute(dir) ? dir : resolve(dir)) : join(REPO_ROOT, 'fixtures', 'ministry', 'connectors'),
    schedule: settings.MINISTRY_CONNECTORS_SCHEDULE,
  };
}
