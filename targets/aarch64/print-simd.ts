/**
 * Prints the Advanced SIMD (NEON) instructions exactly as `aarch64-linux-gnu-objdump -d` (GNU
 * binutils 2.40) does, for print.ts's dispatch:
 * - vector operands as `v3.4s`, lanes as `v3.s[1]`, across-lane results as scalar registers;
 * - register lists as `{v1.16b, v2.16b}`, or `{v1.16b-v3.16b}` for three or four registers
 *   that do not wrap past v31;
 * - the `2` suffix of forms that read or write the high half (Q = 1: xtn2, smull2, sshll2, ...);
 * - objdump's preferred aliases: `mov` for orr vd, vn, vn, for ins and for umov of s and d
 *   lanes; `mvn` for not; `sxtl`/`uxtl` for sshll/ushll #0;
 * - immediates in hex, shift amounts, ext positions and post-index offsets in decimal,
 *   floating-point immediates as `%.18e`.
 */

import { ARRS, ELEM_BITS, nextVreg, pairOf, wideOf, type VArr, type VElem } from './arrangement.js';
import { expandFpImm } from './imm.js';
import { expandMask64 } from './imm-simd.js';
import type { InstOf } from './inst.js';
import type { RegCount, SimdKind } from './inst-simd.js';
import type { VecAddr } from './operands.js';
import type { PrintContext } from './print.js';
import { fpText, hex, line } from './print-text.js';
import { gprName, vName, type GprZr, type Vreg } from './regs.js';
import { VEC3_DIFF, VEC_ACROSS, VEC_MISC, VEC_SHIFT, type VecMiscRow, type VecShiftRow } from './tables-simd.js';

type SimdPrinters = { readonly [K in SimdKind]: (i: InstOf<K>, c: PrintContext) => string };

/** A vector operand: v3.4s. */
const vec = (v: Vreg, arr: VArr): string => `v${v}.${arr}`;

/** A lane operand: v3.s[1]. */
const lane = (v: Vreg, elem: VElem, index: number): string => `v${v}.${elem}[${index}]`;

/** The mnemonic with `2` when the narrow operand is the high half (Q = 1). */
const two = (op: string, arr: VArr): string => (ARRS[arr].q === 1 ? `${op}2` : op);

/** A general register sized for an element: x for d elements, else w. */
const gprFor = (r: GprZr, elem: VElem): string => gprName(r, elem === 'd' ? 64 : 32);

/** `count` consecutive registers from `first` with a suffix (`.16b` or `.s`), as objdump lists them. */
function regList(first: Vreg, count: RegCount, suffix: string): string {
  if (count >= 3 && first + count - 1 <= 31) return `{v${first}${suffix}-v${first + count - 1}${suffix}}`;
  const regs: string[] = [];
  for (let k = 0; k < count; k++) regs.push(`v${nextVreg(first, k)}${suffix}`);
  return `{${regs.join(', ')}}`;
}

/** A structure load/store address; `bytes` is the post-index immediate (the bytes transferred). */
function structAddress(a: VecAddr, bytes: number): string {
  const base = `[${gprName(a.base, 64)}]`;
  switch (a.mode) {
    case 'base':
      return base;
    case 'post_imm':
      return `${base}, #${bytes}`;
    case 'post_reg':
      return `${base}, ${gprName(a.index, 64)}`;
  }
}

function printMisc(i: InstOf<'vec_misc'>): string {
  const row: VecMiscRow = VEC_MISC[i.op];
  const name = row.print ?? i.op;
  switch (row.shape) {
    case 'same':
      return line(name, vec(i.rd, i.arr), vec(i.rn, i.arr));
    case 'zero':
      return line(name, vec(i.rd, i.arr), vec(i.rn, i.arr), typeof row.size === 'object' && 'fp' in row.size ? '#0.0' : '#0');
    case 'narrow':
      return line(two(name, i.arr), vec(i.rd, i.arr), vec(i.rn, wideOf(i.arr)));
    case 'widen':
      return line(two(name, i.arr), vec(i.rd, wideOf(i.arr)), vec(i.rn, i.arr));
    case 'pairlong':
      return line(name, vec(i.rd, pairOf(i.arr)), vec(i.rn, i.arr));
    case 'shll':
      return line(two(name, i.arr), vec(i.rd, wideOf(i.arr)), vec(i.rn, i.arr), `#${ELEM_BITS[ARRS[i.arr].elem]}`);
  }
}

function printAcross(i: InstOf<'vec_across'>): string {
  const bits = ELEM_BITS[ARRS[i.arr].elem];
  return line(i.op, vName(i.rd, VEC_ACROSS[i.op].long ? ((bits * 2) as 16 | 32 | 64) : bits), vec(i.rn, i.arr));
}

function printDiff(i: InstOf<'vec3_diff'>): string {
  const wide = wideOf(i.arr);
  const name = two(i.op, i.arr);
  switch (VEC3_DIFF[i.op].shape) {
    case 'long':
      return line(name, vec(i.rd, wide), vec(i.rn, i.arr), vec(i.rm, i.arr));
    case 'wide':
      return line(name, vec(i.rd, wide), vec(i.rn, wide), vec(i.rm, i.arr));
    case 'narrow':
      return line(name, vec(i.rd, i.arr), vec(i.rn, wide), vec(i.rm, wide));
  }
}

function printShift(i: InstOf<'vec_shift'>): string {
  const row: VecShiftRow = VEC_SHIFT[i.op];
  const amount = `#${i.shift}`;
  switch (row.shape) {
    case 'right':
    case 'left':
      return line(i.op, vec(i.rd, i.arr), vec(i.rn, i.arr), amount);
    case 'long':
      if (i.shift === 0 && row.zeroAlias !== undefined) return line(two(row.zeroAlias, i.arr), vec(i.rd, wideOf(i.arr)), vec(i.rn, i.arr));
      return line(two(i.op, i.arr), vec(i.rd, wideOf(i.arr)), vec(i.rn, i.arr), amount);
    case 'narrow':
      return line(two(i.op, i.arr), vec(i.rd, i.arr), vec(i.rn, wideOf(i.arr)), amount);
  }
}

function printMovi(i: InstOf<'vec_movi'>): string {
  if (ARRS[i.arr].elem === 'd') {
    const value = `#${hex(expandMask64(i.imm8))}`;
    return i.arr === '1d' ? line(i.op, vName(i.rd, 64), value) : line(i.op, vec(i.rd, i.arr), value);
  }
  const amount = i.amount ?? 0;
  const shift = amount === 0 ? [] : [`${i.shift ?? 'lsl'} #${amount}`];
  return line(i.op, vec(i.rd, i.arr), `#${hex(i.imm8)}`, ...shift);
}

export const SIMD_PRINTERS: SimdPrinters = {
  vec3: (i) =>
    i.op === 'orr' && i.rn === i.rm ? line('mov', vec(i.rd, i.arr), vec(i.rn, i.arr)) : line(i.op, vec(i.rd, i.arr), vec(i.rn, i.arr), vec(i.rm, i.arr)),
  vec_misc: printMisc,
  vec_across: printAcross,
  vec3_diff: printDiff,
  vec_shift: printShift,
  vec_perm: (i) => line(i.op, vec(i.rd, i.arr), vec(i.rn, i.arr), vec(i.rm, i.arr)),
  vec_ext: (i) => line('ext', vec(i.rd, i.arr), vec(i.rn, i.arr), vec(i.rm, i.arr), `#${i.index}`),
  vec_tbl: (i) => line(i.op, vec(i.rd, i.arr), regList(i.rn, i.count, '.16b'), vec(i.rm, i.arr)),
  vec_dup_elem: (i) => line('dup', vec(i.rd, i.arr), lane(i.rn, ARRS[i.arr].elem, i.index)),
  vec_dup_gpr: (i) => line('dup', vec(i.rd, i.arr), gprFor(i.rn, ARRS[i.arr].elem)),
  vec_ins_elem: (i) => line('mov', lane(i.rd, i.elem, i.index), lane(i.rn, i.elem, i.srcIndex)),
  vec_ins_gpr: (i) => line('mov', lane(i.rd, i.elem, i.index), gprFor(i.rn, i.elem)),
  vec_umov: (i) => line(i.elem === 's' || i.elem === 'd' ? 'mov' : 'umov', gprFor(i.rd, i.elem), lane(i.rn, i.elem, i.index)),
  vec_smov: (i) => line('smov', gprName(i.rd, i.w), lane(i.rn, i.elem, i.index)),
  vec_movi: printMovi,
  vec_fmov_imm: (i) => line('fmov', vec(i.rd, i.arr), fpText(expandFpImm(i.imm))),
  vec_ldst_multi: (i) =>
    line(i.op, regList(i.rt, i.count, `.${i.arr}`), structAddress(i.addr, i.count * (ARRS[i.arr].q === 1 ? 16 : 8))),
  vec_ldst_lane: (i) => line(i.op, `{v${i.rt}.${i.elem}}[${i.index}]`, structAddress(i.addr, ELEM_BITS[i.elem] / 8)),
  vec_ld1r: (i) => line('ld1r', `{${vec(i.rt, i.arr)}}`, structAddress(i.addr, ELEM_BITS[ARRS[i.arr].elem] / 8)),
  fmov_to_top: (i) => line('fmov', lane(i.rd, 'd', 1), gprName(i.rn, 64)),
  fmov_from_top: (i) => line('fmov', gprName(i.rd, 64), lane(i.rn, 'd', 1)),
};
