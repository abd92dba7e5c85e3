import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRAP_KINDS } from '../../../loader/trap.js';
import { Builder } from '../../../compiler/ir/builder.js';
import { CALL_EFFECTS, Effect, effectNames } from '../../../compiler/ir/effects.js';
import { op, opByName, OPCODES, opFor } from '../../../compiler/ir/opcodes.js';
import { TRAP_MESSAGES, TrapCode, trapMask } from '../../../compiler/ir/traps.js';
import { Type } from '../../../compiler/ir/types.js';
import { instEffects, instTraps } from '../../../compiler/ir/view.js';

const row = (name: string) => OPCODES[op(name)]!;

describe('the instruction table', () => {
  it('has unique names, ids equal to positions, and opFor finds every typed row', () => {
    expect(new Set(OPCODES.map((r) => r.name)).size).toBe(OPCODES.length);
    OPCODES.forEach((r, i) => {
      expect(r.id).toBe(i);
      expect(opByName(r.name)).toBe(i);
      if (r.type !== null) expect(opFor(r.base, r.type, r.from)).toBe(i);
    });
    expect(OPCODES.length).toBe(398);
    expect(() => op('iadd.f32')).toThrow('no IR opcode iadd.f32');
    expect(opFor('iadd', Type.F32)).toBe(-1);
  });

  it('covers what a wasm 2.0 (non-SIMD) frontend needs', () => {
    const need = `iconst.i32 iconst.i64 iconst.ptr iadd.i64 isub.i32 imul.i64 sdiv.i32 udiv.i64 srem.i32 urem.i64
      band.i32 bor.i64 bxor.i32 ishl.i64 sshr.i32 ushr.i64 rotl.i32 rotr.i64 clz.i32 ctz.i64 popcnt.i32 eqz.i64
      icmp.i32 icmp.i64 sextend.i64.i32 uextend.i64.i32 ireduce.i32.i64 sext8.i32 sext16.i64 sext32.i64
      fconst.f32 fconst.f64 fadd.f32 fsub.f64 fmul.f32 fdiv.f64 fmin.f32 fmax.f64 fcopysign.f32 fabs.f64 fneg.f32
      sqrt.f64 ceil.f32 floor.f64 trunc.f32 nearest.f64 fcmp.f32 fcmp.f64
      fcvt_to_sint.i32.f32 fcvt_to_uint.i64.f64 fcvt_to_sint_sat.i64.f32 fcvt_to_uint_sat.i32.f64
      fcvt_from_sint.f32.i64 fcvt_from_uint.f64.i32 fpromote.f64.f32 fdemote.f32.f64
      bitcast.i32.f32 bitcast.f32.i32 bitcast.i64.f64 bitcast.f64.i64 select.i32 select.f64 select.ptr
      load.i32 load.i64 load.f32 load.f64 sload8.i32 uload8.i64 sload16.i64 uload16.i32 sload32.i64 uload32.i64
      store.i32 store.f64 istore8.i32 istore16.i64 istore32.i64 heap_check.i32 ptradd.ptr.i32 ptradd.ptr.i64
      vmctx_load.i32 vmctx_store.i64 vmctx_load.ptr call call_indirect call_runtime copy.i32 copy.ptr
      trapnz trapz jump brif br_table return trap`;
    for (const n of need.trim().split(/\s+/)) expect(opByName(n), n).toBeGreaterThanOrEqual(0);
  });

  it('has a pure v128 row for every vector operation, and v128 loads, stores, copies, selects and globals', () => {
    const vector = OPCODES.filter((r) => r.type === Type.V128 && r.base === r.name);
    // 236 wasm SIMD operations less the 22 memory ones (which become scalar + vector rows),
    // plus v128.from_i32 and v128.from_i64
    expect(vector.length).toBe(236 - 22 + 2);
    for (const r of vector) expect([r.name, r.effects, r.traps]).toEqual([r.name, 0, 0]);
    for (const n of ['load.v128', 'store.v128', 'copy.v128', 'select.v128', 'vmctx_load.v128', 'vmctx_store.v128']) expect(opByName(n), n).toBeGreaterThanOrEqual(0);
    expect(row('i32x4.extract_lane').results).toEqual([Type.I32]);
    expect(row('i64x2.replace_lane').operands).toEqual([Type.V128, Type.I64]);
    expect(row('v128.bitselect').operands).toEqual([Type.V128, Type.V128, Type.V128]);
    expect(row('i8x16.shl').operands).toEqual([Type.V128, Type.I32]);
    expect([row('vconst').imm, row('i8x16.shuffle').imm, row('f64x2.replace_lane').imm]).toEqual(['v128', 'v128', 'lane']);
  });
});

describe('effects and trap codes', () => {
  it('marks arithmetic pure and traps only where wasm traps', () => {
    expect([row('iadd.i32').effects, row('iadd.i32').traps]).toEqual([0, 0]);
    expect(row('sdiv.i64').traps).toBe(trapMask(TrapCode.IntegerDivideByZero, TrapCode.IntegerOverflow));
    expect(row('udiv.i32').traps).toBe(trapMask(TrapCode.IntegerDivideByZero));
    expect(row('srem.i32').traps).toBe(trapMask(TrapCode.IntegerDivideByZero));
    expect(row('fcvt_to_sint.i32.f64').traps).toBe(trapMask(TrapCode.IntegerOverflow, TrapCode.BadConversionToInteger));
    expect(row('fcvt_to_sint_sat.i32.f64').effects).toBe(0);
    expect(effectNames(row('sdiv.i32').effects)).toBe('may_trap');
  });
  it('marks memory, VM context, calls and terminators', () => {
    expect(effectNames(row('load.i32').effects)).toBe('reads_heap|may_trap');
    expect(effectNames(row('istore8.i64').effects)).toBe('writes_heap|may_trap');
    expect(row('load.i32').traps).toBe(trapMask(TrapCode.HeapOutOfBounds));
    expect(effectNames(row('heap_check.i32').effects)).toBe('may_trap');
    expect(effectNames(row('vmctx_load.i64').effects)).toBe('reads_state');
    expect(effectNames(row('vmctx_store.ptr').effects)).toBe('writes_state');
    expect(row('call').effects).toBe(CALL_EFFECTS);
    expect(effectNames(row('brif').effects)).toBe('terminator');
    expect(effectNames(row('trap').effects)).toBe('may_trap|terminator');
    for (const r of OPCODES) {
      const term = ['jump', 'brif', 'br_table', 'return', 'trap'].includes(r.name);
      expect((r.effects & Effect.TERMINATOR) !== 0, r.name).toBe(term);
    }
  });
  it('takes the trap code of trap/trapnz/trapz, and a runtime call\'s effects, from the immediate', () => {
    const b = new Builder();
    b.begin('t', [Type.PTR, Type.I32], []);
    const t = b.trapIf('trapnz', 1, TrapCode.TableOutOfBounds);
    const grow = b.callRuntime('memory_grow', [0, 1, 1]);
    const size = b.callRuntime('table_size', [0, 1]);
    expect(instTraps(b.f, t)).toBe(trapMask(TrapCode.TableOutOfBounds));
    expect(effectNames(instEffects(b.f, grow))).toBe('call|grows_heap|reads_state|writes_state');
    expect(effectNames(instEffects(b.f, size))).toBe('call|reads_state');
  });
  it('uses the same spec wording as the engines (loader/trap.ts) for its ten trap codes, in order', () => {
    expect(TRAP_MESSAGES).toEqual([...TRAP_KINDS]);
  });
});

describe('independence', () => {
  it('imports nothing from wasm, the loader or a target (only formats/errors.ts and formats/traps.ts outside itself)', () => {
    const dir = join(import.meta.dirname, '../../../compiler/ir');
    let imports = 0;
    for (const file of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      const src = readFileSync(join(dir, file), 'utf8');
      for (const m of src.matchAll(/^(?:import|export|\})[^\n]* from '([^']+)';$/gm)) {
        expect(m[1]!.startsWith('./') || m[1] === '../../formats/errors.js' || m[1] === '../../formats/traps.js', `${file}: ${m[1]}`).toBe(true);
        imports++;
      }
    }
    expect(imports).toBeGreaterThan(40);
  });
});
