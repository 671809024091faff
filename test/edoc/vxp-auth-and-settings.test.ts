import { describe, expect, it } from 'vitest';
import { verifyVxpAuth, vxpAuthHeaders, VXP_HEADERS } from '../../src/channels/edoc/vxp-auth.js';
import { edocSimulatorSettings } from '../../src/sim/edoc/settings.js';

const secrets = new Map([['lienthong', 'k1']]);
const at = new Date('2027-02-01T02:00:00Z');
const lookup = (h: Record<string, string>) => (name: string) => h[name];

describe('VXP HMAC headers', () => {
  it('accepts its own headers and names the system', () => {
    expect(verifyVxpAuth(lookup(vxpAuthHeaders('lienthong', 'k1', at)), secrets, at)).toBe('lienthong');
  });

  it('refuses missing headers, unknown systems, wrong secrets and stale timestamps', () => {
    const good = vxpAuthHeaders('lienthong', 'k1', at);
    const { [VXP_HEADERS.signature]: _dropped, ...missing } = good;
    expect(() => verifyVxpAuth(lookup(missing), secrets, at)).toThrow(expect.objectContaining({ code: 'VXP_AUTH_MISSING', status: 401 }));
    expect(() => verifyVxpAuth(lookup(vxpAuthHeaders('other', 'k1', at)), secrets, at)).toThrow(
      expect.objectContaining({ code: 'VXP_SYSTEM_UNKNOWN' }),
    );
    expect(() => verifyVxpAuth(lookup(vxpAuthHeaders('lienthong', 'k2', at)), secrets, at)).toThrow(
      expect.objectContaining({ code: 'VXP_SIGNATURE_INVALID' }),
    );
    const sixMinutesLater = new Date(at.getTime() + 6 * 60_000);
    expect(() => verifyVxpAuth(lookup(good), secrets, sixMinutesLater)).toThrow(expect.objectContaining({ code: 'VXP_TIMESTAMP_INVALID' }));
    // A captured signature cannot be replayed with a fresh timestamp.
    const replay = { ...vxpAuthHeaders('lienthong', 'k1', sixMinutesLater), [VXP_HEADERS.signature]: good[VXP_HEADERS.signature]! };
    expect(() => verifyVxpAuth(lookup(replay), secrets, sixMinutesLater)).toThrow(
      expect.objectContaining({ code: 'VXP_SIGNATURE_INVALID' }),
    );
  });
});

describe('edoc simulator settings', () => {
  it('defaults to the gateway demo credentials, the fixtures CA and 03 → 06', () => {
    const s = edocSimulatorSettings({});
    expect([...s.systems.keys()]).toEqual(['lienthong']);
    expect(s.trustedCertificatesPem[0]).toContain('BEGIN CERTIFICATE');
    expect(s.progression).toEqual(['03', '06']);
    expect(edocSimulatorSettings({ SIM_EDOC_PROGRESSION: '' }).progression).toEqual([]);
  });

  it('refuses a bad progression or a missing certificate file', () => {
    expect(() => edocSimulatorSettings({ SIM_EDOC_PROGRESSION: '03,02' })).toThrow(
      expect.objectContaining({ code: 'SIM_EDOC_CONFIG_INVALID' }),
    );
    expect(() => edocSimulatorSettings({ SIM_EDOC_TRUSTED_CERTS: '/nope.pem' })).toThrow(
      expect.objectContaining({ code: 'SIM_EDOC_CONFIG_INVALID', details: { name: 'SIM_EDOC_TRUSTED_CERTS' } }),
    );
  });
});
