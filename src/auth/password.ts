/**
 * Password hashing with scrypt, a memory-hard function built into Node (no native add-on).
 * Stored as `scrypt$N$r$p$salt$hash` (base64) so the cost can be raised later without a migration.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const N = 2 ** 15;
const r = 8;
const p = 1;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, n: number, rr: number, pp: number): Promise<Buffer> {
  // scrypt needs 128 * N * r bytes, exactly Node's default cap: allow twice that.
  return new Promise((resolve, reject) =>
    scrypt(
      password.normalize('NFKC'),
      salt,
      KEY_LENGTH,
      { N: n, r: rr, p: pp, maxmem: 256 * n * rr },
      (err, key) => (err ? reject(err) : resolve(key)),
    ),
  );
}

/** More password checks waiting than the queue holds: the caller answers "busy, retry" at once. */
export class PasswordCheckBusy extends Error {
  constructor() {
    super('too many password checks in progress');
  }
}

/**
 * At most `concurrency` computations at once and `queue` more waiting; beyond that, refused at
 * once. scrypt runs on libuv's four threads and ~100 ms of CPU each: unbounded, a burst of sign-ins
 * takes every core and every other request waits behind it.
 */
export class HashGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    public concurrency: number,
    public queue: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running < this.concurrency) this.running++;
    else if (this.waiting.length >= this.queue) throw new PasswordCheckBusy();
    else await new Promise<void>((resolve) => this.waiting.push(resolve)); // handed a place below
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

/** Process-wide (the CPU is): sign-ins' password checks (createApp sets the bounds from config). */
export const passwordChecks = new HashGate(2, 16);

/**
 * A lane of its own for an account signing in from an address it signed in from before
 * (src/auth/signin-limits.ts): a flood of strangers' attempts that fills `passwordChecks` does not
 * keep the owner out.
 */
export const knownPasswordChecks = new HashGate(1, 8);

/** Hashes a password; `salt` is for deterministic seed data only. */
export async function hashPassword(password: string, salt: Buffer = randomBytes(16)): Promise<string> {
  const key = await derive(password, salt, N, r, p);
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

/**
 * Constant-time check of a password against a stored hash; false for a malformed hash. Bounded by
 * `gate` (`passwordChecks` by default): throws PasswordCheckBusy when its queue is full.
 */
export async function verifyPassword(
  password: string,
  stored: string,
  gate: HashGate = passwordChecks,
): Promise<boolean> {
  const [algo, n, rr, pp, salt, hash] = stored.split('$');
  if (algo !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await gate.run(() =>
    derive(password, Buffer.from(salt, 'base64'), Number(n), Number(rr), Number(pp)),
  );
  return key.length === expected.length && timingSafeEqual(key, expected);
}
