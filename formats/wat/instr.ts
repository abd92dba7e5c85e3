/**
 * Instructions of the text format (spec §6.5): plain and folded forms, structured control
 * with labels (resolved to relative depths, innermost binding wins), and one small
 * immediate reader per ImmKind of formats/wasm/opcodes.ts — there is no switch over
 * opcodes. Produces flat Instr lists exactly as the binary decoder would (Instr.offset = -1).
 */

import { makeInstr, type Instr } from '../wasm/types.js';
import { OP, OPCODES, opByName, type ImmKind, type OpInfo } from '../wasm/opcodes.js';
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

type ImmReader = (p: InstrParser, c: Cursor, op: OpInfo) => Instr;

const isIndex = (n: Node | undefined): n is Node => n !== undefined && (n.t === T.Number || n.t === T.Id);

/** an optional index atom of `space`, default 0 */
function optIndex(p: InstrParser, c: Cursor, space: Space): number {
  const n = c.peek();
  if (!isIndex(n)) return 0;
  c.i++;
  return p.mod.resolve(space, c, n);
}
function index(p: InstrParser, c: Cursor, space: Space): number {
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

const IMM: Readonly<Record<ImmKind, ImmReader>> = {
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

/** declarations that are out of place among instructions */
const MISPLACED = new Set(['param', 'result', 'local', 'type', 'export', 'import']);

const SELECT_T = OPCODES[OP.select_t] as OpInfo;

/** Parses instruction sequences of one function body (or one constant expression). */
export class InstrParser {
  readonly out: Instr[] = [];
  /** line and column of each instruction in `out` (source-positions.ts) */
  readonly lines: number[] = [];
  readonly columns: number[] = [];
  /** label names of the enclosing blocks, innermost last (null = unnamed) */
  private readonly labels: (string | null)[] = [];

  constructor(
    readonly mod: ModuleScope,
    /** local names → indices (empty for constant expressions) */
    private readonly locals: ReadonlyMap<string, number>,
  ) {}

  label(c: Cursor): number {
    const n = c.next();
    if (n.t === T.Id) {
      for (let i = this.labels.length - 1; i >= 0; i--) {
        if (this.labels[i] === n.text) return this.labels.length - 1 - i;
      }
      throw c.error(`unknown label ${n.text}`, n);
    }
    if (n.t !== T.Number) throw c.error('unexpected token, expected a label', n);
    return c.literal(n, (t) => parseNat(t, 32));
  }

  local(c: Cursor): number {
    const n = c.next();
    if (n.t === T.Id) {
      const i = this.locals.get(n.text);
      if (i === undefined) throw c.error(`unknown local ${n.text}`, n);
      return i;
    }
    if (n.t !== T.Number) throw c.error('unexpected token, expected a local index', n);
    return c.literal(n, (t) => parseNat(t, 32));
  }

  /** instr* up to the end of the cursor or a plain `end` / `else` (not consumed) */
  instrs(c: Cursor): void {
    for (;;) {
      const n = c.peek();
      if (n === undefined) return;
      if (n.t === T.List) {
        c.i++;
        this.folded(n, c);
      } else if (n.t === T.Keyword) {
        if (n.text === 'end' || n.text === 'else') return;
        c.i++;
        this.plain(n, c);
      } else {
        throw c.error(n.t === T.Reserved || n.t === T.Number ? 'unknown operator' : 'unexpected token', n);
      }
    }
  }

  /** append an instruction written at `at` */
  private emit(ins: Instr, at: Node): void {
    this.out.push(ins);
    this.lines.push(at.line);
    this.columns.push(at.col);
  }

  /** a whole expression: instr* then the final `end` (placed at the expression's list) */
  expr(c: Cursor): void {
    this.instrs(c);
    c.end();
    this.emit(makeInstr(OP.end), c.list);
  }

  private opOf(kw: Node, c: Cursor): OpInfo {
    const op = opByName(kw.text);
    if (op === undefined) throw c.error(`unknown operator ${kw.text}`, kw);
    return op;
  }

  /** non-block instruction with its immediates read from c */
  private simple(kw: Node, c: Cursor): Instr {
    let op = this.opOf(kw, c);
    if (op.id === OP.select && c.isList('result')) op = SELECT_T;
    return IMM[op.imm](this, c, op);
  }

  private plain(kw: Node, c: Cursor): void {
    const t = kw.text;
    if (t === 'block' || t === 'loop' || t === 'if') {
      const op = this.opOf(kw, c);
      const label = c.optId();
      this.emit(makeInstr(op.id, this.mod.blockType(c)), kw);
      this.labels.push(label === null ? null : label.text);
      this.instrs(c);
      if (t === 'if' && c.isKeyword('else')) {
        const elseKw = c.next();
        this.endLabel(c, label);
        this.emit(makeInstr(OP.else), elseKw);
        this.instrs(c);
      }
      if (!c.isKeyword('end')) throw c.error('unexpected token, expected end');
      const endKw = c.next();
      this.endLabel(c, label);
      this.labels.pop();
      this.emit(makeInstr(OP.end), endKw);
      return;
    }
    if (t === 'then') throw c.error('unexpected token', kw);
    this.emit(this.simple(kw, c), kw);
  }

  /** optional label repeated after `end` / `else`; must match the block's */
  private endLabel(c: Cursor, label: Node | null): void {
    const n = c.optId();
    if (n !== null && (label === null || label.text !== n.text)) throw c.error('mismatching label', n);
  }

  private folded(list: Node, outer: Cursor): void {
    const c = Cursor.of(list, outer.file, 0);
    const kw = c.peek();
    if (kw === undefined || kw.t !== T.Keyword) throw c.error(kw === undefined ? 'unexpected token ()' : 'unknown operator');
    if (MISPLACED.has(kw.text)) throw c.error(`unexpected token (${kw.text} ...)`, kw);
    c.i++;
    const t = kw.text;
    if (t === 'block' || t === 'loop') {
      const op = this.opOf(kw, c);
      const label = c.optId();
      this.emit(makeInstr(op.id, this.mod.blockType(c)), kw);
      this.labels.push(label === null ? null : label.text);
      this.instrs(c);
      c.end();
      this.labels.pop();
      this.emit(makeInstr(OP.end), list);
      return;
    }
    if (t === 'if') {
      const label = c.optId();
      const bt = this.mod.blockType(c);
      while (!c.atEnd() && !c.isList('then')) {
        const n = c.next();
        if (n.t !== T.List) throw c.error('unexpected token', n);
        this.folded(n, c);
      }
      this.emit(makeInstr(OP.if, bt), kw);
      this.labels.push(label === null ? null : label.text);
      const th = c.enter('then');
      this.instrs(th);
      th.end();
      if (c.isList('else')) {
        const el = c.enter('else');
        this.emit(makeInstr(OP.else), el.list);
        this.instrs(el);
        el.end();
      }
      c.end();
      this.labels.pop();
      this.emit(makeInstr(OP.end), list);
      return;
    }
    const ins = this.simple(kw, c);
    while (!c.atEnd()) {
      const n = c.next();
      if (n.t !== T.List) throw c.error(n.t === T.Keyword ? 'unexpected token' : 'unknown operator', n);
      this.folded(n, c);
    }
    this.emit(ins, kw);
  }
}

