/**
 * `kiln run --timeout 1` stops native code that never returns: an endless loop, a loop nest
 * that never ends, and a long run of large memory.fill calls (a runtime function) — exit code
 * 124 and the one-line message, on both bounds modes. The elapsed time is printed (a figure,
 * not a pass/fail bound beyond "well before the program would end").
 */

import { describe, expect, it } from 'vitest';
import { kiln, tempFile } from './run-kiln.js';

const programs = {
  loop: '(module (memory (export "memory") 1) (func (export "_start") (loop (br 0))))',
  nest: `(module (memory (export "memory") 1) (func (export "_start") (local i32 i32)
    (loop $outer (local.set 0 (i32.const 0))
      (loop $inner (local.set 0 (i32.add (local.get 0) (i32.const 1)))
        (br_if $inner (i32.lt_u (local.get 0) (i32.const 1000))))
      (local.set 1 (i32.add (local.get 1) (i32.const 1)))
      (br $outer))))`,
  fill: `(module (memory (export "memory") 16384) (func (export "_start")
    (loop (memory.fill (i32.const 0) (i32.const 7) (i32.const 0x40000000)) (br 0))))`,
};

describe('kiln run --timeout 1 stops native code', () => {
  for (const [name, wat] of Object.entries(programs)) {
    for (const bounds of ['guard', 'explicit']) {
      it(`${name} (--bounds ${bounds})`, () => {
        const file = tempFile(`timeout-${name}.wat`, wat);
        const t = performance.now();
        const r = kiln(['run', '--engine', 'native', '--bounds', bounds, '--timeout', '1', file]);
        const s = (performance.now() - t) / 1000;
        console.log(`--timeout 1, ${name}, ${bounds}: stopped after ${s.toFixed(2)} s`);
        expect(r).toEqual({ code: 124, stdout: '', stderr: `kiln: timeout: ${file} ran longer than 1 s (--timeout)\n` });
      });
    }
  }
});
