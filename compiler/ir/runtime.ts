/**
 * Runtime functions: operations the generated code leaves to the engine's runtime, called
 * with `call_runtime NAME(args)`. Each row fixes the signature (the first argument is always
 * the VM context `ptr`) and the effects beyond CALL, so passes can be more precise than with
 * an arbitrary call. References (funcref / externref) are `ptr` values; 0 is null.
 * Memory and table indices, and data / element segment indices, are i32 arguments.
 */

import { Effect } from './effects.js';
import { TrapCode, trapMask } from './traps.js';
import { Type } from './types.js';

export interface RuntimeRow {
  readonly id: number;
  readonly name: string;
  readonly params: readonly Type[];
  readonly results: readonly Type[];
  /** effect flags (CALL is always added by `call_runtime`) */
  readonly effects: number;
  readonly traps: number;
}

const { I32, PTR } = Type;
const H = Effect.READS_HEAP | Effect.WRITES_HEAP;
const S = Effect.READS_STATE | Effect.WRITES_STATE;
const T = Effect.MAY_TRAP;
const heapOob = trapMask(TrapCode.HeapOutOfBounds);
const tableOob = trapMask(TrapCode.TableOutOfBounds);

const rows: RuntimeRow[] = [];
const rt = (name: string, params: Type[], results: Type[], effects: number, traps = 0): void => {
  rows.push({ id: rows.length, name, params: [PTR, ...params], results, effects, traps });
};

// memory: (vmctx, memory index, ...)
rt('memory_grow', [I32, I32], [I32], Effect.GROWS_HEAP | S);
rt('memory_fill', [I32, I32, I32, I32], [], Effect.WRITES_HEAP | Effect.READS_STATE | T, heapOob);
rt('memory_copy', [I32, I32, I32, I32, I32], [], H | Effect.READS_STATE | T, heapOob); // dst mem, src mem, dst, src, n
rt('memory_init', [I32, I32, I32, I32, I32], [], Effect.WRITES_HEAP | Effect.READS_STATE | T, heapOob); // mem, data, dst, src, n
rt('data_drop', [I32], [], S);
// tables: (vmctx, table index, ...)
rt('table_get', [I32, I32], [PTR], Effect.READS_STATE | T, tableOob);
rt('table_set', [I32, I32, PTR], [], S | T, tableOob);
rt('table_size', [I32], [I32], Effect.READS_STATE);
rt('table_grow', [I32, PTR, I32], [I32], S); // table, init, delta
rt('table_fill', [I32, I32, PTR, I32], [], S | T, tableOob); // table, start, value, n
rt('table_copy', [I32, I32, I32, I32, I32], [], S | T, tableOob); // dst table, src table, dst, src, n
rt('table_init', [I32, I32, I32, I32, I32], [], S | T, tableOob); // table, elem, dst, src, n
rt('elem_drop', [I32], [], S);
rt('ref_func', [I32], [PTR], Effect.READS_STATE); // function index -> funcref

export const RUNTIME: readonly RuntimeRow[] = rows;

const byName = new Map(rows.map((r) => [r.name, r.id]));

/** the runtime function id named `name`, or -1 */
export function runtimeByName(name: string): number {
  return byName.get(name) ?? -1;
}
