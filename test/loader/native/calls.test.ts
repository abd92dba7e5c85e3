/**
 * The native engine on hand-assembled kiln-cc functions: calls from JS through the entry
 * trampoline (every value type, more than 6 integer and 8 float arguments, results in memory),
 * traps from compiled code with kind, wording and backtrace, and direct calls between
 * compiled functions (call_func relocations).
 */

import { describe, expect, it } from 'vitest';
import { TrapCode } from '../../../compiler/ir/traps.js';
import { imm32, imm64 } from '../../../targets/x86_64/imm.js';
import { mem } from '../../../targets/x86_64/operands.js';
import { R8, R9, RAX, RBP, RCX, RDI, RDX, RSI, xmm, type Gpr } from '../../../targets/x86_64/regs.js';
import { KilnTrap } from '../../../loader/trap.js';
import { KilnError } from '../../../formats/errors.js';
import { parseWat } from '../../../formats/wat/index.js';
import { nativeEngineWith } from '../../../loader/native/index.js';
import { exported, handInstance, thrown } from './hand.js';

describe('native engine: calls into hand-assembled code', () => {
  it('adds two i32 arguments and returns through the entry trampoline', () => {
    const { instance } = handInstance('(module (func $add (export "add") (param i32 i32) (result i32) unreachable))', {
      add: (f) => f.e({ kind: 'lea', w: 32, dst: RAX, src: { kind: 'mem', base: RSI, index: RDX, scale: 1, disp: 0 } }),
    });
    const add = exported(instance, 'add');
    expect(add.call(40, 2)).toBe(42);
    expect(add.callRaw([-1, -2])).toEqual([-3]);
    expect(add.call(0x7fffffff, 1)).toBe(-0x80000000);
  });

  it('passes the 7th and 8th integer arguments on the stack', () => {
    const { instance } = handInstance(
      '(module (func $f (export "f") (param i64 i64 i64 i64 i64 i64 i64 i64) (result i64) unreachable))',
      {
        // params: rsi rdx rcx r8 r9, then [rbp+16] [rbp+24] [rbp+32]; result = p7 - p6 + p0
        f: (f) =>
          f
            .e({ kind: 'mov', w: 64, dst: RAX, src: mem(RBP, 32) })
            .e({ kind: 'alu', op: 'sub', w: 64, dst: RAX, src: mem(RBP, 24) })
            .e({ kind: 'alu', op: 'add', w: 64, dst: RAX, src: RSI }),
      },
    );
    expect(exported(instance, 'f').callRaw([1000n, 2n, 3n, 4n, 5n, 6n, 7n, 1n << 40n])).toEqual([(1n << 40n) - 7n + 1000n]);
  });

  it('passes the 9th and 10th float arguments on the stack and returns f64 in xmm0', () => {
    const { instance } = handInstance(
      '(module (func $f (export "f") (param f64 f64 f64 f64 f64 f64 f64 f64 f64 f64) (result f64) unreachable))',
      {
        // xmm0..xmm7 = p0..p7, [rbp+16] = p8, [rbp+24] = p9; result = p9 - p8 + p7
        f: (f) =>
          f
            .e({ kind: 'sse', op: 'addsd', dst: xmm(7), src: mem(RBP, 24) })
            .e({ kind: 'sse', op: 'subsd', dst: xmm(7), src: mem(RBP, 16) })
            .e({ kind: 'sse', op: 'movsd', dst: xmm(0), src: xmm(7) }),
      },
    );
    expect(exported(instance, 'f').call(0, 0, 0, 0, 0, 0, 0, 0.5, 100, 1000.25)).toBe(900.75);
  });

  it('returns nine i64 results: seven in registers, two in memory', () => {
    const regs: Gpr[] = [RAX, RDX, RCX, RSI, RDI, R8, R9];
    const { instance } = handInstance(
      '(module (func $f (export "f") (result i64 i64 i64 i64 i64 i64 i64 i64 i64) unreachable))',
      {
        f: (f) => {
          // memory results k at [rbp + 16 + 8k] (no stack arguments)
          f.e({ kind: 'movabs', dst: RAX, imm: imm64(-8n) }).e({ kind: 'store', w: 64, dst: mem(RBP, 16), src: RAX });
          f.e({ kind: 'movabs', dst: RAX, imm: imm64(1n << 62n) }).e({ kind: 'store', w: 64, dst: mem(RBP, 24), src: RAX });
          regs.forEach((r, k) => f.e({ kind: 'mov_imm', w: 64, dst: r, imm: imm32(k + 1) }));
        },
      },
    );
    expect(exported(instance, 'f').callRaw([])).toEqual([1n, 2n, 3n, 4n, 5n, 6n, 7n, -8n, 1n << 62n]);
  });

  it('traps with the interpreter kind and wording, and a backtrace through a direct call', () => {
    const wat = `(module
      (func $inner (param i32) (result i32) unreachable)
      (func $outer (export "outer") (param i32) (result i32) unreachable))`;
    const { instance } = handInstance(wat, {
      // inner: divide by zero when the argument is 0, else return it
      inner: (f) =>
        f
          .at(0x20)
          .e({ kind: 'alu', op: 'test', w: 32, dst: RSI, src: RSI })
          .trapIf('e', TrapCode.IntegerDivideByZero, 0x21)
          .e({ kind: 'mov', w: 32, dst: RAX, src: RSI }),
      outer: (f) => f.at(0x30).call(0).at(0x35).e({ kind: 'alu_imm', op: 'add', w: 32, dst: RAX, imm: imm32(1) }),
    });
    const outer = exported(instance, 'outer');
    expect(outer.call(41)).toBe(42);
    const e = thrown(() => outer.call(0));
    expect(e).toBeInstanceOf(KilnTrap);
    const t = e as KilnTrap;
    expect(t.trapKind).toBe('integer divide by zero');
    expect(t.frames).toEqual([
      { funcIndex: 0, name: 'inner', offset: 0x21 },
      { funcIndex: 1, name: 'outer', offset: 0x30 },
    ]);
    // the engine is usable after a trap
    expect(outer.call(1)).toBe(2);
  });

  it('maps every trap code to its kind', () => {
    const kinds: string[] = [];
    for (let code = 0; code <= 8; code++) {
      const { instance } = handInstance('(module (func $t (export "t") unreachable))', { t: (f) => f.trap(code, 7) });
      const e = thrown(() => exported(instance, 't').call()) as KilnTrap;
      kinds.push(e.trapKind);
      expect(e.frames).toEqual([{ funcIndex: 0, name: 't', offset: 7 }]);
    }
    expect(kinds).toEqual([
      'unreachable',
      'out of bounds memory access',
      'out of bounds table access',
      'undefined element',
      'uninitialized element',
      'indirect call type mismatch',
      'integer divide by zero',
      'integer overflow',
      'invalid conversion to integer',
    ]);
  });

  it('reads the vmctx from rdi: stack limit and runtime block are set', () => {
    const { instance } = handInstance('(module (func $v (export "v") (result i64) unreachable))', {
      v: (f) => f.e({ kind: 'mov', w: 64, dst: RAX, src: mem(RDI, 8) }),
    });
    expect(exported(instance, 'v').callRaw([])[0]).not.toBe(0n);
  });

  it('lets the compiler\'s KilnError (v128: unsupported) propagate from compile', () => {
    const refuse = new KilnError('unsupported', 'v128 (SIMD) is not supported by the native compiler yet', { offset: 0x2a });
    const engine = nativeEngineWith(() => {
      throw refuse;
    });
    const m = parseWat('(module (func (result v128) v128.const i64x2 0 0))');
    expect(thrown(() => engine.compile(m))).toBe(refuse);
  });
});
