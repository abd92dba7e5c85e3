/**
 * Prints a generated module as WAT text (spec §6, flat instruction syntax, one instruction a
 * line), so that a failing seed can be reported as a readable reproducer. Covers exactly
 * what the generator emits: numeric code, control, locals/globals, memory and bulk memory,
 * call/call_indirect, table and reference instructions, one funcref table with
 * ref.func/ref.null elements, data segments.
 * Floats are printed as exact hex floats / nan:0x payloads, so parseWat(toWat(m)) encodes
 * to the same bytes as m (checked by the generator test).
 */

import { BLOCK_EMPTY, blockValType, OPCODES } from '../../../formats/wasm/opcodes.js';
import { valTypeName, type Expr, type Instr, type Module, type ValType } from '../../../formats/wasm/types.js';

const hex = (n: bigint | number): string => n.toString(16);

/** exact WAT spelling of a float given its bits, mantissa width and exponent bias */
function floatText(bits: bigint, mantBits: number, expBits: number): string {
  const sign = (bits >> BigInt(mantBits + expBits)) & 1n ? '-' : '';
  const expMask = (1n << BigInt(expBits)) - 1n;
  const exp = (bits >> BigInt(mantBits)) & expMask;
  const mant = bits & ((1n << BigInt(mantBits)) - 1n);
  if (exp === expMask) return mant === 0n ? `${sign}inf` : `${sign}nan:0x${hex(mant)}`;
  const bias = (1 << (expBits - 1)) - 1;
  // left-align the mantissa to whole hex digits
  const pad = (4 - (mantBits % 4)) % 4;
  const digits = (mant << BigInt(pad)).toString(16).padStart((mantBits + pad) / 4, '0');
  if (exp === 0n) return `${sign}0x0.${digits}p-${bias - 1}`;
  return `${sign}0x1.${digits}p${Number(exp) - bias}`;
}
export const f32Text = (bits: number): string => floatText(BigInt(bits >>> 0), 23, 8);
export const f64Text = (bits: bigint): string => floatText(BigInt.asUintN(64, bits), 52, 11);

const vt = (t: number): string => valTypeName(t);
const list = (kw: string, ts: readonly number[]): string => (ts.length === 0 ? '' : ` (${kw} ${ts.map(vt).join(' ')})`);

function blockTypeText(a: number): string {
  if (a === BLOCK_EMPTY) return '';
  if (a < 0) return ` (result ${vt(blockValType(a))})`;
  return ` (type ${a})`;
}

function instrText(ins: Instr): string {
  const op = OPCODES[ins.op]!;
  const n = op.name;
  switch (op.imm) {
    case 'none':
      return n;
    case 'blocktype':
      return n + blockTypeText(ins.a);
    case 'label':
    case 'func':
    case 'table':
    case 'local':
    case 'global':
    case 'data':
    case 'elem':
      return `${n} ${ins.a}`;
    case 'br_table':
      return `${n} ${[...(ins.x as number[]), ins.a].join(' ')}`;
    case 'call_indirect':
      return `${n} ${ins.b} (type ${ins.a})`;
    case 'memarg': {
      const off = ins.b === 0 ? '' : ` offset=${ins.b >>> 0}`;
      const align = ins.a === op.align ? '' : ` align=${2 ** ins.a}`;
      return n + off + align;
    }
    case 'memory':
    case 'memory_fill':
    case 'memory_copy':
      return n;
    case 'memory_init':
      return `${n} ${ins.a}`;
    case 'table_copy':
      return `${n} ${ins.a} ${ins.b}`;
    case 'i32':
      return `${n} ${ins.a | 0}`;
    case 'i64':
      return `${n} ${String(ins.x)}`;
    case 'f32':
      return `${n} ${f32Text(ins.a)}`;
    case 'f64':
      return `${n} ${f64Text(ins.x as bigint)}`;
    case 'select_t':
      return `${n} (result ${(ins.x as number[]).map(vt).join(' ')})`;
    case 'reftype':
      return `${n} ${ins.a === 0x70 ? 'func' : 'extern'}`;
    default:
      throw new Error(`toWat: unsupported immediate kind ${op.imm} (${n})`);
  }
}

/** a body, one instruction a line, indented by block nesting; the final `end` is left out */
function bodyText(body: Expr, indent: string): string[] {
  const out: string[] = [];
  let depth = 0;
  body.forEach((ins, i) => {
    const name = OPCODES[ins.op]!.name;
    if (i === body.length - 1 && name === 'end') return;
    if (name === 'end' || name === 'else') depth--;
    out.push(indent + '  '.repeat(Math.max(0, depth)) + instrText(ins));
    if (name === 'block' || name === 'loop' || name === 'if' || name === 'else') depth++;
  });
  return out;
}
const constText = (e: Expr): string => e.slice(0, -1).map(instrText).join(' ');
const bytesText = (b: Uint8Array): string => [...b].map((x) => '\\' + x.toString(16).padStart(2, '0')).join('');

export function toWat(m: Module): string {
  if (m.imports.length > 0) throw new Error('toWat: imports are not supported');
  const out: string[] = ['(module'];
  m.types.forEach((t, i) => out.push(`  (type (;${i};) (func${list('param', t.params)}${list('result', t.results)}))`));
  m.tables.forEach((t) => out.push(`  (table ${t.limits.min}${t.limits.max === undefined ? '' : ' ' + t.limits.max} ${vt(t.elem)})`));
  m.mems.forEach((mem) => out.push(`  (memory ${mem.limits.min}${mem.limits.max === undefined ? '' : ' ' + mem.limits.max})`));
  m.globals.forEach((g, i) => {
    const type = g.type.mutable ? `(mut ${vt(g.type.type)})` : vt(g.type.type);
    out.push(`  (global (;${i};) ${type} (${constText(g.init)}))`);
  });
  m.exports.forEach((e) => out.push(`  (export "${e.name}" (${e.kind} ${e.index}))`));
  m.elems.forEach((e) => {
    if (e.mode.kind !== 'active') throw new Error('toWat: only active element segments');
    const items = e.init.map((x) => `(${constText(x)})`).join(' ');
    out.push(`  (elem (table ${e.mode.table}) (offset ${constText(e.mode.offset)}) ${vt(e.type)} ${items})`);
  });
  m.codes.forEach((c, i) => {
    const type = m.types[m.funcs[i]!]!;
    out.push(`  (func (;${i};) (type ${m.funcs[i]})${list('param', type.params)}${list('result', type.results)}`);
    const locals = c.locals.flatMap((g) => Array.from({ length: g.count }, () => g.type as ValType));
    if (locals.length > 0) out.push(`    (local ${locals.map(vt).join(' ')})`);
    out.push(...bodyText(c.body, '    '));
    out.push('  )');
  });
  m.datas.forEach((d) => {
    const where = d.mode.kind === 'active' ? ` (offset ${constText(d.mode.offset)})` : '';
    out.push(`  (data${where} "${bytesText(d.bytes)}")`);
  });
  out.push(')');
  return out.join('\n') + '\n';
}
