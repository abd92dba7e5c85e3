/**
 * Variables (spec §2.4.4). Locals emit nothing: `local.get` pushes the local's current SSA value,
 * `local.set` / `local.tee` replace it (translator.ts explains how values meet at merges).
 * Globals live in the VM context (compiler/vmctx.ts): a defined global is read and written in
 * place (`vmctx_load.T` / `vmctx_store.T`); an imported one through the pointer its slot holds
 * (`vmctx_load.ptr`, then `load.T p+0` / `store.T p+0`).
 */

import { OP } from '../../formats/wasm/opcodes.js';
import type { Instr } from '../../formats/wasm/types.js';
import type { Type } from '../ir/types.js';
import { Type as T } from '../ir/types.js';
import type { VmctxGlobal } from '../vmctx.js';
import type { Translator } from './translator.js';
import { refKindOf } from '../ir/func.js';

type Handler = (t: Translator, ins: Instr) => void;

function globalSlot(t: Translator, g: number): [VmctxGlobal, Type] {
  const slot = t.layout.globals[g];
  const gt = t.info.globals[g];
  if (slot === undefined || gt === undefined) throw t.refuse('global.get', `unknown global ${g}`);
  return [slot, t.irType(gt.type, 'a v128 global')];
}

function globalGet(t: Translator, ins: Instr): void {
  const [slot, ty] = globalSlot(t, ins.a);
  const b = t.b;
  const v = !slot.imported ? b.vmctxLoad(ty, slot.offset) : b.load('load', ty, b.vmctxLoad(T.PTR, slot.offset));
  t.f.markRef(v, refKindOf(t.info.globals[ins.a]?.type ?? 0));
  t.push(v);
}

function globalSet(t: Translator, ins: Instr): void {
  const [slot, ty] = globalSlot(t, ins.a);
  const b = t.b;
  const v = t.pop();
  if (!slot.imported) b.vmctxStore(ty, slot.offset, v);
  else b.store('store', ty, b.vmctxLoad(T.PTR, slot.offset), v);
}

export function variableHandlers(): [number, Handler][] {
  return [
    [OP.local_get, (t, ins) => t.push(t.cur[ins.a] as number)],
    [OP.local_set, (t, ins) => t.setLocal(ins.a, t.pop())],
    [OP.local_tee, (t, ins) => t.setLocal(ins.a, t.peek(0))],
    [OP.global_get, globalGet],
    [OP.global_set, globalSet],
  ];
}
