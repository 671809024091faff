import { Counter } from 'prom-client';
import { metricsRegistry } from '../observability/registry.js';

/** Declared once per process: several gateways in one test process share the registry. */
function once<T>(name: string, make: () => T): T {
  return (metricsRegistry.getSingleMetric(name) as T | undefined) ?? make();
}

/** Successful logins per method (password, oidc, private_key_jwt): ops see VNConnect falling back to local accounts. */
export const authLogins = once('lienthong_auth_logins_total', () => new Counter({
  name: 'lienthong_auth_logins_total',
  help: 'Successful logins and token grants per method',
  labelNames: ['method'],
  registers: [metricsRegistry],
}));

/** Refused requests per stable code: a burst of TOKEN_* or CREDENTIALS_INVALID is an attack or a broken client. */
export const authRefusals = once('lienthong_auth_refusals_total', () => new Counter({
  name: 'lienthong_auth_refusals_total',
  help: 'Refused authentication or authorisation attempts per error code',
  labelNames: ['code'],
  registers: [metricsRegistry],
}));
