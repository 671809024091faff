/** The demo accounts' password in tests: harnesses pass it as DEMO_PASSWORD (the gateway otherwise makes a random one). */
export const DEMO_PASSWORD = 'Thu-nghiem#2026';
