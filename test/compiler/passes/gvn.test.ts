/**
 * Global value numbering: IR text in, IR text out, including what must not be merged (loads
 * across stores, state reads across calls, instructions in blocks that do not dominate).
 */

import { describe, expect, it } from 'vitest';
import { gvn } from '../../../compiler/passes/gvn.js';
import { ir, runPass } from './ir-text.js';

describe('gvn', () => {
  it('merges identical pure instructions, constants, and commuted operands, across dominated blocks', () => {
    const src = ir`
      function %f(i32, i32) -> i32 {
      block0(v0: i32, v1: i32):
          v2 = iadd.i32 v0, v1
          v3 = iconst.i32 5
          brif v0, block1, block2
      block1:
          v4 = iadd.i32 v1, v0
          v5 = iconst.i32 5
          v6 = imul.i32 v4, v5
          v7 = imul.i32 v2, v3
          v8 = isub.i32 v6, v7
          return v8
      block2:
          v9 = isub.i32 v0, v1
          v10 = isub.i32 v1, v0
          v11 = icmp.i32 eq v9, v10
          v12 = icmp.i32 eq v10, v9
          v13 = iadd.i32 v11, v12
          return v13
      }
    `;
    expect(runPass(src, gvn)).toEqual({
      out: ir`
        function %f(i32, i32) -> i32 {
        block0(v0: i32, v1: i32):
            v2 = iadd.i32 v0, v1
            v3 = iconst.i32 5
            brif v0, block1, block2
        block1:
            v6 = imul.i32 v2, v3
            v8 = isub.i32 v6, v6
            return v8
        block2:
            v9 = isub.i32 v0, v1
            v10 = isub.i32 v1, v0
            v11 = icmp.i32 eq v9, v10
            v13 = iadd.i32 v11, v11
            return v13
        }
      `,
      changes: 4,
    });
  });

  it('does not merge across blocks that do not dominate each other', () => {
    const src = ir`
      function %f(i32) -> i32 {
      block0(v0: i32):
          brif v0, block1, block2
      block1:
          v1 = iadd.i32 v0, v0
          jump block3(v1)
      block2:
          v2 = iadd.i32 v0, v0
          jump block3(v2)
      block3(v3: i32):
          v4 = iadd.i32 v0, v0
          return v4
      }
    `;
    expect(runPass(src, gvn)).toEqual({ out: src, changes: 0 });
  });

  it('merges loads in a block with no write between them, and never across a store', () => {
    const src = ir`
      function %f(ptr, i32) -> i32 {
      block0(v0: ptr, v1: i32):
          v2 = load.i32 v0+8
          v3 = load.i32 v0+8
          v4 = load.i32 v0+12
          store.i32 v0+100, v1
          v5 = load.i32 v0+8
          v6 = iadd.i32 v2, v3
          v7 = iadd.i32 v4, v5
          v8 = iadd.i32 v6, v7
          return v8
      }
    `;
    expect(runPass(src, gvn)).toEqual({ out: src.replace('    v3 = load.i32 v0+8\n', '').replace('v6 = iadd.i32 v2, v3', 'v6 = iadd.i32 v2, v2'), changes: 1 });
  });

  it('merges loads across blocks only when nothing in the function writes memory', () => {
    const readOnly = ir`
      function %f(ptr, i32) -> i32 {
      block0(v0: ptr, v1: i32):
          v2 = load.i32 v0+8
          brif v1, block1, block2
      block1:
          v3 = load.i32 v0+8
          return v3
      block2:
          return v2
      }
    `;
    expect(runPass(readOnly, gvn).out).toBe(readOnly.replace('    v3 = load.i32 v0+8\n    return v3', '    return v2'));
    const writes = readOnly.replace('    return v2\n', '    store.i32 v0+0, v1\n    return v2\n');
    expect(runPass(writes, gvn)).toEqual({ out: writes, changes: 0 });
  });

  it('does not merge VM context reads across a call or memory.grow, but does across a store to memory', () => {
    const src = ir`
      function %f(ptr, i32) -> i64 {
          sig0 = ()
      block0(v0: ptr, v1: i32):
          v2 = vmctx_load.i64 vmctx+24
          store.i32 v0+0, v1
          v3 = vmctx_load.i64 vmctx+24
          call fn1 sig0()
          v4 = vmctx_load.i64 vmctx+24
          v5 = call_runtime memory_grow(v0, v1, v1)
          v6 = vmctx_load.i64 vmctx+24
          v7 = iadd.i64 v2, v3
          v8 = iadd.i64 v4, v6
          v9 = iadd.i64 v7, v8
          return v9
      }
    `;
    expect(runPass(src, gvn)).toEqual({ out: src.replace('    v3 = vmctx_load.i64 vmctx+24\n', '').replace('v7 = iadd.i64 v2, v3', 'v7 = iadd.i64 v2, v2'), changes: 1 });
  });

  it('removes a check that a dominating identical check makes redundant, and keeps calls and stores', () => {
    const src = ir`
      function %f(ptr, i32, i64) {
          sig0 = ()
      block0(v0: ptr, v1: i32, v2: i64):
          heap_check.i32 v1+4, v2
          trapz v1, int_divz
          brif v1, block1, block2
      block1:
          heap_check.i32 v1+4, v2
          heap_check.i32 v1+8, v2
          trapz v1, int_divz
          store.i32 v0+0, v1
          store.i32 v0+0, v1
          call fn0 sig0()
          call fn0 sig0()
          return
      block2:
          return
      }
    `;
    expect(runPass(src, gvn)).toEqual({ out: src.replace('block1:\n    heap_check.i32 v1+4, v2\n', 'block1:\n').replace('    trapz v1, int_divz\n    store', '    store'), changes: 2 });
  });

  it('keeps a division that may trap apart from an identical one in a block it does not dominate', () => {
    const src = ir`
      function %f(i32, i32) -> i32 {
      block0(v0: i32, v1: i32):
          brif v0, block1, block2
      block1:
          v2 = sdiv.i32 v0, v1
          return v2
      block2:
          v3 = sdiv.i32 v0, v1
          return v3
      }
    `;
    expect(runPass(src, gvn)).toEqual({ out: src, changes: 0 });
  });
});
