/**
 * Opcode-field tables of the Advanced SIMD (NEON) instruction families, one per encoding shape
 * of the Arm ARM (DDI 0487) encoding index C4.1, "Data Processing -- Scalar Floating-Point and
 * Advanced SIMD" (the classes "Advanced SIMD three same", "Advanced SIMD two-register
 * miscellaneous", "Advanced SIMD across lanes", "Advanced SIMD three different", "Advanced SIMD
 * shift by immediate", "Advanced SIMD permute", "Advanced SIMD table lookup", "Advanced SIMD
 * extract", "Advanced SIMD copy", "Advanced SIMD modified immediate") and "Loads and Stores"
 * ("Advanced SIMD load/store multiple structures", "Advanced SIMD load/store single structure",
 * with their post-indexed forms). Only armv8.0-a encodings (no FEAT_FP16, RDM, DotProd, ...).
 *
 * Each row gives the fixed fields of one member, how the `size` field (bits 23-22) is filled,
 * the arrangement class it accepts (arrangement.ts) and, where the operands are not all of one
 * arrangement, its operand shape. The encoders (encode-simd.ts) and printers (print-simd.ts)
 * read these rows; inst-simd.ts derives each family's `op` type and the type of its `arr`
 * field from them, so adding a member is one row here.
 */

import type { ArrClass } from './arrangement.js';

type Bit = 0 | 1;

/**
 * How bits 23-22 are filled: `'elem'` from the element size (00 b .. 11 d); `{ fp: a }` for
 * floating point, a (bit 23, part of the opcode) then sz (bit 22, 1 for double precision);
 * `{ fixed: n }` always n (the logical operations, where size selects the operation).
 */
export type SizeSpec = 'elem' | { readonly fp: Bit } | { readonly fixed: 0 | 1 | 2 | 3 };

export interface Vec3Row {
  readonly u: Bit;
  readonly opcode: number;
  readonly size: SizeSpec;
  readonly arrs: ArrClass;
}

/**
 * Advanced SIMD three same: `0 Q U 01110 size 1 Rm opcode 1 Rn Rd` (opcode bits 15-11).
 * vd.T = vn.T op vm.T; orr with rn = rm is printed as its alias `mov`.
 */
export const VEC3 = {
  shadd: { u: 0, opcode: 0b00000, size: 'elem', arrs: 'bhs' },
  uhadd: { u: 1, opcode: 0b00000, size: 'elem', arrs: 'bhs' },
  sqadd: { u: 0, opcode: 0b00001, size: 'elem', arrs: 'bhsd' },
  uqadd: { u: 1, opcode: 0b00001, size: 'elem', arrs: 'bhsd' },
  srhadd: { u: 0, opcode: 0b00010, size: 'elem', arrs: 'bhs' },
  urhadd: { u: 1, opcode: 0b00010, size: 'elem', arrs: 'bhs' },
  and: { u: 0, opcode: 0b00011, size: { fixed: 0 }, arrs: 'b' },
  bic: { u: 0, opcode: 0b00011, size: { fixed: 1 }, arrs: 'b' },
  orr: { u: 0, opcode: 0b00011, size: { fixed: 2 }, arrs: 'b' },
  orn: { u: 0, opcode: 0b00011, size: { fixed: 3 }, arrs: 'b' },
  eor: { u: 1, opcode: 0b00011, size: { fixed: 0 }, arrs: 'b' },
  bsl: { u: 1, opcode: 0b00011, size: { fixed: 1 }, arrs: 'b' },
  bit: { u: 1, opcode: 0b00011, size: { fixed: 2 }, arrs: 'b' },
  bif: { u: 1, opcode: 0b00011, size: { fixed: 3 }, arrs: 'b' },
  shsub: { u: 0, opcode: 0b00100, size: 'elem', arrs: 'bhs' },
  uhsub: { u: 1, opcode: 0b00100, size: 'elem', arrs: 'bhs' },
  sqsub: { u: 0, opcode: 0b00101, size: 'elem', arrs: 'bhsd' },
  uqsub: { u: 1, opcode: 0b00101, size: 'elem', arrs: 'bhsd' },
  cmgt: { u: 0, opcode: 0b00110, size: 'elem', arrs: 'bhsd' },
  cmhi: { u: 1, opcode: 0b00110, size: 'elem', arrs: 'bhsd' },
  cmge: { u: 0, opcode: 0b00111, size: 'elem', arrs: 'bhsd' },
  cmhs: { u: 1, opcode: 0b00111, size: 'elem', arrs: 'bhsd' },
  sshl: { u: 0, opcode: 0b01000, size: 'elem', arrs: 'bhsd' },
  ushl: { u: 1, opcode: 0b01000, size: 'elem', arrs: 'bhsd' },
  srshl: { u: 0, opcode: 0b01010, size: 'elem', arrs: 'bhsd' },
  urshl: { u: 1, opcode: 0b01010, size: 'elem', arrs: 'bhsd' },
  smax: { u: 0, opcode: 0b01100, size: 'elem', arrs: 'bhs' },
  umax: { u: 1, opcode: 0b01100, size: 'elem', arrs: 'bhs' },
  smin: { u: 0, opcode: 0b01101, size: 'elem', arrs: 'bhs' },
  umin: { u: 1, opcode: 0b01101, size: 'elem', arrs: 'bhs' },
  sabd: { u: 0, opcode: 0b01110, size: 'elem', arrs: 'bhs' },
  uabd: { u: 1, opcode: 0b01110, size: 'elem', arrs: 'bhs' },
  add: { u: 0, opcode: 0b10000, size: 'elem', arrs: 'bhsd' },
  sub: { u: 1, opcode: 0b10000, size: 'elem', arrs: 'bhsd' },
  cmtst: { u: 0, opcode: 0b10001, size: 'elem', arrs: 'bhsd' },
  cmeq: { u: 1, opcode: 0b10001, size: 'elem', arrs: 'bhsd' },
  mla: { u: 0, opcode: 0b10010, size: 'elem', arrs: 'bhs' },
  mls: { u: 1, opcode: 0b10010, size: 'elem', arrs: 'bhs' },
  mul: { u: 0, opcode: 0b10011, size: 'elem', arrs: 'bhs' },
  pmul: { u: 1, opcode: 0b10011, size: 'elem', arrs: 'b' },
  smaxp: { u: 0, opcode: 0b10100, size: 'elem', arrs: 'bhs' },
  umaxp: { u: 1, opcode: 0b10100, size: 'elem', arrs: 'bhs' },
  sminp: { u: 0, opcode: 0b10101, size: 'elem', arrs: 'bhs' },
  uminp: { u: 1, opcode: 0b10101, size: 'elem', arrs: 'bhs' },
  sqdmulh: { u: 0, opcode: 0b10110, size: 'elem', arrs: 'hs' },
  sqrdmulh: { u: 1, opcode: 0b10110, size: 'elem', arrs: 'hs' },
  addp: { u: 0, opcode: 0b10111, size: 'elem', arrs: 'bhsd' },
  // floating point: opcode 11xxx, bit 23 (a) part of the opcode, bit 22 the precision
  fmaxnm: { u: 0, opcode: 0b11000, size: { fp: 0 }, arrs: 'f' },
  fmla: { u: 0, opcode: 0b11001, size: { fp: 0 }, arrs: 'f' },
  fadd: { u: 0, opcode: 0b11010, size: { fp: 0 }, arrs: 'f' },
  fmulx: { u: 0, opcode: 0b11011, size: { fp: 0 }, arrs: 'f' },
  fcmeq: { u: 0, opcode: 0b11100, size: { fp: 0 }, arrs: 'f' },
  fmax: { u: 0, opcode: 0b11110, size: { fp: 0 }, arrs: 'f' },
  frecps: { u: 0, opcode: 0b11111, size: { fp: 0 }, arrs: 'f' },
  fminnm: { u: 0, opcode: 0b11000, size: { fp: 1 }, arrs: 'f' },
  fmls: { u: 0, opcode: 0b11001, size: { fp: 1 }, arrs: 'f' },
  fsub: { u: 0, opcode: 0b11010, size: { fp: 1 }, arrs: 'f' },
  fmin: { u: 0, opcode: 0b11110, size: { fp: 1 }, arrs: 'f' },
  frsqrts: { u: 0, opcode: 0b11111, size: { fp: 1 }, arrs: 'f' },
  fmaxnmp: { u: 1, opcode: 0b11000, size: { fp: 0 }, arrs: 'f' },
  faddp: { u: 1, opcode: 0b11010, size: { fp: 0 }, arrs: 'f' },
  fmul: { u: 1, opcode: 0b11011, size: { fp: 0 }, arrs: 'f' },
  fcmge: { u: 1, opcode: 0b11100, size: { fp: 0 }, arrs: 'f' },
  facge: { u: 1, opcode: 0b11101, size: { fp: 0 }, arrs: 'f' },
  fmaxp: { u: 1, opcode: 0b11110, size: { fp: 0 }, arrs: 'f' },
  fdiv: { u: 1, opcode: 0b11111, size: { fp: 0 }, arrs: 'f' },
  fminnmp: { u: 1, opcode: 0b11000, size: { fp: 1 }, arrs: 'f' },
  fabd: { u: 1, opcode: 0b11010, size: { fp: 1 }, arrs: 'f' },
  fcmgt: { u: 1, opcode: 0b11100, size: { fp: 1 }, arrs: 'f' },
  facgt: { u: 1, opcode: 0b11101, size: { fp: 1 }, arrs: 'f' },
  fminp: { u: 1, opcode: 0b11110, size: { fp: 1 }, arrs: 'f' },
} as const satisfies Record<string, Vec3Row>;

/**
 * Operand shapes of the two-register miscellaneous class (`arr` as arrangement.ts says):
 * - `same`: vd.T, vn.T;
 * - `zero`: vd.T, vn.T, #0 (#0.0 for floating point), a compare against zero;
 * - `narrow`: vd.T (arr), vn.<wide> — xtn, xtn2 (Q = 1 writes the high half), fcvtn;
 * - `widen`: vd.<wide>, vn.T (arr) — fcvtl, fcvtl2 (Q = 1 reads the high half);
 * - `pairlong`: vd.<pair>, vn.T (arr) — adjacent pairs added into elements twice as wide;
 * - `shll`: vd.<wide>, vn.T (arr), #esize.
 * For floating point, sz is 1 for double-precision elements (`same`, `zero`), and for a
 * double-precision wide side (`narrow`, `widen`: arr has s elements).
 */
export type MiscShape = 'same' | 'zero' | 'narrow' | 'widen' | 'pairlong' | 'shll';

export interface VecMiscRow {
  readonly u: Bit;
  readonly opcode: number;
  readonly size: SizeSpec;
  readonly arrs: ArrClass;
  readonly shape: MiscShape;
  /** the mnemonic objdump prints, where it is another name (not is shown as mvn) */
  readonly print?: string;
}

/** Advanced SIMD two-register miscellaneous: `0 Q U 01110 size 10000 opcode 10 Rn Rd` (opcode bits 16-12). */
export const VEC_MISC = {
  rev64: { u: 0, opcode: 0b00000, size: 'elem', arrs: 'bhs', shape: 'same' },
  rev32: { u: 1, opcode: 0b00000, size: 'elem', arrs: 'bh', shape: 'same' },
  rev16: { u: 0, opcode: 0b00001, size: 'elem', arrs: 'b', shape: 'same' },
  saddlp: { u: 0, opcode: 0b00010, size: 'elem', arrs: 'bhs', shape: 'pairlong' },
  uaddlp: { u: 1, opcode: 0b00010, size: 'elem', arrs: 'bhs', shape: 'pairlong' },
  suqadd: { u: 0, opcode: 0b00011, size: 'elem', arrs: 'bhsd', shape: 'same' },
  usqadd: { u: 1, opcode: 0b00011, size: 'elem', arrs: 'bhsd', shape: 'same' },
  cls: { u: 0, opcode: 0b00100, size: 'elem', arrs: 'bhs', shape: 'same' },
  clz: { u: 1, opcode: 0b00100, size: 'elem', arrs: 'bhs', shape: 'same' },
  cnt: { u: 0, opcode: 0b00101, size: 'elem', arrs: 'b', shape: 'same' },
  not: { u: 1, opcode: 0b00101, size: { fixed: 0 }, arrs: 'b', shape: 'same', print: 'mvn' },
  rbit: { u: 1, opcode: 0b00101, size: { fixed: 1 }, arrs: 'b', shape: 'same' },
  sadalp: { u: 0, opcode: 0b00110, size: 'elem', arrs: 'bhs', shape: 'pairlong' },
  uadalp: { u: 1, opcode: 0b00110, size: 'elem', arrs: 'bhs', shape: 'pairlong' },
  sqabs: { u: 0, opcode: 0b00111, size: 'elem', arrs: 'bhsd', shape: 'same' },
  sqneg: { u: 1, opcode: 0b00111, size: 'elem', arrs: 'bhsd', shape: 'same' },
  cmgt: { u: 0, opcode: 0b01000, size: 'elem', arrs: 'bhsd', shape: 'zero' },
  cmge: { u: 1, opcode: 0b01000, size: 'elem', arrs: 'bhsd', shape: 'zero' },
  cmeq: { u: 0, opcode: 0b01001, size: 'elem', arrs: 'bhsd', shape: 'zero' },
  cmle: { u: 1, opcode: 0b01001, size: 'elem', arrs: 'bhsd', shape: 'zero' },
  cmlt: { u: 0, opcode: 0b01010, size: 'elem', arrs: 'bhsd', shape: 'zero' },
  abs: { u: 0, opcode: 0b01011, size: 'elem', arrs: 'bhsd', shape: 'same' },
  neg: { u: 1, opcode: 0b01011, size: 'elem', arrs: 'bhsd', shape: 'same' },
  xtn: { u: 0, opcode: 0b10010, size: 'elem', arrs: 'bhs', shape: 'narrow' },
  sqxtun: { u: 1, opcode: 0b10010, size: 'elem', arrs: 'bhs', shape: 'narrow' },
  shll: { u: 1, opcode: 0b10011, size: 'elem', arrs: 'bhs', shape: 'shll' },
  sqxtn: { u: 0, opcode: 0b10100, size: 'elem', arrs: 'bhs', shape: 'narrow' },
  uqxtn: { u: 1, opcode: 0b10100, size: 'elem', arrs: 'bhs', shape: 'narrow' },
  // floating point: a (bit 23) part of the opcode
  fcvtn: { u: 0, opcode: 0b10110, size: { fp: 0 }, arrs: 'hs', shape: 'narrow' },
  fcvtxn: { u: 1, opcode: 0b10110, size: { fp: 0 }, arrs: 's', shape: 'narrow' },
  fcvtl: { u: 0, opcode: 0b10111, size: { fp: 0 }, arrs: 'hs', shape: 'widen' },
  frintn: { u: 0, opcode: 0b11000, size: { fp: 0 }, arrs: 'f', shape: 'same' },
  frintm: { u: 0, opcode: 0b11001, size: { fp: 0 }, arrs: 'f', shape: 'same' },
  fcvtns: { u: 0, opcode: 0b11010, size: { fp: 0 }, arrs: 'f', shape: 'same' },
  fcvtms: { u: 0, opcode: 0b11011, size: { fp: 0 }, arrs: 'f', shape: 'same' },
  fcvtas: { u: 0, opcode: 0b11100, size: { fp: 0 }, arrs: 'f', shape: 'same' },
  scvtf: { u: 0, opcode: 0b11101, size: { fp: 0 }, arrs: 'f', shape: 'same' },
  fcmgt: { u: 0, opcode: 0b01100, size: { fp: 1 }, arrs: 'f', shape: 'zero' },
  fcmeq: { u: 0, opcode: 0b01101, size: { fp: 1 }, arrs: 'f', shape: 'zero' },
  fcmlt: { u: 0, opcode: 0b01110, size: { fp: 1 }, arrs: 'f', shape: 'zero' },
  fabs: { u: 0, opcode: 0b01111, size: { fp: 1 }, arrs: 'f', shape: 'same' },
  frintp: { u: 0, opcode: 0b11000, size: { fp: 1 }, arrs: 'f', shape: 'same' },
  frintz: { u: 0, opcode: 0b11001, size: { fp: 1 }, arrs: 'f', shape: 'same' },
  fcvtps: { u: 0, opcode: 0b11010, size: { fp: 1 }, arrs: 'f', shape: 'same' },
  fcvtzs: { u: 0, opcode: 0b11011, size: { fp: 1 }, arrs: 'f', shape: 'same' },
  frecpe: { u: 0, opcode: 0b11101, size: { fp: 1 }, arrs: 'f', shape: 'same' },
  frinta: { u: 1, opcode: 0b11000, size: { fp: 0 }, arrs: 'f', shape: 'same' },
  frintx: { u: 1, opcode: 0b11001, size: { fp: 0 }, arrs: 'f', shape: 'same' },
  fcvtnu: { u: 1, opcode: 0b11010, size: { fp: 0 }, arrs: 'f', shape: 'same' },
  fcvtmu: { u: 1, opcode: 0b11011, size: { fp: 0 }, arrs: 'f', shape: 'same' },
  fcvtau: { u: 1, opcode: 0b11100, size: { fp: 0 }, arrs: 'f', shape: 'same' },
  ucvtf: { u: 1, opcode: 0b11101, size: { fp: 0 }, arrs: 'f', shape: 'same' },
  fcmge: { u: 1, opcode: 0b01100, size: { fp: 1 }, arrs: 'f', shape: 'zero' },
  fcmle: { u: 1, opcode: 0b01101, size: { fp: 1 }, arrs: 'f', shape: 'zero' },
  fneg: { u: 1, opcode: 0b01111, size: { fp: 1 }, arrs: 'f', shape: 'same' },
  frinti: { u: 1, opcode: 0b11001, size: { fp: 1 }, arrs: 'f', shape: 'same' },
  fcvtpu: { u: 1, opcode: 0b11010, size: { fp: 1 }, arrs: 'f', shape: 'same' },
  fcvtzu: { u: 1, opcode: 0b11011, size: { fp: 1 }, arrs: 'f', shape: 'same' },
  frsqrte: { u: 1, opcode: 0b11101, size: { fp: 1 }, arrs: 'f', shape: 'same' },
  fsqrt: { u: 1, opcode: 0b11111, size: { fp: 1 }, arrs: 'f', shape: 'same' },
} as const satisfies Record<string, VecMiscRow>;

export interface VecAcrossRow {
  readonly u: Bit;
  readonly opcode: number;
  readonly size: SizeSpec;
  readonly arrs: ArrClass;
  /** the result is twice as wide as an element (saddlv, uaddlv) */
  readonly long: boolean;
}

/** Advanced SIMD across lanes: `0 Q U 01110 size 11000 opcode 10 Rn Rd`, a scalar result in vd. */
export const VEC_ACROSS = {
  saddlv: { u: 0, opcode: 0b00011, size: 'elem', arrs: 'across', long: true },
  uaddlv: { u: 1, opcode: 0b00011, size: 'elem', arrs: 'across', long: true },
  smaxv: { u: 0, opcode: 0b01010, size: 'elem', arrs: 'across', long: false },
  umaxv: { u: 1, opcode: 0b01010, size: 'elem', arrs: 'across', long: false },
  sminv: { u: 0, opcode: 0b11010, size: 'elem', arrs: 'across', long: false },
  uminv: { u: 1, opcode: 0b11010, size: 'elem', arrs: 'across', long: false },
  addv: { u: 0, opcode: 0b11011, size: 'elem', arrs: 'across', long: false },
  fmaxnmv: { u: 1, opcode: 0b01100, size: { fp: 0 }, arrs: 's4', long: false },
  fmaxv: { u: 1, opcode: 0b01111, size: { fp: 0 }, arrs: 's4', long: false },
  fminnmv: { u: 1, opcode: 0b01100, size: { fp: 1 }, arrs: 's4', long: false },
  fminv: { u: 1, opcode: 0b01111, size: { fp: 1 }, arrs: 's4', long: false },
} as const satisfies Record<string, VecAcrossRow>;

/**
 * Operand shapes of the three-different class, `arr` being the narrow-element operands':
 * `long` vd.<wide>, vn.T, vm.T; `wide` vd.<wide>, vn.<wide>, vm.T; `narrow` (high half of the
 * sum or difference) vd.T, vn.<wide>, vm.<wide>. Q = 1 is the `2` form (the high halves).
 */
export type DiffShape = 'long' | 'wide' | 'narrow';

export interface Vec3DiffRow {
  readonly u: Bit;
  readonly opcode: number;
  readonly shape: DiffShape;
  readonly arrs: ArrClass;
}

/** Advanced SIMD three different: `0 Q U 01110 size 1 Rm opcode 00 Rn Rd` (opcode bits 15-12). */
export const VEC3_DIFF = {
  saddl: { u: 0, opcode: 0b0000, shape: 'long', arrs: 'bhs' },
  uaddl: { u: 1, opcode: 0b0000, shape: 'long', arrs: 'bhs' },
  saddw: { u: 0, opcode: 0b0001, shape: 'wide', arrs: 'bhs' },
  uaddw: { u: 1, opcode: 0b0001, shape: 'wide', arrs: 'bhs' },
  ssubl: { u: 0, opcode: 0b0010, shape: 'long', arrs: 'bhs' },
  usubl: { u: 1, opcode: 0b0010, shape: 'long', arrs: 'bhs' },
  ssubw: { u: 0, opcode: 0b0011, shape: 'wide', arrs: 'bhs' },
  usubw: { u: 1, opcode: 0b0011, shape: 'wide', arrs: 'bhs' },
  addhn: { u: 0, opcode: 0b0100, shape: 'narrow', arrs: 'bhs' },
  raddhn: { u: 1, opcode: 0b0100, shape: 'narrow', arrs: 'bhs' },
  sabal: { u: 0, opcode: 0b0101, shape: 'long', arrs: 'bhs' },
  uabal: { u: 1, opcode: 0b0101, shape: 'long', arrs: 'bhs' },
  subhn: { u: 0, opcode: 0b0110, shape: 'narrow', arrs: 'bhs' },
  rsubhn: { u: 1, opcode: 0b0110, shape: 'narrow', arrs: 'bhs' },
  sabdl: { u: 0, opcode: 0b0111, shape: 'long', arrs: 'bhs' },
  uabdl: { u: 1, opcode: 0b0111, shape: 'long', arrs: 'bhs' },
  smlal: { u: 0, opcode: 0b1000, shape: 'long', arrs: 'bhs' },
  umlal: { u: 1, opcode: 0b1000, shape: 'long', arrs: 'bhs' },
  sqdmlal: { u: 0, opcode: 0b1001, shape: 'long', arrs: 'hs' },
  smlsl: { u: 0, opcode: 0b1010, shape: 'long', arrs: 'bhs' },
  umlsl: { u: 1, opcode: 0b1010, shape: 'long', arrs: 'bhs' },
  sqdmlsl: { u: 0, opcode: 0b1011, shape: 'long', arrs: 'hs' },
  smull: { u: 0, opcode: 0b1100, shape: 'long', arrs: 'bhs' },
  umull: { u: 1, opcode: 0b1100, shape: 'long', arrs: 'bhs' },
  sqdmull: { u: 0, opcode: 0b1101, shape: 'long', arrs: 'hs' },
} as const satisfies Record<string, Vec3DiffRow>;

/**
 * Operand shapes of shift by immediate, with the immh:immb encoding of the amount for element
 * size e (bits): `right` vd.T, vn.T, #1..e (2e - shift); `left` vd.T, vn.T, #0..e-1 (e + shift);
 * `long` vd.<wide>, vn.T, #0..e-1 (sshll/ushll, printed sxtl/uxtl for #0); `narrow` vd.T,
 * vn.<wide>, #1..e (e of the narrow elements).
 */
export type ShiftShape = 'right' | 'left' | 'long' | 'narrow';

export interface VecShiftRow {
  readonly u: Bit;
  readonly opcode: number;
  readonly shape: ShiftShape;
  readonly arrs: ArrClass;
  /** the alias objdump prints for a shift of 0 (sxtl, uxtl) */
  readonly zeroAlias?: string;
}

/** Advanced SIMD shift by immediate: `0 Q U 011110 immh immb opcode 1 Rn Rd` (immh != 0; opcode bits 15-11). */
export const VEC_SHIFT = {
  sshr: { u: 0, opcode: 0b00000, shape: 'right', arrs: 'bhsd' },
  ushr: { u: 1, opcode: 0b00000, shape: 'right', arrs: 'bhsd' },
  ssra: { u: 0, opcode: 0b00010, shape: 'right', arrs: 'bhsd' },
  usra: { u: 1, opcode: 0b00010, shape: 'right', arrs: 'bhsd' },
  srshr: { u: 0, opcode: 0b00100, shape: 'right', arrs: 'bhsd' },
  urshr: { u: 1, opcode: 0b00100, shape: 'right', arrs: 'bhsd' },
  srsra: { u: 0, opcode: 0b00110, shape: 'right', arrs: 'bhsd' },
  ursra: { u: 1, opcode: 0b00110, shape: 'right', arrs: 'bhsd' },
  sri: { u: 1, opcode: 0b01000, shape: 'right', arrs: 'bhsd' },
  shl: { u: 0, opcode: 0b01010, shape: 'left', arrs: 'bhsd' },
  sli: { u: 1, opcode: 0b01010, shape: 'left', arrs: 'bhsd' },
  sqshlu: { u: 1, opcode: 0b01100, shape: 'left', arrs: 'bhsd' },
  sqshl: { u: 0, opcode: 0b01110, shape: 'left', arrs: 'bhsd' },
  uqshl: { u: 1, opcode: 0b01110, shape: 'left', arrs: 'bhsd' },
  shrn: { u: 0, opcode: 0b10000, shape: 'narrow', arrs: 'bhs' },
  sqshrun: { u: 1, opcode: 0b10000, shape: 'narrow', arrs: 'bhs' },
  rshrn: { u: 0, opcode: 0b10001, shape: 'narrow', arrs: 'bhs' },
  sqrshrun: { u: 1, opcode: 0b10001, shape: 'narrow', arrs: 'bhs' },
  sqshrn: { u: 0, opcode: 0b10010, shape: 'narrow', arrs: 'bhs' },
  uqshrn: { u: 1, opcode: 0b10010, shape: 'narrow', arrs: 'bhs' },
  sqrshrn: { u: 0, opcode: 0b10011, shape: 'narrow', arrs: 'bhs' },
  uqrshrn: { u: 1, opcode: 0b10011, shape: 'narrow', arrs: 'bhs' },
  sshll: { u: 0, opcode: 0b10100, shape: 'long', arrs: 'bhs', zeroAlias: 'sxtl' },
  ushll: { u: 1, opcode: 0b10100, shape: 'long', arrs: 'bhs', zeroAlias: 'uxtl' },
} as const satisfies Record<string, VecShiftRow>;

/** Advanced SIMD permute: `0 Q 001110 size 0 Rm 0 opcode 10 Rn Rd` (opcode bits 14-12); every arrangement but 1d. */
export const VEC_PERM = {
  uzp1: 0b001,
  trn1: 0b010,
  zip1: 0b011,
  uzp2: 0b101,
  trn2: 0b110,
  zip2: 0b111,
} as const satisfies Record<string, number>;

/** Advanced SIMD table lookup: `0 Q 001110 00 0 Rm 0 len op 00 Rn Rd`; op (bit 12): tbx keeps out-of-range lanes of vd. */
export const VEC_TBL = { tbl: 0, tbx: 1 } as const satisfies Record<string, Bit>;

/**
 * Advanced SIMD modified immediate: `0 Q op 0111100000 abc cmode o2=0 1 defgh Rd`. `op` is the
 * op bit and `x` the low bit of cmode for the shifted forms: cmode 0xx(x) for 32-bit elements
 * shifted left by 0/8/16/24, 10x(x) for 16-bit elements shifted by 0/8, 110(m) for the
 * shifting-ones forms (msl #8, #16; movi and mvni only), 1110 with op 0 for bytes and op 1 for
 * the 64-bit byte mask (movi only).
 */
export const VEC_IMM = {
  movi: { op: 0, x: 0, arrs: 'all' },
  mvni: { op: 1, x: 0, arrs: 'hs' },
  orr: { op: 0, x: 1, arrs: 'hs' },
  bic: { op: 1, x: 1, arrs: 'hs' },
} as const satisfies Record<string, { readonly op: Bit; readonly x: Bit; readonly arrs: ArrClass }>;

/**
 * Advanced SIMD copy: `0 Q op 01110000 imm5 0 imm4 1 Rn Rd`; imm5 = index:1:0..0 (the lowest
 * set bit gives the element size). `imm4` of ins (element) is the source index, shifted.
 */
export const VEC_COPY = {
  dup_elem: { op: 0, imm4: 0b0000 },
  dup_gpr: { op: 0, imm4: 0b0001 },
  ins_gpr: { op: 0, imm4: 0b0011 },
  smov: { op: 0, imm4: 0b0101 },
  umov: { op: 0, imm4: 0b0111 },
  ins_elem: { op: 1, imm4: 0b0000 },
} as const satisfies Record<string, { readonly op: Bit; readonly imm4: number }>;

/** Advanced SIMD load/store structures: L (bit 22), 1 loads. */
export const VEC_LDST = { st1: 0, ld1: 1 } as const satisfies Record<string, Bit>;

/** Load/store multiple structures, one-element structures: opcode (bits 15-12) by register count. */
export const LDST_MULTI_OPCODE: Readonly<Record<1 | 2 | 3 | 4, number>> = { 1: 0b0111, 2: 0b1010, 3: 0b0110, 4: 0b0010 };

/**
 * Load/store single structure, one lane: opcode (bits 15-13) and the size field's fixed low
 * bits per element; Q:S:size hold the index (b: index = Q:S:size, h: Q:S:size<1>, s: Q:S,
 * d: Q). ld1r (replicate) is opcode 110 with S = 0 and size = the element size.
 */
export const LDST_LANE: Readonly<Record<'b' | 'h' | 's' | 'd', { readonly opcode: number; readonly size: number }>> = {
  b: { opcode: 0b000, size: 0b00 },
  h: { opcode: 0b010, size: 0b00 },
  s: { opcode: 0b100, size: 0b00 },
  d: { opcode: 0b100, size: 0b01 },
};
export const LD1R_OPCODE = 0b110;

/** FMOV (general) to or from the top half of a vector (Vd.D[1]): sf 1, ftype 10, rmode 01, opcode 111 (to) or 110 (from). */
export const FMOV_TOP = { toVec: 0b111, fromVec: 0b110 } as const;
