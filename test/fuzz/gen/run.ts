/**
 * Running generated modules: the call plan (which export, which seeded arguments, in which
 * order), running it on a kiln engine (the interpreter unless told otherwise) and on Node's
 * own WebAssembly (V8), classifying
 * every call as a result, a trap or another exception, and comparing two runs (results by
 * type: integers exactly, floats by bits with any NaN matching any NaN; traps by kind where
 * V8's message maps to spec trap kinds; memory contents after each call).
 */

import { decodeModule } from '../../../formats/wasm/decode.js';
import { ValType, type Module } from '../../../formats/wasm/types.js';
import type { Engine, RawValue, WasmFunction, WasmMemory } from '../../../loader/api.js';
import { instantiateModule } from '../../../loader/instance/engine.js';
import { interpEngine } from '../../../loader/interp/index.js';
import { isKilnTrap, type TrapKind } from '../../../loader/trap.js';
import type { Generated } from './module.js';
import { subSeed } from './rng.js';
import { argsFor, f64Bits, isNanF32Bits, isNanF64Bits, jsToRaw, rawToJs } from './values.js';

export type CallOutcome =
  | { kind: 'result'; values: RawValue[] }
  /** `trap` is the kiln trap kind or V8's message; `kinds` the kiln kinds it may stand for */
  | { kind: 'trap'; trap: string; kinds: readonly string[] }
  | { kind: 'error'; error: string };

export interface PlannedCall {
  name: string;
  params: ValType[];
  results: ValType[];
  args: RawValue[];
}

export interface CallRecord {
  call: PlannedCall;
  outcome: CallOutcome;
  /** copy of the exported memory after the call (only when asked for) */
  memory: Uint8Array | null;
}

export interface RunResult {
  /** null when instantiation succeeded */
  instantiateError: string | null;
  calls: CallRecord[];
}

export interface RunOptions {
  callsPerExport?: number;
  /** keep a copy of the memory after every call (differential tests) */
  snapshotMemory?: boolean;
  /** the kiln engine runOnKiln uses (default: the interpreter); runOnV8 ignores it */
  engine?: Engine;
}

/** Every export `callsPerExport` times, export by export, each with its own seeded arguments. */
export function callPlan(g: Generated, callsPerExport = 2): PlannedCall[] {
  const plan: PlannedCall[] = [];
  g.exports.forEach((e, i) => {
    for (let j = 0; j < callsPerExport; j++) {
      plan.push({ name: e.name, params: e.params, results: e.results, args: argsFor(subSeed(g.seed, i * 64 + j), e.params) });
    }
  });
  return plan;
}

export const describeError = (e: unknown): string =>
  e instanceof Error ? `${e.name}: ${e.message}\n${(e.stack ?? '').split('\n').slice(1, 8).join('\n')}` : `thrown ${String(e)}`;

/**
 * Instantiates the module on a kiln engine (`o.engine`, default the interpreter) and runs
 * the plan. The module is given as its bytes, or already decoded from them (engines do not
 * modify a module).
 */
export function runOnKiln(g: Generated, input: Uint8Array | Module, plan: readonly PlannedCall[], o: RunOptions = {}): RunResult {
  let exports: Readonly<Record<string, unknown>>;
  try {
    const module = input instanceof Uint8Array ? decodeModule(input) : input;
    exports = instantiateModule(o.engine ?? interpEngine, module, {}).exports;
  } catch (e) {
    return { instantiateError: describeError(e), calls: [] };
  }
  const mem = g.memory === null ? null : (exports[g.memory] as WasmMemory);
  const calls = plan.map((call): CallRecord => {
    let outcome: CallOutcome;
    try {
      const fn = exports[call.name] as WasmFunction;
      outcome = { kind: 'result', values: fn.callRaw(call.args) };
    } catch (e) {
      outcome = isKilnTrap(e) ? { kind: 'trap', trap: e.trapKind, kinds: [e.trapKind] } : { kind: 'error', error: describeError(e) };
    }
    return { call, outcome, memory: o.snapshotMemory && mem !== null ? new Uint8Array(mem.buffer).slice() : null };
  });
  return { instantiateError: null, calls };
}

/** V8's RuntimeError messages (Node 20) and the spec trap kinds each may stand for. */
const V8_TRAPS: ReadonlyArray<[RegExp, readonly TrapKind[]]> = [
  [/^unreachable/, ['unreachable']],
  [/memory access out of bounds/, ['out of bounds memory access']],
  [/divide by zero|remainder by zero/, ['integer divide by zero']],
  [/divide result unrepresentable/, ['integer overflow']],
  // V8 does not tell NaN (invalid conversion) from out-of-range (integer overflow) truncations
  [/float unrepresentable in integer range/, ['invalid conversion to integer', 'integer overflow']],
  [/table index is out of bounds/, ['undefined element', 'out of bounds table access']],
  // Node 20-24: "null function or function signature mismatch"; Node 26: "function signature mismatch"
  [/function signature mismatch/, ['uninitialized element', 'indirect call type mismatch']],
  [/Maximum call stack size exceeded/, ['call stack exhausted']],
];

export function v8TrapKinds(message: string): readonly TrapKind[] {
  for (const [re, kinds] of V8_TRAPS) if (re.test(message)) return kinds;
  return [];
}

/** Instantiates the same bytes with Node's WebAssembly and runs the plan. */
export function runOnV8(g: Generated, bytes: Uint8Array, plan: readonly PlannedCall[], o: RunOptions = {}): RunResult {
  let exports: WebAssembly.Exports;
  try {
    exports = new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array(bytes)), {}).exports;
  } catch (e) {
    return { instantiateError: describeError(e), calls: [] };
  }
  const mem = g.memory === null ? null : (exports[g.memory] as WebAssembly.Memory);
  const calls = plan.map((call): CallRecord => {
    let outcome: CallOutcome;
    try {
      const fn = exports[call.name] as (...args: unknown[]) => unknown;
      const r = fn(...call.args.map((v, i) => rawToJs(call.params[i]!, v)));
      const vs = call.results.length === 0 ? [] : call.results.length === 1 ? [r] : (r as unknown[]);
      outcome = { kind: 'result', values: vs.map((v, i) => jsToRaw(call.results[i]!, v)) };
    } catch (e) {
      const isTrap = e instanceof WebAssembly.RuntimeError || (e instanceof RangeError && /call stack/.test(e.message));
      outcome = isTrap
        ? { kind: 'trap', trap: (e as Error).message, kinds: v8TrapKinds((e as Error).message) }
        : { kind: 'error', error: describeError(e) };
    }
    return { call, outcome, memory: o.snapshotMemory && mem !== null ? new Uint8Array(mem.buffer).slice() : null };
  });
  return { instantiateError: null, calls };
}

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
    default:
      return false;
  }
}

const showRaw = (t: ValType, v: RawValue): string => {
  if (t === ValType.F32) return `f32:0x${((v as number) >>> 0).toString(16)}`;
  if (t === ValType.F64) return `f64:0x${f64Bits(v as number).toString(16)}`;
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
