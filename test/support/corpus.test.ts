/**
 * The testsuite loader of test/support/corpus.ts: each script is parsed once per process and
 * handed out again as the same object; a script that does not parse carries its error.
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isKilnError } from '../../formats/errors.js';
import { loadScript, parsedScripts, scriptModules } from './corpus.js';
import { testsuiteDir } from './testsuite.js';

describe('testsuite scripts, parsed once per process', () => {
  it('hands out the same parsed script for a path every time', () => {
    const path = join(testsuiteDir(), 'nop.wast');
    const first = loadScript(path);
    expect(first.file).toBe('nop.wast');
    expect(first.error).toBe(null);
    expect(loadScript(path)).toBe(first);
    expect(parsedScripts([path])[0]).toBe(first);
  });

  it('keeps the parse error of a script that does not parse', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiln-corpus-'));
    try {
      const path = join(dir, 'broken.wast');
      writeFileSync(path, '(module (func (i32.bogus)))');
      const parsed = loadScript(path);
      expect(parsed.script).toBe(null);
      expect(isKilnError(parsed.error) ? parsed.error.kind : String(parsed.error)).toBe('malformed');
      expect(loadScript(path)).toBe(parsed);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lists the modules of a script, assertions included', () => {
    const { script } = loadScript(join(testsuiteDir(), 'nop.wast'));
    // nop.wast: one module, 83 assert_return (no module), 4 assert_invalid
    expect(scriptModules(script!).map((m) => m.command)).toEqual(['module', ...Array<string>(4).fill('assert_invalid')]);
  });
});
