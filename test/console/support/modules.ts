import type { GatewayModule } from '../../../src/gateway/module.js';
import type { DeliveryServices } from '../../../src/delivery/services.js';

/** Publishes a given `DeliveryServices` on `ctx.services.delivery`, where the delivery module would. */
export function deliveryStub(delivery: DeliveryServices): GatewayModule {
  return {
    name: 'delivery',
    async init(ctx) {
      ctx.services.delivery = delivery;
      return {};
    },
  };
}
