import { describe, expect, it } from 'vitest';
import { OPCODES } from '../../../compiler/ir/opcodes.js';
import { parseFunc } from '../../../compiler/ir/parser.js';
import { printFunc } from '../../../compiler/ir/printer.js';
import { RUNTIME } from '../../../compiler/ir/runtime.js';
import { Builder } from '../../../compiler/ir/builder.js';
import { Type } from '../../../compiler/ir/types.js';
import { blockParams } from '../../../compiler/ir/view.js';
import { verify } from '../../../compiler/ir/verify.js';
import { sampleFor, structure, TEXTS } from './samples.js';

describe('one sample function per opcode row', () => {
  it.each(OPCODES.map((r) => [r.name, r] as const))('%s: verifies, prints, parses back identically', (_name, row) => {
    const f = sampleFor(row);
    verify(f);
    const text = printFunc(f);
    expect(text).toContain(` ${row.name}`);
    const g = parseFunc(text);
    expect(structure(g)).toEqual(structure(f));
    expect(printFunc(g)).toBe(text);
    verify(g);
  });
});

describe('hand-written texts', () => {
  it.each(Object.entries(TEXTS))('%s: print(parse(t)) === t, and it verifies', (_name, text) => {
    const f = parseFunc(text);
    expect(printFunc(f)).toBe(text);
    verify(f);
    expect(structure(parseFunc(printFunc(f)))).toEqual(structure(f));
  });

  it('keeps the text numbering of values and blocks (gaps stay undefined)', () => {
    const f = parseFunc(TEXTS['sparse'] as string);
    expect(f.valueCount).toBe(41);
    expect(f.blockCount).toBe(8);
    expect(blockParams(f, 7)).toEqual([40, 2]);
  });

  it('accepts comments, blank lines, extra spaces, hex and unsigned integers, and prints them canonically', () => {
    const f = parseFunc(`
; a comment line
function   %f( i32 )  ->  i32  {   ; trailing comment

block0( v0 : i32 ):
    v1 = iconst.i32 0xffffffff
    v2 = iadd.i32   v0 ,v1

    return v2
}

`);
    expect(printFunc(f)).toBe(`function %f(i32) -> i32 {
block0(v0: i32):
    v1 = iconst.i32 -1
    v2 = iadd.i32 v0, v1
    return v2
}
`);
  });
});

describe('runtime functions', () => {
  it.each(RUNTIME.map((r) => [r.name, r] as const))('call_runtime %s round-trips and verifies', (_name, rt) => {
    const b = new Builder();
    const entry = b.begin(rt.name, rt.params, rt.results);
    b.ret(b.f.results.length === 0 ? [] : [b.f.result(b.callRuntime(rt.name, blockParams(b.f, entry)), 0)]);
    if (rt.results.length === 0) {
      b.f.removeInst(b.f.blockLast[entry] as number);
      b.callRuntime(rt.name, blockParams(b.f, entry));
      b.ret([]);
    }
    verify(b.f);
    const text = printFunc(b.f);
    expect(text).toContain(`call_runtime ${rt.name}(`);
    expect(printFunc(parseFunc(text))).toBe(text);
  });
});

describe('immediates survive exactly', () => {
  it('keeps NaN payloads and signs of float bit patterns', () => {
    const b = new Builder();
    b.begin('nan', [], [Type.F32, Type.F64]);
    const x = b.fconst32(0xff80_0001);
    const y = b.fconst64(0xfff0_0000_0000_0002n);
    b.ret([x, y]);
    const text = printFunc(b.f);
    expect(text).toContain('v0 = fconst.f32 0xff800001\n');
    expect(text).toContain('v1 = fconst.f64 0xfff0000000000002\n');
    const g = parseFunc(text);
    expect(g.instImm0[0]).toBe(0xff80_0001 | 0);
    expect([g.instImm0[1], g.instImm1[1]]).toEqual([2, 0xfff0_0000 | 0]);
  });
  it('prints 64-bit integer constants and offsets at their extremes', () => {
    const b = new Builder();
    const e = b.begin('ext', [Type.PTR], [Type.I64, Type.I64]);
    const lo = b.iconst(Type.I64, -(1n << 63n));
    const v = b.load('load', Type.I64, b.f.blockParam(e, 0), (1n << 64n) - 1n);
    b.ret([lo, v]);
    const text = printFunc(b.f);
    expect(text).toContain('v1 = iconst.i64 -9223372036854775808\n');
    expect(text).toContain('v2 = load.i64 v0+18446744073709551615\n');
    expect(printFunc(parseFunc(text))).toBe(text);
  });
});
