/**
 * Reference and table instructions (spec §2.4.2, §2.4.6). References are `ptr` values, 0 is
 * null: `ref.null` is `iconst.ptr 0`, `ref.is_null` compares with it, `ref.func` asks the
 * runtime for the function's reference (`ref_func`). `table.size` reads the table's size from
 * the vmctx; the other table instructions call the runtime (`table_get`, `table_set`,
 * `table_grow`, `table_fill`, `table_copy`, `table_init`, `elem_drop`), which checks bounds and
 * traps "out of bounds table access".
 */

import { opByName as wasmOp, OP } from '../../formats/wasm/opcodes.js';
import type { Instr } from '../../formats/wasm/types.js';
import { IntCC } from '../ir/conds.js';
import { runtimeByName } from '../ir/runtime.js';
import { Type } from '../ir/types.js';
import { RefKind, refKindOf } from '../ir/func.js';
import { callRuntime } from './runtime-call.js';
import type { Translator } from './translator.js';

type Handler = (t: Translator, ins: Instr) => void;

const wasm = (name: string): number => {
  const info = wasmOp(name);
  if (info === undefined) throw new Error(`frontend: no wasm opcode ${name}`);
  return info.id;
};
const rt = (name: string): number => runtimeByName(name);
const GET = rt('table_get');
const SET = rt('table_set');
const GROW = rt('table_grow');
const FILL = rt('table_fill');
const COPY = rt('table_copy');
const INIT = rt('table_init');
const ELEM_DROP = rt('elem_drop');
const REF_FUNC = rt('ref_func');

/** v, marked as a reference of `kind` */
function ref(t: Translator, v: number, kind: RefKind): number {
  t.f.markRef(v, kind);
  return v;
}

function tableSize(t: Translator, ins: Instr): void {
  const table = t.layout.tables[ins.a];
  if (table === undefined) throw t.refuse('table.size', `unknown table ${ins.a}`);
  t.push(t.b.vmctxLoad(Type.I32, table.size));
}

export function tableHandlers(): [number, Handler][] {
  return [
    [OP.ref_null, (t) => t.push(t.b.iconst(Type.PTR, 0))],
    [OP.ref_is_null, (t) => t.push(t.b.icmp(IntCC.eq, Type.PTR, t.pop(), t.b.iconst(Type.PTR, 0)))],
    [OP.ref_func, (t, ins) => t.push(ref(t, callRuntime(t, REF_FUNC, ins.a, -1, 0), RefKind.Func))],
    [OP.table_get, (t, ins) => t.push(ref(t, callRuntime(t, GET, ins.a, -1, 1), refKindOf(t.info.tables[ins.a]?.elem ?? 0)))],
    [OP.table_set, (t, ins) => void callRuntime(t, SET, ins.a, -1, 2)],
    [OP.table_size, tableSize],
    [OP.table_grow, (t, ins) => t.push(callRuntime(t, GROW, ins.a, -1, 2))],
    [OP.table_fill, (t, ins) => void callRuntime(t, FILL, ins.a, -1, 3)],
    [wasm('table.copy'), (t, ins) => void callRuntime(t, COPY, ins.a, ins.b, 3)],
    [wasm('table.init'), (t, ins) => void callRuntime(t, INIT, ins.b, ins.a, 3)],
    [wasm('elem.drop'), (t, ins) => void callRuntime(t, ELEM_DROP, ins.a, -1, 0)],
  ];
}
