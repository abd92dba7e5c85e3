/**
 * v128 constants, splats, lane extracts and inserts, and scalars into vectors, on SSE4.1.
 *
 * Operand layouts:
 * - vconst: def (rematerialisable). All-zero → pxor, all-ones → pcmpeqd, otherwise movdqa
 *   from the function's constants (emit.ts constV128, 16-byte aligned).
 * - splat: def, scalar (i8x16 also a scratch xmm for pshufb's zero mask).
 * - extract_lane: def, vector.   replace_lane: def (reuses 1), vector, scalar.
 * - v128.from_i32 / from_i64: def, scalar (movd / movq zero the rest); or, with its load
 *   folded in (lower.ts), def, address operands (movss / movq xmm, m zero the rest too).
 */

import { OPCODES } from '../../../compiler/ir/opcodes.js';
import { Constraint, RegClassId } from '../../../compiler/regalloc/mach.js';
import { uimm8 } from '../imm.js';
import { ripLabel } from '../operands.js';
import type { Xmm } from '../regs.js';
import { address, lowerAddress } from './memory.js';
import { defineLowering, defineRule, lowerConst, lowerUnary, type EmitCtx, type LowerCtx } from './rule.js';

const nameOf = (e: EmitCtx, mi: number): string => OPCODES[e.f.instOp[e.x.ir[mi] as number] as number]!.name;
const laneOf = (e: EmitCtx, mi: number): number => e.f.instImm0[e.x.ir[mi] as number] as number;

/**
 * dst = the 16 bytes `bytes` (lane 0 first): zero and all-ones made in the register, others
 * read from the function's constants (emit.ts constV128, 16-byte aligned)
 */
export function loadBytes(e: EmitCtx, dst: Xmm, bytes: ArrayLike<number>): void {
  let zero = true;
  let ones = true;
  const b = new Uint8Array(16);
  for (let k = 0; k < 16; k++) {
    b[k] = (bytes[k] as number) & 0xff;
    zero &&= b[k] === 0;
    ones &&= b[k] === 0xff;
  }
  if (zero) return e.asm.emit({ kind: 'sse', op: 'pxor', dst, src: dst });
  if (ones) return e.asm.emit({ kind: 'sse', op: 'pcmpeqd', dst, src: dst });
  e.asm.emit({ kind: 'sse', op: 'movdqa', dst, src: ripLabel(e.constV128(b)) });
}

/** the 16 bytes of two 64-bit halves, low first */
export function halvesBytes(lo: bigint, hi: bigint): Uint8Array {
  const b = new Uint8Array(16);
  for (let k = 0; k < 8; k++) {
    b[k] = Number((lo >> BigInt(8 * k)) & 0xffn);
    b[8 + k] = Number((hi >> BigInt(8 * k)) & 0xffn);
  }
  return b;
}

/** dst = pool constant n */
export function loadV128(e: EmitCtx, dst: Xmm, n: number): void {
  const bytes = new Uint8Array(16);
  for (let k = 0; k < 16; k++) bytes[k] = e.f.v128Byte(n, k);
  loadBytes(e, dst, bytes);
}

const vconst = defineRule('vconst', (e, mi) => loadV128(e, e.xmm(mi, 0), laneOf(e, mi)), true);
defineLowering('vconst', lowerConst(vconst));

// ---- splats ----

type Emit = (e: EmitCtx, mi: number) => void;

const SPLATS: Readonly<Record<string, Emit>> = {
  'i8x16.splat': (e, mi) => {
    const d = e.xmm(mi, 0);
    const zero = e.xmm(mi, 2);
    e.asm.emit({ kind: 'movd_to_xmm', w: 32, dst: d, src: e.gpr(mi, 1) });
    e.asm.emit({ kind: 'sse', op: 'pxor', dst: zero, src: zero });
    e.asm.emit({ kind: 'sse', op: 'pshufb', dst: d, src: zero });
  },
  'i16x8.splat': (e, mi) => {
    const d = e.xmm(mi, 0);
    e.asm.emit({ kind: 'movd_to_xmm', w: 32, dst: d, src: e.gpr(mi, 1) });
    e.asm.emit({ kind: 'sse_imm', op: 'pshuflw', dst: d, src: d, imm: uimm8(0) });
    e.asm.emit({ kind: 'sse_imm', op: 'pshufd', dst: d, src: d, imm: uimm8(0) });
  },
  'i32x4.splat': (e, mi) => {
    const d = e.xmm(mi, 0);
    e.asm.emit({ kind: 'movd_to_xmm', w: 32, dst: d, src: e.gpr(mi, 1) });
    e.asm.emit({ kind: 'sse_imm', op: 'pshufd', dst: d, src: d, imm: uimm8(0) });
  },
  'i64x2.splat': (e, mi) => {
    const d = e.xmm(mi, 0);
    e.asm.emit({ kind: 'movd_to_xmm', w: 64, dst: d, src: e.gpr(mi, 1) });
    e.asm.emit({ kind: 'sse', op: 'punpcklqdq', dst: d, src: d });
  },
  'f32x4.splat': (e, mi) => e.asm.emit({ kind: 'sse_imm', op: 'pshufd', dst: e.xmm(mi, 0), src: e.xmm(mi, 1), imm: uimm8(0) }),
  'f64x2.splat': (e, mi) => e.asm.emit({ kind: 'sse_imm', op: 'pshufd', dst: e.xmm(mi, 0), src: e.xmm(mi, 1), imm: uimm8(0x44) }),
};

const splat = defineRule('splat', (e, mi) => SPLATS[nameOf(e, mi)]!(e, mi), true);

defineLowering('i16x8.splat i32x4.splat i64x2.splat f32x4.splat f64x2.splat', lowerUnary(splat));
defineLowering('i8x16.splat', (c, i) => {
  lowerUnary(splat)(c, i);
  c.temp(RegClassId.Float);
});

// ---- lanes ----

const EXTRACTS: Readonly<Record<string, Emit>> = {
  'i8x16.extract_lane_s': (e, mi) => {
    const d = e.gpr(mi, 0);
    e.asm.emit({ kind: 'pextr', op: 'pextrb', dst: d, src: e.xmm(mi, 1), lane: uimm8(laneOf(e, mi)) });
    e.asm.emit({ kind: 'movsx', w: 32, from: 8, dst: d, src: d });
  },
  'i8x16.extract_lane_u': (e, mi) => e.asm.emit({ kind: 'pextr', op: 'pextrb', dst: e.gpr(mi, 0), src: e.xmm(mi, 1), lane: uimm8(laneOf(e, mi)) }),
  'i16x8.extract_lane_s': (e, mi) => {
    const d = e.gpr(mi, 0);
    e.asm.emit({ kind: 'pextr', op: 'pextrw', dst: d, src: e.xmm(mi, 1), lane: uimm8(laneOf(e, mi)) });
    e.asm.emit({ kind: 'movsx', w: 32, from: 16, dst: d, src: d });
  },
  'i16x8.extract_lane_u': (e, mi) => e.asm.emit({ kind: 'pextr', op: 'pextrw', dst: e.gpr(mi, 0), src: e.xmm(mi, 1), lane: uimm8(laneOf(e, mi)) }),
  'i32x4.extract_lane': (e, mi) => {
    const lane = laneOf(e, mi);
    if (lane === 0) e.asm.emit({ kind: 'movd_from_xmm', w: 32, dst: e.gpr(mi, 0), src: e.xmm(mi, 1) });
    else e.asm.emit({ kind: 'pextr', op: 'pextrd', dst: e.gpr(mi, 0), src: e.xmm(mi, 1), lane: uimm8(lane) });
  },
  'i64x2.extract_lane': (e, mi) => {
    const lane = laneOf(e, mi);
    if (lane === 0) e.asm.emit({ kind: 'movd_from_xmm', w: 64, dst: e.gpr(mi, 0), src: e.xmm(mi, 1) });
    else e.asm.emit({ kind: 'pextr', op: 'pextrq', dst: e.gpr(mi, 0), src: e.xmm(mi, 1), lane: uimm8(lane) });
  },
  // the lane moves to lane 0; the upper lanes of a scalar float are never read
  'f32x4.extract_lane': (e, mi) => {
    const lane = laneOf(e, mi);
    const d = e.xmm(mi, 0);
    const s = e.xmm(mi, 1);
    if (lane !== 0) e.asm.emit({ kind: 'sse_imm', op: 'pshufd', dst: d, src: s, imm: uimm8(lane) });
    else if (d !== s) e.asm.emit({ kind: 'sse', op: 'movaps', dst: d, src: s });
  },
  'f64x2.extract_lane': (e, mi) => {
    const d = e.xmm(mi, 0);
    const s = e.xmm(mi, 1);
    if (laneOf(e, mi) !== 0) e.asm.emit({ kind: 'sse_imm', op: 'pshufd', dst: d, src: s, imm: uimm8(0xee) });
    else if (d !== s) e.asm.emit({ kind: 'sse', op: 'movaps', dst: d, src: s });
  },
};

const extract = defineRule('extract_lane', (e, mi) => EXTRACTS[nameOf(e, mi)]!(e, mi), true);
defineLowering(Object.keys(EXTRACTS).join(' '), lowerUnary(extract));

const REPLACES: Readonly<Record<string, Emit>> = {
  'i8x16.replace_lane': (e, mi) => e.asm.emit({ kind: 'pinsr', op: 'pinsrb', dst: e.xmm(mi, 0), src: e.gpr(mi, 2), lane: uimm8(laneOf(e, mi)) }),
  'i16x8.replace_lane': (e, mi) => e.asm.emit({ kind: 'pinsr', op: 'pinsrw', dst: e.xmm(mi, 0), src: e.gpr(mi, 2), lane: uimm8(laneOf(e, mi)) }),
  'i32x4.replace_lane': (e, mi) => e.asm.emit({ kind: 'pinsr', op: 'pinsrd', dst: e.xmm(mi, 0), src: e.gpr(mi, 2), lane: uimm8(laneOf(e, mi)) }),
  'i64x2.replace_lane': (e, mi) => e.asm.emit({ kind: 'pinsr', op: 'pinsrq', dst: e.xmm(mi, 0), src: e.gpr(mi, 2), lane: uimm8(laneOf(e, mi)) }),
  // insertps: source lane 0 (bits 7:6), destination lane (bits 5:4), no lanes zeroed
  'f32x4.replace_lane': (e, mi) => e.asm.emit({ kind: 'sse_imm', op: 'insertps', dst: e.xmm(mi, 0), src: e.xmm(mi, 2), imm: uimm8(laneOf(e, mi) << 4) }),
  'f64x2.replace_lane': (e, mi) => {
    if (laneOf(e, mi) === 0) e.asm.emit({ kind: 'sse', op: 'movsd', dst: e.xmm(mi, 0), src: e.xmm(mi, 2) });
    else e.asm.emit({ kind: 'sse_reg', op: 'movlhps', dst: e.xmm(mi, 0), src: e.xmm(mi, 2) });
  },
};

const replace = defineRule('replace_lane', (e, mi) => REPLACES[nameOf(e, mi)]!(e, mi), true);
defineLowering(Object.keys(REPLACES).join(' '), (c: LowerCtx, i: number) => {
  c.x.inst(replace, i);
  c.def(c.f.result(i, 0), Constraint.Reuse, 1);
  c.use(c.f.operand(i, 0));
  c.use(c.f.operand(i, 1));
});

// ---- scalars into vectors ----

const isI64 = (e: EmitCtx, mi: number): boolean => nameOf(e, mi) === 'v128.from_i64';

const fromScalar = defineRule('from_scalar', (e, mi) => {
  e.asm.emit({ kind: 'movd_to_xmm', w: isI64(e, mi) ? 64 : 32, dst: e.xmm(mi, 0), src: e.gpr(mi, 1) });
}, true);

/** from a folded load (lower.ts): movq / movss xmm, m (aux0: the load, aux1: the address is indexed) */
const loadScalar = defineRule('load_scalar', (e, mi) => {
  const at = address(e, mi, 1, e.x.aux0[mi] as number);
  e.faultSite(mi);
  e.asm.emit({ kind: 'sse', op: isI64(e, mi) ? 'movq' : 'movss', dst: e.xmm(mi, 0), src: at });
});

defineLowering('v128.from_i32 v128.from_i64', (c, i) => {
  const ld = c.fusedDef(c.f.operand(i, 0));
  if (ld < 0) return lowerUnary(fromScalar)(c, i);
  const mi = c.x.inst(loadScalar, i, 0, ld);
  c.def(c.f.result(i, 0));
  lowerAddress(c, mi, ld);
});
