/**
 * Loop-invariant code motion: IR text in, IR text out, including what must stay in the loop
 * (trapping instructions that might not run, loads in a loop that stores, reads of state in a
 * loop that calls) and preheader creation.
 */

import { describe, expect, it } from 'vitest';
import { licm } from '../../../compiler/passes/licm.js';
import { ir, runPass } from './ir-text.js';

describe('licm', () => {
  it('hoists pure invariant instructions, chains of them, to the block that jumps into the loop', () => {
    const src = ir`
      function %f(i32, i32) -> i32 {
      block0(v0: i32, v1: i32):
          jump block1(v0)
      block1(v2: i32):
          v3 = imul.i32 v1, v1
          v4 = iconst.i32 3
          v5 = iadd.i32 v3, v4
          v6 = isub.i32 v2, v5
          brif v6, block1(v6), block2
      block2:
          return v6
      }
    `;
    expect(runPass(src, licm)).toEqual({
      out: ir`
        function %f(i32, i32) -> i32 {
        block0(v0: i32, v1: i32):
            v3 = imul.i32 v1, v1
            v4 = iconst.i32 3
            v5 = iadd.i32 v3, v4
            jump block1(v0)
        block1(v2: i32):
            v6 = isub.i32 v2, v5
            brif v6, block1(v6), block2
        block2:
            return v6
        }
      `,
      changes: 3,
    });
  });

  it('makes a preheader when the loop is entered by a brif, and hoists out of nested loops to the outermost', () => {
    const src = ir`
      function %f(i32, i32) -> i32 {
      block0(v0: i32, v1: i32):
          brif v0, block1(v0), block3
      block1(v2: i32):
          jump block2(v2)
      block2(v3: i32):
          v4 = bxor.i32 v1, v0
          v5 = iadd.i32 v3, v2
          v6 = isub.i32 v5, v4
          brif v6, block2(v6), block4
      block4:
          brif v2, block1(v6), block3
      block3:
          return v0
      }
    `;
    expect(runPass(src, licm)).toEqual({
      out: ir`
        function %f(i32, i32) -> i32 {
        block0(v0: i32, v1: i32):
            brif v0, block5(v0), block3
        block5(v7: i32):
            v4 = bxor.i32 v1, v0
            jump block1(v7)
        block1(v2: i32):
            jump block2(v2)
        block2(v3: i32):
            v5 = iadd.i32 v3, v2
            v6 = isub.i32 v5, v4
            brif v6, block2(v6), block4
        block4:
            brif v2, block1(v6), block3
        block3:
            return v0
        }
      `,
      changes: 1,
    });
  });

  it('hoists a trapping instruction only from the header before any effect, and a load only if the loop does not write memory', () => {
    const src = ir`
      function %f(i32, i32, ptr) -> i32 {
      block0(v0: i32, v1: i32, v2: ptr):
          jump block1(v0)
      block1(v3: i32):
          v4 = sdiv.i32 v0, v1
          v5 = load.i32 v2+0
          store.i32 v2+4, v3
          v6 = udiv.i32 v0, v1
          brif v3, block2, block3
      block2:
          v7 = srem.i32 v0, v1
          v8 = iadd.i32 v3, v7
          jump block1(v8)
      block3:
          v9 = iadd.i32 v4, v5
          v10 = iadd.i32 v9, v6
          return v10
      }
    `;
    expect(runPass(src, licm)).toEqual({
      out: src.replace('    jump block1(v0)\nblock1(v3: i32):\n    v4 = sdiv.i32 v0, v1\n', '    v4 = sdiv.i32 v0, v1\n    jump block1(v0)\nblock1(v3: i32):\n'),
      changes: 1,
    });
  });

  it('hoists a load and a heap check from the header of a loop that does not write memory', () => {
    const src = ir`
      function %f(i32, ptr, i64) -> i32 {
      block0(v0: i32, v1: ptr, v2: i64):
          jump block1(v0)
      block1(v3: i32):
          heap_check.i32 v0+4, v2
          v4 = load.i32 v1+0
          v5 = isub.i32 v3, v4
          brif v5, block1(v5), block2
      block2:
          return v5
      }
    `;
    expect(runPass(src, licm).out).toBe(
      src.replace('    jump block1(v0)\nblock1(v3: i32):\n    heap_check.i32 v0+4, v2\n    v4 = load.i32 v1+0\n', '    heap_check.i32 v0+4, v2\n    v4 = load.i32 v1+0\n    jump block1(v0)\nblock1(v3: i32):\n'),
    );
  });

  it('keeps VM context reads in a loop that calls, and instructions that use loop values', () => {
    const src = ir`
      function %f(i32) -> i64 {
          sig0 = ()
      block0(v0: i32):
          jump block1(v0)
      block1(v1: i32):
          v2 = vmctx_load.i64 vmctx+24
          call fn0 sig0()
          v3 = iadd.i32 v1, v1
          brif v3, block1(v3), block2
      block2:
          return v2
      }
    `;
    expect(runPass(src, licm)).toEqual({ out: src, changes: 0 });
  });
});
