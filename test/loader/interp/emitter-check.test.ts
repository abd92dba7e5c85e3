/**
 * The interpreter's load-time emitter check (loader/interp/emitter-check.ts): it passes for
 * the real table and catches a key that is not an opcode, a key given twice and an opcode
 * without an emitter.
 */

import { describe, expect, it } from 'vitest';
import { OPCODES } from '../../../formats/wasm/opcodes.js';
import { checkEmitterTable } from '../../../loader/interp/emitter-check.js';
import { EMITTERS } from '../../../loader/interp/emitters.js';

describe('interpreter emitter check', () => {
  it('has run: every one of the 437 opcodes has an emitter', () => {
    expect(OPCODES.length).toBe(437);
    expect(EMITTERS.length).toBe(OPCODES.length);
    expect(EMITTERS.every((e) => typeof e === 'function')).toBe(true);
    expect(() => checkEmitterTable(['i32.add', 'select'], EMITTERS)).not.toThrow();
  });
  it('rejects a key that names no opcode', () => {
    expect(() => checkEmitterTable(['i32.add', 'i32.frobnicate'], EMITTERS)).toThrow(
      "interpreter emitters: key 'i32.frobnicate' is not an opcode",
    );
  });
  it('rejects a key given twice', () => {
    expect(() => checkEmitterTable(['i32.add', 'i32.add'], EMITTERS)).toThrow("key 'i32.add' is given twice");
  });
  it('rejects an opcode without an emitter', () => {
    const doctored: unknown[] = [...EMITTERS];
    const id = OPCODES.findIndex((o) => o.name === 'i64.rem_u');
    doctored[id] = undefined;
    expect(() => checkEmitterTable([], doctored)).toThrow('interpreter emitters: no emitter for i64.rem_u (0x82)');
    const simd = OPCODES.findIndex((o) => o.name === 'i8x16.shuffle');
    const noSimd: unknown[] = [...EMITTERS];
    noSimd[simd] = undefined;
    expect(() => checkEmitterTable([], noSimd)).toThrow('no emitter for i8x16.shuffle (0xfd 0xd)');
  });
});
