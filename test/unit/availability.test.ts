/** Which errors mean "PostgreSQL unreachable", and the availability state a probe keeps. */
import { stat } from 'node:fs';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { GraphQLError } from 'graphql';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { connectionFailure, DatabaseAvailability, DatabaseGoneError } from '../../src/db/availability.js';

const coded = (code: string) => Object.assign(new Error(code), { code });

describe('connectionFailure', () => {
  it('finds the connection error behind drizzle and GraphQL wrappers', () => {
    const refused = new DrizzleQueryError('select 1', [], coded('ECONNREFUSED'));
    expect(connectionFailure(refused)).toBe('unsent');
    expect(connectionFailure(new GraphQLError('x', { originalError: refused }))).toBe('unsent');
    expect(connectionFailure(coded('CONNECT_TIMEOUT'))).toBe('unsent');
    expect(connectionFailure(coded('57P03'))).toBe('unsent');
    expect(connectionFailure(coded('CONNECTION_CLOSED'))).toBe('lost');
    expect(connectionFailure(coded('57P01'))).toBe('lost');
  });

  it('leaves every other error alone', () => {
    for (const code of ['42703', '57014', '23505', '55P03', 'ERR_SOMETHING']) {
      expect(connectionFailure(new DrizzleQueryError('select 1', [], coded(code)))).toBeNull();
    }
    expect(connectionFailure(new Error('boom'))).toBeNull();
    expect(connectionFailure(null)).toBeNull();
  });
});

describe('DatabaseAvailability', () => {
  const logger = pino({ level: 'silent' });

  it('goes down when the probe fails or hangs, and up when it answers', async () => {
    let probe: () => Promise<void> = async () => {};
    const availability = new DatabaseAvailability(() => probe(), logger, { timeoutMs: 50 });
    expect(await availability.check()).toBe(true);
    probe = async () => {
      throw coded('ECONNREFUSED');
    };
    expect(await availability.check()).toBe(false);
    expect(availability.isUp).toBe(false);
    probe = async () => {};
    expect(await availability.check()).toBe(true);
    // a server that accepts and never answers
    probe = () => new Promise(() => {});
    expect(await availability.check()).toBe(false);
  });

  it('stays up when the timeout fired only because this process stalled', async () => {
    let calls = 0;
    // answers in the poll phase (I/O), as a socket would
    const availability = new DatabaseAvailability(
      () => {
        calls++;
        return new Promise<void>((resolve) => stat('.', () => resolve()));
      },
      logger,
      { timeoutMs: 20 },
    );
    // Started in the check phase and stalled past the timeout: the loop reaches the timers (the
    // timeout) before the poll phase (the answer).
    const checking = await new Promise<Promise<boolean>>((resolve) =>
      setImmediate(() => {
        const started = availability.check();
        const until = Date.now() + 60;
        while (Date.now() < until) {
          // a synchronous stall past the timeout
        }
        resolve(started);
      }),
    );
    expect(await checking).toBe(true);
    // The answer that arrived during the stall is read before the verdict: no second probe.
    expect(calls).toBe(1);
  });

  it('answers work in flight when the server stops answering, and leaves it alone when it refuses', async () => {
    let probe: () => Promise<void> = () => new Promise(() => {});
    const availability = new DatabaseAvailability(() => probe(), logger, { timeoutMs: 20 });
    const stuck = availability.guard(new Promise(() => {}), 'lost');
    const done = availability.guard(Promise.resolve('read'), 'unsent');
    expect(await done).toBe('read');
    expect(await availability.check()).toBe(false);
    await expect(stuck).rejects.toMatchObject({ failure: 'lost' });
    expect(connectionFailure(await stuck.catch((e) => e))).toBe('lost');
    // while down, new work is refused at once
    await expect(availability.guard(Promise.resolve(1), 'unsent')).rejects.toBeInstanceOf(DatabaseGoneError);

    probe = async () => {};
    expect(await availability.check()).toBe(true);
    let finish!: (v: string) => void;
    const pending = availability.guard(new Promise<string>((r) => (finish = r)), 'unsent');
    probe = async () => {
      throw coded('ECONNREFUSED');
    };
    expect(await availability.check()).toBe(false);
    // a refused connection fails the statements on it by itself: nothing is cut short here
    finish('still answered');
    expect(await pending).toBe('still answered');
  });

  it("stays up while requests' statements come back, however slow the probe (busy, not gone)", async () => {
    let answeredAt = 0;
    const hanging = () => new Promise<void>(() => {});
    const availability = new DatabaseAvailability(hanging, logger, {
      timeoutMs: 30,
      lastAnswer: () => answeredAt,
    });
    // A statement comes back while the probe waits: the probe's timeout is not an outage.
    const answering = setInterval(() => {
      answeredAt = performance.now();
    }, 5);
    try {
      expect(await availability.check()).toBe(true);
      expect(availability.isUp).toBe(true);
    } finally {
      clearInterval(answering);
    }
    // Nothing comes back any more: the same timeout is an outage.
    expect(await availability.check()).toBe(false);
  });
});
