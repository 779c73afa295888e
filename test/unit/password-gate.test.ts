/** The bound on concurrent password hashing (src/auth/password.ts): no database, no clock. */
import { describe, expect, it } from 'vitest';
import { HashGate, PasswordCheckBusy } from '../../src/auth/password.js';

describe('HashGate', () => {
  it('runs at most `concurrency` at once, queues `queue` more, refuses the rest at once', async () => {
    const gate = new HashGate(2, 3);
    let running = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const work = () =>
      new Promise<void>((resolve) => {
        running++;
        most = Math.max(most, running);
        releases.push(() => {
          running--;
          resolve();
        });
      });
    const outcomes = Array.from({ length: 10 }, () =>
      gate.run(work).then(
        () => 'ran',
        (err: unknown) => (err instanceof PasswordCheckBusy ? 'busy' : 'error'),
      ),
    );
    await new Promise((r) => setImmediate(r));
    expect(running).toBe(2);
    // release one at a time: each frees a place for one waiting
    while (releases.length) {
      releases.shift()!();
      await new Promise((r) => setImmediate(r));
    }
    expect(await Promise.all(outcomes)).toEqual([...Array(5).fill('ran'), ...Array(5).fill('busy')]);
    expect(most).toBe(2);
    // free again: a new call runs at once
    const later = gate.run(work);
    await new Promise((r) => setImmediate(r));
    expect(running).toBe(1);
    releases.shift()!();
    await later;
  });

  it('frees the place of a computation that fails', async () => {
    const gate = new HashGate(1, 0);
    await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.run(async () => 'ok')).resolves.toBe('ok');
  });
});
