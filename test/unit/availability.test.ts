/** Which errors mean "PostgreSQL unreachable", and the availability state a probe keeps. */
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { GraphQLError } from 'graphql';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { connectionFailure, DatabaseAvailability } from '../../src/db/availability.js';

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
});
