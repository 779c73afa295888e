/**
 * Sign-in limits that stop password guessing without letting anyone lock an account's owner out.
 *
 * Only failed sign-ins count, in 15-minute windows, with L = SIGNIN_ATTEMPTS_PER_15_MIN:
 * - per client address: L failures, on any accounts. This stops guessing from one address, and
 *   it is the owner's own address that counts for the owner, never the attacker's;
 * - per account: once an account has L failures, from any addresses, it is under attack, and each
 *   address then gets one failure on it: an address that has already failed on the account is
 *   refused, a new one gets its guess. An attacker rotating addresses gets one guess per address
 *   instead of L; the owner, from any address that has not failed on the account, still signs in;
 * - an address the account signed in from (in the last 30 days) is exempt from the account rule,
 *   so the owner's typo at their usual address does not stop them either.
 * A hard per-account limit (or a shared per-account delay) would be the lockout the attacker
 * wants: the owner's attempt is indistinguishable from a guess from a new address. The cost of
 * this design is that an owner who mistypes from a new address during an attack waits out the
 * window at that address.
 *
 * On top of these, each address gets `anyLimit` attempts of any outcome per window (a success
 * costs a password hash and writes a session too). Like the first rule it counts the attempt's own
 * address only, never the account, so no one else's attempts use up the owner's allowance.
 *
 * Every attempt is counted before it runs (so concurrent guesses cannot slip past the limit) and
 * given back when it was not a failure: a successful sign-in, a refusal, or an error. Keys name
 * the account by a pseudonym, never the email.
 */
import type { Count, RateDecision, RateLimiter } from '../cache/rate-limit.js';

const WINDOW_S = 15 * 60;
const KNOWN_ADDRESS_S = 30 * 24 * 3600;

export type SignInOutcome = 'failed' | 'signed-in' | 'error';

export interface SignInGate {
  /** Why this attempt may not run (seconds to wait), or null. */
  refused: RateDecision | null;
  /** The account signed in from this address before (its own hashing lane, no any-outcome limit). */
  known: boolean;
  /** Records how the attempt ended: only 'failed' keeps counting. */
  settle(outcome: SignInOutcome): Promise<void>;
}

/** Counts a sign-in attempt from `address` on `email` and decides whether it may run. */
export async function signInGate(
  limiter: RateLimiter,
  address: string,
  email: string,
  limit: number,
  anyLimit: number,
): Promise<SignInGate> {
  const account = `account:${limiter.pseudonym(email.trim().toLowerCase())}`;
  const counters = [
    `ip:${address}:sessionCreate`,
    `${account}:sessionCreate`,
    `ip:${address}:${account}:sessionCreate`,
  ];
  // Attempts of any outcome: per address, and per (address, account).
  const attempts = [`ip:${address}:sessionCreate:any`, `ip:${address}:${account}:sessionCreate:any`];
  const known = `known:ip:${address}:${account}`;
  const [counts, isKnown] = await Promise.all([
    limiter.count([...counters, ...attempts], WINDOW_S),
    limiter.remembers(known),
  ]);
  // Redis unreachable: let it through (a cache outage must not lock everyone out).
  if (!counts) return { refused: null, known: false, settle: async () => {} };
  const [byAddress, byAccount, byPair, anyByAddress, anyByPair] = counts as [
    Count,
    Count,
    Count,
    Count,
    Count,
  ];

  let refused: RateDecision | null = null;
  // The owner at an address it signed in from has an any-outcome allowance of its own there, not
  // the address's (a shared office or carrier address); failures there still count.
  const any = isKnown ? anyByPair : anyByAddress;
  if (any.count > anyLimit) refused = { allowed: false, retryAfterS: any.retryAfterS };
  else if (byAddress.count > limit) refused = { allowed: false, retryAfterS: byAddress.retryAfterS };
  else if (!isKnown && byAccount.count > limit && byPair.count > 1) {
    // Allowed again when either window ends: the account's failures or this address's on it.
    refused = { allowed: false, retryAfterS: Math.min(byAccount.retryAfterS, byPair.retryAfterS) };
  }
  if (refused) {
    await limiter.uncount([...counters, ...attempts]);
    return { refused, known: isKnown, settle: async () => {} };
  }
  return {
    refused: null,
    known: isKnown,
    settle: async (outcome) => {
      if (outcome === 'failed') return;
      // A success still counts as an attempt; an error (nothing hashed, nothing written) does not.
      await limiter.uncount(outcome === 'error' ? [...counters, ...attempts] : counters);
      if (outcome === 'signed-in') await limiter.remember(known, KNOWN_ADDRESS_S);
    },
  };
}
