/**
 * `kiln run` passes a WASI program's exit code on as its own status, and never lets a code the
 * kernel would truncate (256 → 0) end kiln as a success.
 */

import { describe, expect, it } from 'vitest';
import { kiln, tempFile } from './run-kiln.js';

/** a WASI command whose _start calls proc_exit(code) */
function exiting(code: number): string {
  return tempFile(
    `exit-${code}.wat`,
    `(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_start") (call $exit (i32.const ${code}))))`,
  );
}

describe('kiln run exit status from proc_exit', () => {
  it('passes codes 0 to 255 through unchanged', () => {
    for (const code of [0, 1, 3, 42, 255]) {
      const r = kiln(['run', exiting(code)]);
      expect([r.code, r.stderr]).toEqual([code, '']);
    }
  });
  it('ends with status 1 and says why for 256, 300 and 2^32-1 (never 0)', () => {
    for (const [code, shown] of [[256, '256'], [300, '300'], [-1, '4294967295']] as const) {
      const file = exiting(code);
      const r = kiln(['run', file]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(
        `${file}: exit: the program exited with code ${shown}, which does not fit an exit status (0-255); kiln exits with 1\n`,
      );
    }
  });
});
