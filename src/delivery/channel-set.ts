import type { Channel, DeliveryReceipt } from './channel.js';

/** A channel that can also be asked for the remote status of a delivery (the reconciler polls it). */
export type PollableChannel = Channel & { status(remoteId: string): Promise<DeliveryReceipt> };

/**
 * The outbound channels the composition root built, once each (`src/app/adapters/`), and the
 * endpoints they point at. Delivery sends through them; the catalog feed reads the national
 * endpoint; nothing else builds a channel or reads a channel's URL setting.
 */
export interface ChannelSet {
  /** The national reporting system (NATIONAL_URL, else the in-process simulator); absent when neither exists. */
  national?: PollableChannel;
  /** The e-document system as fallback when the national system is down (EDOC_URL, else the simulator). */
  edoc?: Channel;
  /** The e-document system for the records copy of every approved report. */
  archive?: Channel;
  /** The ministry systems of the push connectors (each packet names its connector). */
  ministry?: Channel;
  endpoints: {
    /** Base URL of the national system the channel sends to. */
    national?: string;
    /** True when that URL is the in-process simulator's (demo). */
    nationalSimulated: boolean;
  };
}
