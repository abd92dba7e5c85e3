/**
 * Dead code elimination: IR text in, IR text out.
 */

import { describe, expect, it } from 'vitest';
import { dce } from '../../../compiler/passes/dce.js';
import { after, ir, runPass } from './ir-text.js';

describe('dce', () => {
  it('removes pure instructions whose results are unused, transitively', () => {
    const src = ir`
      function %f(i32) -> i32 {
      block0(v0: i32):
          v1 = iconst.i32 7
          v2 = iadd.i32 v0, v1
          v3 = imul.i32 v2, v2
          return v0
      }
    `;
    expect(runPass(src, dce)).toEqual({
      out: ir`
        function %f(i32) -> i32 {
        block0(v0: i32):
            return v0
        }
      `,
      changes: 3,
    });
  });

  it('keeps instructions that may trap or have effects even when their results are unused', () => {
    const kept = ir`
      function %f(i32, i32, ptr) {
      block0(v0: i32, v1: i32, v2: ptr):
          v3 = sdiv.i32 v0, v1
          v4 = load.i32 v2+0
          v6 = bitcast.f32.i32 v0
          v5 = fcvt_to_sint.i32.f32 v6
          trapnz v0, unreachable
          v7 = uextend.i64.i32 v1
          heap_check.i32 v0+4, v7
          vmctx_store.i32 vmctx+40, v0
          v9 = call_runtime memory_grow(v2, v0, v1)
          return
      }
    `;
    expect(runPass(kept, dce)).toEqual({ out: kept, changes: 0 });
  });

  it('removes an unused read of the VM context (it cannot trap)', () => {
    const src = ir`
      function %f() -> i32 {
      block0:
          v0 = vmctx_load.i32 vmctx+40
          v1 = vmctx_load.i32 vmctx+44
          return v1
      }
    `;
    expect(runPass(src, dce).out).toBe(src.replace('    v0 = vmctx_load.i32 vmctx+40\n', ''));
  });

  it('removes blocks unreachable from the entry', () => {
    const src = ir`
      function %f(i32) -> i32 {
      block0(v0: i32):
          return v0
      block1:
          v1 = iconst.i32 1
          jump block2(v1)
      block2(v2: i32):
          return v2
      }
    `;
    expect(runPass(src, dce)).toEqual({
      out: ir`
        function %f(i32) -> i32 {
        block0(v0: i32):
            return v0
        }
      `,
      changes: 5,
    });
  });

  it('removes loop params that only feed themselves, and their args', () => {
    const src = ir`
      function %f(i32) -> i32 {
      block0(v0: i32):
          v1 = iconst.i32 0
          jump block1(v1, v0)
      block1(v2: i32, v3: i32):
          v4 = iadd.i32 v3, v3
          v5 = iconst.i32 1
          v6 = isub.i32 v2, v5
          brif v6, block1(v6, v4), block2
      block2:
          return v6
      }
    `;
    expect(after(src, dce)).toBe(ir`
      function %f(i32) -> i32 {
      block0(v0: i32):
          v1 = iconst.i32 0
          jump block1(v1)
      block1(v2: i32):
          v5 = iconst.i32 1
          v6 = isub.i32 v2, v5
          brif v6, block1(v6), block2
      block2:
          return v6
      }
    `);
  });

  it('keeps entry params and params whose values reach an effect', () => {
    const src = ir`
      function %f(i32, i32) -> i32 {
      block0(v0: i32, v1: i32):
          jump block1(v0)
      block1(v2: i32):
          return v2
      }
    `;
    expect(runPass(src, dce)).toEqual({ out: src, changes: 0 });
  });
});
