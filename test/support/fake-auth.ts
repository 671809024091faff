import { Router } from 'express';
import type { GatewayModule, NoServices } from '../../src/gateway/module.js';
import type { IndicatorAccess } from '../../src/identity/services.js';
import type { Principal } from '../../src/http/principal.js';

/**
 * Test-only authentication: the `x-test-user` header names one of the given principals.
 * Lets module tests exercise authorisation without the identity module. Never used in src/.
 */
export function fakeAuthModule(principals: Record<string, Principal>): GatewayModule<NoServices, { indicatorAccess: IndicatorAccess }> {
  return {
    name: 'fake-auth',
    requires: {},
    // No ministry client is limited to its indicators here (the identity module's rule is tested with it).
    provides: { indicatorAccess: true },
    async init() {
      const router = Router();
      router.use((req, res, next) => {
        const name = req.get('x-test-user');
        if (name && principals[name]) res.locals.principal = principals[name];
        next();
      });
      const indicatorAccess: IndicatorAccess = { allowsIndicator: async () => true, indicatorFilter: async () => () => true };
      return { services: { indicatorAccess }, middleware: [{ path: '/', router }] };
    },
  };
}
