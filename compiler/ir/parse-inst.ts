/**
 * Parsing what follows an opcode name in IR text, one parser per immediate kind (the inverse
 * of the printers in printer.ts). Each returns the operands, the two immediate words and, for
 * terminators, the block calls; parser.ts turns that into a store instruction.
 */

import { FLOATCC_NAMES, INTCC_NAMES } from './conds.js';
import type { Func } from './func.js';
import type { ImmKind, OpRow } from './opcodes.js';
import type { Cursor } from './parse-cursor.js';
import { runtimeByName } from './runtime.js';
import { TRAP_NAMES } from './traps.js';
import { Type } from './types.js';
import { splitImm64 } from './view.js';

export interface BlockCallText {
  readonly block: number;
  readonly args: number[];
}

export interface InstText {
  ops: number[];
  imm0: number;
  imm1: number;
  calls: BlockCallText[];
}

const U32 = 0xffff_ffffn;
const U64 = (1n << 64n) - 1n;
const inst = (ops: number[], imm0 = 0, imm1 = 0, calls: BlockCallText[] = []): InstText => ({ ops, imm0, imm1, calls });

function blockCall(c: Cursor): BlockCallText {
  const t = c.peek();
  const block = c.id('block', 'a block');
  if (!c.blockUses.has(block)) c.blockUses.set(block, t);
  let args: number[] = [];
  if (c.eat('(')) {
    args = c.valueList(')');
    c.punct(')');
  }
  return { block, args };
}

/** `NAME` from `names`, as its index */
function named(c: Cursor, names: readonly string[], what: string): number {
  const t = c.ident(what);
  const i = names.indexOf(t.text);
  if (i < 0) throw c.error(`unknown ${what} '${t.text}'`, t);
  return i;
}

/** `+N` */
function plusOffset(c: Cursor, max: bigint): bigint {
  c.punct('+');
  return c.integer('an offset', 0n, max);
}

/** `, v1, v2` after a leading part */
function moreValues(c: Cursor): number[] {
  return c.eat(',') ? c.valueList() : [];
}

function sigIndex(c: Cursor, f: Func): number {
  const t = c.peek();
  const s = c.id('sig', 'a signature (sigN)');
  if (s >= f.sigCount) throw c.error(`sig${s} is not declared`, t);
  return s;
}

function parenValues(c: Cursor): number[] {
  c.punct('(');
  const vs = c.valueList(')');
  c.punct(')');
  return vs;
}

/** values before an immediate: `v1, v2, <imm>` */
function leadingValues(c: Cursor): number[] {
  const ops: number[] = [];
  while (c.isId('v')) {
    ops.push(c.useValue());
    c.punct(',');
  }
  return ops;
}

type ImmParser = (c: Cursor, f: Func, row: OpRow) => InstText;

export const IMM_PARSERS: Record<ImmKind, ImmParser> = {
  none: (c) => inst(c.valueList()),
  int: (c, _f, row) => {
    if (row.type === Type.I32) return inst([], Number(BigInt.asIntN(32, c.integer('an i32', -(1n << 31n), U32))));
    return inst([], ...splitImm64(c.integer(`an ${row.type === Type.PTR ? 'address' : 'i64'}`, -(1n << 63n), U64)));
  },
  fbits: (c, _f, row) => {
    const t = c.peek();
    if (t.kind === 'num' && !/^0x/i.test(t.text)) throw c.error('float constants are bit patterns in hex (0x...)', t);
    if (row.type === Type.F32) return inst([], Number(BigInt.asIntN(32, c.integer('f32 bits', 0n, U32))));
    return inst([], ...splitImm64(c.integer('f64 bits', 0n, U64)));
  },
  intcc: (c) => {
    const cc = named(c, INTCC_NAMES, 'integer condition');
    return inst(c.valueList(), cc);
  },
  floatcc: (c) => {
    const cc = named(c, FLOATCC_NAMES, 'float condition');
    return inst(c.valueList(), cc);
  },
  offset: (c) => {
    const base = c.useValue();
    const [lo, hi] = splitImm64(plusOffset(c, U64));
    return inst([base, ...moreValues(c)], lo, hi);
  },
  vmctx: (c) => {
    c.keyword('vmctx');
    const off = Number(BigInt.asIntN(32, plusOffset(c, U32)));
    return inst(moreValues(c), off);
  },
  trapcode: (c) => inst(leadingValues(c), named(c, TRAP_NAMES, 'trap code')),
  call: (c, f) => {
    const fn = c.id('fn', 'a function (fnN)', 0xffff_ffff) | 0;
    const sig = sigIndex(c, f);
    return inst(parenValues(c), fn, sig);
  },
  call_indirect: (c, f) => {
    const sig = sigIndex(c, f);
    const callee = c.useValue();
    return inst([callee, ...parenValues(c)], sig);
  },
  runtime: (c) => {
    const t = c.ident('a runtime function');
    const id = runtimeByName(t.text);
    if (id < 0) throw c.error(`unknown runtime function '${t.text}'`, t);
    return inst(parenValues(c), id);
  },
  lane: (c) => inst(leadingValues(c), Number(c.integer('a lane index', 0n, 15n))),
  v128: (c, f) => {
    const ops = leadingValues(c);
    const t = c.peek();
    if (t.kind === 'num' && !/^0x/i.test(t.text)) throw c.error('v128 constants are 128-bit hex numbers (0x...)', t);
    let bits = c.integer('a v128 constant', 0n, (1n << 128n) - 1n);
    const bytes = new Uint8Array(16);
    for (let k = 0; k < 16; k++, bits >>= 8n) bytes[k] = Number(bits & 0xffn);
    return inst(ops, f.addV128(bytes));
  },
  jump: (c) => inst([], 0, 0, [blockCall(c)]),
  brif: (c) => {
    const cond = c.useValue();
    c.punct(',');
    const yes = blockCall(c);
    c.punct(',');
    return inst([cond], 0, 0, [yes, blockCall(c)]);
  },
  br_table: (c) => {
    const index = c.useValue();
    c.punct(',');
    c.punct('[');
    const calls: BlockCallText[] = [];
    if (!c.isPunct(']')) {
      do calls.push(blockCall(c));
      while (c.eat(','));
    }
    c.punct(']');
    c.punct(',');
    c.keyword('default');
    calls.push(blockCall(c));
    return inst([index], 0, 0, calls);
  },
};

