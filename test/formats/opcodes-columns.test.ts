/**
 * The opcode table's optimiser columns (formats/wasm/opcode-rules.ts): exact effects,
 * control roles and constant-expression flags for representative rows.
 */

import { describe, expect, it } from 'vitest';
import { Control, Effect, OPCODES, opByName, OP } from '../../formats/wasm/opcodes.js';

const { Trap, ReadMem, WriteMem, GrowMem, Call } = Effect;
const row = (name: string) => {
  const op = opByName(name);
  if (op === undefined) throw new Error(`no row ${name}`);
  return op;
};

describe('opcode table: effects', () => {
  it('gives exact effect bits', () => {
    const expected: Array<[string, number]> = [
      ['i32.load', Trap | ReadMem],
      ['i64.load32_u', Trap | ReadMem],
      ['v128.load8_lane', Trap | ReadMem],
      ['i32.store', Trap | WriteMem],
      ['v128.store64_lane', Trap | WriteMem],
      ['memory.size', ReadMem],
      ['memory.grow', GrowMem],
      ['memory.copy', Trap | ReadMem | WriteMem],
      ['memory.fill', Trap | WriteMem],
      ['call', Call],
      ['call_indirect', Call | Trap],
      ['unreachable', Trap],
      ['i32.div_s', Trap],
      ['i64.rem_u', Trap],
      ['i32.trunc_f64_s', Trap],
      ['i32.trunc_sat_f64_s', 0],
      ['i32.add', 0],
      ['f64.div', 0],
      ['i32x4.trunc_sat_f32x4_s', 0],
      ['local.get', 0],
      ['br', 0],
    ];
    for (const [name, effects] of expected) expect([name, row(name).effects]).toEqual([name, effects]);
  });
  it('marks exactly the memarg rows plus the named memory instructions as touching memory', () => {
    const mem = OPCODES.filter((o) => (o.effects & (ReadMem | WriteMem)) !== 0).map((o) => o.name);
    const memarg = OPCODES.filter((o) => o.imm === 'memarg' || o.imm === 'memarg_lane').map((o) => o.name);
    expect(mem.sort()).toEqual(
      [...memarg, 'memory.size', 'memory.copy', 'memory.fill', 'memory.init', 'data.drop'].sort(),
    );
    expect(OPCODES.filter((o) => (o.effects & GrowMem) !== 0).map((o) => o.name)).toEqual(['memory.grow']);
    expect(OPCODES.filter((o) => (o.effects & Call) !== 0).map((o) => o.name)).toEqual(['call', 'call_indirect']);
  });
});

describe('opcode table: control roles', () => {
  it('gives each structured-control instruction its role and every other row None', () => {
    const roles: Record<string, number> = {
      block: Control.Block,
      loop: Control.Loop,
      if: Control.If,
      else: Control.Else,
      end: Control.End,
      br: Control.Br,
      br_if: Control.BrIf,
      br_table: Control.BrTable,
      return: Control.Return,
      unreachable: Control.Unreachable,
    };
    for (const op of OPCODES) expect([op.name, op.control]).toEqual([op.name, roles[op.name] ?? Control.None]);
    expect(OPCODES[OP.call]?.control).toBe(Control.None);
  });
});

describe('opcode table: constant expressions', () => {
  it('allows exactly t.const, global.get, ref.null and ref.func (Wasm 2.0)', () => {
    const allowed = OPCODES.filter((o) => o.constExpr).map((o) => o.name);
    expect(allowed.sort()).toEqual(
      ['i32.const', 'i64.const', 'f32.const', 'f64.const', 'v128.const', 'global.get', 'ref.null', 'ref.func'].sort(),
    );
    expect(row('i32.add').constExpr).toBe(false);
    expect(row('global.set').constExpr).toBe(false);
  });
});
