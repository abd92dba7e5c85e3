/**
 * Address folding: IR text in, IR text out.
 */

import { describe, expect, it } from 'vitest';
import { foldAddresses } from '../../../compiler/passes/addr.js';
import { ir, runPass } from './ir-text.js';

describe('address folding', () => {
  it('folds a constant index (zero-extended) into the offsets of loads and stores', () => {
    const src = ir`
      function %f(ptr, i32) -> i32 {
      block0(v0: ptr, v1: i32):
          v2 = iconst.i32 16
          v3 = ptradd.ptr.i32 v0, v2
          v4 = load.i32 v3+4
          store.i32 v3+0, v1
          v5 = iconst.i32 -1
          v6 = ptradd.ptr.i32 v0, v5
          istore8.i32 v6+1, v4
          v7 = iconst.i64 4096
          v8 = ptradd.ptr.i64 v0, v7
          v9 = uload16.i32 v8+2
          return v9
      }
    `;
    expect(runPass(src, foldAddresses)).toEqual({
      out: src
        .replace('load.i32 v3+4', 'load.i32 v0+20')
        .replace('store.i32 v3+0', 'store.i32 v0+16')
        .replace('istore8.i32 v6+1', 'istore8.i32 v0+4294967296')
        .replace('uload16.i32 v8+2', 'uload16.i32 v0+4098'),
      changes: 4,
    });
  });

  it('leaves a variable index, an index computed by a wrapping add, and heap checks alone', () => {
    const src = ir`
      function %f(ptr, i32, i64) -> i32 {
      block0(v0: ptr, v1: i32, v2: i64):
          v3 = ptradd.ptr.i32 v0, v1
          v4 = load.i32 v3+4
          v5 = iconst.i32 8
          v6 = iadd.i32 v1, v5
          v7 = ptradd.ptr.i32 v0, v6
          v8 = load.i32 v7+0
          heap_check.i32 v5+4, v2
          v9 = iadd.i32 v4, v8
          return v9
      }
    `;
    expect(runPass(src, foldAddresses)).toEqual({ out: src, changes: 0 });
  });
});
