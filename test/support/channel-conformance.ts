import { describe, expect, it } from 'vitest';
import { ChannelError, isThrottled, type Channel, type OutboundPacket } from '../../src/delivery/channel.js';
import type { FaultMode } from '../../src/sim/faults.js';

/** One channel wired to its simulator, as the conformance suite drives it. */
export interface ChannelUnderTest {
  /** What receipts name as their channel. */
  receiptChannel: string;
  /** The channel to the simulator, with the given per-request timeout. */
  channel(options: { timeoutMs: number }): Channel;
  /** A packet the receiver has never seen and will accept. */
  packet(n: number): Promise<OutboundPacket>;
  /** Switches the simulator's shared fault (PUT /_sim/faults). */
  fault(mode: FaultMode, extra?: { delayMs?: number; retryAfterSeconds?: number; remaining?: number }): Promise<void>;
  /** How many deliveries the receiver holds (a repeat must not add one). */
  stored(): Promise<number>;
  /** Arranges a refusal no retry can cure and returns the channel that meets it (fault reset after). */
  permanentRefusal(): Promise<Channel>;
  close(): Promise<void>;
}

async function failure(run: Promise<unknown>): Promise<ChannelError> {
  const outcome = await run.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(outcome).toBeInstanceOf(ChannelError);
  return outcome as ChannelError;
}

/**
 * The `Channel` port's contract, run against every channel (like BullMQ's adapter conformance
 * tests): what delivery's retry, breaker, throttle and fallback decisions rely on.
 */
export function channelConformance(name: string, setup: () => Promise<ChannelUnderTest>): void {
  describe(`Channel conformance: ${name}`, () => {
    let seq = 0;
    const withTarget = (test: (t: ChannelUnderTest) => Promise<void>) => async () => {
      const t = await setup();
      try {
        await test(t);
      } finally {
        await t.fault('none').catch(() => undefined);
        await t.close();
      }
    };
    const fresh = (t: ChannelUnderTest) => t.packet(++seq);

    it(
      'delivers a packet and answers with a receipt naming the remote id',
      withTarget(async (t) => {
        const receipt = await t.channel({ timeoutMs: 5000 }).deliver(await fresh(t));
        expect(receipt.channel).toBe(t.receiptChannel);
        expect(typeof receipt.remoteId).toBe('string');
        expect(receipt.remoteId).not.toBe('');
        expect(typeof receipt.acknowledged).toBe('boolean');
        expect(await t.stored()).toBe(1);
      }),
    );

    it(
      'is idempotent: the same packet sent again gets the same remote id and is held once',
      withTarget(async (t) => {
        const channel = t.channel({ timeoutMs: 5000 });
        const packet = await fresh(t);
        const first = await channel.deliver(packet);
        const again = await channel.deliver(packet);
        expect(again.remoteId).toBe(first.remoteId);
        expect(await t.stored()).toBe(1);
      }),
    );

    it(
      'a server error is retryable, not throttling, and the retry delivers once',
      withTarget(async (t) => {
        const channel = t.channel({ timeoutMs: 5000 });
        const packet = await fresh(t);
        await t.fault('5xx', { remaining: 1 });
        const err = await failure(channel.deliver(packet));
        expect([err.retryable, isThrottled(err)]).toEqual([true, false]);
        await channel.deliver(packet);
        expect(await t.stored()).toBe(1);
      }),
    );

    it(
      'a dropped connection is retryable',
      withTarget(async (t) => {
        await t.fault('down');
        const err = await failure(t.channel({ timeoutMs: 5000 }).deliver(await fresh(t)));
        expect([err.retryable, isThrottled(err)]).toEqual([true, false]);
      }),
    );

    it(
      '429 is throttling: retryable, with the Retry-After the receiver asked for',
      withTarget(async (t) => {
        await t.fault('429', { retryAfterSeconds: 7 });
        const err = await failure(t.channel({ timeoutMs: 5000 }).deliver(await fresh(t)));
        expect([err.retryable, isThrottled(err)]).toEqual([true, true]);
        expect((err.details as { retryAfterMs?: number }).retryAfterMs).toBe(7000);
      }),
    );

    it(
      'a receiver slower than the timeout is a retryable failure',
      withTarget(async (t) => {
        await t.fault('slow', { delayMs: 3000 });
        const err = await failure(t.channel({ timeoutMs: 200 }).deliver(await fresh(t)));
        expect([err.retryable, isThrottled(err)]).toEqual([true, false]);
      }),
    );

    it(
      'a refusal retrying cannot cure is permanent (the packet goes to dead letter)',
      withTarget(async (t) => {
        const channel = await t.permanentRefusal();
        const err = await failure(channel.deliver(await fresh(t)));
        expect(err.retryable).toBe(false);
        expect(err.code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      }),
    );
  });
}
