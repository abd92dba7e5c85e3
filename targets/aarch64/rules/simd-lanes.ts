/**
 * v128 constants, splats, lane extracts and inserts, and scalars into vectors, on Advanced SIMD
 * (Arm ARM DDI 0487: C7.2 DUP (element), DUP (general), INS (element), INS (general), UMOV,
 * SMOV, FMOV (general), MOVI/MVNI, FMOV (vector, immediate)). The x86-64 counterpart is
 * targets/x86_64/rules/simd-lanes.ts.
 *
 * Operand layouts:
 * - vconst: def (rematerialisable). One movi/mvni/fmov when both 64-bit halves are the same
 *   modified immediate (alias-simd.ts vecConst, zero and all ones included); otherwise the
 *   halves through x16/x17: `fmov dd, x16` (zeroes the top), then `fmov vd.d[1], x17`, or
 *   `dup vd.2d, x16` when the halves are equal.
 * - splat: def, scalar (`dup vd.T, w/x`; a float lane: `dup vd.T, vn.T[0]`).
 * - extract_lane: def, vector (umov/smov; a float lane: `dup vd.T, vn.T[lane]`, whose lane 0
 *   is the scalar: the other lanes of a scalar float are never read).
 * - replace_lane: def (reuses 1), vector, scalar (`ins`, which keeps the other lanes).
 * - v128.from_i32 / from_i64: def, scalar (`fmov sd, w` / `fmov dd, x` zero the rest).
 */

import { OPCODES } from '../../../compiler/ir/opcodes.js';
import { Constraint } from '../../../compiler/regalloc/mach.js';
import type { VElem } from '../arrangement.js';
import { vecConst } from '../alias-simd.js';
import { materialize } from '../materialize.js';
import { XZR, type Gpr, type GprZr, type Vreg } from '../regs.js';
import { SCRATCH_GPR, SCRATCH_GPR2 } from '../abi.js';
import { defineLowering, defineRule, lowerConst, lowerUnary, type EmitCtx, type LowerCtx } from './rule.js';

const nameOf = (e: EmitCtx, mi: number): string => OPCODES[e.f.instOp[e.x.ir[mi] as number] as number]!.name;
const laneOf = (e: EmitCtx, mi: number): number => e.f.instImm0[e.x.ir[mi] as number] as number;

/** the little-endian 64-bit half `half` (0 low, 1 high) of 16 bytes */
function halfOf(bytes: Uint8Array, half: 0 | 1): bigint {
  let x = 0n;
  for (let k = 7; k >= 0; k--) x = (x << 8n) | BigInt(bytes[8 * half + k] as number);
  return x;
}

/** r = a 64-bit constant (x16/x17; xzr for zero needs no instruction) */
function gprConst(e: EmitCtx, r: Gpr, v: bigint): GprZr {
  if (v === 0n) return XZR;
  for (const inst of materialize(r, v, 64)) e.asm.emit(inst);
  return r;
}

/**
 * dst = 16 bytes (lane 0 first): one movi/mvni/fmov when the halves are equal and an
 * immediate makes them, else through x16/x17 (dup, or fmov d + fmov v.d[1])
 */
export function loadBytes(e: EmitCtx, dst: Vreg, bytes: Uint8Array): void {
  const lo = halfOf(bytes, 0);
  const hi = halfOf(bytes, 1);
  if (lo === hi) {
    const one = vecConst(dst, lo);
    if (one !== null) return e.asm.emit(one);
    return e.asm.emit({ kind: 'vec_dup_gpr', arr: '2d', rd: dst, rn: gprConst(e, SCRATCH_GPR, lo) });
  }
  e.asm.emit({ kind: 'fmov_to_fp', w: 64, rd: dst, rn: gprConst(e, SCRATCH_GPR, lo) });
  if (hi !== 0n) e.asm.emit({ kind: 'fmov_to_top', rd: dst, rn: gprConst(e, SCRATCH_GPR2, hi) });
}

/** dst = the 16 bytes of pool constant n */
export function loadV128(e: EmitCtx, dst: Vreg, n: number): void {
  const bytes = new Uint8Array(16);
  for (let k = 0; k < 16; k++) bytes[k] = e.f.v128Byte(n, k);
  loadBytes(e, dst, bytes);
}

const vconst = defineRule('vconst', (e, mi) => loadV128(e, e.vreg(mi, 0), laneOf(e, mi)), true);
defineLowering('vconst', lowerConst(vconst));

// ---- splats ----

type Emit = (e: EmitCtx, mi: number) => void;

/** dup vd.T, wn (xn for 2d) */
const dupGpr = (arr: '16b' | '8h' | '4s' | '2d'): Emit => (e, mi) => e.asm.emit({ kind: 'vec_dup_gpr', arr, rd: e.vreg(mi, 0), rn: e.gpr(mi, 1) });

/** dup vd.T, vn.T[lane] (operand 1, lane 0 for a splat, the IR lane for an extract) */
const dupElem = (arr: '4s' | '2d', lane: (e: EmitCtx, mi: number) => number): Emit => (e, mi) =>
  e.asm.emit({ kind: 'vec_dup_elem', arr, rd: e.vreg(mi, 0), rn: e.vreg(mi, 1), index: lane(e, mi) });

const SPLATS: Readonly<Record<string, Emit>> = {
  'i8x16.splat': dupGpr('16b'),
  'i16x8.splat': dupGpr('8h'),
  'i32x4.splat': dupGpr('4s'),
  'i64x2.splat': dupGpr('2d'),
  'f32x4.splat': dupElem('4s', () => 0),
  'f64x2.splat': dupElem('2d', () => 0),
};

const splat = defineRule('splat', (e, mi) => SPLATS[nameOf(e, mi)]!(e, mi), true);
defineLowering(Object.keys(SPLATS).join(' '), lowerUnary(splat));

// ---- lanes ----

/** umov wd, vn.<elem>[lane] (xd for d) */
const umov = (elem: VElem): Emit => (e, mi) => e.asm.emit({ kind: 'vec_umov', elem, rd: e.gpr(mi, 0), rn: e.vreg(mi, 1), index: laneOf(e, mi) });

/** smov wd, vn.<elem>[lane] */
const smov = (elem: 'b' | 'h'): Emit => (e, mi) => e.asm.emit({ kind: 'vec_smov', w: 32, elem, rd: e.gpr(mi, 0), rn: e.vreg(mi, 1), index: laneOf(e, mi) });

const EXTRACTS: Readonly<Record<string, Emit>> = {
  'i8x16.extract_lane_s': smov('b'),
  'i8x16.extract_lane_u': umov('b'),
  'i16x8.extract_lane_s': smov('h'),
  'i16x8.extract_lane_u': umov('h'),
  'i32x4.extract_lane': umov('s'),
  'i64x2.extract_lane': umov('d'),
  'f32x4.extract_lane': dupElem('4s', laneOf),
  'f64x2.extract_lane': dupElem('2d', laneOf),
};

const extract = defineRule('extract_lane', (e, mi) => EXTRACTS[nameOf(e, mi)]!(e, mi), true);
defineLowering(Object.keys(EXTRACTS).join(' '), lowerUnary(extract));

/** ins vd.<elem>[lane], wn (xn for d) */
const insGpr = (elem: VElem): Emit => (e, mi) => e.asm.emit({ kind: 'vec_ins_gpr', elem, rd: e.vreg(mi, 0), index: laneOf(e, mi), rn: e.gpr(mi, 2) });

/** ins vd.<elem>[lane], vn.<elem>[0] */
const insElem = (elem: 's' | 'd'): Emit => (e, mi) =>
  e.asm.emit({ kind: 'vec_ins_elem', elem, rd: e.vreg(mi, 0), index: laneOf(e, mi), rn: e.vreg(mi, 2), srcIndex: 0 });

const REPLACES: Readonly<Record<string, Emit>> = {
  'i8x16.replace_lane': insGpr('b'),
  'i16x8.replace_lane': insGpr('h'),
  'i32x4.replace_lane': insGpr('s'),
  'i64x2.replace_lane': insGpr('d'),
  'f32x4.replace_lane': insElem('s'),
  'f64x2.replace_lane': insElem('d'),
};

const replace = defineRule('replace_lane', (e, mi) => REPLACES[nameOf(e, mi)]!(e, mi), true);
defineLowering(Object.keys(REPLACES).join(' '), (c: LowerCtx, i: number) => {
  c.x.inst(replace, i);
  c.def(c.f.result(i, 0), Constraint.Reuse, 1);
  c.use(c.f.operand(i, 0));
  c.use(c.f.operand(i, 1));
});

// ---- scalars into vectors ----

const fromScalar = defineRule('from_scalar', (e, mi) => {
  e.asm.emit({ kind: 'fmov_to_fp', w: nameOf(e, mi) === 'v128.from_i64' ? 64 : 32, rd: e.vreg(mi, 0), rn: e.gpr(mi, 1) });
}, true);
defineLowering('v128.from_i32 v128.from_i64', lowerUnary(fromScalar));
