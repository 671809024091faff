import { ApiError, type Me } from './api.js';

/** What every view is given: the period picked in the header ('' = every period) and who is logged in. */
export interface ViewContext {
  period: string;
  principal: Me;
}

/** A tab's content: the page's sections in order; null leaves a place empty (a banner not shown). */
export type View = (ctx: ViewContext) => Promise<(HTMLElement | null)[]>;

/** Re-running packets is for ops and admins; leaders read. */
export const canRerun = (principal: Me): boolean => principal.roles.includes('ops') || principal.roles.includes('admin');

/** The message of a failure, whatever was thrown. */
export const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** "CODE message" of a failure, for the page's alerts (no code when it is not the gateway's). */
export const describeError = (err: unknown): string => `${err instanceof ApiError ? err.code : ''} ${messageOf(err)}`;

/** "CODE: message" of a refused re-run, as a row and the result list show it. */
export const refusal = (err: unknown): string => (err instanceof ApiError ? `${err.code}: ${err.message}` : messageOf(err));
