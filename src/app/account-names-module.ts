import type { SubmissionsServices } from '../core/submissions/services.js';
import type { GatewayModule, NoServices } from '../gateway/module.js';
import type { IdentityServices } from '../identity/services.js';

/**
 * Binds identity's account names to the submissions area, so a report's history and cell trail
 * name people by their display name. In the root because identity starts before submissions
 * and submissions must also run without identity (its own tests).
 */
export const accountNamesModule: GatewayModule<{ identity: IdentityServices; submissions: SubmissionsServices }, NoServices> = {
  name: 'account-names',
  requires: { identity: true, submissions: true },
  provides: {},
  async init(ctx) {
    ctx.services.submissions.useAccountNames(ctx.services.identity.accountNames);
    return {};
  },
};
