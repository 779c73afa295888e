/**
 * The streaming-standby helper itself (test/helpers/pg-standby.ts): a real PostgreSQL 15 primary
 * and hot standby of the test's own. A row committed on the primary is read on the standby after
 * waitForReplay; while replay is paused a new row stays invisible there until resumeReplay; the
 * standby can be stopped (connections refused) and started again, and catches up.
 */
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  canRunPostgresClusters,
  type PrimaryWithStandby,
  startPrimaryWithStandby,
} from '../helpers/pg-standby.js';

describe.skipIf(!canRunPostgresClusters)('PostgreSQL primary with a streaming standby (test helper)', () => {
  let pair: PrimaryWithStandby;
  let primary: postgres.Sql;
  let standby: postgres.Sql;

  const namesOnStandby = async () =>
    (await standby<{ name: string }[]>`select name from standby_check order by id`).map((r) => r.name);

  beforeAll(async () => {
    pair = await startPrimaryWithStandby();
    primary = postgres(pair.primaryUrl, { max: 1, onnotice: () => {} });
    standby = postgres(pair.standbyUrl, { max: 1, onnotice: () => {} });
    await primary`create table standby_check (id serial primary key, name text not null)`;
  });

  afterAll(async () => {
    await primary?.end({ timeout: 1 });
    await standby?.end({ timeout: 1 });
    await pair?.stop();
  });

  it('gives two different servers, the standby in recovery and read only', async () => {
    expect(pair.standbyPort).not.toBe(pair.primaryPort);
    const [p] = await primary`select pg_is_in_recovery() as recovery, current_database() as db`;
    const [s] = await standby`select pg_is_in_recovery() as recovery, current_database() as db`;
    expect(p).toEqual({ recovery: false, db: 'recon' });
    expect(s).toEqual({ recovery: true, db: 'recon' });
    await expect(standby`create table not_here (id int)`).rejects.toMatchObject({ code: '25006' });
  });

  it('shows a row committed on the primary on the standby after waitForReplay', async () => {
    await primary`insert into standby_check (name) values ('first')`;
    await pair.waitForReplay();
    expect(await namesOnStandby()).toEqual(['first']);
  });

  it('keeps a new row off the standby while replay is paused, and shows it after resumeReplay', async () => {
    await pair.pauseReplay();
    await primary`insert into standby_check (name) values ('while paused')`;
    // The WAL reaches the standby (received) but is not applied: the row stays invisible.
    await expect(pair.waitForReplay(1500)).rejects.toThrow(/timed out/);
    expect(await namesOnStandby()).toEqual(['first']);
    await pair.resumeReplay();
    await pair.waitForReplay();
    expect(await namesOnStandby()).toEqual(['first', 'while paused']);
  });

  it('refuses connections while the standby is stopped, and catches up after startStandby', async () => {
    await pair.stopStandby();
    const gone = postgres(pair.standbyUrl, { max: 1, connect_timeout: 5, onnotice: () => {} });
    await expect(gone`select 1`).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await gone.end({ timeout: 1 });
    // Written while the standby is down: the replication slot keeps the WAL for it.
    await primary`insert into standby_check (name) values ('while stopped')`;
    await pair.startStandby();
    await pair.waitForReplay();
    expect(await namesOnStandby()).toEqual(['first', 'while paused', 'while stopped']);
  });
});
