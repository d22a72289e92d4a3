/** Config files for tests, and the ConfigError a bad one gives. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ConfigError } from '../../src/domain/errors.js';

/** `yaml` as ./release-radar.yaml in a new temporary folder; returns its path. */
export function tempConfig(yaml: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'rr-config-')), 'release-radar.yaml');
  writeFileSync(file, yaml);
  return file;
}

/** The message of the ConfigError `fn` throws (and fails the test if it throws none, or another error). */
export function problems(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected a ConfigError');
}
