/**
 * The engine-generated AArch64 routines (targets/aarch64/trampolines.ts and native.ts): golden
 * listings of each routine for a few signatures, printed by targets/aarch64/print.ts, and the
 * same bytes disassembled by aarch64-linux-gnu-objdump must agree line by line. `BLESS=1`
 * rewrites the golden files (test/targets/aarch64/golden/).
 */

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ValType } from '../../../formats/wasm/types.js';
import { Assembler, type ListingLine } from '../../../targets/aarch64/asm.js';
import { faultHandler, UC_PC, UC_REGS, UC_SP, UC_X30 } from '../../../targets/aarch64/native.js';
import { entryTrampoline, EXIT_SAVED, exitTrampoline, runtimeWrapper, trapRoutine } from '../../../targets/aarch64/trampolines.js';
import { mismatches, wordHex } from './support.js';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), 'golden');

const I32: ValType = 0x7f;
const I64: ValType = 0x7e;
const F32: ValType = 0x7d;
const F64: ValType = 0x7c;
const EXTERN: ValType = 0x6f;
const V128: ValType = 0x7b;

/** signatures: none, mixed registers, and both classes spilling to the stack and to memory results */
const SIGNATURES: ReadonlyArray<readonly [string, readonly ValType[], readonly ValType[]]> = [
  ['void', [], []],
  ['mixed', [I32, I64, F32, F64, EXTERN], [I32, F64, F32]],
  ['stack', [...Array<ValType>(9).fill(I64), ...Array<ValType>(9).fill(F64), I32, F32], [...Array<ValType>(9).fill(I32), ...Array<ValType>(9).fill(F32), I64]],
  // v128: 16-byte buffer slots, ldr q / str q in registers, two 8-byte stack slots past v7
  ['v128', [I32, V128, F64, ...Array<ValType>(8).fill(V128), I64], [V128, I32, ...Array<ValType>(9).fill(V128), F32]],
];

function text(lines: readonly ListingLine[]): string {
  return lines.map((l) => `${l.offset.toString(16).padStart(4, ' ')}:\t${wordHex(l.bytes)}\t${l.text}\n`).join('');
}

/** the routine's listing matches its golden file and objdump's reading of its bytes */
function check(name: string, build: (a: Assembler) => Uint8Array): void {
  const a = new Assembler({ listing: true });
  const code = build(a);
  const lines = a.listing();
  expect(mismatches(lines, code)).toEqual([]);
  const actual = text(lines);
  const path = join(GOLDEN, `${name}.s`);
  if (process.env['BLESS'] === '1' || !existsSync(path)) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('AArch64 engine routines: golden listings checked against objdump', () => {
  for (const [name, params, results] of SIGNATURES) {
    it(`entry trampoline (${name})`, () => check(`entry-${name}`, (a) => entryTrampoline(params, results, a)));
    it(`exit trampoline (${name})`, () => check(`exit-${name}`, (a) => exitTrampoline(params, results, a)));
  }
  it('trap routine', () => check('trap-routine', (a) => trapRoutine(a)));
  it('runtime wrapper', () => check('runtime-wrapper', (a) => runtimeWrapper(0x7f12_3456_7890, 0x5555_0000_abc0, a)));
  it('fault handler', () =>
    check('fault-handler', (a) =>
      faultHandler({ root: 0xaaaa_0000_1000, previous: 0xaaaa_0000_2000, claimed: 0xaaaa_0000_3000, chained: 0xaaaa_0000_3008, defaultAction: 0xaaaa_0000_4000 }, a),
    ));
});

describe('AArch64 engine routine layouts', () => {
  it('the exit trampoline stores x19–x28 below ctx and the saved wasm sp', () => {
    expect(EXIT_SAVED.map(([r]) => r)).toEqual([19, 20, 21, 22, 23, 24, 25, 26, 27, 28]);
    const offsets = EXIT_SAVED.map(([, at]) => at).sort((x, y) => x - y);
    expect(offsets).toEqual([-96, -88, -80, -72, -64, -56, -48, -40, -32, -24]);
  });

  it('ucontext offsets are those measured on Linux AArch64 (glibc)', () => {
    expect([UC_REGS, UC_X30, UC_SP, UC_PC]).toEqual([184, 424, 432, 440]);
  });

  it('signatures of 1,000 values (frames and offsets past the 12-bit immediates) assemble and disassemble alike', () => {
    const many: ValType[] = Array.from({ length: 1000 }, (_, k) => [I32, I64, F32, F64, V128][k % 5] as ValType);
    for (const build of [entryTrampoline, exitTrampoline]) {
      const a = new Assembler({ listing: true });
      const code = build(many, many, a);
      expect(mismatches(a.listing(), code)).toEqual([]);
    }
  });

  it('every routine is a whole number of instructions, and the same bytes each time', () => {
    const once = entryTrampoline(SIGNATURES[2]![1], SIGNATURES[2]![2]);
    expect(once.length % 4).toBe(0);
    expect(entryTrampoline(SIGNATURES[2]![1], SIGNATURES[2]![2])).toEqual(once);
    expect(trapRoutine().length % 4).toBe(0);
  });
});
