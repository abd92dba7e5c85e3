import { describe, expect, it } from 'vitest';
import { Builder } from '../../../compiler/ir/builder.js';
import { FloatCC, IntCC } from '../../../compiler/ir/conds.js';
import { printFunc } from '../../../compiler/ir/printer.js';
import { TrapCode } from '../../../compiler/ir/traps.js';
import { Type } from '../../../compiler/ir/types.js';
import { verify } from '../../../compiler/ir/verify.js';

const { I32, I64, F32, F64, PTR } = Type;

describe('the builder', () => {
  it('builds the docs/ir.md loop', () => {
    const b = new Builder();
    const entry = b.begin('f', [I32], [I32]);
    const x = b.f.blockParam(entry, 0);
    const loop = b.newBlock([I32]);
    const exit = b.newBlock([I32]);
    b.jump(loop, [x]);
    b.switchTo(loop);
    const y = b.binary('iadd', I32, b.f.blockParam(loop, 0), b.iconst(I32, 1));
    b.brif(b.icmp(IntCC.slt, I32, y, x), [loop, [y]], [exit, [y]]);
    b.switchTo(exit);
    b.ret([b.f.blockParam(exit, 0)]);
    verify(b.f);
    expect(printFunc(b.f)).toBe(`function %f(i32) -> i32 {
block0(v0: i32):
    jump block1(v0)
block1(v1: i32):
    v3 = iconst.i32 1
    v4 = iadd.i32 v1, v3
    v5 = icmp.i32 slt v4, v0
    brif v5, block1(v4), block2(v4)
block2(v2: i32):
    return v2
}
`);
  });

  it('types results from the table through every typed helper', () => {
    const b = new Builder();
    const e = b.begin('h', [PTR, I32, F64], [I64]);
    const [p, i, d] = [0, 1, 2];
    const addr = b.ptradd(I32, p, i);
    const bound = b.vmctxLoad(I64, 8);
    b.heapCheck(I32, i, bound, 0x1_0000_0007n);
    const w = b.load('uload16', I64, addr, 6);
    b.store('istore8', I32, addr, i, 0xffff_ffff);
    const f = b.convert('fdemote', F32, F64, d);
    const c = b.fcmp(FloatCC.ne, F32, f, b.fconst32(0x7fc0_0000));
    b.trapIf('trapz', c, TrapCode.BadConversionToInteger);
    const s = b.select(I64, c, w, b.iconst(I64, 0xffff_ffff));
    b.vmctxStore(F64, 16, b.copy(F64, d));
    const n = b.unary('popcnt', I64, s);
    b.ret([b.convert('sextend', I64, I32, b.convert('ireduce', I32, I64, n))]);
    void e;
    verify(b.f);
    expect(printFunc(b.f)).toBe(`function %h(ptr, i32, f64) -> i64 {
block0(v0: ptr, v1: i32, v2: f64):
    v3 = ptradd.ptr.i32 v0, v1
    v4 = vmctx_load.i64 vmctx+8
    heap_check.i32 v1+4294967303, v4
    v5 = uload16.i64 v3+6
    istore8.i32 v3+4294967295, v1
    v6 = fdemote.f32.f64 v2
    v7 = fconst.f32 0x7fc00000
    v8 = fcmp.f32 ne v6, v7
    trapz v8, bad_toint
    v9 = iconst.i64 4294967295
    v10 = select.i64 v8, v5, v9
    v11 = copy.f64 v2
    vmctx_store.f64 vmctx+16, v11
    v12 = popcnt.i64 v10
    v13 = ireduce.i32.i64 v12
    v14 = sextend.i64.i32 v13
    return v14
}
`);
  });

  it('throws a plain Error for a family/type pair the table lacks (a caller bug)', () => {
    const b = new Builder();
    b.begin('x', [], []);
    expect(() => b.binary('iadd', F32, 0, 0)).toThrow('no IR opcode iadd for f32');
    expect(() => b.convert('sextend', I64, I64, 0)).toThrow('no IR opcode sextend for i64 from i64');
    expect(() => b.callRuntime('nope', [])).toThrow('no runtime function nope');
  });
});
