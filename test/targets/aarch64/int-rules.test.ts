/**
 * The integer rules' constant loader (rules/int.ts movConst): its bigint-free path for 32-bit
 * values chooses exactly what materialize.ts chooses (the same instructions), for structured
 * and random values, and 64-bit values go through materialize.ts itself.
 */

import { describe, expect, it } from 'vitest';
import { Assembler } from '../../../targets/aarch64/asm.js';
import { materialize } from '../../../targets/aarch64/materialize.js';
import { X3, type Gpr } from '../../../targets/aarch64/regs.js';
import type { EmitCtx } from '../../../targets/aarch64/rules/rule.js';
import { movConst } from '../../../targets/aarch64/rules/int.js';

function listing(emit: (a: Assembler) => void): string[] {
  const a = new Assembler({ listing: true });
  emit(a);
  a.finish();
  return a.listing().map((l) => l.text);
}

const ctxOf = (a: Assembler): EmitCtx => ({ asm: a }) as unknown as EmitCtx;

function values32(): number[] {
  const out = [0, 1, 0xffff, 0x10000, 0xffff0000, 0xffffffff, 0x80000000, 0x7fffffff, 0xfffe, 0x1ffff, 0xffff1234, 0x1234ffff, 0x00ff00ff, 0x55555555, 0x12340000];
  let seed = 12345;
  const rnd = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed;
  };
  for (let k = 0; k < 5000; k++) {
    const r = rnd();
    out.push(r, r & 0xffff0000, (r | 0xffff) >>> 0, (r | 0xffff0000) >>> 0);
    const run = (r >>> 27) + 1;
    out.push((((2 ** run - 1) >>> 0) << (r & 31)) >>> 0);
  }
  return out;
}

describe('movConst', () => {
  it('loads a 32-bit value with exactly the instructions materialize.ts chooses', () => {
    for (const v of values32()) {
      const ours = listing((a) => movConst(ctxOf(a), X3 as Gpr, v | 0, 0, 32));
      const theirs = listing((a) => materialize(X3 as Gpr, BigInt(v), 32).forEach((i) => a.emit(i)));
      expect(ours, `0x${v.toString(16)}`).toEqual(theirs);
    }
  });

  it('an i64 with a zero upper half is a 32-bit load (zero-extending); others follow materialize.ts', () => {
    expect(listing((a) => movConst(ctxOf(a), X3 as Gpr, 0x12345678, 0, 64))).toEqual(listing((a) => materialize(X3 as Gpr, 0x12345678n, 32).forEach((i) => a.emit(i))));
    for (const [lo, hi] of [[-1, -1], [-5, -1], [0, 1], [0x1234, 0x5678], [-0x10000, -1], [-0x10001, -1]] as const) {
      const v = (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
      expect(listing((a) => movConst(ctxOf(a), X3 as Gpr, lo, hi, 64)), v.toString(16)).toEqual(listing((a) => materialize(X3 as Gpr, v, 64).forEach((i) => a.emit(i))));
    }
  });
});
