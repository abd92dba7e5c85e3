/**
 * Forwarding of VM-context slots (compiler/passes/forward.ts): IR text in, IR text out. What
 * may be forwarded (across blocks and loops, from a store, the memory base across calls and
 * grows) and what must stay (after a call or grow, where paths disagree, in a loop that writes
 * the slot, a load of another type).
 */

import { describe, expect, it } from 'vitest';
import { forward } from '../../../compiler/passes/forward.js';
import { after, ir, runPass } from './ir-text.js';

describe('forward', () => {
  it('replaces a read of a global that an earlier read dominates, through a loop that does not write it', () => {
    const src = ir`
      function %f(ptr, i32) -> i32 {
      block0(v0: ptr, v1: i32):
          v2 = vmctx_load.i32 vmctx+48
          jump block1(v1)
      block1(v3: i32):
          v4 = vmctx_load.i32 vmctx+48
          v5 = isub.i32 v3, v4
          brif v5, block1(v5), block2
      block2:
          return v2
      }
    `;
    expect(runPass(src, forward)).toEqual({
      out: ir`
        function %f(ptr, i32) -> i32 {
        block0(v0: ptr, v1: i32):
            v2 = vmctx_load.i32 vmctx+48
            jump block1(v1)
        block1(v3: i32):
            v5 = isub.i32 v3, v2
            brif v5, block1(v5), block2
        block2:
            return v2
        }
      `,
      changes: 1,
    });
  });

  it('forwards a stored value to the next read, and keeps reads that a call or a store of the loop may change', () => {
    const src = ir`
      function %f(ptr, i32) -> i32 {
          sig0 = (ptr)
      block0(v0: ptr, v1: i32):
          vmctx_store.i32 vmctx+48, v1
          v2 = vmctx_load.i32 vmctx+48
          call fn0 sig0(v0)
          v3 = vmctx_load.i32 vmctx+48
          jump block1(v3)
      block1(v4: i32):
          v5 = vmctx_load.i32 vmctx+48
          v6 = iadd.i32 v5, v4
          vmctx_store.i32 vmctx+48, v6
          brif v6, block1(v6), block2
      block2:
          v7 = vmctx_load.i32 vmctx+48
          v8 = iadd.i32 v2, v7
          return v8
      }
    `;
    expect(after(src, forward)).toBe(ir`
      function %f(ptr, i32) -> i32 {
          sig0 = (ptr)
      block0(v0: ptr, v1: i32):
          vmctx_store.i32 vmctx+48, v1
          call fn0 sig0(v0)
          v3 = vmctx_load.i32 vmctx+48
          jump block1(v3)
      block1(v4: i32):
          v5 = vmctx_load.i32 vmctx+48
          v6 = iadd.i32 v5, v4
          vmctx_store.i32 vmctx+48, v6
          brif v6, block1(v6), block2
      block2:
          v8 = iadd.i32 v1, v6
          return v8
      }
    `);
  });

  it('merges only what every path agrees on', () => {
    const src = ir`
      function %f(ptr, i32, i32) -> i32 {
      block0(v0: ptr, v1: i32, v2: i32):
          v3 = vmctx_load.i32 vmctx+56
          brif v1, block1, block2
      block1:
          vmctx_store.i32 vmctx+48, v2
          jump block3
      block2:
          vmctx_store.i32 vmctx+48, v1
          jump block3
      block3:
          v4 = vmctx_load.i32 vmctx+48
          v5 = vmctx_load.i32 vmctx+56
          v6 = iadd.i32 v4, v5
          return v6
      }
    `;
    expect(after(src, forward)).toBe(ir`
      function %f(ptr, i32, i32) -> i32 {
      block0(v0: ptr, v1: i32, v2: i32):
          v3 = vmctx_load.i32 vmctx+56
          brif v1, block1, block2
      block1:
          vmctx_store.i32 vmctx+48, v2
          jump block3
      block2:
          vmctx_store.i32 vmctx+48, v1
          jump block3
      block3:
          v4 = vmctx_load.i32 vmctx+48
          v6 = iadd.i32 v4, v3
          return v6
      }
    `);
  });

  it('reads the memory base once, at the top of the entry block, across calls and grows; the size is read again after a grow', () => {
    const src = ir`
      function %f(ptr, i32) -> i32 {
      block0(v0: ptr, v1: i32):
          brif v1, block1, block2
      block1:
          v2 = vmctx_load.i64 vmctx+24
          heap_check.i32 v1+4, v2
          v3 = vmctx_load.ptr vmctx+16
          v4 = ptradd.ptr.i32 v3, v1
          v5 = load.i32 v4+0
          v6 = iconst.i32 0
          v7 = iconst.i32 1
          v8 = call_runtime memory_grow(v0, v7, v6)
          v9 = vmctx_load.i64 vmctx+24
          heap_check.i32 v5+4, v9
          v10 = vmctx_load.ptr vmctx+16
          v11 = ptradd.ptr.i32 v10, v5
          v12 = load.i32 v11+0
          return v12
      block2:
          v13 = vmctx_load.ptr vmctx+16
          v14 = ptradd.ptr.i32 v13, v1
          v15 = load.i32 v14+0
          return v15
      }
    `;
    expect(after(src, forward)).toBe(ir`
      function %f(ptr, i32) -> i32 {
      block0(v0: ptr, v1: i32):
          v16 = vmctx_load.ptr vmctx+16
          brif v1, block1, block2
      block1:
          v2 = vmctx_load.i64 vmctx+24
          heap_check.i32 v1+4, v2
          v4 = ptradd.ptr.i32 v16, v1
          v5 = load.i32 v4+0
          v6 = iconst.i32 0
          v7 = iconst.i32 1
          v8 = call_runtime memory_grow(v0, v7, v6)
          v9 = vmctx_load.i64 vmctx+24
          heap_check.i32 v5+4, v9
          v11 = ptradd.ptr.i32 v16, v5
          v12 = load.i32 v11+0
          return v12
      block2:
          v14 = ptradd.ptr.i32 v16, v1
          v15 = load.i32 v14+0
          return v15
      }
    `);
  });

  it('leaves a read of another type than the value known, and functions without reads of the VM context', () => {
    const src = ir`
      function %f(ptr, i64) -> i32 {
      block0(v0: ptr, v1: i64):
          vmctx_store.i64 vmctx+48, v1
          v2 = vmctx_load.i32 vmctx+48
          return v2
      }
    `;
    expect(runPass(src, forward)).toEqual({ out: src, changes: 0 });
    const none = ir`
      function %g(i32) -> i32 {
      block0(v0: i32):
          return v0
      }
    `;
    expect(runPass(none, forward)).toEqual({ out: none, changes: 0 });
  });
});
