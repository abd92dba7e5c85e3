/**
 * Emitters for scalar memory instructions (spec §4.4.7 memory instructions): loads and
 * stores through the function's cached DataView `dv` after an explicit bounds check of the
 * effective address `(addr >>> 0) + offset` (a double, so it never wraps) against `ml`, the
 * cached byte length; memory.size/grow and the bulk operations.
 */

import type { Instr } from '../../../formats/wasm/types.js';
import type { Emitter, FuncGen } from '../codegen.js';

/** name → [access size, read expression] */
const LOADS: Readonly<Record<string, [number, string]>> = {
  'i32.load': [4, 'dv.getInt32(ea, true)'],
  'i64.load': [8, 'dv.getBigInt64(ea, true)'],
  'f32.load': [4, 'dv.getInt32(ea, true)'],
  'f64.load': [8, 'dv.getFloat64(ea, true)'],
  'i32.load8_s': [1, 'dv.getInt8(ea)'],
  'i32.load8_u': [1, 'dv.getUint8(ea)'],
  'i32.load16_s': [2, 'dv.getInt16(ea, true)'],
  'i32.load16_u': [2, 'dv.getUint16(ea, true)'],
  'i64.load8_s': [1, 'BigInt(dv.getInt8(ea))'],
  'i64.load8_u': [1, 'BigInt(dv.getUint8(ea))'],
  'i64.load16_s': [2, 'BigInt(dv.getInt16(ea, true))'],
  'i64.load16_u': [2, 'BigInt(dv.getUint16(ea, true))'],
  'i64.load32_s': [4, 'BigInt(dv.getInt32(ea, true))'],
  'i64.load32_u': [4, 'BigInt(dv.getUint32(ea, true))'],
};

/** name → [access size, write statement with $v the value] */
const STORES: Readonly<Record<string, [number, string]>> = {
  'i32.store': [4, 'dv.setInt32(ea, $v, true)'],
  'i64.store': [8, 'dv.setBigInt64(ea, $v, true)'],
  'f32.store': [4, 'dv.setInt32(ea, $v, true)'],
  'f64.store': [8, 'dv.setFloat64(ea, $v, true)'],
  'i32.store8': [1, 'dv.setInt8(ea, $v)'],
  'i32.store16': [2, 'dv.setInt16(ea, $v, true)'],
  'i64.store8': [1, 'dv.setUint8(ea, Number($v & 0xffn))'],
  'i64.store16': [2, 'dv.setUint16(ea, Number($v & 0xffffn), true)'],
  'i64.store32': [4, 'dv.setUint32(ea, Number($v & 0xffffffffn), true)'],
};

function load(size: number, read: string): Emitter {
  return (g: FuncGen, ins: Instr) => {
    const info = g.resultTypeOf(ins);
    const addr = g.pop();
    g.memCheck(addr, ins.b, size);
    g.emit(`${g.push(info)} = ${read};`);
  };
}

function store(size: number, write: string): Emitter {
  return (g: FuncGen, ins: Instr) => {
    const v = g.pop();
    const addr = g.pop();
    g.memCheck(addr, ins.b, size);
    g.emit(write.replace('$v', v) + ';');
  };
}

export const MEMORY_EMITTERS: Readonly<Record<string, Emitter>> = {
  ...Object.fromEntries(Object.entries(LOADS).map(([n, [size, read]]) => [n, load(size, read)])),
  ...Object.fromEntries(Object.entries(STORES).map(([n, [size, write]]) => [n, store(size, write)])),
  'memory.size': (g) => g.emit(`${g.push(0x7f)} = M0.pages;`),
  'memory.grow': (g) => {
    const n = g.pop();
    g.emit(`${g.push(0x7f)} = M0.grow(${n} >>> 0);`);
    g.refreshMem();
  },
  'memory.fill': (g) => {
    const [d, v, n] = g.popN(3);
    g.emit(`mfill(M0, ${d}, ${v}, ${n});`);
  },
  'memory.copy': (g) => {
    const [d, s, n] = g.popN(3);
    g.emit(`mcopy(M0, ${d}, ${s}, ${n});`);
  },
  'memory.init': (g, ins) => {
    const [d, s, n] = g.popN(3);
    g.emit(`minit(M0, DS, ${ins.a}, ${d}, ${s}, ${n});`);
  },
  'data.drop': (g, ins) => g.emit(`DS[${ins.a}] = NODATA;`),
};

/** opcode names that read or write memory through the cached DataView */
export const SCALAR_MEMORY_OPS: ReadonlySet<string> = new Set([...Object.keys(LOADS), ...Object.keys(STORES)]);
