/**
 * Running generated modules: the call plan (which export, which seeded arguments, in which
 * order), running it on a kiln engine (the interpreter unless told otherwise) and on Node's
 * own WebAssembly (V8), classifying every call as a result, a trap or another exception, and
 * keeping, when asked, the memory and the exported globals and table (state.ts) after
 * instantiation and after every call. compare.ts compares two runs. A `Side` is one engine of
 * a differential pair (a kiln engine, or V8), so that a harness names its pair in one place.
 * v128 arguments and results pass through the wrappers as i64 pairs (v128-boundary.ts); plans
 * and outcomes hold them as 16-byte raw values.
 */

import { decodeModule } from '../../../formats/wasm/decode.js';
import type { Module, ValType } from '../../../formats/wasm/types.js';
import type { Engine, RawValue, WasmFunction, WasmMemory } from '../../../loader/api.js';
import { instantiateModule } from '../../../loader/instance/engine.js';
import { interpEngine } from '../../../loader/interp/index.js';
import { isKilnTrap, type TrapKind } from '../../../loader/trap.js';
import type { Generated } from './module.js';
import { subSeed } from './rng.js';
import { kilnStateReader, v8StateReader, type StateReader, type StateSnapshot } from './state.js';
import { lowerTypes, lowerValues, raiseValues } from './v128-boundary.js';
import { argsFor, jsToRaw, rawToJs } from './values.js';

export { compareMemory, compareOutcomes, compareState, firstMismatch, sameRaw, showOutcome, showValues } from './compare.js';

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

/** what a run keeps of the instance at one point (each part null unless asked for) */
export interface Snapshot {
  /** copy of the exported memory */
  memory: Uint8Array | null;
  /** exported globals and table */
  state: StateSnapshot | null;
}

export interface CallRecord extends Snapshot {
  call: PlannedCall;
  outcome: CallOutcome;
}

export interface RunResult {
  /** null when instantiation succeeded */
  instantiateError: string | null;
  /** Instance.engine of the kiln instance ('v8' for runOnV8); null when instantiation failed */
  engine: string | null;
  /** the instance right after instantiation */
  initial: Snapshot;
  calls: CallRecord[];
}

export interface RunOptions {
  /** keep a copy of the memory after instantiation and after every call */
  snapshotMemory?: boolean;
  /** keep the exported globals and table after instantiation and after every call */
  snapshotState?: boolean;
  /** the kiln engine runOnKiln uses (default: the interpreter); runOnV8 ignores it */
  engine?: Engine;
}

const NOTHING: Snapshot = { memory: null, state: null };
const failed = (e: unknown): RunResult => ({ instantiateError: describeError(e), engine: null, initial: NOTHING, calls: [] });

/** a function taking the snapshot the options ask for */
function snapshotter(o: RunOptions, memory: () => ArrayBuffer | null, state: StateReader | null): () => Snapshot {
  return () => {
    const buf = o.snapshotMemory ? memory() : null;
    return { memory: buf === null ? null : new Uint8Array(buf).slice(), state: state === null ? null : state() };
  };
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
  let engine: string;
  try {
    const module = input instanceof Uint8Array ? decodeModule(input) : input;
    const instance = instantiateModule(o.engine ?? interpEngine, module, {});
    exports = instance.exports;
    engine = instance.engine;
  } catch (e) {
    return failed(e);
  }
  const mem = g.memory === null ? null : (exports[g.memory] as WasmMemory);
  const snap = snapshotter(o, () => (mem === null ? null : mem.buffer), o.snapshotState ? kilnStateReader(g, exports) : null);
  const initial = snap();
  const calls = plan.map((call): CallRecord => {
    let outcome: CallOutcome;
    try {
      const fn = exports[call.name] as WasmFunction;
      outcome = { kind: 'result', values: raiseValues(call.results, fn.callRaw(lowerValues(call.params, call.args))) };
    } catch (e) {
      outcome = isKilnTrap(e) ? { kind: 'trap', trap: e.trapKind, kinds: [e.trapKind] } : { kind: 'error', error: describeError(e) };
    }
    return { call, outcome, ...snap() };
  });
  return { instantiateError: null, engine, initial, calls };
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
  // table.init past the end of its (possibly dropped) element segment
  [/element segment out of bounds/, ['out of bounds table access']],
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
    return failed(e);
  }
  const mem = g.memory === null ? null : (exports[g.memory] as WebAssembly.Memory);
  const snap = snapshotter(o, () => (mem === null ? null : mem.buffer), o.snapshotState ? v8StateReader(g, exports) : null);
  const initial = snap();
  const calls = plan.map((call): CallRecord => {
    let outcome: CallOutcome;
    try {
      const fn = exports[call.name] as (...args: unknown[]) => unknown;
      const params = lowerTypes(call.params);
      const results = lowerTypes(call.results);
      const r = fn(...lowerValues(call.params, call.args).map((v, i) => rawToJs(params[i]!, v)));
      const vs = results.length === 0 ? [] : results.length === 1 ? [r] : (r as unknown[]);
      outcome = { kind: 'result', values: raiseValues(call.results, vs.map((v, i) => jsToRaw(results[i]!, v))) };
    } catch (e) {
      const isTrap = e instanceof WebAssembly.RuntimeError || (e instanceof RangeError && /call stack/.test(e.message));
      outcome = isTrap
        ? { kind: 'trap', trap: (e as Error).message, kinds: v8TrapKinds((e as Error).message) }
        : { kind: 'error', error: describeError(e) };
    }
    return { call, outcome, ...snap() };
  });
  return { instantiateError: null, engine: 'v8', initial, calls };
}

/**
 * One engine of a differential pair. It gets the module both as its bytes (V8 compiles those)
 * and decoded from them (kiln engines take that, so it is decoded once per module).
 */
export interface Side {
  readonly name: string;
  run(g: Generated, bytes: Uint8Array, module: Module, plan: readonly PlannedCall[], o: RunOptions): RunResult;
}

/** a kiln engine as a side (runOnKiln on the decoded module) */
export const kilnSide = (engine: Engine): Side => ({
  name: engine.name,
  run: (g, _bytes, module, plan, o) => runOnKiln(g, module, plan, { ...o, engine }),
});

/** Node's own WebAssembly as a side (runOnV8 on the bytes) */
export const v8Side: Side = { name: 'v8', run: (g, bytes, _module, plan, o) => runOnV8(g, bytes, plan, o) };
