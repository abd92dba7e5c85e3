/**
 * Vector instructions (spec §2.4.3, §4.4.3): every wasm SIMD operation that is not a memory
 * access is the IR vector row of the same name (compiler/ir/vector-rows.ts), with its
 * immediate: the lane index, or a pool constant for `v128.const` (its 16 bytes) and
 * `i8x16.shuffle` (its 16 lane indices). Memory accesses are in simd-memory.ts.
 */

import { OPCODES as WASM_OPCODES } from '../../formats/wasm/opcodes.js';
import type { Instr } from '../../formats/wasm/types.js';
import { OPCODES, opByName } from '../ir/opcodes.js';
import type { Translator } from './translator.js';

type Handler = (t: Translator, ins: Instr) => void;

/** per wasm SIMD opcode id: the IR rows its translation may contain beyond scalar ones */
const IR_ROWS = new Map<number, readonly number[]>();

/** note that wasm opcode `wasmOp` becomes IR rows `rows` (and scalar ones) */
export function recordSimdRows(wasmOp: number, rows: readonly number[]): void {
  IR_ROWS.set(wasmOp, rows);
}

/** the v128 IR rows the translation of wasm SIMD opcode `wasmOp` may contain (a target needs them all) */
export function simdIrRows(wasmOp: number): readonly number[] {
  return IR_ROWS.get(wasmOp) ?? [];
}

/** the 16 bytes of a v128 or shuffle immediate */
function immBytes(t: Translator, ins: Instr): Uint8Array {
  const x = ins.x;
  if (x instanceof Uint8Array && x.length === 16) return x;
  if (Array.isArray(x) && x.length === 16) return Uint8Array.from(x);
  throw t.refuse(WASM_OPCODES[ins.op]?.name ?? 'a vector instruction', 'its immediate is not 16 bytes');
}

/** the handler emitting IR row `o` with the wasm instruction's operands and immediate */
function vectorHandler(o: number): Handler {
  const row = OPCODES[o]!;
  const n = row.operands.length;
  return (t, ins) => {
    const imm = row.imm === 'lane' ? ins.a : row.imm === 'v128' ? t.f.addV128(immBytes(t, ins)) : 0;
    const c = n > 2 ? t.pop() : 0;
    const b = n > 1 ? t.pop() : 0;
    const a = n > 0 ? t.pop() : 0;
    t.push(t.f.result(t.b.emit(o, n, a, b, c, imm), 0));
  };
}

/** the wasm vector operations that are one IR row (by name, `v128.const` as `vconst`) */
export function simdHandlers(): [number, Handler][] {
  const out: [number, Handler][] = [];
  for (const w of WASM_OPCODES) {
    if (w.prefix !== 0xfd || w.imm === 'memarg' || w.imm === 'memarg_lane') continue;
    const o = opByName(w.name === 'v128.const' ? 'vconst' : w.name);
    if (o < 0) throw new Error(`frontend: no IR row for ${w.name}`);
    out.push([w.id, vectorHandler(o)]);
    recordSimdRows(w.id, [o]);
  }
  return out;
}
