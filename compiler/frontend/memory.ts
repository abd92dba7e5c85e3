/**
 * Linear memory (spec §2.4.7, §4.4.7). Every access is an address computation plus the access:
 *
 *     v1 = vmctx_load.i64 vmctx+24          ; memory size in bytes  ┐ bounds: 'explicit'
 *     heap_check.i32 idx+(offset+size), v1                           ┘ (the default)
 *     v2 = vmctx_load.ptr vmctx+16          ; memory base
 *     v3 = ptradd.ptr.i32 v2, idx           ; base + zero-extended index
 *     v4 = load.i32 v3+offset
 *
 * With `bounds: 'none'` the check is left out (guard pages will trap instead). `memory.size` is
 * the byte size shifted right by 16; `memory.grow` and the bulk instructions call the runtime
 * (`memory_grow`, `memory_fill`, `memory_copy`, `memory_init`, `data_drop`) with the memory and
 * segment indices as i32 constants.
 */

import { opByName as wasmOp } from '../../formats/wasm/opcodes.js';
import type { Instr } from '../../formats/wasm/types.js';
import { op } from '../ir/opcodes.js';
import { runtimeByName } from '../ir/runtime.js';
import { Type } from '../ir/types.js';
import { callRuntime } from './runtime-call.js';
import type { Translator } from './translator.js';

type Handler = (t: Translator, ins: Instr) => void;

const out: [number, Handler][] = [];
const wasm = (name: string): number => {
  const info = wasmOp(name);
  if (info === undefined) throw new Error(`frontend: no wasm opcode ${name}`);
  return info.id;
};

/** the address of an access of `size` bytes at index `idx` + static `offset` (checked if explicit) */
export function address(t: Translator, idx: number, offset: number, size: number): number {
  const b = t.b;
  if (t.boundsExplicit) {
    const bound = b.vmctxLoad(Type.I64, t.layout.memSize);
    b.heapCheck(Type.I32, idx, bound, offset + size);
  }
  return b.ptradd(Type.I32, b.vmctxLoad(Type.PTR, t.layout.memBase), idx);
}

function load(name: string, irName: string, size: number): void {
  const o = op(irName);
  out.push([
    wasm(name),
    (t, ins) => {
      const offset = ins.b >>> 0;
      const addr = address(t, t.pop(), offset, size);
      t.push(t.f.result(t.b.emit(o, 1, addr, 0, 0, offset | 0, 0), 0));
    },
  ]);
}
function store(name: string, irName: string, size: number): void {
  const o = op(irName);
  out.push([
    wasm(name),
    (t, ins) => {
      const offset = ins.b >>> 0;
      const v = t.pop();
      const addr = address(t, t.pop(), offset, size);
      t.b.emit(o, 2, addr, v, 0, offset | 0, 0);
    },
  ]);
}

load('i32.load', 'load.i32', 4);
load('i64.load', 'load.i64', 8);
load('f32.load', 'load.f32', 4);
load('f64.load', 'load.f64', 8);
for (const w of ['i32', 'i64']) {
  load(`${w}.load8_s`, `sload8.${w}`, 1);
  load(`${w}.load8_u`, `uload8.${w}`, 1);
  load(`${w}.load16_s`, `sload16.${w}`, 2);
  load(`${w}.load16_u`, `uload16.${w}`, 2);
  store(`${w}.store8`, `istore8.${w}`, 1);
  store(`${w}.store16`, `istore16.${w}`, 2);
}
load('i64.load32_s', 'sload32.i64', 4);
load('i64.load32_u', 'uload32.i64', 4);
store('i32.store', 'store.i32', 4);
store('i64.store', 'store.i64', 8);
store('f32.store', 'store.f32', 4);
store('f64.store', 'store.f64', 8);
store('i64.store32', 'istore32.i64', 4);

out.push([
  wasm('memory.size'),
  (t) => {
    const b = t.b;
    const bytes = b.vmctxLoad(Type.I64, t.layout.memSize);
    t.push(b.convert('ireduce', Type.I32, Type.I64, b.binary('ushr', Type.I64, bytes, b.iconst(Type.I64, 16))));
  },
]);

const GROW = runtimeByName('memory_grow');
const FILL = runtimeByName('memory_fill');
const COPY = runtimeByName('memory_copy');
const INIT = runtimeByName('memory_init');
const DROP = runtimeByName('data_drop');
out.push([wasm('memory.grow'), (t, ins) => t.push(callRuntime(t, GROW, ins.a, -1, 1))]);
out.push([wasm('memory.fill'), (t, ins) => void callRuntime(t, FILL, ins.a, -1, 3)]);
out.push([wasm('memory.copy'), (t, ins) => void callRuntime(t, COPY, ins.a, ins.b, 3)]);
out.push([wasm('memory.init'), (t, ins) => void callRuntime(t, INIT, ins.b, ins.a, 3)]);
out.push([wasm('data.drop'), (t, ins) => void callRuntime(t, DROP, ins.a, -1, 0)]);

export function memoryHandlers(): [number, Handler][] {
  return out;
}
