/**
 * The runtime functions of compiler/ir/runtime.ts in JS, called from compiled code through
 * koffi callbacks and the wrappers of trampolines.ts (C ABI: vmctx first, i32 arguments as
 * signed numbers, pointers as numbers). Semantics and trap wording follow the spec and the
 * interpreter (loader/interp/runtime.ts): bulk operations check the whole range before
 * writing anything. A trap sets the runtime block's trap code (`env.trap`) and returns; the
 * wrapper then unwinds to the entry trampoline.
 */

import { RUNTIME, runtimeByName } from '../../compiler/ir/runtime.js';
import type { TrapKind } from '../../formats/traps.js';
import type { RefValue } from '../api.js';
import type { Segments } from '../instance/segments.js';
import type { NativeMemory } from './memory.js';
import type { RefTable } from './refs.js';
import type { RuntimeImpl } from './runtime.js';
import type { NativeTable } from './table.js';

/** what the runtime functions need of one instance, found by its vmctx address */
export interface InstanceState {
  readonly memories: readonly NativeMemory[];
  readonly tables: readonly NativeTable[];
  readonly segments: Segments;
  /** the funcref record of function index `index` (valid: the code's ref.func was validated) */
  funcRecord(index: number): number;
}

export interface RuntimeEnv {
  state(vmctx: number): InstanceState;
  trap(kind: TrapKind): void;
  readonly refs: RefTable;
}

const MEM_OOB: TrapKind = 'out of bounds memory access';
const TABLE_OOB: TrapKind = 'out of bounds table access';

/** the implementation of every runtime function, indexed by id */
export function runtimeImpls(env: RuntimeEnv): RuntimeImpl[] {
  const impls: Record<string, RuntimeImpl> = {
    memory_grow(vm, m, delta) {
      return (env.state(vm).memories[m] as NativeMemory).grow(delta >>> 0);
    },
    memory_fill(vm, m, d, v, n) {
      const mem = env.state(vm).memories[m] as NativeMemory;
      d >>>= 0;
      n >>>= 0;
      if (d + n > mem.byteLength) return env.trap(MEM_OOB);
      mem.bytes().fill(v & 255, d, d + n);
    },
    memory_copy(vm, dm, sm, d, s, n) {
      const st = env.state(vm);
      const dst = st.memories[dm] as NativeMemory;
      const src = st.memories[sm] as NativeMemory;
      d >>>= 0;
      s >>>= 0;
      n >>>= 0;
      if (s + n > src.byteLength || d + n > dst.byteLength) return env.trap(MEM_OOB);
      if (dst === src) dst.bytes().copyWithin(d, s, s + n);
      else dst.bytes().set(src.bytes().subarray(s, s + n), d);
    },
    memory_init(vm, m, seg, d, s, n) {
      const st = env.state(vm);
      const mem = st.memories[m] as NativeMemory;
      const data = st.segments.datas[seg] as Uint8Array;
      d >>>= 0;
      s >>>= 0;
      n >>>= 0;
      if (s + n > data.length || d + n > mem.byteLength) return env.trap(MEM_OOB);
      mem.bytes().set(data.subarray(s, s + n), d);
    },
    data_drop(vm, seg) {
      env.state(vm).segments.dropData(seg);
    },
    table_get(vm, t, i) {
      const tab = env.state(vm).tables[t] as NativeTable;
      if (i >>> 0 >= tab.size()) {
        env.trap(TABLE_OOB);
        return 0;
      }
      return tab.ptrAt(i >>> 0);
    },
    table_set(vm, t, i, p) {
      const tab = env.state(vm).tables[t] as NativeTable;
      if (i >>> 0 >= tab.size()) return env.trap(TABLE_OOB);
      tab.setPtr(i >>> 0, p);
    },
    table_size(vm, t) {
      return (env.state(vm).tables[t] as NativeTable).size();
    },
    table_grow(vm, t, p, n) {
      return (env.state(vm).tables[t] as NativeTable).growPtr(n >>> 0, p);
    },
    table_fill(vm, t, i, p, n) {
      const tab = env.state(vm).tables[t] as NativeTable;
      i >>>= 0;
      n >>>= 0;
      if (i + n > tab.size()) return env.trap(TABLE_OOB);
      tab.fillPtr(i, n, p);
    },
    table_copy(vm, dt, st, d, s, n) {
      const state = env.state(vm);
      const dst = state.tables[dt] as NativeTable;
      const src = state.tables[st] as NativeTable;
      d >>>= 0;
      s >>>= 0;
      n >>>= 0;
      if (s + n > src.size() || d + n > dst.size()) return env.trap(TABLE_OOB);
      if (dst === src && d > s) for (let k = n - 1; k >= 0; k--) dst.setPtr(d + k, src.ptrAt(s + k));
      else for (let k = 0; k < n; k++) dst.setPtr(d + k, src.ptrAt(s + k));
    },
    table_init(vm, t, seg, d, s, n) {
      const st = env.state(vm);
      const tab = st.tables[t] as NativeTable;
      const items = st.segments.elems[seg] as RefValue[];
      d >>>= 0;
      s >>>= 0;
      n >>>= 0;
      if (s + n > items.length || d + n > tab.size()) return env.trap(TABLE_OOB);
      for (let k = 0; k < n; k++) tab.setPtr(d + k, env.refs.toPtr(tab.type.elem, items[s + k] as RefValue));
    },
    elem_drop(vm, seg) {
      env.state(vm).segments.dropElem(seg);
    },
    ref_func(vm, index) {
      return env.state(vm).funcRecord(index);
    },
  };
  return RUNTIME.map((row) => {
    const f = impls[row.name];
    if (f === undefined || runtimeByName(row.name) !== row.id) throw new Error(`native runtime: no implementation of ${row.name}`);
    return f;
  });
}

