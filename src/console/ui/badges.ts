import { h } from './dom.js';
import { PACKET_STATE, STATE_TONE, type Tone } from './labels.js';

export const badge = (text: string, tone: Tone | string): HTMLSpanElement => h('span', { class: `badge ${tone}` }, text);
export const stateBadge = (state: string): HTMLSpanElement => badge(PACKET_STATE[state] ?? state, STATE_TONE[state] ?? 'info');
