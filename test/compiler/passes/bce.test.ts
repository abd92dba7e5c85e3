/**
 * Bounds-check elimination (compiler/passes/bce.ts): IR text in, IR text out. Checks proven by
 * a dominating check on the same index or on the root of `iadd root, c` go; checks that are
 * not proven stay (smaller earlier end, a sibling branch, a later check, a negative or
 * wrapping constant, an index that is not an iadd of a constant).
 */

import { describe, expect, it } from 'vitest';
import { bce } from '../../../compiler/passes/bce.js';
import { after, ir, runPass } from './ir-text.js';

describe('bce', () => {
  it('removes a check on the same index with a smaller end, and one on root + c inside the proven range, also after a grow', () => {
    const src = ir`
      function %f(ptr, i32, i64, i64) {
      block0(v0: ptr, v1: i32, v2: i64, v3: i64):
          heap_check.i32 v1+16, v2
          heap_check.i32 v1+8, v2
          v4 = iconst.i32 8
          v5 = iadd.i32 v1, v4
          heap_check.i32 v5+8, v3
          v6 = iadd.i32 v4, v1
          jump block1
      block1:
          heap_check.i32 v6+4, v3
          return
      }
    `;
    expect(runPass(src, bce)).toEqual({
      out: ir`
        function %f(ptr, i32, i64, i64) {
        block0(v0: ptr, v1: i32, v2: i64, v3: i64):
            heap_check.i32 v1+16, v2
            v4 = iconst.i32 8
            v5 = iadd.i32 v1, v4
            v6 = iadd.i32 v4, v1
            jump block1
        block1:
            return
        }
      `,
      changes: 3,
    });
  });

  it('keeps checks that nothing before them proves (a sibling branch, a smaller end, ends of 2^32 and more, a negative constant, isub), removes the last', () => {
    const src = ir`
      function %f(ptr, i32, i32, i64) {
      block0(v0: ptr, v1: i32, v2: i32, v3: i64):
          brif v2, block1, block2
      block1:
          heap_check.i32 v1+16, v3
          jump block3
      block2:
          jump block3
      block3:
          heap_check.i32 v1+8, v3
          heap_check.i32 v1+12, v3
          v4 = iconst.i32 -4
          v5 = iadd.i32 v1, v4
          heap_check.i32 v5+4, v3
          v6 = iconst.i32 8
          v7 = iadd.i32 v1, v6
          heap_check.i32 v7+8, v3
          v8 = isub.i32 v1, v6
          heap_check.i32 v8+1, v3
          heap_check.i32 v1+4294967295, v3
          heap_check.i32 v1+4294967300, v3
          v9 = iadd.i32 v7, v6
          heap_check.i32 v7+4, v3
          return
      }
    `;
    expect(after(src, bce)).toBe(ir`
      function %f(ptr, i32, i32, i64) {
      block0(v0: ptr, v1: i32, v2: i32, v3: i64):
          brif v2, block1, block2
      block1:
          heap_check.i32 v1+16, v3
          jump block3
      block2:
          jump block3
      block3:
          heap_check.i32 v1+8, v3
          heap_check.i32 v1+12, v3
          v4 = iconst.i32 -4
          v5 = iadd.i32 v1, v4
          heap_check.i32 v5+4, v3
          v6 = iconst.i32 8
          v7 = iadd.i32 v1, v6
          heap_check.i32 v7+8, v3
          v8 = isub.i32 v1, v6
          heap_check.i32 v8+1, v3
          heap_check.i32 v1+4294967295, v3
          heap_check.i32 v1+4294967300, v3
          v9 = iadd.i32 v7, v6
          return
      }
    `);
  });
});
