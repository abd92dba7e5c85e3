/**
 * Acceptance: every .wast file of the Wasm 2.0 spec testsuite parses; every
 * `assert_malformed (module quote ...)` is rejected as malformed by parseWat and every
 * other quoted module is accepted.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseWast } from '../../../formats/wat/script.js';
import { parseWat } from '../../../formats/wat/module.js';
import { KilnError } from '../../../formats/errors.js';

import { testsuiteDir, wastFiles } from '../../support/testsuite.js';

const DIR = testsuiteDir();

describe('spec testsuite (wasm-2.0) text parsing', () => {
  it('parses all 147 scripts and rejects exactly the malformed quoted modules', () => {
    const files = wastFiles().map((p) => p.slice(DIR.length + 1));
    expect(files).toHaveLength(147);
    const counts: Record<string, number> = {};
    let rejected = 0;
    let accepted = 0;
    const wrong: string[] = [];
    for (const f of files) {
      const script = parseWast(readFileSync(`${DIR}/${f}`, 'utf8'), f);
      for (const c of script.commands) {
        counts[c.kind] = (counts[c.kind] ?? 0) + 1;
        if (!('source' in c) || c.source.kind !== 'quote') continue;
        let err: unknown = null;
        try {
          parseWat(c.source.text, f);
        } catch (e) {
          err = e;
        }
        const malformed = err instanceof KilnError && err.kind === 'malformed';
        if (c.kind === 'assert_malformed') {
          if (malformed) rejected++;
          else wrong.push(`${f}:${c.line} not rejected`);
        } else if (err === null) accepted++;
        else wrong.push(`${f}:${c.line} ${String(err)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(rejected).toBe(1091);
    expect(accepted).toBe(1);
    expect(counts).toEqual({
      module: 1591,
      register: 20,
      action: 155,
      assert_return: 45641,
      assert_trap: 2408,
      assert_uninstantiable: 34,
      assert_exhaustion: 15,
      assert_malformed: 1782,
      assert_invalid: 2144,
      assert_unlinkable: 83,
    });
  });
});
