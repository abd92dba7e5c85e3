/**
 * IR text printer. The syntax (docs/ir.md) is kiln's own, close to Cranelift's:
 *
 *     function %name(i32, i64) -> i32 {
 *         sig0 = (i32) -> i32
 *     block0(v0: i32, v1: i64):
 *         v2 = call fn3 sig0(v0)
 *         return v2
 *     }
 *
 * Value, block, signature and function numbers are the store's own, so text parsed back
 * gives the same numbering and prints identically. Each immediate kind has one printer.
 */

import { FLOATCC_NAMES, INTCC_NAMES } from './conds.js';
import { Func, NO } from './func.js';
import type { ImmKind, OpRow } from './opcodes.js';
import { RUNTIME } from './runtime.js';
import { TRAP_NAMES } from './traps.js';
import { Type, typeName } from './types.js';
import { blockInsts, blockOrder, blockParams, callArgs, imm64, instCalls, instOperands, instResults, rowOf, uimm64 } from './view.js';

export const valueName = (v: number): string => (v < 0 ? 'v?' : `v${v}`);

/** `%name`, quoted as a JSON string unless it is made of identifier characters */
export function funcName(name: string): string {
  return /^[A-Za-z0-9_.$]+$/.test(name) ? `%${name}` : `%${JSON.stringify(name)}`;
}

/** `(i32, i64) -> f32` (no arrow when there are no results, several results without parens) */
export function signature(params: readonly number[], results: readonly number[]): string {
  const p = `(${params.map(typeName).join(', ')})`;
  return results.length === 0 ? p : `${p} -> ${results.map(typeName).join(', ')}`;
}

function blockCall(f: Func, c: number): string {
  const b = f.callBlock[c] as number;
  const args = callArgs(f, c);
  return `block${b < 0 ? '?' : b}` + (args.length === 0 ? '' : `(${args.map(valueName).join(', ')})`);
}

const list = (vs: readonly number[]): string => vs.map(valueName).join(', ');
const named = (names: readonly string[], i: number, other: string): string => names[i] ?? `${other}${i}`;

type ImmPrinter = (f: Func, inst: number, ops: number[], row: OpRow) => string;

/** the text after the opcode name, one printer per immediate kind */
const IMM_PRINTERS: Record<ImmKind, ImmPrinter> = {
  none: (_f, _i, ops) => list(ops),
  int: (f, i, _ops, row) => (row.type === Type.I32 ? String(f.instImm0[i]) : String(imm64(f, i))),
  fbits: (f, i, _ops, row) =>
    row.type === Type.F32
      ? '0x' + ((f.instImm0[i] as number) >>> 0).toString(16).padStart(8, '0')
      : '0x' + uimm64(f, i).toString(16).padStart(16, '0'),
  intcc: (f, i, ops) => `${named(INTCC_NAMES, f.instImm0[i] as number, 'cc')} ${list(ops)}`,
  floatcc: (f, i, ops) => `${named(FLOATCC_NAMES, f.instImm0[i] as number, 'cc')} ${list(ops)}`,
  offset: (f, i, ops) => `${valueName(ops[0] ?? NO)}+${uimm64(f, i)}` + (ops.length > 1 ? `, ${list(ops.slice(1))}` : ''),
  vmctx: (f, i, ops) => `vmctx+${(f.instImm0[i] as number) >>> 0}` + (ops.length > 0 ? `, ${list(ops)}` : ''),
  trapcode: (f, i, ops) => (ops.length > 0 ? `${list(ops)}, ` : '') + named(TRAP_NAMES, f.instImm0[i] as number, 'trap'),
  call: (f, i, ops) => `fn${(f.instImm0[i] as number) >>> 0} sig${f.instImm1[i]}(${list(ops)})`,
  call_indirect: (f, i, ops) => `sig${f.instImm0[i]} ${valueName(ops[0] ?? NO)}(${list(ops.slice(1))})`,
  runtime: (f, i, ops) => `${RUNTIME[f.instImm0[i] as number]?.name ?? `rt${f.instImm0[i]}`}(${list(ops)})`,
  lane: (f, i, ops) => `${list(ops)}, ${f.instImm0[i]}`,
  v128: (f, i, ops) => (ops.length > 0 ? `${list(ops)}, ` : '') + v128Hex(f, f.instImm0[i] as number),
  jump: (f, i) => instCalls(f, i).map((c) => blockCall(f, c)).join(', '),
  brif: (f, i, ops) => [list(ops), ...instCalls(f, i).map((c) => blockCall(f, c))].join(', '),
  br_table: (f, i, ops) => {
    const calls = instCalls(f, i).map((c) => blockCall(f, c));
    const dflt = calls.pop() ?? 'block?';
    return `${list(ops)}, [${calls.join(', ')}], default ${dflt}`;
  },
};

/** pool constant n as a 128-bit little-endian hex number: byte 15 first */
function v128Hex(f: Func, n: number): string {
  let s = '0x';
  for (let k = 15; k >= 0; k--) s += (f.v128Byte(n, k) | 0x100).toString(16).slice(1);
  return s;
}

/** one instruction, without indentation: `v3 = iadd.i32 v1, v2` */
export function printInst(f: Func, inst: number): string {
  const row = rowOf(f, inst);
  const res = instResults(f, inst);
  const rest = IMM_PRINTERS[row.imm](f, inst, instOperands(f, inst), row);
  return (res.length > 0 ? `${list(res)} = ` : '') + row.name + (rest === '' ? '' : ' ' + rest);
}

/** a block's header line: `block1(v3: i32, v4: f64):` or `block1:` */
export function printBlockHeader(f: Func, b: number): string {
  const ps = blockParams(f, b).map((v) => `${valueName(v)}: ${typeName(f.valueType[v] as number)}`);
  return `block${b}` + (ps.length === 0 ? '' : `(${ps.join(', ')})`) + ':';
}

/** the whole function, ending with a newline */
export function printFunc(f: Func): string {
  let out = `function ${funcName(f.name)}${signature(f.params, f.results)} {\n`;
  for (let s = 0; s < f.sigCount; s++) {
    const ps: number[] = [];
    const rs: number[] = [];
    for (let i = 0; i < (f.sigParamCount[s] as number); i++) ps.push(f.sigParam(s, i));
    for (let i = 0; i < (f.sigResultCount[s] as number); i++) rs.push(f.sigResult(s, i));
    out += `    sig${s} = ${signature(ps, rs)}\n`;
  }
  for (const b of blockOrder(f)) {
    out += printBlockHeader(f, b) + '\n';
    for (const i of blockInsts(f, b)) out += '    ' + printInst(f, i) + '\n';
  }
  return out + '}\n';
}
