/**
 * The README's Configuration table lists every variable src/config.ts reads, and nothing else: a
 * variable added to the config without a row (or a row left after its variable went) fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from '../../src/config.js';

/** The variables named in the first column of the first table under "## Configuration". */
function documented(): string[] {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.split(/^## Configuration$/m)[1]?.split(/^## /m)[0] ?? '';
  const rows: string[] = [];
  for (const line of section.split('\n').slice(section.split('\n').findIndex((l) => l.startsWith('|')))) {
    if (!line.startsWith('|')) break;
    rows.push(line);
  }
  return rows
    .slice(2)
    .flatMap((row) => [...(row.split('|')[1] ?? '').matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]!));
}

describe('README configuration table', () => {
  it('has a row for every variable of src/config.ts', () => {
    expect(CONFIG_VARIABLES.length).toBeGreaterThan(30);
    expect(CONFIG_VARIABLES.filter((v) => !documented().includes(v))).toEqual([]);
  });

  it('has no row for a variable src/config.ts does not read', () => {
    expect(documented().filter((v) => !CONFIG_VARIABLES.includes(v))).toEqual([]);
  });
});
