import { Counter } from 'prom-client';
import { metricOnce, metricsRegistry } from '../observability/registry.js';

/** Successful logins per method (password, oidc, private_key_jwt): ops see VNConnect falling back to local accounts. */
export const authLogins = metricOnce(
  'lienthong_auth_logins_total',
  () =>
    new Counter({
      name: 'lienthong_auth_logins_total',
      help: 'Successful logins and token grants per method',
      labelNames: ['method'],
      registers: [metricsRegistry],
    }),
);

/** Refused requests per stable code: a burst of TOKEN_* or CREDENTIALS_INVALID is an attack or a broken client. */
export const authRefusals = metricOnce(
  'lienthong_auth_refusals_total',
  () =>
    new Counter({
      name: 'lienthong_auth_refusals_total',
      help: 'Refused authentication or authorisation attempts per error code',
      labelNames: ['code'],
      registers: [metricsRegistry],
    }),
);
