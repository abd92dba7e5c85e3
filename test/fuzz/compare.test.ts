/**
 * The differential comparator (test/fuzz/gen/compare.ts) on runs that deliberately disagree:
 * every kind of difference — instantiation, results, trap kinds, outcome kinds, memory,
 * exported globals (by type, NaN against any NaN), table size and table slots (by function
 * identity) — is reported, and runs that agree are not. Then the same on real instances: two
 * interpreter runs of one generated module agree; tampering with one instance's global or
 * table between calls is caught.
 */

import { describe, expect, it } from 'vitest';
import { encodeModule } from '../../formats/wasm/encode.js';
import { emptyModule, ValType } from '../../formats/wasm/types.js';
import type { RawValue, WasmFunction, WasmGlobal, WasmTable } from '../../loader/api.js';
import { instantiateModule } from '../../loader/instance/engine.js';
import { interpEngine } from '../../loader/interp/index.js';
import { compareState, firstMismatch } from './gen/compare.js';
import { generateModule, subSeed, type Generated } from './gen/index.js';
import { callPlan, runOnKiln, type CallOutcome, type CallRecord, type PlannedCall, type RunResult } from './gen/run.js';
import { kilnStateReader, type StateSnapshot } from './gen/state.js';
import { f64FromBits } from './gen/values.js';

/** a stand-in Generated: two globals (i32, f64), a table, no memory */
const G: Generated = {
  seed: 1,
  module: emptyModule(),
  exports: [{ name: 'f0', params: [], results: [ValType.I32] }],
  memory: null,
  globals: [
    { name: 'g0', type: ValType.I32 },
    { name: 'g1', type: ValType.F64 },
  ],
  table: 'tab',
  funcNames: ['inner0', 'f0'],
};
const CALL: PlannedCall = { name: 'f0', params: [], results: [ValType.I32], args: [] };
const state = (globals: RawValue[], table: string[] | null = ['inner0', 'null']): StateSnapshot => ({ globals, table });
const BASE = state([7, 1.5]);
const result = (v: number): CallOutcome => ({ kind: 'result', values: [v] });
const trap = (kind: string): CallOutcome => ({ kind: 'trap', trap: kind, kinds: [kind] });

function run(outcome: CallOutcome, after: StateSnapshot = BASE, memory: Uint8Array | null = null): RunResult {
  const rec: CallRecord = { call: CALL, outcome, memory, state: after };
  const initial = { memory: memory === null ? null : new Uint8Array(memory.length), state: BASE };
  return { instantiateError: null, engine: 'interp', initial, calls: [rec] };
}

describe('the comparator reports every kind of disagreement', () => {
  it('agrees with itself', () => {
    expect(firstMismatch(G, run(result(1)), run(result(1)))).toBeNull();
    expect(firstMismatch(G, run(trap('unreachable')), run(trap('unreachable')))).toBeNull();
  });

  it('instantiation failing on either side', () => {
    const bad: RunResult = { ...run(result(1)), instantiateError: 'KilnError: no', engine: null, calls: [] };
    expect(firstMismatch(G, bad, run(result(1)))).toBe('instantiation: kiln KilnError: no, reference ok');
    expect(firstMismatch(G, run(result(1)), bad)).toBe('instantiation: kiln ok, reference KilnError: no');
  });

  it('results, trap kinds and outcome kinds', () => {
    expect(firstMismatch(G, run(result(1)), run(result(2)))).toBe('export f0 call 0: results differ: kiln [i32:1], reference [i32:2]');
    expect(firstMismatch(G, run(trap('unreachable')), run(trap('integer overflow')))).toMatch(/^export f0 call 0: trap kinds differ/);
    expect(firstMismatch(G, run(result(1)), run(trap('unreachable')))).toMatch(/^export f0 call 0: outcomes differ/);
    const error: CallOutcome = { kind: 'error', error: 'TypeError: x' };
    expect(firstMismatch(G, run(error), run(error))).toMatch(/outcomes differ: kiln error TypeError: x/);
  });

  it('memory after a call', () => {
    expect(firstMismatch(G, run(result(1), BASE, new Uint8Array([0, 1])), run(result(1), BASE, new Uint8Array([0, 2])))).toBe(
      'export f0 call 0: memory differs first at 0x1: kiln 1, reference 2',
    );
  });

  it('globals by type: integers exactly, floats by bits, any NaN matching any NaN', () => {
    expect(compareState(G, state([7, 1.5]), state([8, 1.5]))).toBe('global g0 differs: kiln i32:7, reference i32:8');
    expect(compareState(G, state([7, 0]), state([7, -0]))).toBe('global g1 differs: kiln f64:0x0, reference f64:0x8000000000000000');
    expect(compareState(G, state([7, f64FromBits(0x7ff8000000000001n)]), state([7, NaN]))).toBeNull();
    expect(firstMismatch(G, run(result(1), state([7, 2.5])), run(result(1)))).toBe(
      'export f0 call 0: global g1 differs: kiln f64:0x4004000000000000, reference f64:0x3ff8000000000000',
    );
  });

  it('tables by size and by the identity of each slot', () => {
    expect(compareState(G, state([7, 1.5], ['inner0', 'null', 'null']), BASE)).toBe('table sizes differ: kiln 3, reference 2');
    expect(compareState(G, state([7, 1.5], ['null', 'null']), BASE)).toBe('table slot 0 differs: kiln null, reference inner0');
    expect(compareState(G, state([7, 1.5], ['f0', 'null']), BASE)).toBe('table slot 0 differs: kiln f0, reference inner0');
    expect(compareState(G, state([7, 1.5], null), BASE)).toBe('table snapshot missing on one side');
  });

  it('the state right after instantiation', () => {
    const a = run(result(1));
    const b = { ...run(result(1)), initial: { memory: null, state: state([9, 1.5]) } };
    expect(firstMismatch(G, a, b)).toBe('after instantiation: global g0 differs: kiln i32:7, reference i32:9');
  });
});

describe('the state of real instances', () => {
  /** a generated module with at least one mutable exported global and a table */
  function pick(): Generated {
    for (let i = 0; ; i++) {
      const g = generateModule(subSeed(0x73746174, i));
      const mutable = g.module.globals.some((x, j) => x.type.mutable && j > 0);
      if (g.table !== null && mutable) return g;
    }
  }

  it('two interpreter runs agree; a global or table slot changed behind one run is reported', () => {
    const g = pick();
    const bytes = encodeModule(g.module);
    const plan = callPlan(g);
    const o = { snapshotMemory: true, snapshotState: true };
    const a = runOnKiln(g, bytes, plan, o);
    const b = runOnKiln(g, bytes, plan, o);
    expect(a.engine).toBe('interp');
    expect(a.initial.state!.table!.every((e) => e === 'null' || g.funcNames.includes(e))).toBe(true);
    expect(firstMismatch(g, a, b)).toBeNull();

    // tamper with a fresh instance's state, then read it as a run would
    const inst = instantiateModule(interpEngine, g.module, {});
    const read = kilnStateReader(g, inst.exports);
    const before = read();
    const gi = g.module.globals.findIndex((x, j) => x.type.mutable && j > 0);
    const global = inst.exports[g.globals[gi]!.name]! as WasmGlobal;
    const t = g.globals[gi]!.type;
    global.setRaw(t === ValType.I64 ? 12345n : t === ValType.F64 ? 0.25 : 12345);
    expect(compareState(g, read(), before)).toMatch(new RegExp(`^global ${g.globals[gi]!.name} differs`));
    global.setRaw(before.globals[gi]!);
    expect(compareState(g, read(), before)).toBeNull();
    const table = inst.exports[g.table!]! as WasmTable;
    table.set(0, table.get(0) === null ? (inst.exports['inner0'] as WasmFunction) : null);
    expect(compareState(g, read(), before)).toMatch(/^table slot 0 differs/);
  });
});
