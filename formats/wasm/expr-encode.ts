/**
 * Instruction encoding (spec §5.4): the inverse of expr-decode.ts. One writer per
 * immediate kind (from OPCODES[..].imm), minimal LEB128 everywhere. Used by the module
 * encoder and reusable by the text format. An Expr is written as given: it must already
 * end with its `end` instruction (decoded Exprs always do).
 */

import type { Instr } from './types.js';
import { OPCODES, type ImmKind } from './opcodes.js';
import type { Writer } from './writer.js';

type ImmWriter = (w: Writer, ins: Instr) => void;

function bigintImm(ins: Instr): bigint {
  const x = ins.x;
  if (typeof x === 'bigint') return x;
  if (typeof x === 'number') return BigInt(x);
  throw new Error(`${OPCODES[ins.op]?.name ?? ins.op}: immediate x must be a bigint`);
}

function listImm(ins: Instr): Uint8Array | readonly number[] {
  const x = ins.x;
  if (x instanceof Uint8Array || Array.isArray(x)) return x;
  throw new Error(`${OPCODES[ins.op]?.name ?? ins.op}: immediate x must be a list`);
}

function bytes16(w: Writer, ins: Instr): void {
  const x = listImm(ins);
  if (x.length !== 16) throw new Error(`${OPCODES[ins.op]?.name ?? ins.op}: expected 16 immediate bytes`);
  w.bytes(x);
}

function vec(w: Writer, ins: Instr): void {
  const x = listImm(ins);
  w.u32(x.length);
  for (let i = 0; i < x.length; i++) w.u32(x[i] as number);
}

const writeA: ImmWriter = (w, ins) => w.u32(ins.a);
const writeAB: ImmWriter = (w, ins) => {
  w.u32(ins.a);
  w.u32(ins.b);
};

const IMM_WRITERS: Readonly<Record<ImmKind, ImmWriter | null>> = {
  none: null,
  // s33: -64 is 0x40 (empty), -1..-17 are the one-byte value types, >= 0 a type index
  blocktype: (w, ins) => w.s33(ins.a),
  label: writeA,
  br_table: (w, ins) => {
    vec(w, ins);
    w.u32(ins.a);
  },
  func: writeA,
  call_indirect: writeAB,
  local: writeA,
  global: writeA,
  table: writeA,
  memarg: writeAB,
  memarg_lane: (w, ins) => {
    w.u32(ins.a);
    w.u32(ins.b);
    w.u8(ins.c);
  },
  memory: writeA,
  i32: (w, ins) => w.s32(ins.a),
  i64: (w, ins) => w.s64(bigintImm(ins)),
  f32: (w, ins) => w.f32bits(ins.a),
  f64: (w, ins) => w.f64bits(bigintImm(ins)),
  v128: bytes16,
  shuffle: bytes16,
  lane: (w, ins) => w.u8(ins.a),
  select_t: (w, ins) => {
    const x = listImm(ins);
    w.u32(x.length);
    for (let i = 0; i < x.length; i++) w.u8(x[i] as number);
  },
  reftype: (w, ins) => w.u8(ins.a),
  data: writeA,
  memory_init: writeAB,
  elem: writeA,
  table_init: writeAB,
  table_copy: writeAB,
  memory_copy: writeAB,
  memory_fill: writeA,
};

const WRITERS: readonly (ImmWriter | null)[] = OPCODES.map((op) => IMM_WRITERS[op.imm]);
const PREFIX: readonly number[] = OPCODES.map((op) => op.prefix);
const CODE: readonly number[] = OPCODES.map((op) => op.code);

/** Write one instruction: opcode (prefix + u32 sub-opcode where needed) and immediates. */
export function encodeInstr(w: Writer, ins: Instr): void {
  const op = ins.op;
  const prefix = PREFIX[op];
  if (prefix === undefined) throw new Error(`unknown opcode id ${op}`);
  if (prefix === 0) w.u8(CODE[op] as number);
  else {
    w.u8(prefix);
    w.u32(CODE[op] as number);
  }
  const write = WRITERS[op];
  if (write !== null && write !== undefined) write(w, ins);
}

/** Write an expression (its instructions, which must include the final `end`). */
export function encodeExpr(instrs: readonly Instr[], w: Writer): void {
  for (let i = 0; i < instrs.length; i++) encodeInstr(w, instrs[i] as Instr);
}
