/**
 * Materialising a constant into a general-purpose register: the shortest sequence of
 * movz/movn/movk and orr (bitmask immediate) that leaves exactly `value` in `rd`.
 *
 * The candidates, cheapest first:
 * 1. one movz (at most one non-zero 16-bit chunk) or one movn (at most one chunk that is not
 *    0xffff);
 * 2. one `orr rd, zr, #imm` when the value is a bitmask immediate;
 * 3. orr of a bitmask immediate that agrees with the value except in k chunks, then k movk
 *    (tried only while it beats 4.; the disagreeing chunks are filled from the value's other
 *    chunks, 0 or 0xffff, which covers the repeating patterns a bitmask can hold);
 * 4. movz then a movk per further non-zero chunk, or movn then a movk per further chunk that
 *    is not 0xffff, whichever is shorter.
 * A 64-bit value therefore never takes more than four instructions, a 32-bit one two.
 * Pure: it returns instructions and emits nothing. Chunks are plain numbers and the bitmask
 * check works on 32-bit halves, so a constant costs no bigint arithmetic beyond splitting it.
 */

import { encodeLogicalHalves, imm16, type LogicalImm32, type LogicalImm64 } from './imm.js';
import type { Inst, MovWideOp } from './inst.js';
import { XZR, type Gpr, type W } from './regs.js';

function moveWide(op: MovWideOp, w: W, rd: Gpr, chunk: number, index: number): Inst {
  const imm = imm16(chunk);
  if (w === 32) return { kind: 'mov_wide', op, w, rd, imm, shift: (index * 16) as 0 | 16 };
  return { kind: 'mov_wide', op, w, rd, imm, shift: (index * 16) as 0 | 16 | 32 | 48 };
}

function orrImm(w: W, rd: Gpr, enc: number): Inst {
  if (w === 32) return { kind: 'logic_imm', op: 'orr', w, rd, rn: XZR, imm: enc as LogicalImm32 };
  return { kind: 'logic_imm', op: 'orr', w, rd, rn: XZR, imm: enc as LogicalImm64 };
}

/** The bitmask encoding of 16-bit chunks (2 for 32 bits, 4 for 64), or -1. */
function logicalOf(c: readonly number[]): number {
  const lo = ((c[1]! << 16) | c[0]!) >>> 0;
  // a 32-bit pattern is checked as itself replicated: the same encoding (N = 0) or none
  if (c.length === 2) return encodeLogicalHalves(lo, lo);
  return encodeLogicalHalves(((c[3]! << 16) | c[2]!) >>> 0, lo);
}

/** movz + movk (skip = 0) or movn + movk (skip = 0xffff) over the chunks that are not `skip`. */
function wideSequence(w: W, rd: Gpr, chunks: readonly number[], skip: 0 | 0xffff): Inst[] {
  const out: Inst[] = [];
  for (let k = 0; k < chunks.length; k++) {
    const c = chunks[k]!;
    if (c === skip) continue;
    if (out.length === 0) out.push(moveWide(skip === 0 ? 'movz' : 'movn', w, rd, skip === 0 ? c : ~c & 0xffff, k));
    else out.push(moveWide('movk', w, rd, c, k));
  }
  if (out.length === 0) out.push(moveWide(skip === 0 ? 'movz' : 'movn', w, rd, 0, 0)); // every chunk is `skip`
  return out;
}

/** The sets of chunk indexes orr + movk may replace, by their size (64-bit values only). */
const REPLACED: readonly (readonly (readonly number[])[])[] = [
  [],
  [[0], [1], [2], [3]],
  [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]],
];

/** orr #base then movk for the chunks where base differs, if some base needs at most `k` movk. */
function orrThenMovk(w: W, rd: Gpr, chunks: readonly number[], k: number): Inst[] | null {
  const trial = chunks.slice();
  for (const replaced of REPLACED[k]!) {
    const fillers = [0, 0xffff];
    for (let i = 0; i < chunks.length; i++) if (!replaced.includes(i) && !fillers.includes(chunks[i]!)) fillers.push(chunks[i]!);
    // every assignment of fillers to the replaced chunks
    const total = fillers.length ** replaced.length;
    for (let code = 0; code < total; code++) {
      let rest = code;
      for (const index of replaced) {
        trial[index] = fillers[rest % fillers.length]!;
        rest = Math.floor(rest / fillers.length);
      }
      const enc = logicalOf(trial);
      if (enc < 0) continue;
      const out = [orrImm(w, rd, enc)];
      for (const index of replaced) if (trial[index] !== chunks[index]) out.push(moveWide('movk', w, rd, chunks[index]!, index));
      return out;
    }
    for (const index of replaced) trial[index] = chunks[index]!;
  }
  return null;
}

/** The shortest instruction sequence that sets `rd` to `value` (taken modulo 2^w). */
export function materialize(rd: Gpr, value: bigint, w: W): Inst[] {
  const v = BigInt.asUintN(w, value);
  const lo = Number(v & 0xffffffffn);
  const hi = w === 64 ? Number(v >> 32n) : 0;
  const chunks = w === 64 ? [lo & 0xffff, lo >>> 16, hi & 0xffff, hi >>> 16] : [lo & 0xffff, lo >>> 16];
  const viaMovz = wideSequence(w, rd, chunks, 0);
  const viaMovn = wideSequence(w, rd, chunks, 0xffff);
  const wide = viaMovn.length < viaMovz.length ? viaMovn : viaMovz;
  if (wide.length === 1) return wide;
  const enc = logicalOf(chunks);
  if (enc >= 0) return [orrImm(w, rd, enc)];
  for (let k = 1; k + 1 < wide.length; k++) {
    const seq = orrThenMovk(w, rd, chunks, k);
    if (seq !== null) return seq;
  }
  return wide;
}
