/**
 * Test support: run the Wasm spec testsuite's assert_return / assert_trap / action commands on
 * the IR, through the reference IR evaluator (frontend/ir-eval.ts) hosting each module with
 * frontend/ir-host.ts, optionally with a `Transform` (the optimisation pipeline) applied to
 * every translated function. Used by the frontend's spec test (plain IR) and the passes' spec
 * test (optimised IR). Every command is counted: passed, failed (with file and line), or
 * skipped with a reason (a module it cannot host, exhaustion). v128 arguments and results are
 * unsigned bigints (frontend/ir-eval-simd.ts), expected results compared whole or lane by lane.
 */

import { vmctxLayout } from '../../compiler/vmctx.js';
import { decodeModule } from '../../formats/wasm/decode.js';
import type { Module } from '../../formats/wasm/types.js';
import { parseWat } from '../../formats/wat/index.js';
import type { Action, Command, ModuleSource, ResultPattern, ScriptValue } from '../../formats/wat/script-types.js';
import type { ParsedScript } from '../support/corpus.js';
import { CELL_BASE, CODE_BASE, EvalBug, EvalTrap, EvalUnsupported, EXTERN_BASE, FUNCREF_BASE, type Val } from './frontend/ir-eval.js';
import { lanes, v128FromBytes } from './frontend/ir-eval-simd.js';
import { instantiate, invokeExport, Skip, type Instance, type Transform } from './frontend/ir-host.js';

export type { Transform } from './frontend/ir-host.js';

export interface Totals {
  passed: number;
  /** `file:line: what happened`, one per failed command */
  failed: string[];
  /** reason → number of commands skipped for it */
  skipped: Map<string, number>;
}

/** a script argument as an evaluator value */
function arg(v: ScriptValue): Val {
  switch (v.type) {
    case 'i32':
      return v.value | 0;
    case 'i64':
      return BigInt.asIntN(64, v.value);
    case 'f32':
      return v.bits | 0;
    case 'f64':
      return BigInt.asUintN(64, v.bits);
    case 'funcref':
      return 0;
    case 'externref':
      return v.isNull ? 0 : EXTERN_BASE + v.host;
    case 'v128':
      return v128FromBytes(v.bytes);
  }
}

function nanMatches(p: ResultPattern & { kind: 'nan' }, actual: Val | undefined): boolean {
  if (p.type === 'f32') {
    const b = actual as number;
    const payload = b & 0x7fffff;
    if ((b & 0x7f800000) !== 0x7f800000 || payload === 0) return false;
    return p.nan === 'canonical' ? payload === 0x400000 : (payload & 0x400000) !== 0;
  }
  const b = actual as bigint;
  const payload = b & 0xfffffffffffffn;
  if ((b & 0x7ff0000000000000n) !== 0x7ff0000000000000n || payload === 0n) return false;
  return p.nan === 'canonical' ? payload === 0x8000000000000n : (payload & 0x8000000000000n) !== 0n;
}

/**
 * a v128 expected lane by lane (`v128.const f32x4 nan:canonical 1.0 …`): integer lanes modulo
 * the lane width, float lanes by their bits, NaN lanes as the scalar NaN patterns
 */
function v128Matches(p: ResultPattern & { kind: 'v128' }, actual: Val | undefined): boolean {
  if (typeof actual !== 'bigint') return false;
  const w = 128 / p.lanes.length;
  const got = lanes(actual, w);
  return p.lanes.every((l, i) => {
    const x = got[i] as bigint;
    if (l.kind === 'int') return BigInt.asUintN(w, l.value) === x;
    if (l.kind === 'float') return l.bits === x;
    return w === 32 ? nanMatches({ kind: 'nan', type: 'f32', nan: l.nan }, Number(x) | 0) : nanMatches({ kind: 'nan', type: 'f64', nan: l.nan }, x);
  });
}

/** does evaluator value `actual` satisfy an expected result? (f32 compared by bits) */
function matches(actual: Val | undefined, p: ResultPattern): boolean {
  if (p.kind === 'nan') return nanMatches(p, actual);
  if (p.kind === 'v128') return v128Matches(p, actual);
  if (p.kind === 'ref_any') {
    const lo = p.type === 'funcref' ? FUNCREF_BASE : EXTERN_BASE;
    const hi = p.type === 'funcref' ? CODE_BASE : CELL_BASE;
    return typeof actual === 'number' && actual >= lo && actual < hi;
  }
  const v = p.value;
  if (v.type === 'f32') return typeof actual === 'number' && actual >>> 0 === v.bits >>> 0;
  return actual === arg(v);
}

/** a result for a failure message: a v128 as its 32 hex digits (lane 0 last), anything else as is */
function show(v: Val | undefined, p: ResultPattern | undefined): string {
  const v128 = p !== undefined && (p.kind === 'v128' || (p.kind === 'value' && p.value.type === 'v128'));
  return v128 && typeof v === 'bigint' ? `v128 0x${v.toString(16).padStart(32, '0')}` : String(v);
}

/** perform an invoke or get action on a hosted instance */
function invoke(inst: Instance | null, action: Action): Val[] {
  if (inst === null) throw new Skip('module not hosted');
  if (action.kind === 'get') {
    const exp = inst.module.exports.find((e) => e.name === action.name && e.kind === 'global');
    if (exp === undefined) throw new Skip('no such export');
    const slot = vmctxLayout(inst.module).globals[exp.index] as { offset: number; imported: boolean };
    const v = inst.machine.vmctx.get(slot.offset) as Val;
    return [slot.imported ? (inst.machine.cells.get(v as number) as Val) : v];
  }
  return invokeExport(inst, action.name, action.args.map(arg));
}

function moduleOf(s: ModuleSource): Module {
  return s.kind === 'text' ? s.module : s.kind === 'quote' ? parseWat(s.text) : decodeModule(s.bytes);
}

function importsFromModules(s: ModuleSource): boolean {
  try {
    return moduleOf(s).imports.some((i) => i.module !== 'spectest');
  } catch {
    return false;
  }
}

function run(file: string, commands: readonly Command[], transform: Transform | undefined, totals: Totals): void {
  let current: Instance | null = null;
  const named = new Map<string, Instance | null>();
  const skip = (why: string): void => void totals.skipped.set(why, (totals.skipped.get(why) ?? 0) + 1);
  for (const c of commands) {
    // a module importing from another module may change the exporter's memory, tables or
    // globals, which this harness does not model: from then on, no earlier module is hosted
    if ('source' in c && c.kind !== 'assert_malformed' && c.kind !== 'assert_invalid' && importsFromModules(c.source)) {
      current = null;
      for (const k of named.keys()) named.set(k, null);
    }
    if (c.kind === 'module') {
      try {
        current = instantiate(moduleOf(c.source), transform);
      } catch (e) {
        current = null;
        if (!(e instanceof Skip || e instanceof EvalUnsupported || e instanceof EvalTrap)) totals.failed.push(`${file}:${c.line}: module: ${String(e)}`);
      }
      if (c.name !== null) named.set(c.name, current);
      continue;
    }
    if (c.kind !== 'assert_return' && c.kind !== 'assert_trap' && c.kind !== 'action') {
      if (c.kind === 'assert_exhaustion') skip('exhaustion');
      continue;
    }
    const inst = c.action.module === null ? current : (named.get(c.action.module) ?? null);
    try {
      const results = invoke(inst, c.action);
      if (c.kind === 'assert_trap') totals.failed.push(`${file}:${c.line}: expected trap "${c.message}", got results`);
      else if (c.kind === 'assert_return' && (results.length !== c.expected.length || !c.expected.every((p, i) => matches(results[i], p)))) {
        totals.failed.push(`${file}:${c.line}: got ${results.map((r, i) => show(r, c.expected[i])).join(' ')}`);
      } else totals.passed++;
    } catch (e) {
      if (e instanceof Skip) skip(e.message);
      else if (e instanceof EvalUnsupported) skip(`evaluator: ${e.message}`);
      // the testsuite sometimes adds detail ("uninitialized element 2"); the spec's wording is a prefix
      else if (e instanceof EvalTrap && c.kind === 'assert_trap' && c.message.startsWith(e.message)) totals.passed++;
      else if (e instanceof EvalBug) totals.failed.push(`${file}:${c.line}: evaluator bug: ${e.message}`);
      else totals.failed.push(`${file}:${c.line}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

/** run every script's commands, with `transform` (if any) applied to each function's IR */
export function runSpec(scripts: readonly ParsedScript[], transform?: Transform): Totals {
  const totals: Totals = { passed: 0, failed: [], skipped: new Map() };
  for (const { file, script } of scripts) if (script !== null) run(file, script.commands, transform, totals);
  return totals;
}

/** the skip counts as a plain object, reasons in alphabetical order */
export function skippedByReason(t: Totals): Record<string, number> {
  return Object.fromEntries([...t.skipped].sort(([a], [b]) => a.localeCompare(b)));
}
