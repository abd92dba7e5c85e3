/**
 * The testsuite loader of test/support/corpus.ts: a script parses to its commands, or carries
 * its parse error; its modules are listed with the commands that carry them.
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isKilnError } from '../../formats/errors.js';
import { loadScript, parsedScripts, scriptModules } from './corpus.js';
import { testsuiteDir } from './testsuite.js';

describe('testsuite scripts', () => {
  it('parses a script by path, named by its base name', () => {
    const paths = [join(testsuiteDir(), 'nop.wast'), join(testsuiteDir(), 'unwind.wast')];
    const parsed = parsedScripts(paths);
    expect(parsed.map((p) => [p.file, p.error, p.script?.file])).toEqual([
      ['nop.wast', null, 'nop.wast'],
      ['unwind.wast', null, 'unwind.wast'],
    ]);
    // nop.wast: 1 module, 83 assert_return, 4 assert_invalid
    expect(loadScript(paths[0]!).script!.commands.length).toBe(88);
  });

  it('keeps the parse error of a script that does not parse', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiln-corpus-'));
    try {
      const path = join(dir, 'broken.wast');
      writeFileSync(path, '(module (func (i32.bogus)))');
      const parsed = loadScript(path);
      expect(parsed.script).toBe(null);
      expect(isKilnError(parsed.error) ? parsed.error.kind : String(parsed.error)).toBe('malformed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lists the modules of a script, assertions included', () => {
    const { script } = loadScript(join(testsuiteDir(), 'nop.wast'));
    // assert_return carries no module
    expect(scriptModules(script!).map((m) => m.command)).toEqual(['module', ...Array<string>(4).fill('assert_invalid')]);
  });
});
