/**
 * Calls (spec §2.4.8). Every compiled function takes the vmctx `ptr` first, then its wasm params,
 * and returns its wasm results (several for multi-value). Each wasm type a function calls with
 * becomes one IR signature `(ptr, params) -> results`, declared on first use.
 * - `call` of a defined function: `call fnN sigK(vmctx, args)` (N = the wasm function index).
 * - `call` of an imported function: its code and vmctx from the vmctx's import slots, then
 *   `call_indirect sigK code(callee_vmctx, args)`.
 * - `call_indirect`: `trapz (idx <u size), undefined_element`; the element (a function reference
 *   ptr) from the table's element array; `trapnz (ref == 0), uninitialized_element`;
 *   `trapz (ref.type_id == vmctx.type_ids[type]), bad_signature`; then `call_indirect` of the
 *   reference's code with the reference's vmctx.
 */

import { OP } from '../../formats/wasm/opcodes.js';
import type { Instr } from '../../formats/wasm/types.js';
import { IntCC } from '../ir/conds.js';
import { op } from '../ir/opcodes.js';
import { TrapCode } from '../ir/traps.js';
import { Type } from '../ir/types.js';
import { refKindOf } from '../ir/func.js';
import { FUNCREF_CODE, FUNCREF_TYPE_ID, FUNCREF_VMCTX } from '../vmctx.js';
import type { Translator } from './translator.js';

type Handler = (t: Translator, ins: Instr) => void;

const CALL = op('call');
const CALL_INDIRECT = op('call_indirect');
const TRAPZ = op('trapz');
const TRAPNZ = op('trapnz');

/** the IR signature of wasm type `typeIdx` in the current function */
export function sigFor(t: Translator, typeIdx: number): number {
  const known = t.sigOf[typeIdx] as number;
  if (known >= 0) return known;
  const ft = t.m.types[typeIdx];
  if (ft === undefined) throw t.refuse('a call', `unknown type ${typeIdx}`);
  const params: Type[] = [Type.PTR];
  for (const p of ft.params) params.push(t.irType(p, 'a call with v128 params'));
  const results: Type[] = [];
  for (const r of ft.results) results.push(t.irType(r, 'a call with v128 results'));
  const s = t.f.addSig(params, results);
  t.sigOf[typeIdx] = s;
  return s;
}

/**
 * append `opcode` (call / call_indirect) with `callee` (or -1) and ctx, then nArgs stack
 * values; results of reference type (wasm type `typeIdx`) are marked as references
 */
function emitCall(t: Translator, opcode: number, imm0: number, sig: number, callee: number, ctx: number, nArgs: number, typeIdx: number): void {
  const f = t.f;
  const lead = callee >= 0 ? 2 : 1;
  const nRes = f.sigResultCount[sig] as number;
  const i = f.newInst(opcode, nRes, lead + nArgs, imm0, opcode === CALL ? sig : 0);
  if (callee >= 0) f.setOperand(i, 0, callee);
  f.setOperand(i, lead - 1, ctx);
  for (let k = 0; k < nArgs; k++) f.setOperand(i, lead + k, t.stack[t.sp - nArgs + k] as number);
  t.sp -= nArgs;
  const wasmResults = t.m.types[typeIdx]?.results ?? [];
  for (let r = 0; r < nRes; r++) f.markRef(f.makeResult(i, r, f.sigResult(sig, r)), refKindOf(wasmResults[r] ?? 0));
  f.appendInst(t.b.block, i);
  for (let r = 0; r < nRes; r++) t.push(f.result(i, r));
}

function call(t: Translator, ins: Instr): void {
  const fn = ins.a;
  const typeIdx = t.info.funcTypeIdx[fn];
  if (typeIdx === undefined) throw t.refuse('call', `unknown function ${fn}`);
  const sig = sigFor(t, typeIdx);
  const nArgs = (t.f.sigParamCount[sig] as number) - 1;
  const imp = t.layout.imports[fn];
  if (imp === undefined) return emitCall(t, CALL, fn, sig, -1, t.vmctx, nArgs, typeIdx);
  const code = t.b.vmctxLoad(Type.PTR, imp.code);
  const ctx = t.b.vmctxLoad(Type.PTR, imp.vmctx);
  emitCall(t, CALL_INDIRECT, sig, sig, code, ctx, nArgs, typeIdx);
}

function callIndirect(t: Translator, ins: Instr): void {
  const typeIdx = ins.a;
  const table = t.layout.tables[ins.b];
  if (table === undefined) throw t.refuse('call_indirect', `unknown table ${ins.b}`);
  const sig = sigFor(t, typeIdx);
  const b = t.b;
  const idx = t.pop();
  const size = b.vmctxLoad(Type.I32, table.size);
  b.emit(TRAPZ, 1, b.icmp(IntCC.ult, Type.I32, idx, size), 0, 0, TrapCode.UndefinedElement);
  const offset = b.binary('ishl', Type.I64, b.convert('uextend', Type.I64, Type.I32, idx), b.iconst(Type.I64, 3));
  const ref = b.load('load', Type.PTR, b.ptradd(Type.I64, b.vmctxLoad(Type.PTR, table.base), offset));
  b.emit(TRAPNZ, 1, b.icmp(IntCC.eq, Type.PTR, ref, b.iconst(Type.PTR, 0)), 0, 0, TrapCode.UninitializedElement);
  const have = b.load('load', Type.I32, ref, FUNCREF_TYPE_ID);
  const want = b.vmctxLoad(Type.I32, t.layout.typeIds + 4 * typeIdx);
  b.emit(TRAPZ, 1, b.icmp(IntCC.eq, Type.I32, have, want), 0, 0, TrapCode.BadSignature);
  const code = b.load('load', Type.PTR, ref, FUNCREF_CODE);
  const ctx = b.load('load', Type.PTR, ref, FUNCREF_VMCTX);
  emitCall(t, CALL_INDIRECT, sig, sig, code, ctx, (t.f.sigParamCount[sig] as number) - 1, typeIdx);
}

export function callHandlers(): [number, Handler][] {
  return [
    [OP.call, call],
    [OP.call_indirect, callIndirect],
  ];
}
