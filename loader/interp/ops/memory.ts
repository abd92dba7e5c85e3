/**
 * Emitters for scalar memory instructions (spec §4.4.7 memory instructions): loads and
 * stores through the function's cached DataView `dv` after an explicit bounds check of the
 * effective address `(addr >>> 0) + offset` (a double, so it never wraps) against `ml`, the
 * cached byte length; memory.size/grow and the bulk operations. i64 accesses read and write
 * the value's int32 halves (two 32-bit accesses for the full width, little-endian); an f64
 * NaN is stored by its bits (numeric/f64-bits.ts).
 */

import { opByName } from '../../../formats/wasm/opcodes.js';
import type { Instr } from '../../../formats/wasm/types.js';
import { I64, type Emitter, type FuncGen } from '../codegen.js';

/** name → read expression (the access size is the row's natural alignment, accessSize) */
const LOADS: Readonly<Record<string, string>> = {
  'i32.load': 'dv.getInt32(ea, true)',
  'f32.load': 'dv.getInt32(ea, true)',
  'f64.load': 'dv.getFloat64(ea, true)',
  'i32.load8_s': 'dv.getInt8(ea)',
  'i32.load8_u': 'dv.getUint8(ea)',
  'i32.load16_s': 'dv.getInt16(ea, true)',
  'i32.load16_u': 'dv.getUint16(ea, true)',
};

/** name → statements with $r/$rh the result's halves */
const I64_LOADS: Readonly<Record<string, string>> = {
  'i64.load': '$r = dv.getInt32(ea, true); $rh = dv.getInt32(ea + 4, true);',
  'i64.load8_s': '$r = dv.getInt8(ea); $rh = $r >> 31;',
  'i64.load8_u': '$r = dv.getUint8(ea); $rh = 0;',
  'i64.load16_s': '$r = dv.getInt16(ea, true); $rh = $r >> 31;',
  'i64.load16_u': '$r = dv.getUint16(ea, true); $rh = 0;',
  'i64.load32_s': '$r = dv.getInt32(ea, true); $rh = $r >> 31;',
  'i64.load32_u': '$r = dv.getInt32(ea, true); $rh = 0;',
};

/** name → write statement with $v the value */
const STORES: Readonly<Record<string, string>> = {
  'i32.store': 'dv.setInt32(ea, $v, true)',
  'i64.store': 'dv.setInt32(ea, $v, true); dv.setInt32(ea + 4, $vh, true)',
  'f32.store': 'dv.setInt32(ea, $v, true)',
  'i32.store8': 'dv.setInt8(ea, $v)',
  'i32.store16': 'dv.setInt16(ea, $v, true)',
  'i64.store8': 'dv.setInt8(ea, $v)',
  'i64.store16': 'dv.setInt16(ea, $v, true)',
  'i64.store32': 'dv.setInt32(ea, $v, true)',
};

/** bytes accessed by a scalar load or store: its natural alignment (opcode table) */
function accessSize(name: string): number {
  const op = opByName(name);
  if (op === undefined || op.align < 0) throw new Error(`memory emitters: ${name} is not a memory instruction`);
  return 1 << op.align;
}

function load(size: number, read: string): Emitter {
  return (g: FuncGen, ins: Instr) => {
    const info = g.resultTypeOf(ins);
    const addr = g.pop();
    g.memCheck(addr, ins.b, size);
    g.emit(`${g.push(info)} = ${read};`);
  };
}

function loadI64(size: number, read: string): Emitter {
  return (g: FuncGen, ins: Instr) => {
    const addr = g.pop();
    g.memCheck(addr, ins.b, size);
    const r = g.push(I64);
    g.emit(read.replace(/\$rh/g, g.hi(r)).replace(/\$r/g, r));
  };
}

function store(size: number, write: string): Emitter {
  return (g: FuncGen, ins: Instr) => {
    const wide = write.includes('$vh');
    const v = g.pop();
    const addr = g.pop();
    g.memCheck(addr, ins.b, size);
    g.emit((wide ? write.replace('$vh', g.hi(v)) : write).replace('$v', v) + ';');
  };
}

const F64_SIZE = accessSize('f64.store');

/**
 * f64.store: an optimised setFloat64 may quiet a NaN (numeric/f64-bits.ts), so a NaN goes
 * through a helper, unless the value is an arithmetic result, which may be quieted
 */
function storeF64(g: FuncGen, ins: Instr): void {
  const arithmetic = g.topIsArithmetic();
  const v = g.pop();
  const addr = g.pop();
  g.memCheck(addr, ins.b, F64_SIZE);
  const store = `dv.setFloat64(ea, ${v}, true);`;
  g.emit(arithmetic ? store : `if (${v} === ${v}) ${store} else f64_store_nan(dv, ea, ${v});`);
}

export const MEMORY_EMITTERS: Readonly<Record<string, Emitter>> = {
  ...Object.fromEntries(Object.entries(LOADS).map(([n, read]) => [n, load(accessSize(n), read)])),
  ...Object.fromEntries(Object.entries(I64_LOADS).map(([n, read]) => [n, loadI64(accessSize(n), read)])),
  ...Object.fromEntries(Object.entries(STORES).map(([n, write]) => [n, store(accessSize(n), write)])),
  'f64.store': storeF64,
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
