/**
 * The constant materialiser: for random and structured 64- and 32-bit values, the sequence's
 * effect (movz/movn/movk/orr simulated here) is the value, it has at most four (two)
 * instructions, one wherever one suffices, and every instruction encodes.
 */

import { describe, expect, it } from 'vitest';
import { Assembler } from '../../../targets/aarch64/asm.js';
import { decodeLogicalImm, isLogicalImm } from '../../../targets/aarch64/imm.js';
import type { Inst } from '../../../targets/aarch64/inst.js';
import { materialize } from '../../../targets/aarch64/materialize.js';
import { X0, X9, XZR, type W } from '../../../targets/aarch64/regs.js';

/**
 * What the sequence leaves in its register, from the Arm ARM's description of each
 * instruction; a string says what is wrong with the sequence instead.
 */
function simulate(seq: readonly Inst[], w: W): bigint | string {
  const mask = (1n << BigInt(w)) - 1n;
  let v: bigint | null = null;
  for (const i of seq) {
    if (!('w' in i) || i.w !== w || !('rd' in i) || i.rd !== X9) return `width or register of ${JSON.stringify(i)}`;
    if (i.kind === 'mov_wide') {
      const chunk = BigInt(i.imm) << BigInt(i.shift);
      if (i.op === 'movz') v = chunk;
      else if (i.op === 'movn') v = ~chunk & mask;
      else if (v === null) return 'movk before the register was set';
      else v = (v & ~(0xffffn << BigInt(i.shift)) & mask) | chunk;
    } else if (i.kind === 'logic_imm' && i.op === 'orr' && i.rn === XZR) {
      v = decodeLogicalImm(i.imm, w);
    } else {
      return `unexpected ${i.kind}`;
    }
  }
  return v ?? 'empty sequence';
}

function rng(seed: bigint): () => bigint {
  let s = seed;
  return () => {
    s ^= s >> 12n;
    s ^= (s << 25n) & 0xffffffffffffffffn;
    s ^= s >> 27n;
    return (s * 0x2545f4914f6cdd1dn) & 0xffffffffffffffffn;
  };
}

/** Values whose 16-bit chunks are drawn from 0, 0xffff, a repeated chunk and random ones. */
function structured(next: () => bigint): bigint {
  const pick = next();
  const same = next() & 0xffffn;
  let v = 0n;
  for (let k = 0; k < 4; k++) {
    const sel = (pick >> BigInt(2 * k)) & 3n;
    const chunk = sel === 0n ? 0n : sel === 1n ? 0xffffn : sel === 2n ? same : next() & 0xffffn;
    v |= chunk << BigInt(16 * k);
  }
  return v;
}

/** The fewest movz/movn(+movk) instructions, counted from the chunks. */
function wideCount(v: bigint, w: W): number {
  let zero = 0;
  let ones = 0;
  for (let at = 0; at < w; at += 16) {
    const c = (v >> BigInt(at)) & 0xffffn;
    if (c === 0n) zero++;
    if (c === 0xffffn) ones++;
  }
  return Math.max(1, w / 16 - Math.max(zero, ones));
}

/** What is wrong with the sequence for v (empty when nothing), and the sequence. */
function problems(v: bigint, w: W): { seq: Inst[]; bad: string[] } {
  const seq = materialize(X9, v, w);
  const want = BigInt.asUintN(w, v);
  const got = simulate(seq, w);
  const bad: string[] = [];
  const name = `0x${want.toString(16)}/${w}`;
  if (got !== want) bad.push(`${name}: got ${typeof got === 'string' ? got : '0x' + got.toString(16)}`);
  if (seq.length > (w === 64 ? 4 : 2)) bad.push(`${name}: ${seq.length} instructions`);
  if (seq.length > wideCount(want, w)) bad.push(`${name}: longer than movz/movn + movk`);
  if ((isLogicalImm(want, w) || wideCount(want, w) === 1) && seq.length !== 1) bad.push(`${name}: one instruction would do`);
  return { seq, bad };
}

function check(v: bigint, w: W): Inst[] {
  const { seq, bad } = problems(v, w);
  expect(bad).toEqual([]);
  return seq;
}

describe('constant materialisation', () => {
  it('picks one instruction where one suffices: movz, movn or orr', () => {
    const kinds = (v: bigint, w: W): string[] => check(v, w).map((i) => (i.kind === 'mov_wide' ? `${i.op}#${i.shift}` : i.kind));
    expect(kinds(0n, 64)).toEqual(['movz#0']);
    expect(kinds(-1n, 64)).toEqual(['movn#0']);
    expect(kinds(-1n, 32)).toEqual(['movn#0']);
    expect(kinds(0x12340000n, 64)).toEqual(['movz#16']);
    expect(kinds(0xffff_1234_ffff_ffffn, 64)).toEqual(['movn#32']);
    expect(kinds(0x5555_5555_5555_5555n, 64)).toEqual(['logic_imm']);
    expect(kinds(0x00ff_00ffn, 32)).toEqual(['logic_imm']);
    expect(kinds(0xffff_0000n, 32)).toEqual(['movz#16']);
  });

  it('uses orr + movk when a bitmask agrees with all but one or two chunks', () => {
    expect(check(0x5555_5555_5555_1234n, 64).map((i) => i.kind)).toEqual(['logic_imm', 'mov_wide']);
    expect(check(0x1234_00ff_00ff_5678n, 64).map((i) => i.kind)).toEqual(['logic_imm', 'mov_wide', 'mov_wide']);
    expect(check(0x1234_5678_9abc_def0n, 64).length).toBe(4);
    expect(check(0xffff_ffff_1234_5678n, 64).map((i) => (i.kind === 'mov_wide' ? i.op : i.kind))).toEqual(['movn', 'movk']);
  });

  it('builds every random 64-bit and 32-bit value exactly, in at most four and two instructions', () => {
    const next = rng(0x0123456789abcdefn);
    const counts = [0, 0, 0, 0, 0];
    const bad: string[] = [];
    for (let k = 0; k < 10000 && bad.length < 20; k++) {
      const v = k % 2 === 0 ? next() : structured(next);
      const r = problems(v, 64);
      counts[r.seq.length]!++;
      bad.push(...r.bad, ...problems(v & 0xffffffffn, 32).bad, ...problems(-v, 64).bad);
    }
    expect(bad).toEqual([]);
    // every length occurs: the search is not degenerate
    expect(counts.slice(1).every((c) => c > 0)).toBe(true);
  });

  it('every instruction of a sequence encodes', () => {
    const asm = new Assembler();
    const next = rng(42n);
    for (let k = 0; k < 500; k++) for (const i of materialize(X0, structured(next), 64)) asm.emit(i);
    expect(asm.finish().code.length).toBeGreaterThan(500 * 4);
  });
});
