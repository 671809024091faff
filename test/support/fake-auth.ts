import { Router } from 'express';
import type { GatewayModule } from '../../src/gateway/module.js';
import type { Principal } from '../../src/http/principal.js';

/**
 * Test-only authentication: the `x-test-user` header names one of the given principals.
 * Lets module tests exercise authorisation without the identity module. Never used in src/.
 */
export function fakeAuthModule(principals: Record<string, Principal>): GatewayModule {
  return {
    name: 'fake-auth',
    async init() {
      const router = Router();
      router.use((req, res, next) => {
        const name = req.get('x-test-user');
        if (name && principals[name]) res.locals.principal = principals[name];
        next();
      });
      return { middleware: [{ path: '/', router }] };
    },
  };
}
