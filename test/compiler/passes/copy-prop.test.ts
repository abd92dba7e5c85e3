/**
 * Copy propagation: IR text in, IR text out.
 */

import { describe, expect, it } from 'vitest';
import { copyProp } from '../../../compiler/passes/copy-prop.js';
import { after, ir, runPass } from './ir-text.js';

describe('copy propagation', () => {
  it('replaces the uses of a copy (and a chain of copies) by the original value, also through a block param', () => {
    const src = ir`
      function %f(i32) -> i32 {
      block0(v0: i32):
          v1 = copy.i32 v0
          v2 = copy.i32 v1
          v3 = iadd.i32 v2, v1
          jump block1(v2)
      block1(v4: i32):
          v5 = iadd.i32 v4, v3
          return v5
      }
    `;
    expect(runPass(src, copyProp)).toEqual({
      out: ir`
        function %f(i32) -> i32 {
        block0(v0: i32):
            v3 = iadd.i32 v0, v0
            jump block1
        block1:
            v5 = iadd.i32 v0, v3
            return v5
        }
      `,
      changes: 3,
    });
  });

  it('removes a param that every edge passes the same value (a loop param passed back unchanged)', () => {
    const src = ir`
      function %f(i32, i32) -> i32 {
      block0(v0: i32, v1: i32):
          jump block1(v0, v1)
      block1(v2: i32, v3: i32):
          v4 = iadd.i32 v2, v3
          brif v4, block1(v4, v3), block2(v3)
      block2(v5: i32):
          return v5
      }
    `;
    expect(after(src, copyProp)).toBe(ir`
      function %f(i32, i32) -> i32 {
      block0(v0: i32, v1: i32):
          jump block1(v0)
      block1(v2: i32):
          v4 = iadd.i32 v2, v1
          brif v4, block1(v4), block2
      block2:
          return v1
      }
    `);
  });

  it('removes params that become trivial once another is removed', () => {
    const src = ir`
      function %f(i32) -> i32 {
      block0(v0: i32):
          jump block1(v0, v0)
      block1(v1: i32, v2: i32):
          brif v2, block1(v1, v1), block2
      block2:
          return v2
      }
    `;
    expect(after(src, copyProp)).toBe(ir`
      function %f(i32) -> i32 {
      block0(v0: i32):
          jump block1
      block1:
          brif v0, block1, block2
      block2:
          return v0
      }
    `);
  });

  it('keeps params that receive different values, and params of unreachable blocks', () => {
    const src = ir`
      function %f(i32, i32) -> i32 {
      block0(v0: i32, v1: i32):
          brif v0, block1(v0), block1(v1)
      block1(v2: i32):
          return v2
      block2(v3: i32):
          jump block2(v3)
      }
    `;
    expect(runPass(src, copyProp)).toEqual({ out: src, changes: 0 });
  });
});
