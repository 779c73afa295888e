/** Limits count an IPv6 client by its /64, an IPv4 (or IPv4-mapped) client by its address. */
import { describe, expect, it } from 'vitest';
import { limitSubject } from '../../src/client-address.js';

describe('limitSubject', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['::ffff:cb00:7107', '203.0.113.7'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['2001:db8:0:0:ffff:ffff:ffff:ffff', '2001:db8:0:0::/64'],
    ['2001:DB8:0000:0000:1::', '2001:db8:0:0::/64'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['[2001:db8:1:2::9]', '2001:db8:1:2::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['local', 'local'],
    ['not an address', 'not an address'],
  ])('%s -> %s', (address, subject) => {
    expect(limitSubject(address)).toBe(subject);
  });

  it('puts every address of one /64 in one bucket, and another /64 in another', () => {
    const subjects = new Set(
      Array.from({ length: 20 }, (_, i) => limitSubject(`2001:db8:0:0::${(i + 1).toString(16)}`)),
    );
    expect(subjects.size).toBe(1);
    expect(limitSubject('2001:db8:0:1::1')).not.toBe(limitSubject('2001:db8:0:0::1'));
  });
});
