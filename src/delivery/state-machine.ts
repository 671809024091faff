import { ConflictError } from '../shared/errors.js';
import type { PacketState } from './services.js';

/**
 * The per-packet delivery state machine. Pure: the worker asks it before every persisted move,
 * so an illegal jump (e.g. re-sending an acknowledged packet) is a bug caught here, not a
 * duplicate at the national system.
 *
 * queued → sending → delivered → acknowledged
 *                  ↘ queued (retry) | dead (retries exhausted) | rejected (refused, not retryable)
 *                  ↘ sent_via_fallback → reconciled (national recovered) | rejected
 */
const MOVES: Record<PacketState, readonly PacketState[]> = {
  queued: ['sending', 'dead'],
  sending: ['queued', 'sending', 'delivered', 'acknowledged', 'rejected', 'dead', 'sent_via_fallback'],
  delivered: ['acknowledged', 'rejected'],
  acknowledged: [],
  // Dead letters go back to the queue only through an explicit replay.
  rejected: ['queued'],
  dead: ['queued'],
  sent_via_fallback: ['reconciled', 'rejected', 'sent_via_fallback'],
  reconciled: [],
};

/** States in which the packet has reached its destination: it is never sent again. */
export const FINAL_STATES: readonly PacketState[] = ['acknowledged', 'reconciled'];
/** Dead letters: only a replay moves them. */
export const DEAD_LETTER_STATES: readonly PacketState[] = ['dead', 'rejected'];

export function canMove(from: PacketState, to: PacketState): boolean {
  return MOVES[from].includes(to);
}

export function assertMove(packetId: string, from: PacketState, to: PacketState): void {
  if (!canMove(from, to)) {
    throw new ConflictError('DELIVERY_ILLEGAL_TRANSITION', `Packet ${packetId} cannot move from ${from} to ${to}`, { packetId, from, to });
  }
}

/** Ranks states for "the worst state of a report's packets" (console summary). */
const SEVERITY: Record<PacketState, number> = {
  dead: 7,
  rejected: 6,
  queued: 5,
  sending: 4,
  sent_via_fallback: 3,
  delivered: 2,
  reconciled: 1,
  acknowledged: 0,
};

export function worstState(states: PacketState[]): PacketState {
  // Stryker disable next-line EqualityOperator: on a tie both sides are the same state.
  return states.reduce((worst, s) => (SEVERITY[s] > SEVERITY[worst] ? s : worst), 'acknowledged' as PacketState);
}
