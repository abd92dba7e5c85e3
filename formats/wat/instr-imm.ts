/**
 * Immediates of the text format's instructions (spec §6.5): one small reader per ImmKind of
 * formats/wasm/opcodes.ts — there is no switch over opcodes — plus the index, memarg, lane
 * and v128 literal helpers they share (scripts reuse the v128 ones for expected results).
 */

import { makeInstr, type Instr } from '../wasm/types.js';
import type { ImmKind, OpInfo } from '../wasm/opcodes.js';
import { Node, T } from './lexer.js';
import { Cursor, readHeapType, readValType } from './cursor.js';
import { parseF32, parseF64, parseI32, parseI64, parseIntN, parseNat } from './numbers.js';

/** The index spaces an identifier can name. */
export type Space = 'func' | 'table' | 'memory' | 'global' | 'elem' | 'data' | 'type';

/** What an instruction needs from the enclosing module. */
export interface ModuleScope {
  /** resolve a numeric or symbolic index of `space`; unknown ids are malformed */
  resolve(space: Space, c: Cursor, n: Node): number;
  /** `(type x)? (param t*)* (result t*)*` of a block: the s33 block type */
  blockType(c: Cursor): number;
  /** `(type x)? (param t*)* (result t*)*` without names: the type index */
  typeIndex(c: Cursor): number;
  /** note that memory.init / data.drop appear (the data count section is then needed) */
  usesDataCount(): void;
}

/** What an immediate reader needs from the instruction parser: labels, locals, the module. */
export interface ImmContext {
  readonly mod: ModuleScope;
  /** a label (identifier or depth) as a relative depth */
  label(c: Cursor): number;
  /** a local (identifier or index) as its index */
  local(c: Cursor): number;
}

type ImmReader = (p: ImmContext, c: Cursor, op: OpInfo) => Instr;

const isIndex = (n: Node | undefined): n is Node => n !== undefined && (n.t === T.Number || n.t === T.Id);

/** an optional index atom of `space`, default 0 */
function optIndex(p: ImmContext, c: Cursor, space: Space): number {
  const n = c.peek();
  if (!isIndex(n)) return 0;
  c.i++;
  return p.mod.resolve(space, c, n);
}
function index(p: ImmContext, c: Cursor, space: Space): number {
  const n = c.peek();
  if (!isIndex(n)) throw c.error(`unexpected token, expected a ${space} index`);
  c.i++;
  return p.mod.resolve(space, c, n);
}
function number(c: Cursor): Node {
  const n = c.peek();
  if (n === undefined || (n.t !== T.Number && n.t !== T.Keyword)) throw c.error('unexpected token, expected a number');
  c.i++;
  return n;
}

/** memarg (spec §6.5.6): `offset=n`? `align=n`? */
function memarg(c: Cursor, op: OpInfo): [align: number, offset: number] {
  let offset = 0;
  let align = op.align;
  let n = c.peek();
  if (n !== undefined && n.t === T.Keyword && n.text.startsWith('offset=')) {
    const node = n;
    offset = c.literal(node, (t) => parseNat(t.slice(7), 32));
    c.i++;
    n = c.peek();
  }
  if (n !== undefined && n.t === T.Keyword && n.text.startsWith('align=')) {
    const node = n;
    const v = c.literal(node, (t) => parseNat(t.slice(6), 32));
    if (v === 0 || (v & (v - 1)) !== 0) throw c.error('alignment must be a power of two', node);
    align = 31 - Math.clz32(v);
    c.i++;
  }
  return [align, offset];
}

function laneIndex(c: Cursor): number {
  const n = c.peek();
  if (n === undefined || n.t !== T.Number) throw c.error('unexpected token, expected a lane index');
  c.i++;
  return c.literal(n, (t) => {
    try {
      return parseNat(t, 8);
    } catch {
      throw c.error('malformed lane index', n);
    }
  });
}

export const V128_SHAPES: Readonly<Record<string, [lanes: number, bits: number, float: boolean]>> = {
  i8x16: [16, 8, false],
  i16x8: [8, 16, false],
  i32x4: [4, 32, false],
  i64x2: [2, 64, false],
  f32x4: [4, 32, true],
  f64x2: [2, 64, true],
};

/** write one lane's bits little-endian */
export function putLane(bytes: Uint8Array, lane: number, bits: number, v: bigint): void {
  const w = bits / 8;
  for (let k = 0; k < w; k++) bytes[lane * w + k] = Number((v >> BigInt(8 * k)) & 0xffn);
}

/** `v128.const shape lanes…` immediate → 16 bytes */
export function v128Literal(c: Cursor): Uint8Array {
  const sn = c.peek();
  const shape = sn !== undefined && sn.t === T.Keyword ? V128_SHAPES[sn.text] : undefined;
  if (shape === undefined) throw c.error('unexpected token, expected a vector shape');
  c.i++;
  const [lanes, bits, float] = shape;
  const bytes = new Uint8Array(16);
  for (let i = 0; i < lanes; i++) {
    const n = c.peek();
    if (n === undefined || (n.t !== T.Number && n.t !== T.Keyword)) throw c.error('wrong number of lane literals');
    c.i++;
    let v: bigint;
    if (!float) v = c.literal(n, (t) => parseIntN(t, bits));
    else if (bits === 32) v = BigInt(c.literal(n, parseF32));
    else v = c.literal(n, parseF64);
    putLane(bytes, i, bits, v);
  }
  const extra = c.peek();
  if (extra !== undefined && extra.t === T.Number) throw c.error('wrong number of lane literals', extra);
  return bytes;
}

export const IMM: Readonly<Record<ImmKind, ImmReader>> = {
  none: (_p, _c, op) => makeInstr(op.id),
  blocktype: (p, c, op) => makeInstr(op.id, p.mod.blockType(c)),
  label: (p, c, op) => makeInstr(op.id, p.label(c)),
  br_table: (p, c, op) => {
    const labels: number[] = [p.label(c)];
    while (isIndex(c.peek())) labels.push(p.label(c));
    const dflt = labels.pop() as number;
    return makeInstr(op.id, dflt, 0, labels);
  },
  func: (p, c, op) => makeInstr(op.id, index(p, c, 'func')),
  call_indirect: (p, c, op) => {
    const table = optIndex(p, c, 'table');
    return makeInstr(op.id, p.mod.typeIndex(c), table);
  },
  local: (p, c, op) => makeInstr(op.id, p.local(c)),
  global: (p, c, op) => makeInstr(op.id, index(p, c, 'global')),
  table: (p, c, op) => makeInstr(op.id, optIndex(p, c, 'table')),
  memarg: (_p, c, op) => {
    const [align, offset] = memarg(c, op);
    return makeInstr(op.id, align, offset);
  },
  memarg_lane: (_p, c, op) => {
    const [align, offset] = memarg(c, op);
    return makeInstr(op.id, align, offset, null, -1, laneIndex(c));
  },
  memory: (_p, _c, op) => makeInstr(op.id, 0),
  i32: (_p, c, op) => makeInstr(op.id, c.literal(number(c), parseI32)),
  i64: (_p, c, op) => makeInstr(op.id, 0, 0, c.literal(number(c), parseI64)),
  f32: (_p, c, op) => makeInstr(op.id, c.literal(number(c), parseF32)),
  f64: (_p, c, op) => makeInstr(op.id, 0, 0, c.literal(number(c), parseF64)),
  v128: (_p, c, op) => makeInstr(op.id, 0, 0, v128Literal(c)),
  shuffle: (_p, c, op) => {
    const lanes: number[] = [];
    while (c.peek()?.t === T.Number) lanes.push(laneIndex(c));
    if (lanes.length !== 16) throw c.error('invalid lane length');
    return makeInstr(op.id, 0, 0, Uint8Array.from(lanes));
  },
  lane: (_p, c, op) => makeInstr(op.id, laneIndex(c)),
  select_t: (_p, c, op) => {
    const types: number[] = [];
    while (c.isList('result')) {
      const r = c.enter('result');
      while (!r.atEnd()) types.push(readValType(r));
    }
    return makeInstr(op.id, 0, 0, types);
  },
  reftype: (_p, c, op) => makeInstr(op.id, readHeapType(c)),
  data: (p, c, op) => {
    p.mod.usesDataCount();
    return makeInstr(op.id, index(p, c, 'data'));
  },
  memory_init: (p, c, op) => {
    p.mod.usesDataCount();
    return makeInstr(op.id, index(p, c, 'data'), 0);
  },
  elem: (p, c, op) => makeInstr(op.id, index(p, c, 'elem')),
  table_init: (p, c, op) => {
    if (isIndex(c.peek()) && isIndex(c.peekAt(1))) {
      const table = index(p, c, 'table');
      return makeInstr(op.id, index(p, c, 'elem'), table);
    }
    return makeInstr(op.id, index(p, c, 'elem'), 0);
  },
  table_copy: (p, c, op) => {
    if (!isIndex(c.peek())) return makeInstr(op.id, 0, 0);
    const dst = index(p, c, 'table');
    return makeInstr(op.id, dst, index(p, c, 'table'));
  },
  memory_copy: (_p, _c, op) => makeInstr(op.id, 0, 0),
  memory_fill: (_p, _c, op) => makeInstr(op.id, 0),
};
