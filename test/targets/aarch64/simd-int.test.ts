/**
 * The AArch64 lowering of the integer lane operations and bitwise v128 operations
 * (targets/aarch64/rules/simd-int.ts): each row compiled alone gives exactly the expected
 * packed NEON instructions (operands swapped for lt/le, `mvn` after `cmeq` for ne, counts modulo
 * the lane width, negated counts for right shifts by a register), every emitted word agrees with
 * aarch64-linux-gnu-objdump, and the two named sequences with a choice of registers (bitselect
 * whichever register the destination shares; i64x2.mul) compute wasm's result on a small model
 * of the instructions they use. Execution under qemu is the spec suite on the integer SIMD
 * scripts (docs/simd.md).
 */

import { describe, expect, it } from 'vitest';
import { parseWat } from '../../../formats/wat/index.js';
import type { Module } from '../../../formats/wasm/types.js';
import { Frontend } from '../../../compiler/frontend/index.js';
import { PassContext } from '../../../compiler/passes/context.js';
import { optimize } from '../../../compiler/passes/pipeline.js';
import { Allocation, Allocator, checkAllocation } from '../../../compiler/regalloc/index.js';
import { aarch64Target } from '../../../targets/aarch64/target.js';
import { nativeV128Use } from '../../../targets/compile.js';
import { bitselect, mul64, SIMD_INT_ROWS } from '../../../targets/aarch64/rules/simd-int.js';
import type { Inst } from '../../../targets/aarch64/inst.js';
import { vreg, type Vreg } from '../../../targets/aarch64/regs.js';
import { objdump } from './objdump.js';

interface Compiled {
  readonly code: Uint8Array;
  /** [offset, text] of every instruction */
  readonly lines: readonly (readonly [number, string])[];
}

const LINE = /^ *([0-9a-f]+):  (.*)$/;

function compileAll(m: Module): Compiled[] {
  const target = aarch64Target();
  const out: Compiled[] = [];
  for (let d = 0; d < m.funcs.length; d++) {
    const f = new Frontend().translate(m, d, { interrupts: false, bounds: 'none', verify: true });
    optimize(f, new PassContext());
    const lowered = target.lower(f);
    const alloc = new Allocation();
    new Allocator().allocate(lowered.m, target.env, alloc);
    checkAllocation(lowered.m, target.env, alloc);
    const e = target.emit(f, lowered, alloc, d, { listing: true, faultSites: true });
    const lines = (e.listing ?? []).map((l) => {
      const x = LINE.exec(l);
      if (x === null) throw new Error(`bad listing line ${l}`);
      return [parseInt(x[1]!, 16), x[2]!.trimEnd()] as const;
    });
    out.push({ code: e.compiled.code, lines });
  }
  return out;
}

/** the instructions between the stack check and the epilogue */
function body(c: Compiled): string[] {
  const texts = c.lines.map(([, t]) => t);
  const from = texts.findIndex((t) => t.startsWith('b.cc\t'));
  const to = texts.findIndex((t) => t === 'mov\tsp, x29');
  return texts.slice(from + 1, to);
}

// ---- the expected instructions, row by row (a in v0, b in v1, c in v2, an i32 in w1; result v0) ----

const ARR: Readonly<Record<string, string>> = { i8x16: '16b', i16x8: '8h', i32x4: '4s', i64x2: '2d' };
const BITS: Readonly<Record<string, number>> = { i8x16: 8, i16x8: 16, i32x4: 32, i64x2: 64 };

const three = (mn: string, t: string, swap = false): string => `${mn}\tv0.${t}, ${swap ? `v1.${t}, v0.${t}` : `v0.${t}, v1.${t}`}`;

interface Case {
  readonly row: string;
  /** the operation's WAT, operands included */
  readonly wat: string;
  readonly expect: readonly string[];
}

function cases(): Case[] {
  const out: Case[] = [];
  const two = (row: string, expect: readonly string[]): void => void out.push({ row, wat: `(${row} (local.get 0) (local.get 1))`, expect });
  const one = (row: string, expect: readonly string[]): void => void out.push({ row, wat: `(${row} (local.get 0))`, expect });
  two('v128.and', [three('and', '16b')]);
  two('v128.or', [three('orr', '16b')]);
  two('v128.xor', [three('eor', '16b')]);
  two('v128.andnot', [three('bic', '16b')]);
  one('v128.not', ['mvn\tv0.16b, v0.16b']);
  one('i8x16.popcnt', ['cnt\tv0.16b, v0.16b']);
  out.push({ row: 'v128.bitselect', wat: '(v128.bitselect (local.get 0) (local.get 1) (local.get 2))', expect: ['bif\tv0.16b, v1.16b, v2.16b'] });
  for (const s of ['i8x16', 'i16x8', 'i32x4', 'i64x2']) {
    const t = ARR[s]!;
    const narrow = s !== 'i64x2';
    const sat = s === 'i8x16' || s === 'i16x8';
    two(`${s}.add`, [three('add', t)]);
    two(`${s}.sub`, [three('sub', t)]);
    one(`${s}.neg`, [`neg\tv0.${t}, v0.${t}`]);
    one(`${s}.abs`, [`abs\tv0.${t}, v0.${t}`]);
    if (s === 'i16x8' || s === 'i32x4') two(`${s}.mul`, [three('mul', t)]);
    two(`${s}.eq`, [three('cmeq', t)]);
    two(`${s}.ne`, [three('cmeq', t), 'mvn\tv0.16b, v0.16b']);
    two(`${s}.gt_s`, [three('cmgt', t)]);
    two(`${s}.lt_s`, [three('cmgt', t, true)]);
    two(`${s}.ge_s`, [three('cmge', t)]);
    two(`${s}.le_s`, [three('cmge', t, true)]);
    if (narrow) {
      two(`${s}.gt_u`, [three('cmhi', t)]);
      two(`${s}.lt_u`, [three('cmhi', t, true)]);
      two(`${s}.ge_u`, [three('cmhs', t)]);
      two(`${s}.le_u`, [three('cmhs', t, true)]);
      for (const [op, mn] of [['min_s', 'smin'], ['min_u', 'umin'], ['max_s', 'smax'], ['max_u', 'umax']] as const) two(`${s}.${op}`, [three(mn, t)]);
    }
    if (sat) {
      for (const [op, mn] of [['add_sat_s', 'sqadd'], ['add_sat_u', 'uqadd'], ['sub_sat_s', 'sqsub'], ['sub_sat_u', 'uqsub'], ['avgr_u', 'urhadd']] as const) {
        two(`${s}.${op}`, [three(mn, t)]);
      }
    }
    const bits = BITS[s]!;
    const gpr = s === 'i64x2' ? 'x16' : 'w16';
    for (const [op, imm, reg] of [['shl', 'shl', 'ushl'], ['shr_u', 'ushr', 'ushl'], ['shr_s', 'sshr', 'sshl']] as const) {
      const row = `${s}.${op}`;
      const negate = op === 'shl' ? [] : ['neg\tw16, w16'];
      out.push({ row, wat: `(${row} (local.get 0) (local.get 3))`, expect: [`and\tw16, w1, #0x${(bits - 1).toString(16)}`, ...negate, `dup\tv31.${t}, ${gpr}`, `${reg}\tv0.${t}, v0.${t}, v31.${t}`] });
      // counts modulo the lane width: bits + 3 is 3, -1 is bits - 1, bits is no shift at all
      out.push({ row, wat: `(${row} (local.get 0) (i32.const ${bits + 3}))`, expect: [`${imm}\tv0.${t}, v0.${t}, #3`] });
      out.push({ row, wat: `(${row} (local.get 0) (i32.const -1))`, expect: [`${imm}\tv0.${t}, v0.${t}, #${bits - 1}`] });
      out.push({ row, wat: `(${row} (local.get 0) (i32.const ${bits}))`, expect: [] });
    }
  }
  out.push({
    row: 'i64x2.mul',
    wat: '(i64x2.mul (local.get 0) (local.get 1))',
    expect: ['rev64\tv2.4s, v1.4s', 'mul\tv2.4s, v2.4s, v0.4s', 'xtn\tv31.2s, v0.2d', 'xtn\tv3.2s, v1.2d', 'uaddlp\tv0.2d, v2.4s', 'shl\tv0.2d, v0.2d, #32', 'umlal\tv0.2d, v31.2s, v3.2s'],
  });
  return out;
}

const CASES = cases();
const MODULE = parseWat(`(module\n${CASES.map((c) => `  (func (param v128 v128 v128 i32) (result v128) ${c.wat})`).join('\n')}\n)`);

describe('AArch64 integer SIMD lowering (rules/simd-int.ts)', () => {
  const compiled = compileAll(MODULE);

  it('lowers every integer lane and bitwise row, and the module passes the v128 gate', () => {
    expect(new Set(CASES.map((c) => c.row))).toEqual(new Set(SIMD_INT_ROWS));
    expect(nativeV128Use(MODULE, 'aarch64')).toBeNull();
  });

  it('emits exactly the expected packed instructions for each row', () => {
    const wrong: string[] = [];
    CASES.forEach((c, k) => {
      const got = body(compiled[k]!);
      if (JSON.stringify(got) !== JSON.stringify(c.expect)) wrong.push(`${c.wat}:\n  got      ${got.join(' ; ')}\n  expected ${c.expect.join(' ; ')}`);
    });
    expect(wrong).toEqual([]);
  });

  it('every emitted instruction agrees with aarch64-linux-gnu-objdump', () => {
    const problems: string[] = [];
    let n = 0;
    CASES.forEach((c, k) => {
      const fn = compiled[k]!;
      const theirs = new Map(objdump(fn.code).map((l) => [l.offset, l.text.replace(/\t\/\/ .*$/, '').replace(/ +\/\/ b\..*$/, '').trimEnd()]));
      for (const [off, text] of fn.lines) {
        n++;
        const ours = text.replace(/\t\/\/ .*$/, '').replace(/ +\/\/ b\..*$/, '').trimEnd();
        if (theirs.get(off) !== ours) problems.push(`${c.wat} @${off.toString(16)}: ours ${ours}, objdump ${theirs.get(off)}`);
      }
    });
    expect(problems).toEqual([]);
    expect(n).toBeGreaterThan(CASES.length * 10);
  });
});

// ---- a model of the few instructions the register-dependent sequences use ----

const M128 = (1n << 128n) - 1n;

/** lane k of `bits` bits of x */
const lane = (x: bigint, bits: number, k: number): bigint => (x >> BigInt(bits * k)) & ((1n << BigInt(bits)) - 1n);

function lanes(bits: number, n: number, f: (k: number) => bigint): bigint {
  let v = 0n;
  for (let k = 0; k < n; k++) v |= BigInt.asUintN(bits, f(k)) << BigInt(bits * k);
  return v;
}

/** runs `insts` on register file `r` (v0..v31 as 128-bit values) */
function run(insts: readonly Inst[], r: bigint[]): void {
  for (const i of insts) {
    const get = (v: Vreg): bigint => r[v]!;
    let out: bigint;
    switch (i.kind) {
      case 'vec3': {
        const d = get(i.rd);
        const n = get(i.rn);
        const m = get(i.rm);
        if (i.op === 'orr') out = n | m;
        else if (i.op === 'bsl') out = (d & n) | (~d & m);
        else if (i.op === 'bit') out = (d & ~m) | (n & m);
        else if (i.op === 'bif') out = (d & m) | (n & ~m);
        else if (i.op === 'mul' && i.arr === '4s') out = lanes(32, 4, (k) => lane(n, 32, k) * lane(m, 32, k));
        else throw new Error(`model: no vec3 ${i.op}`);
        break;
      }
      case 'vec_misc': {
        const n = get(i.rn);
        if (i.op === 'rev64' && i.arr === '4s') out = lanes(32, 4, (k) => lane(n, 32, k ^ 1));
        else if (i.op === 'xtn' && i.arr === '2s') out = lanes(32, 2, (k) => lane(n, 64, k));
        else if (i.op === 'uaddlp' && i.arr === '4s') out = lanes(64, 2, (k) => lane(n, 32, 2 * k) + lane(n, 32, 2 * k + 1));
        else throw new Error(`model: no vec_misc ${i.op}`);
        break;
      }
      case 'vec_shift':
        if (i.op !== 'shl' || i.arr !== '2d') throw new Error(`model: no vec_shift ${i.op}`);
        out = lanes(64, 2, (k) => lane(get(i.rn), 64, k) << BigInt(i.shift));
        break;
      case 'vec3_diff': {
        if (i.op !== 'umlal' || i.arr !== '2s') throw new Error(`model: no vec3_diff ${i.op}`);
        const d = get(i.rd);
        out = lanes(64, 2, (k) => lane(d, 64, k) + lane(get(i.rn), 32, k) * lane(get(i.rm), 32, k));
        break;
      }
      default:
        throw new Error(`model: no ${i.kind}`);
    }
    r[i.rd] = out & M128;
  }
}

/** deterministic pseudo-random 128-bit values with edge lanes mixed in */
function values(n: number): bigint[] {
  let s = 0x9e3779b97f4a7c15n;
  const next = (): bigint => {
    s = BigInt.asUintN(64, s * 6364136223846793005n + 1442695040888963407n);
    return s;
  };
  const edges = [0n, M128, 1n, 1n << 127n, (1n << 64n) - 1n, 0x8000000000000000_8000000000000000n, 0xffffffff_00000001_ffffffff_00000001n];
  const out = [...edges];
  while (out.length < n) out.push((next() << 64n) | next());
  return out;
}

describe('the register-dependent sequences compute wasm results', () => {
  const v = [0, 1, 2, 3, 4].map((k) => vreg(k));

  it('bitselect is v1 & c | v2 & ~c whichever operand the destination shares', () => {
    const [a, b, c, d] = [v[0]!, v[1]!, v[2]!, v[3]!];
    // destination: c, v2, v1, a fresh register; and operands sharing registers
    const layouts: [Vreg, Vreg, Vreg, Vreg][] = [[c, a, b, c], [b, a, b, c], [a, a, b, c], [d, a, b, c], [a, a, a, c], [c, a, c, c], [a, a, b, a], [b, a, b, b]];
    const xs = values(40);
    for (const [rd, r1, r2, rc] of layouts) {
      for (let k = 0; k + 2 < xs.length; k++) {
        const r = Array.from({ length: 32 }, () => 0x5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5an);
        r[r1] = xs[k]!;
        r[r2] = r2 === r1 ? xs[k]! : xs[k + 1]!;
        r[rc] = rc === r1 ? r[r1]! : rc === r2 ? r[r2]! : xs[k + 2]!;
        const [x1, x2, xc] = [r[r1]!, r[r2]!, r[rc]!];
        run(bitselect(rd, r1, r2, rc), r);
        expect(r[rd]).toBe((x1 & xc) | (x2 & ~xc & M128));
      }
    }
  });

  it('i64x2.mul is the product modulo 2^64 in each lane, with the destination on either operand', () => {
    const [a, b, t1, t2, d] = [v[0]!, v[1]!, v[2]!, v[3]!, v[4]!];
    const xs = values(60);
    for (const rd of [a, b, d]) {
      for (let k = 0; k + 1 < xs.length; k++) {
        const r = Array.from({ length: 32 }, () => 0n);
        r[a] = xs[k]!;
        r[b] = xs[k + 1]!;
        const want = lanes(64, 2, (j) => lane(xs[k]!, 64, j) * lane(xs[k + 1]!, 64, j));
        run(mul64(rd, a, b, t1, t2), r);
        expect(r[rd]).toBe(want);
      }
    }
  });
});
