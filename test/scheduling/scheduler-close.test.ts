import { describe, expect, it } from 'vitest';
import { BullmqScheduler } from '../../src/scheduling/bullmq-scheduler.js';
import { TEST_REDIS_URL, uniqueRedisPrefix } from '../support/databases.js';

/** Open TCP sockets of this test process (vitest runs each file in its own worker). */
const tcpSockets = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;

describe('BullMQ scheduler shutdown', () => {
  it('closes every Redis connection it opened, the worker link included (nothing keeps a stopped gateway alive)', async () => {
    const before = tcpSockets();
    const scheduler = new BullmqScheduler({ redisUrl: TEST_REDIS_URL, prefix: uniqueRedisPrefix() });
    await scheduler.register({ id: 'test:noop', everyMs: 60_000, run: async () => undefined });
    await scheduler.start();
    expect(tcpSockets()).toBeGreaterThan(before);
    await scheduler.stop();
    // disconnect() closes the socket on the next turns of the loop; the bound only ends a hung test.
    for (let i = 0; i < 200 && tcpSockets() > before; i++) await new Promise((r) => setTimeout(r, 10));
    expect(tcpSockets()).toBe(before);
  });
});
