/**
 * Instructions of the WAT printer (spec §6.5), flat form, one instruction a line. The
 * opcode's text name comes from the one opcode table (formats/wasm/opcodes.ts) and its
 * immediates are printed by one small printer per immediate kind (the inverse of the
 * readers in instr.ts); there is no switch over opcodes.
 *
 * Indices are printed as numbers, except functions and locals that have a printable name
 * (print-names.ts). Branch labels are relative depths, each followed by a comment naming the
 * absolute nesting level it targets (`br 1 (;@1;)`), and each block line says its level.
 * Indentation follows block nesting, capped at MAX_INDENT levels so that deeply nested code
 * does not make the output quadratic in size.
 */

import { BLOCK_EMPTY, blockValType, OPCODES, type ImmKind, type OpInfo } from '../wasm/opcodes.js';
import { valTypeName, type Instr } from '../wasm/types.js';
import { f32Text, f64Text, v128Text } from './print-values.js';

/** What an instruction's immediates refer to outside the instruction. */
export interface InstrScope {
  /** `$name` or index of function i */
  func(i: number): string;
  /** `$name` or index of local i of the current function */
  local(i: number): string;
}

/**
 * the text after the opcode name (with its leading space), or ''; `depth` is the number of
 * blocks open around the instruction
 */
type ImmPrinter = (ins: Instr, op: OpInfo, scope: InstrScope, depth: number) => string;

const u32 = (n: number): string => String(n >>> 0);
const index: ImmPrinter = (ins) => ' ' + u32(ins.a);

function listImm(ins: Instr): ArrayLike<number> {
  const x = ins.x;
  return x instanceof Uint8Array || Array.isArray(x) ? x : [];
}

function bigImm(ins: Instr): bigint {
  const x = ins.x;
  if (typeof x === 'bigint') return x;
  if (typeof x === 'number') return BigInt(x);
  throw new Error(`${OPCODES[ins.op]?.name ?? ins.op}: constant value not materialised`);
}

/** `(result t)` or `(type n)`; '' for the empty block type */
export function blockTypeText(a: number): string {
  if (a === BLOCK_EMPTY) return '';
  return a < 0 ? ` (result ${valTypeName(blockValType(a))})` : ` (type ${a})`;
}

/** memarg (spec §6.5.6): offset and alignment when they differ from the defaults */
const memarg: ImmPrinter = (ins, op) => {
  const offset = ins.b === 0 ? '' : ` offset=${u32(ins.b)}`;
  const align = ins.a === op.align ? '' : ` align=${(1n << BigInt(ins.a >>> 0)).toString()}`;
  return offset + align;
};

/** an optional reserved memory index: printed only when it is not 0 (never in valid 2.0 modules) */
const memIndex = (i: number): string => (i === 0 ? '' : ' ' + u32(i));

/** a relative label, with the absolute nesting level it names as a comment (@0 = the function) */
function labelText(rel: number, depth: number): string {
  const r = rel >>> 0;
  return r <= depth ? `${r} (;@${depth - r};)` : String(r);
}

const IMM_PRINTERS: Readonly<Record<ImmKind, ImmPrinter>> = {
  none: () => '',
  blocktype: (ins) => blockTypeText(ins.a),
  label: (ins, _op, _s, depth) => ' ' + labelText(ins.a, depth),
  br_table: (ins, _op, _s, depth) => ' ' + [...Array.from(listImm(ins)), ins.a].map((l) => labelText(l, depth)).join(' '),
  func: (ins, _op, s) => ' ' + s.func(ins.a),
  // table 0 is the default table (spec §6.5.3 abbreviation)
  call_indirect: (ins) => `${ins.b === 0 ? '' : ' ' + u32(ins.b)} (type ${u32(ins.a)})`,
  local: (ins, _op, s) => ' ' + s.local(ins.a),
  global: index,
  table: index,
  memarg,
  memarg_lane: (ins, op, s, depth) => memarg(ins, op, s, depth) + ' ' + ins.c,
  memory: (ins) => memIndex(ins.a),
  i32: (ins) => ' ' + (ins.a | 0),
  i64: (ins) => ' ' + BigInt.asIntN(64, bigImm(ins)).toString(),
  f32: (ins) => ' ' + f32Text(ins.a),
  f64: (ins) => ' ' + f64Text(bigImm(ins)),
  v128: (ins) => ' ' + v128Text(ins.x instanceof Uint8Array ? ins.x : Uint8Array.from(listImm(ins))),
  shuffle: (ins) => ' ' + Array.from(listImm(ins)).join(' '),
  lane: (ins) => ' ' + ins.a,
  select_t: (ins) => ` (result${Array.from(listImm(ins), (t) => ' ' + valTypeName(t)).join('')})`,
  reftype: (ins) => (ins.a === 0x70 ? ' func' : ins.a === 0x6f ? ' extern' : ` ${valTypeName(ins.a)}`),
  data: index,
  memory_init: (ins) => ' ' + u32(ins.a) + memIndex(ins.b),
  elem: index,
  // text order is table then element segment; a = element, b = table
  table_init: (ins) => ` ${u32(ins.b)} ${u32(ins.a)}`,
  table_copy: (ins) => ` ${u32(ins.a)} ${u32(ins.b)}`,
  memory_copy: (ins) => (ins.a === 0 && ins.b === 0 ? '' : ` ${u32(ins.a)} ${u32(ins.b)}`),
  memory_fill: (ins) => memIndex(ins.a),
};

const PRINTERS: readonly ImmPrinter[] = OPCODES.map((op) => IMM_PRINTERS[op.imm]);

/** One instruction as text: its name from the opcode table, then its immediates. */
export function instrText(ins: Instr, scope: InstrScope, depth = 0): string {
  const op = OPCODES[ins.op];
  if (op === undefined) throw new Error(`unknown opcode id ${ins.op}`);
  return op.name + (PRINTERS[ins.op] as ImmPrinter)(ins, op, scope, depth);
}

/** nesting effect of each opcode: +1 opens a block, -1 closes one, 0 for else (closes and opens) */
const OPENS = new Set(['block', 'loop', 'if']);
const NEST: readonly number[] = OPCODES.map((op) => (OPENS.has(op.name) ? 1 : op.name === 'end' ? -1 : 0));
const IS_ELSE: readonly boolean[] = OPCODES.map((op) => op.name === 'else');

/** deepest indentation level printed; deeper code is printed at this level */
export const MAX_INDENT = 32;

/**
 * The instructions of an expression, one line each, indented by nesting below `indent`.
 * The expression's own final `end` is left out (the text form closes it with `)`).
 * `drain`, when given, is called every 1024 lines (the caller may empty `out` in place);
 * `labelLines` adds the `;; label = @n` line comment to block lines.
 */
export function exprLines(
  body: readonly Instr[],
  indent: string,
  scope: InstrScope,
  out: string[],
  drain?: () => void,
  labelLines = true,
): void {
  const pads: string[] = [];
  for (let d = 0; d <= MAX_INDENT; d++) pads.push(indent + '  '.repeat(d));
  let depth = 0;
  const last = body.length - 1;
  for (let i = 0; i < body.length; i++) {
    const ins = body[i] as Instr;
    const nest = NEST[ins.op] ?? 0;
    if (i === last && nest < 0) break;
    if (nest < 0 || IS_ELSE[ins.op] === true) depth--;
    const pad = pads[Math.max(0, Math.min(depth, MAX_INDENT))] as string;
    const text = instrText(ins, scope, Math.max(0, depth));
    // a block's label is its nesting level, as in wasm2wat: `block  ;; label = @1`, `br 0 (;@1;)`
    out.push(nest > 0 && labelLines ? `${pad}${text}  ;; label = @${Math.max(0, depth) + 1}` : pad + text);
    if (nest > 0 || IS_ELSE[ins.op] === true) depth++;
    if (drain !== undefined && (i & 1023) === 1023) drain();
  }
}

/**
 * A constant expression on one line (flat instructions, final `end` left out), e.g.
 * `i32.const 0`; without line comments, which would end the line.
 */
export function constExprText(expr: readonly Instr[], scope: InstrScope): string {
  const lines: string[] = [];
  exprLines(expr, '', scope, lines, undefined, false);
  return lines.map((l) => l.trim()).join(' ');
}
