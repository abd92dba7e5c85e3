/**
 * Test support for the IR: one sample function per opcode row (built with the Builder, so a
 * new row is covered automatically), a structural snapshot of a function through the view,
 * and hand-written IR texts in printed form.
 */

import { Builder } from '../../../compiler/ir/builder.js';
import type { Func } from '../../../compiler/ir/func.js';
import type { ImmKind, OpRow } from '../../../compiler/ir/opcodes.js';
import { runtimeByName } from '../../../compiler/ir/runtime.js';
import { TrapCode } from '../../../compiler/ir/traps.js';
import { Type } from '../../../compiler/ir/types.js';
import {
  blockInsts,
  blockOrder,
  blockParams,
  callArgs,
  instCalls,
  instOperands,
  instResults,
  rowOf,
  sigParams,
  sigResults,
  splitImm64,
} from '../../../compiler/ir/view.js';

const { I32, I64, F32, F64, PTR } = Type;

/** sample immediate words per kind (64-bit ones above 32 bits, floats as NaNs with payloads) */
function sampleImm(row: OpRow): [number, number] {
  const samples: Record<ImmKind, () => [number, number]> = {
    none: () => [0, 0],
    int: () => (row.type === I32 ? [-7, 0] : splitImm64(-0x1_2345_6789n)),
    fbits: () => (row.type === F32 ? [0x7fa0_0001, 0] : splitImm64(0x7ff4_0000_0000_0001n)),
    intcc: () => [row.id % 10, 0],
    floatcc: () => [row.id % 6, 0],
    offset: () => splitImm64(0x1_0000_0010n),
    vmctx: () => [24, 0],
    trapcode: () => [TrapCode.IntegerOverflow, 0],
    call: () => [5, 0],
    call_indirect: () => [0, 0],
    runtime: () => [runtimeByName('memory_grow'), 0],
    lane: () => [1, 0],
    v128: () => [0, 0],
    jump: () => [0, 0],
    brif: () => [0, 0],
    br_table: () => [0, 0],
  };
  return samples[row.imm]();
}

const CALLEE_PARAMS = [I32, F64];
const CALLEE_RESULTS = [I64, F32];

/** a valid function exercising `row` once */
export function sampleFor(row: OpRow): Func {
  const b = new Builder();
  const [imm0, imm1] = sampleImm(row);
  if (row.imm === 'jump' || row.imm === 'brif' || row.imm === 'br_table') return branchSample(b, row);
  if (row.name === 'return') {
    const entry = b.begin(row.name, [I64, F32, PTR], [I64, F32, PTR]);
    b.ret(blockParams(b.f, entry));
    return b.f;
  }
  if (row.name === 'trap') {
    b.begin(row.name, [], [I32]);
    b.trap(TrapCode.IntegerOverflow);
    return b.f;
  }
  let operandTypes = [...row.operands];
  if (row.imm === 'call' || row.imm === 'call_indirect') operandTypes.push(...CALLEE_PARAMS);
  if (row.imm === 'runtime') operandTypes = [PTR, I32, I32];
  // results are known only once the signature exists: build with a placeholder result list
  b.f.reset(row.name, operandTypes, []);
  if (row.imm === 'call' || row.imm === 'call_indirect') b.sig(CALLEE_PARAMS, CALLEE_RESULTS);
  // pool constant 0: bytes 0x80, 0x01, ..., 0x0f (every byte distinct, one with the top bit)
  if (row.imm === 'v128') b.f.addV128(Uint8Array.from({ length: 16 }, (_, k) => (k === 0 ? 0x80 : k)));
  const entry = b.newBlock(operandTypes);
  b.switchTo(entry);
  const i = b.inst(row.id, blockParams(b.f, entry), imm0, imm1);
  const res = instResults(b.f, i);
  b.f.results.push(...res.map((v) => b.f.valueType[v] as Type));
  b.ret(res);
  return b.f;
}

function branchSample(b: Builder, row: OpRow): Func {
  const entry = b.begin(row.name, [I32, I64], [I64]);
  const [x, y] = blockParams(b.f, entry) as [number, number];
  const t1 = b.newBlock([I64]);
  const t2 = b.newBlock();
  const t3 = b.newBlock([I64, I32]);
  b.switchTo(entry);
  if (row.imm === 'jump') b.jump(t1, [y]);
  else if (row.imm === 'brif') b.brif(x, [t1, [y]], [t2]);
  else b.brTable(x, [[t1, [y]], [t2], [t3, [y, x]]], [t2]);
  b.switchTo(t1);
  b.ret(blockParams(b.f, t1));
  b.switchTo(t2);
  b.ret([b.iconst(I64, -1)]);
  b.switchTo(t3);
  b.jump(t1, [b.f.blockParam(t3, 0)]);
  return b.f;
}

/** a plain-data snapshot of everything a function means (not instruction numbers) */
export function structure(f: Func): unknown {
  const sigs = [];
  for (let s = 0; s < f.sigCount; s++) sigs.push([sigParams(f, s), sigResults(f, s)]);
  const value = (v: number): [number, number] => [v, f.valueType[v] as number];
  return {
    name: f.name,
    params: [...f.params],
    results: [...f.results],
    sigs,
    blocks: blockOrder(f).map((b) => ({
      block: b,
      params: blockParams(f, b).map(value),
      insts: blockInsts(f, b).map((i) => {
        const row = rowOf(f, i);
        const branch = row.imm === 'jump' || row.imm === 'brif' || row.imm === 'br_table';
        return {
          op: row.name,
          results: instResults(f, i).map(value),
          operands: instOperands(f, i),
          imm: branch ? [] : [f.instImm0[i], f.instImm1[i]],
          calls: instCalls(f, i).map((c) => [f.callBlock[c], callArgs(f, c)]),
        };
      }),
    })),
  };
}

/** hand-written functions in printed form, valid, covering the syntax */
export const TEXTS: Record<string, string> = {
  fib: `function %fib(i32) -> i32 {
    sig0 = (i32) -> i32
block0(v0: i32):
    v1 = iconst.i32 2
    v2 = icmp.i32 slt v0, v1
    brif v2, block2(v0), block1
block1:
    v3 = iconst.i32 1
    v4 = isub.i32 v0, v3
    v5 = call fn0 sig0(v4)
    v6 = isub.i32 v4, v3
    v7 = call fn0 sig0(v6)
    v8 = iadd.i32 v5, v7
    jump block2(v8)
block2(v9: i32):
    return v9
}
`,
  loop: `function %sum(ptr, i32) -> i64 {
block0(v0: ptr, v1: i32):
    v2 = iconst.i64 0
    v3 = iconst.i32 0
    jump block1(v3, v2)
block1(v4: i32, v5: i64):
    v6 = icmp.i32 uge v4, v1
    brif v6, block3, block2
block2:
    v7 = vmctx_load.i64 vmctx+8
    v8 = iconst.i32 3
    v9 = ishl.i32 v4, v8
    heap_check.i32 v9+8, v7
    v10 = vmctx_load.ptr vmctx+0
    v11 = ptradd.ptr.i32 v10, v9
    v12 = load.i64 v11+0
    v13 = iadd.i64 v5, v12
    v14 = iconst.i32 1
    v15 = iadd.i32 v4, v14
    jump block1(v15, v13)
block3:
    return v5
}
`,
  // numbering with gaps and out of order, blocks laid out out of order, a multi-result call
  sparse: `function %"a b\\"c"(f64, v128) -> f64, i32 {
    sig0 = (f64) -> f64, i32
    sig1 = ()
block7(v40: f64, v2: v128):
    v31 = iconst.ptr -1
    v9, v8 = call_indirect sig0 v31(v40)
    call fn4294967295 sig1()
    jump block3(v9)
block3(v1: f64):
    v5 = iconst.i32 -2147483648
    v6 = fconst.f64 0x8000000000000000
    v7 = fcmp.f64 ne v1, v6
    trapz v7, uninitialized_element
    return v1, v5
}
`,
  switch: `function %switch(i32) -> i32 {
block0(v0: i32):
    br_table v0, [block1, block2(v0), block1], default block3
block1:
    v2 = vmctx_load.ptr vmctx+0
    v1 = call_runtime memory_grow(v2, v0, v0)
    return v1
block2(v3: i32):
    return v3
block3:
    trap unreachable
block4:
    v4 = iconst.i32 0
    jump block2(v4)
}
`,
  empty: `function %nothing() {
block0:
    return
}
`,
};
