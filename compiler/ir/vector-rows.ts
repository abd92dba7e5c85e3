/**
 * The IR's 128-bit vector operations (docs/ir.md "Vectors"). Every vector operation is one
 * row named `shape.op` (`i32x4.add`, `f64x2.promote_low_f32x4`), typed v128 and pure; lanes are
 * little-endian, lane 0 in the lowest bytes, and each row's semantics are those of the
 * operation of the same name in the WebAssembly SIMD instruction set (so `f32x4.min` propagates
 * NaN, `i32x4.trunc_sat_f32x4_s` saturates, shift counts are taken modulo the lane width,
 * `i8x16.swizzle` gives 0 for an index of 16 or more). Two rows have no such counterpart:
 * `v128.from_i32` and `v128.from_i64` put a scalar in lane 0 and zero the rest.
 *
 * Immediates: `vconst` and `i8x16.shuffle` name a 16-byte constant of the function's pool
 * (Func.v128Pool: imm0 = its index; for the shuffle, the 16 lane indices); the lane
 * extract/replace rows hold the lane index in imm0. Memory access uses the scalar rows
 * `load.v128` / `store.v128` and, for the narrower wasm forms, a scalar access and a vector row.
 *
 * Signatures as in opcodes.ts: i l f d v = i32 i64 f32 f64 v128.
 */

export type VectorImm = 'none' | 'lane' | 'v128';

const INT_SHAPES = ['i8x16', 'i16x8', 'i32x4', 'i64x2'] as const;
const FLOAT_SHAPES = ['f32x4', 'f64x2'] as const;
/** the scalar type letter of each shape's lanes (i8 and i16 lanes travel as i32) */
const LANE_LETTER: Readonly<Record<string, string>> = { i8x16: 'i', i16x8: 'i', i32x4: 'i', i64x2: 'l', f32x4: 'f', f64x2: 'd' };

function build(): [string, string, VectorImm][] {
  const rows: [string, string, VectorImm][] = [];
  const add = (sig: string, names: string, imm: VectorImm = 'none'): void => {
    for (const n of names.trim().split(/\s+/)) rows.push([n, sig, imm]);
  };
  const each = (shapes: readonly string[], sig: string, ops: string): void => {
    for (const s of shapes) add(sig, ops.trim().split(/\s+/).map((o) => `${s}.${o}`).join(' '));
  };

  // ---- constants, lanes, permutations ----
  add(':v', 'vconst', 'v128');
  add('vv:v', 'i8x16.shuffle', 'v128');
  add('vv:v', 'i8x16.swizzle');
  for (const s of [...INT_SHAPES, ...FLOAT_SHAPES]) {
    const l = LANE_LETTER[s] as string;
    add(`${l}:v`, `${s}.splat`);
    const extract = s === 'i8x16' || s === 'i16x8' ? `${s}.extract_lane_s ${s}.extract_lane_u` : `${s}.extract_lane`;
    add(`v:${l}`, extract, 'lane');
    add(`v${l}:v`, `${s}.replace_lane`, 'lane');
  }
  add('i:v', 'v128.from_i32');
  add('l:v', 'v128.from_i64');

  // ---- bitwise ----
  add('v:v', 'v128.not');
  add('vv:v', 'v128.and v128.andnot v128.or v128.xor');
  add('vvv:v', 'v128.bitselect');
  add('v:i', 'v128.any_true');

  // ---- integer lanes ----
  const icmp = 'eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u';
  each(['i8x16', 'i16x8', 'i32x4'], 'vv:v', icmp);
  each(['i64x2'], 'vv:v', 'eq ne lt_s gt_s le_s ge_s');
  each(INT_SHAPES, 'v:v', 'abs neg');
  each(INT_SHAPES, 'v:i', 'all_true bitmask');
  each(INT_SHAPES, 'vi:v', 'shl shr_s shr_u');
  each(INT_SHAPES, 'vv:v', 'add sub');
  each(['i8x16', 'i16x8'], 'vv:v', 'add_sat_s add_sat_u sub_sat_s sub_sat_u avgr_u');
  each(['i8x16', 'i16x8', 'i32x4'], 'vv:v', 'min_s min_u max_s max_u');
  each(['i16x8', 'i32x4', 'i64x2'], 'vv:v', 'mul');
  add('v:v', 'i8x16.popcnt');
  add('vv:v', 'i16x8.q15mulr_sat_s i32x4.dot_i16x8_s');
  add('vv:v', 'i8x16.narrow_i16x8_s i8x16.narrow_i16x8_u i16x8.narrow_i32x4_s i16x8.narrow_i32x4_u');
  // widening: each wider shape from the next narrower one
  const wider: [string, string][] = [['i16x8', 'i8x16'], ['i32x4', 'i16x8'], ['i64x2', 'i32x4']];
  for (const [w, n] of wider) {
    add('v:v', ['low', 'high'].flatMap((h) => ['s', 'u'].map((u) => `${w}.extend_${h}_${n}_${u}`)).join(' '));
    add('vv:v', ['low', 'high'].flatMap((h) => ['s', 'u'].map((u) => `${w}.extmul_${h}_${n}_${u}`)).join(' '));
  }
  add('v:v', 'i16x8.extadd_pairwise_i8x16_s i16x8.extadd_pairwise_i8x16_u i32x4.extadd_pairwise_i16x8_s i32x4.extadd_pairwise_i16x8_u');

  // ---- float lanes ----
  each(FLOAT_SHAPES, 'vv:v', 'eq ne lt gt le ge');
  each(FLOAT_SHAPES, 'v:v', 'abs neg sqrt ceil floor trunc nearest');
  each(FLOAT_SHAPES, 'vv:v', 'add sub mul div min max pmin pmax');

  // ---- conversions ----
  add('v:v', 'i32x4.trunc_sat_f32x4_s i32x4.trunc_sat_f32x4_u f32x4.convert_i32x4_s f32x4.convert_i32x4_u');
  add('v:v', 'i32x4.trunc_sat_f64x2_s_zero i32x4.trunc_sat_f64x2_u_zero f64x2.convert_low_i32x4_s f64x2.convert_low_i32x4_u');
  add('v:v', 'f32x4.demote_f64x2_zero f64x2.promote_low_f32x4');
  return rows;
}

/** [name, signature, immediate] of every vector row, in a fixed order */
export const VECTOR_ROWS: readonly (readonly [string, string, VectorImm])[] = build();
