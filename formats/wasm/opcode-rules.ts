/**
 * Rules that fill the opcode table's optimiser columns (formats/wasm/opcodes.ts): effects,
 * control role and constant-expression flag. Each column is derived from a row's prefix,
 * name, immediate kind and results by a short rule here, so no row repeats them by hand.
 *
 * Effects are bits (Effect): Trap — may trap; ReadMem / WriteMem — reads / writes linear
 * memory or its data segments (memory.init reads what data.drop clears, memory.size reads
 * what memory.grow changes); GrowMem — changes the memory's size, so it orders against
 * every memory access; Call — calls a function, which may have any effect at all.
 * Effects on globals, locals, tables and element segments are not columns (yet).
 */

import type { ImmKind } from './opcodes.js';
import type { ValType } from './types.js';

export const Effect = {
  Trap: 1,
  ReadMem: 2,
  WriteMem: 4,
  GrowMem: 8,
  Call: 16,
} as const;

/** role of an instruction in structured control flow */
export const Control = {
  None: 0,
  Block: 1,
  Loop: 2,
  If: 3,
  Else: 4,
  End: 5,
  Br: 6,
  BrIf: 7,
  BrTable: 8,
  Return: 9,
  Unreachable: 10,
} as const;
export type Control = (typeof Control)[keyof typeof Control];

const { Trap, ReadMem, WriteMem, GrowMem, Call } = Effect;

/** single-byte control instructions by name */
const CONTROL_BY_NAME: Readonly<Record<string, Control>> = {
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

/** effects of instructions no pattern below covers */
const EFFECTS_BY_NAME: Readonly<Record<string, number>> = {
  unreachable: Trap,
  call: Call,
  call_indirect: Call | Trap,
  'memory.size': ReadMem,
  'memory.grow': GrowMem,
  'memory.fill': WriteMem | Trap,
  'memory.copy': ReadMem | WriteMem | Trap,
  'memory.init': ReadMem | WriteMem | Trap,
  'data.drop': WriteMem,
  'table.get': Trap,
  'table.set': Trap,
  'table.fill': Trap,
  'table.copy': Trap,
  'table.init': Trap,
};

/** integer division / remainder (divide by zero, overflow) and non-saturating float→int */
const TRAPPING_NUMERIC = /^i(32|64)\.((div|rem)_[su]|trunc_f(32|64)_[su])$/;

/** the immediate kinds of t.const; with ref.null, ref.func and global.get: Wasm 2.0 constants */
const CONST_IMMS: ReadonlySet<ImmKind> = new Set<ImmKind>(['i32', 'i64', 'f32', 'f64', 'v128']);
const CONST_NAMES: ReadonlySet<string> = new Set(['ref.null', 'ref.func', 'global.get']);

export function effectsOf(prefix: number, name: string, imm: ImmKind, results: readonly ValType[] | null): number {
  if (imm === 'memarg' || imm === 'memarg_lane') return Trap | ((results?.length ?? 0) > 0 ? ReadMem : WriteMem);
  if (prefix !== 0xfd && TRAPPING_NUMERIC.test(name)) return Trap;
  return prefix === 0xfd ? 0 : (EFFECTS_BY_NAME[name] ?? 0);
}

export function controlOf(prefix: number, name: string): Control {
  return prefix === 0 ? (CONTROL_BY_NAME[name] ?? Control.None) : Control.None;
}

export function constExprOf(name: string, imm: ImmKind): boolean {
  return CONST_IMMS.has(imm) || CONST_NAMES.has(name);
}
