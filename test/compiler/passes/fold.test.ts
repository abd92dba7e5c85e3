/**
 * Constant folding and algebraic simplification: IR text in, IR text out, with exact wasm
 * semantics (wraparound, masked shifts, no folding of a division that traps, float folding
 * only where bit-exact).
 */

import { describe, expect, it } from 'vitest';
import { fold } from '../../../compiler/passes/fold.js';
import { ir, runPass } from './ir-text.js';

/** the function `(params) -> t { body; return vN }`; a body line without `=` defines the next value */
function fn(params: string, t: string, body: string, ret: string): string {
  const names = params === '' ? [] : params.split(', ');
  const lines = body
    .trim()
    .split('\n')
    .map((l, k) => `    ${l.includes(' = ') ? l.trim() : `v${names.length + k} = ${l.trim()}`}`);
  const header = names.length === 0 ? 'block0:' : `block0(${names.map((p, k) => `v${k}: ${p}`).join(', ')}):`;
  return `function %f(${params}) -> ${t} {\n${header}\n${lines.join('\n')}\n    return ${ret}\n}\n`;
}

/** the folded form of `op` applied to constants: the text of the last instruction's line */
function folded(t: string, body: string): string {
  const out = runPass(fn('', t, body, `v${body.trim().split('\n').length - 1}`), fold).out;
  const lines = out.split('\n');
  return (lines[lines.length - 4] as string).trim();
}

describe('constant folding: integers', () => {
  it.each([
    ['i32', 'iconst.i32 2147483647\niconst.i32 1\niadd.i32 v0, v1', 'v2 = iconst.i32 -2147483648'],
    ['i64', 'iconst.i64 -9223372036854775808\niconst.i64 1\nisub.i64 v0, v1', 'v2 = iconst.i64 9223372036854775807'],
    ['i32', 'iconst.i32 65536\niconst.i32 65536\nimul.i32 v0, v1', 'v2 = iconst.i32 0'],
    ['i32', 'iconst.i32 1\niconst.i32 33\nishl.i32 v0, v1', 'v2 = iconst.i32 2'],
    ['i64', 'iconst.i64 -8\niconst.i64 65\nsshr.i64 v0, v1', 'v2 = iconst.i64 -4'],
    ['i32', 'iconst.i32 -8\niconst.i32 1\nushr.i32 v0, v1', 'v2 = iconst.i32 2147483644'],
    ['i32', 'iconst.i32 -2147483648\niconst.i32 1\nrotl.i32 v0, v1', 'v2 = iconst.i32 1'],
    ['i64', 'iconst.i64 1\niconst.i64 1\nrotr.i64 v0, v1', 'v2 = iconst.i64 -9223372036854775808'],
    ['i32', 'iconst.i32 -7\niconst.i32 2\nsdiv.i32 v0, v1', 'v2 = iconst.i32 -3'],
    ['i32', 'iconst.i32 -7\niconst.i32 2\nsrem.i32 v0, v1', 'v2 = iconst.i32 -1'],
    ['i32', 'iconst.i32 -7\niconst.i32 2\nudiv.i32 v0, v1', 'v2 = iconst.i32 2147483644'],
    ['i32', 'iconst.i32 -2147483648\niconst.i32 -1\nsrem.i32 v0, v1', 'v2 = iconst.i32 0'],
    ['i32', 'iconst.i32 0\nclz.i32 v0', 'v1 = iconst.i32 32'],
    ['i64', 'iconst.i64 8\nctz.i64 v0', 'v1 = iconst.i64 3'],
    ['i32', 'iconst.i32 -1\npopcnt.i32 v0', 'v1 = iconst.i32 32'],
    ['i32', 'iconst.i64 0\neqz.i64 v0', 'v1 = iconst.i32 1'],
    ['i32', 'iconst.i32 128\nsext8.i32 v0', 'v1 = iconst.i32 -128'],
    ['i64', 'iconst.i32 -1\nuextend.i64.i32 v0', 'v1 = iconst.i64 4294967295'],
    ['i64', 'iconst.i32 -1\nsextend.i64.i32 v0', 'v1 = iconst.i64 -1'],
    ['i32', 'iconst.i64 4294967297\nireduce.i32.i64 v0', 'v1 = iconst.i32 1'],
    ['i32', 'iconst.i32 -1\niconst.i32 1\nicmp.i32 ult v0, v1', 'v2 = iconst.i32 0'],
    ['i32', 'iconst.i32 -1\niconst.i32 1\nicmp.i32 slt v0, v1', 'v2 = iconst.i32 1'],
  ])('%s: %s', (t, body, want) => {
    expect(folded(t, body)).toBe(want);
  });

  it('does not fold a division or remainder that traps (it stays, to trap)', () => {
    for (const body of [
      'iconst.i32 1\niconst.i32 0\nsdiv.i32 v0, v1',
      'iconst.i32 1\niconst.i32 0\nurem.i32 v0, v1',
      'iconst.i32 -2147483648\niconst.i32 -1\nsdiv.i32 v0, v1',
      'iconst.i64 -9223372036854775808\niconst.i64 -1\nsdiv.i64 v0, v1',
    ]) {
      const t = body.includes('i64') ? 'i64' : 'i32';
      const src = fn('', t, body, 'v2');
      expect(runPass(src, fold)).toEqual({ out: src, changes: 0 });
    }
  });
});

describe('constant folding: floats', () => {
  it.each([
    ['f32', 'fconst.f32 0x3fc00000\nfconst.f32 0x40100000\nfadd.f32 v0, v1', 'v2 = fconst.f32 0x40700000'], // 1.5 + 2.25 = 3.75
    ['f64', 'fconst.f64 0x3ff0000000000000\nfconst.f64 0x4008000000000000\nfdiv.f64 v0, v1', 'v2 = fconst.f64 0x3fd5555555555555'], // 1/3
    ['f32', 'fconst.f32 0x3f800000\nfconst.f32 0x00000000\nfdiv.f32 v0, v1', 'v2 = fconst.f32 0x7f800000'], // 1/0 = inf
    ['f32', 'fconst.f32 0x80000000\nfconst.f32 0x00000000\nfmin.f32 v0, v1', 'v2 = fconst.f32 0x80000000'], // min(-0, +0) = -0
    ['f64', 'fconst.f64 0x8000000000000000\nfconst.f64 0x0000000000000000\nfmax.f64 v0, v1', 'v2 = fconst.f64 0x0000000000000000'],
    ['f32', 'fconst.f32 0xbf000000\nnearest.f32 v0', 'v1 = fconst.f32 0x80000000'], // nearest(-0.5) = -0
    ['f64', 'fconst.f64 0x4004000000000000\nnearest.f64 v0', 'v1 = fconst.f64 0x4000000000000000'], // nearest(2.5) = 2
    ['f32', 'fconst.f32 0xbf400000\nceil.f32 v0', 'v1 = fconst.f32 0x80000000'], // ceil(-0.75) = -0
    ['f32', 'fconst.f32 0x7fa00001\nfneg.f32 v0', 'v1 = fconst.f32 0xffa00001'], // a NaN's payload kept
    ['f64', 'fconst.f64 0xfff0000000000002\nfabs.f64 v0', 'v1 = fconst.f64 0x7ff0000000000002'],
    ['f32', 'fconst.f32 0x7fc00000\nfconst.f32 0x80000000\nfcopysign.f32 v0, v1', 'v2 = fconst.f32 0xffc00000'],
    ['i32', 'fconst.f32 0x7fc00000\nfconst.f32 0x7fc00000\nfcmp.f32 ne v0, v1', 'v2 = iconst.i32 1'],
    ['i32', 'fconst.f64 0x7ff8000000000000\nfconst.f64 0x7ff8000000000000\nfcmp.f64 eq v0, v1', 'v2 = iconst.i32 0'],
    ['f32', 'fconst.f64 0x3fb999999999999a\nfdemote.f32.f64 v0', 'v1 = fconst.f32 0x3dcccccd'], // 0.1
    ['f32', 'iconst.i32 16777217\nfcvt_from_sint.f32.i32 v0', 'v1 = fconst.f32 0x4b800000'], // ties to even
    ['f64', 'iconst.i64 -1\nfcvt_from_uint.f64.i64 v0', 'v1 = fconst.f64 0x43f0000000000000'],
    ['i32', 'fconst.f32 0xc0400000\nfcvt_to_sint.i32.f32 v0', 'v1 = iconst.i32 -3'],
    ['i32', 'fconst.f32 0x7fc00000\nfcvt_to_sint_sat.i32.f32 v0', 'v1 = iconst.i32 0'],
    ['i32', 'fconst.f32 0x7f800000\nfcvt_to_uint_sat.i32.f32 v0', 'v1 = iconst.i32 -1'],
    ['i64', 'fconst.f64 0xc3e0000000000001\nfcvt_to_sint_sat.i64.f64 v0', 'v1 = iconst.i64 -9223372036854775808'],
    ['f32', 'iconst.i32 1065353216\nbitcast.f32.i32 v0', 'v1 = fconst.f32 0x3f800000'],
    ['i64', 'fconst.f64 0xfff0000000000002\nbitcast.i64.f64 v0', 'v1 = iconst.i64 -4503599627370494'],
  ])('%s: %s', (t, body, want) => {
    expect(folded(t, body)).toBe(want);
  });

  it('leaves NaN-producing or NaN-consuming arithmetic, trapping conversions and double roundings alone', () => {
    for (const [t, body] of [
      ['f32', 'fconst.f32 0x00000000\nfconst.f32 0x00000000\nfdiv.f32 v0, v1'], // 0/0: which NaN is the engine's choice
      ['f32', 'fconst.f32 0x7fa00000\nfconst.f32 0x3f800000\nfmul.f32 v0, v1'], // sNaN * 1
      ['f64', 'fconst.f64 0x7ff8000000000001\nfconst.f64 0x3ff0000000000000\nfmin.f64 v0, v1'],
      ['f64', 'fconst.f64 0xbff0000000000000\nsqrt.f64 v0'],
      ['f64', 'fconst.f32 0x7fa00000\nfpromote.f64.f32 v0'],
      ['i32', 'fconst.f32 0x7fc00000\nfcvt_to_sint.i32.f32 v0'],
      ['i32', 'fconst.f32 0x4f000000\nfcvt_to_sint.i32.f32 v0'], // 2^31
      ['i32', 'fconst.f64 0xbff0000000000000\nfcvt_to_uint.i32.f64 v0'], // -1
      ['f32', 'iconst.i64 9007199254740993\nfcvt_from_sint.f32.i64 v0'], // 2^53 + 1
    ] as const) {
      const src = fn('', t, body, `v${body.split('\n').length - 1}`);
      expect([body, runPass(src, fold)]).toEqual([body, { out: src, changes: 0 }]);
    }
  });
});

describe('algebraic simplification', () => {
  it.each([
    ['iconst.i32 0\niadd.i32 v1, v0', 'v2 = copy.i32 v0'],
    ['iconst.i32 0\nisub.i32 v0, v1', 'v2 = copy.i32 v0'],
    ['iconst.i32 1\nimul.i32 v1, v0', 'v2 = copy.i32 v0'],
    ['iconst.i32 0\nimul.i32 v0, v1', 'v2 = iconst.i32 0'],
    ['iconst.i32 -1\nband.i32 v0, v1', 'v2 = copy.i32 v0'],
    ['iconst.i32 -1\nbor.i32 v0, v1', 'v2 = iconst.i32 -1'],
    ['iconst.i32 32\nishl.i32 v0, v1', 'v2 = copy.i32 v0'],
    ['iconst.i32 1\nsdiv.i32 v0, v1', 'v2 = copy.i32 v0'],
    ['iconst.i32 1\nurem.i32 v0, v1', 'v2 = iconst.i32 0'],
    ['v1 = isub.i32 v0, v0', 'v1 = iconst.i32 0'],
    ['v1 = bxor.i32 v0, v0', 'v1 = iconst.i32 0'],
    ['v1 = bor.i32 v0, v0', 'v1 = copy.i32 v0'],
    ['v1 = icmp.i32 sle v0, v0', 'v1 = iconst.i32 1'],
    ['v1 = icmp.i32 ugt v0, v0', 'v1 = iconst.i32 0'],
  ])('%s', (body, want) => {
    const out = runPass(fn('i32', 'i32', body, `v${body.split('\n').length}`), fold).out.split('\n');
    expect((out[out.length - 4] as string).trim()).toBe(want);
  });

  it('does not apply float identities that would change a NaN or a signed zero', () => {
    const src = ir`
      function %f(f32) -> f32 {
      block0(v0: f32):
          v1 = fconst.f32 0x3f800000
          v2 = fmul.f32 v0, v1
          v3 = fconst.f32 0x00000000
          v4 = fadd.f32 v2, v3
          v5 = fsub.f32 v4, v4
          return v5
      }
    `;
    expect(runPass(src, fold)).toEqual({ out: src, changes: 0 });
  });

  it('removes fneg of fneg', () => {
    const src = ir`
      function %f(f64) -> f64 {
      block0(v0: f64):
          v1 = fneg.f64 v0
          v2 = fneg.f64 v1
          return v2
      }
    `;
    expect(runPass(src, fold).out).toBe(src.replace('v2 = fneg.f64 v1', 'v2 = copy.f64 v0'));
  });
});

describe('folding control', () => {
  it('turns a brif on a constant into a jump, and a br_table on a constant too', () => {
    const src = ir`
      function %f(i32) -> i32 {
      block0(v0: i32):
          v1 = iconst.i32 0
          brif v1, block1(v0), block2
      block1(v2: i32):
          v3 = iconst.i32 7
          br_table v3, [block2, block3], default block3
      block2:
          return v0
      block3:
          return v1
      }
    `;
    expect(runPass(src, fold).out).toBe(src.replace('brif v1, block1(v0), block2', 'jump block2').replace('br_table v3, [block2, block3], default block3', 'jump block3'));
  });

  it('removes a trapnz that cannot trap and keeps one that must', () => {
    const src = ir`
      function %f() {
      block0:
          v0 = iconst.i32 0
          v1 = iconst.i32 1
          trapnz v0, int_divz
          trapz v1, int_divz
          trapnz v1, unreachable
          return
      }
    `;
    expect(runPass(src, fold)).toEqual({ out: src.replace('    trapnz v0, int_divz\n    trapz v1, int_divz\n', ''), changes: 2 });
  });
});

describe('constant folding: vectors (lane values little-endian, printed as one 128-bit number)', () => {
  const A = '0x000000ff80000001fffffffe7fffffff'; // i32x4 lanes 0x7fffffff, 0xfffffffe, 0x80000001, 0x000000ff
  it.each([
    ['v128', 'iconst.i32 -2\ni8x16.splat v0', 'v1 = vconst 0xfefefefefefefefefefefefefefefefe'],
    ['v128', 'iconst.i64 -2\ni64x2.splat v0', 'v1 = vconst 0xfffffffffffffffefffffffffffffffe'],
    ['v128', 'fconst.f32 0x7fc00001\nf32x4.splat v0', 'v1 = vconst 0x7fc000017fc000017fc000017fc00001'],
    ['v128', 'iconst.i64 -1\nv128.from_i64 v0', 'v1 = vconst 0x0000000000000000ffffffffffffffff'],
    ['i32', `vconst ${A}\ni8x16.extract_lane_s v0, 4`, 'v1 = iconst.i32 -2'],
    ['i32', `vconst ${A}\ni16x8.extract_lane_u v0, 5`, 'v1 = iconst.i32 32768'],
    ['i32', `vconst ${A}\ni32x4.extract_lane v0, 1`, 'v1 = iconst.i32 -2'],
    ['i64', `vconst ${A}\ni64x2.extract_lane v0, 1`, 'v1 = iconst.i64 1097364144129'],
    ['f64', `vconst ${A}\nf64x2.extract_lane v0, 0`, 'v1 = fconst.f64 0xfffffffe7fffffff'],
    ['v128', `vconst ${A}\niconst.i32 7\ni32x4.replace_lane v0, v1, 3`, 'v2 = vconst 0x0000000780000001fffffffe7fffffff'],
    ['v128', `vconst ${A}\nv128.not v0`, 'v1 = vconst 0xffffff007ffffffe0000000180000000'],
    ['v128', `vconst ${A}\nvconst 0x0000000000000000ffffffffffffffff\nv128.andnot v0, v1`, 'v2 = vconst 0x000000ff800000010000000000000000'],
    ['v128', `vconst ${A}\nvconst 0x00000000000000000000000000000001\ni32x4.add v0, v1`, 'v2 = vconst 0x000000ff80000001fffffffe80000000'],
    ['v128', `vconst ${A}\nvconst 0x00000000000000000000000000000001\ni8x16.sub v0, v1`, 'v2 = vconst 0x000000ff80000001fffffffe7ffffffe'],
    ['v128', `vconst ${A}\nvconst ${A}\ni32x4.mul v0, v1`, 'v2 = vconst 0x0000fe01000000010000000400000001'],
    ['v128', `vconst ${A}\nvconst 0x000000ff00000000fffffffe00000000\ni32x4.eq v0, v1`, 'v2 = vconst 0xffffffff00000000ffffffff00000000'],
    ['v128', `vconst ${A}\nvconst 0x0f0e0d0c0b0a09080706050403020100\ni8x16.shuffle v0, v1, 0x1f1e1d1c1b1a19181716151403020100`, 'v2 = vconst 0x0f0e0d0c0b0a0908070605047fffffff'],
    ['i32', 'vconst 0x00000000000000000000000000000000\nv128.any_true v0', 'v1 = iconst.i32 0'],
  ])('%s: %s', (t, body, want) => {
    expect(folded(t, body)).toBe(want);
  });

  it('leaves float lane arithmetic alone (NaN payloads are the target\'s)', () => {
    expect(folded('v128', `vconst ${A}\nvconst ${A}\nf32x4.add v0, v1`)).toBe('v2 = f32x4.add v0, v1');
  });
});
