/**
 * Comparing two runs of one generated module (`a` the engine under test, `b` the reference):
 * call outcomes (integers exactly, floats by bits with any NaN matching any NaN — NaN payloads
 * are nondeterministic in the spec, §4.3.3; traps by kind), the memory bytes, the exported
 * globals (by type, as results) and the table (by function identity) after instantiation and
 * after every call. v128 values agree by bytes, or as float lanes with NaN matching NaN
 * (v128-lanes.ts). Every function returns null when the two agree, else one line saying what
 * differs first.
 */

import { ValType } from '../../../formats/wasm/types.js';
import type { RawValue } from '../../../loader/api.js';
import type { Generated } from './module.js';
import type { CallOutcome, RunResult, Snapshot } from './run.js';
import type { StateSnapshot } from './state.js';
import { sameV128, showV128 } from './v128-lanes.js';
import { f64Bits, isNanF32Bits, isNanF64Bits } from './values.js';

/** Equality of raw values of type t; floats by bits, except that any NaN equals any NaN. */
export function sameRaw(t: ValType, a: RawValue, b: RawValue): boolean {
  switch (t) {
    case ValType.I32:
    case ValType.I64:
      return a === b;
    case ValType.F32: {
      const x = (a as number) | 0;
      const y = (b as number) | 0;
      return x === y || (isNanF32Bits(x) && isNanF32Bits(y));
    }
    case ValType.F64: {
      const x = f64Bits(a as number);
      const y = f64Bits(b as number);
      return x === y || (isNanF64Bits(x) && isNanF64Bits(y));
    }
    case ValType.V128:
      return a instanceof Uint8Array && b instanceof Uint8Array && sameV128(a, b);
    default:
      return false;
  }
}

export const showRaw = (t: ValType, v: RawValue): string => {
  if (t === ValType.F32) return `f32:0x${((v as number) >>> 0).toString(16)}`;
  if (t === ValType.F64) return `f64:0x${f64Bits(v as number).toString(16)}`;
  if (t === ValType.V128 && v instanceof Uint8Array) return showV128(v);
  return `${t === ValType.I64 ? 'i64' : 'i32'}:${String(v)}`;
};
export const showValues = (ts: readonly ValType[], vs: readonly RawValue[]): string =>
  `[${vs.map((v, i) => showRaw(ts[i]!, v)).join(' ')}]`;
export function showOutcome(results: readonly ValType[], o: CallOutcome): string {
  if (o.kind === 'result') return `result ${showValues(results, o.values)}`;
  if (o.kind === 'trap') return `trap "${o.trap}"`;
  return `error ${o.error}`;
}

/**
 * Compares a call's outcome on kiln (`a`) with a reference run (`b`); null when they agree.
 * A reference trap whose message maps to no kind agrees with any kiln trap.
 */
export function compareOutcomes(results: readonly ValType[], a: CallOutcome, b: CallOutcome): string | null {
  if (a.kind === 'result' && b.kind === 'result') {
    const same = a.values.length === b.values.length && results.every((t, i) => sameRaw(t, a.values[i]!, b.values[i]!));
    return same ? null : `results differ: kiln ${showValues(results, a.values)}, reference ${showValues(results, b.values)}`;
  }
  if (a.kind === 'trap' && b.kind === 'trap') {
    if (b.kinds.length === 0 || b.kinds.includes(a.trap)) return null;
    return `trap kinds differ: kiln "${a.trap}", reference "${b.trap}" (${b.kinds.join(' | ')})`;
  }
  return `outcomes differ: kiln ${showOutcome(results, a)}, reference ${showOutcome(results, b)}`;
}

/** first differing byte of two memory snapshots, or null when equal */
export function compareMemory(a: Uint8Array | null, b: Uint8Array | null): string | null {
  if (a === null || b === null) return a === b ? null : 'memory snapshot missing on one side';
  if (a.length !== b.length) return `memory sizes differ: kiln ${a.length} bytes, reference ${b.length}`;
  if (Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length))) return null;
  let i = 0;
  while (a[i] === b[i]) i++;
  return `memory differs first at 0x${i.toString(16)}: kiln ${a[i]}, reference ${b[i]}`;
}

/** the first differing exported global, then table size, then table slot; null when equal */
export function compareState(g: Generated, a: StateSnapshot | null, b: StateSnapshot | null): string | null {
  if (a === null || b === null) return a === b ? null : 'state snapshot missing on one side';
  for (let i = 0; i < g.globals.length; i++) {
    const { name, type } = g.globals[i]!;
    if (!sameRaw(type, a.globals[i]!, b.globals[i]!)) {
      return `global ${name} differs: kiln ${showRaw(type, a.globals[i]!)}, reference ${showRaw(type, b.globals[i]!)}`;
    }
  }
  if (a.table === null || b.table === null) return a.table === b.table ? null : 'table snapshot missing on one side';
  if (a.table.length !== b.table.length) return `table sizes differ: kiln ${a.table.length}, reference ${b.table.length}`;
  const i = a.table.findIndex((e, j) => e !== b.table![j]);
  return i < 0 ? null : `table slot ${i} differs: kiln ${a.table[i]}, reference ${b.table[i]}`;
}

/** memory, then globals and table */
export function compareSnapshots(g: Generated, a: Snapshot, b: Snapshot): string | null {
  return compareMemory(a.memory, b.memory) ?? compareState(g, a.state, b.state);
}

/**
 * The first disagreement between two runs of the same plan: instantiation, the state right
 * after it, then every call's outcome and the state after it. Later calls are not looked at
 * once one differs (their state follows from the first difference).
 */
export function firstMismatch(g: Generated, a: RunResult, b: RunResult): string | null {
  if (a.instantiateError !== null || b.instantiateError !== null) {
    return `instantiation: kiln ${a.instantiateError ?? 'ok'}, reference ${b.instantiateError ?? 'ok'}`;
  }
  const init = compareSnapshots(g, a.initial, b.initial);
  if (init !== null) return `after instantiation: ${init}`;
  if (a.calls.length !== b.calls.length) return `call counts differ: kiln ${a.calls.length}, reference ${b.calls.length}`;
  for (let j = 0; j < a.calls.length; j++) {
    const x = a.calls[j]!;
    const y = b.calls[j]!;
    const diff = compareOutcomes(x.call.results, x.outcome, y.outcome) ?? compareSnapshots(g, x, y);
    if (diff !== null) return `export ${x.call.name} call ${j}: ${diff}`;
  }
  return null;
}
