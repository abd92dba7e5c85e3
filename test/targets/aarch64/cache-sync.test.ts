/**
 * The AArch64 cache synchronisation routine (targets/aarch64/cache-sync.ts), as objdump reads
 * it: CTR_EL0's line sizes, dc cvau by data line, dsb ish, ic ivau by instruction line, dsb ish,
 * isb, ret; position independent (pc-relative branches only). It runs under qemu in the
 * AArch64 smoke suite (test/aarch64/suites/smoke.ts).
 */

import { describe, expect, it } from 'vitest';
import { cacheSyncRoutine } from '../../../targets/aarch64/cache-sync.js';
import { objdump } from './objdump.js';

const EXPECTED = [
  'cbz\tx1, 0x5c',
  'mrs\tx3, ctr_el0',
  'mov\tx5, #0x4                   \t// #4',
  'add\tx1, x0, x1',
  'ubfx\tx4, x3, #16, #4',
  'lsl\tx4, x5, x4',
  'sub\tx6, x4, #0x1',
  'bic\tx2, x0, x6',
  'dc\tcvau, x2',
  'add\tx2, x2, x4',
  'cmp\tx2, x1',
  'b.cc\t0x20  // b.lo, b.ul, b.last',
  'dsb\tish',
  'and\tx4, x3, #0xf',
  'lsl\tx4, x5, x4',
  'sub\tx6, x4, #0x1',
  'bic\tx2, x0, x6',
  'ic\tivau, x2',
  'add\tx2, x2, x4',
  'cmp\tx2, x1',
  'b.cc\t0x44  // b.lo, b.ul, b.last',
  'dsb\tish',
  'isb',
  'ret',
];

describe('AArch64 cache synchronisation routine', () => {
  it('cleans by data line, invalidates by instruction line, with the barriers, as objdump reads it', () => {
    expect(objdump(cacheSyncRoutine()).map((l) => l.text)).toEqual(EXPECTED);
  });

  it('returns a fresh copy of the same bytes each call', () => {
    const a = cacheSyncRoutine();
    const before = a.slice();
    a.fill(0);
    expect(cacheSyncRoutine()).toEqual(before);
    expect(cacheSyncRoutine().length).toBe(EXPECTED.length * 4);
  });
});
