/**
 * The client a limit counts: an IPv4 address as it is, an IPv6 address by its /64 (one customer's
 * network: anyone with a /64 has 2^64 addresses, and would otherwise have as many buckets).
 */
import { isIP } from 'node:net';

/** The eight hextets of an IPv6 address, or null when it is not one. */
function hextets(address: string): string[] | null {
  const [head = '', tail, ...rest] = address.split('::');
  if (rest.length) return null;
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  // An embedded IPv4 tail (::ffff:1.2.3.4) is two hextets.
  const last = (tail === undefined ? left : right).at(-1) ?? '';
  if (isIP(last) === 4) {
    const [a, b, c, d] = last.split('.').map(Number) as [number, number, number, number];
    const words = [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
    (tail === undefined ? left : right).splice(-1, 1, ...words);
  }
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return null;
  return [...left, ...Array(tail === undefined ? 0 : missing).fill('0'), ...right].map((h) =>
    h.toLowerCase().replace(/^0+(?=.)/, ''),
  );
}

/** The key a client's address is limited under. */
export function limitSubject(address: string): string {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (isIP(bare) !== 6) return address;
  const h = hextets(bare);
  if (!h) return address;
  // IPv4-mapped (::ffff:a.b.c.d): the IPv4 address itself.
  if (h.slice(0, 5).every((x) => x === '0') && h[5] === 'ffff') {
    const n = (x: string) => Number.parseInt(x, 16);
    return [n(h[6]!) >> 8, n(h[6]!) & 255, n(h[7]!) >> 8, n(h[7]!) & 255].join('.');
  }
  return `${h.slice(0, 4).join(':')}::/64`;
}
