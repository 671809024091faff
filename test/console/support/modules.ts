import type { GatewayModule, NoServices } from '../../../src/gateway/module.js';
import type { DeliveryServices } from '../../../src/delivery/services.js';

/** Provides a given `DeliveryServices` as `delivery`, where the delivery module would. */
export function deliveryStub(delivery: DeliveryServices): GatewayModule<NoServices, { delivery: DeliveryServices }> {
  return {
    name: 'delivery',
    requires: {},
    provides: { delivery: true },
    async init() {
      return { services: { delivery } };
    },
  };
}
