/**
 * The translation means what the wasm means: the spec testsuite's assert_return and assert_trap
 * commands run on the frontend's IR through the reference evaluator (ir-eval.ts), for every
 * module the evaluator can host (memory, tables, globals, data and element segments with constant
 * initialisers; imports from `spectest` only). Every command is counted: passed, failed, or
 * skipped with a reason (a module it cannot host, SIMD, v128 values, exhaustion); failures and
 * evaluator bugs (a trapping row reached without its explicit check) fail the test.
 */

import { describe, expect, it } from 'vitest';
import { vmctxLayout } from '../../../compiler/vmctx.js';
import { decodeModule } from '../../../formats/wasm/decode.js';
import type { Module } from '../../../formats/wasm/types.js';
import { parseWat } from '../../../formats/wat/index.js';
import type { Action, Command, ModuleSource, ResultPattern, ScriptValue } from '../../../formats/wat/script-types.js';
import { parsedScripts } from '../../support/corpus.js';
import { CODE_BASE, CELL_BASE, EvalBug, EvalTrap, EvalUnsupported, EXTERN_BASE, FUNCREF_BASE, type Val } from './ir-eval.js';
import { instantiate, invokeExport, Skip, type Instance } from './ir-host.js';

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
    default:
      throw new Skip('v128 argument');
  }
}

function matches(actual: Val | undefined, p: ResultPattern): boolean {
  if (p.kind === 'nan') {
    if (p.type === 'f32') {
      const b = actual as number;
      const nan = (b & 0x7f800000) === 0x7f800000 && (b & 0x7fffff) !== 0;
      return nan && (p.nan === 'canonical' ? (b & 0x7fffff) === 0x400000 : (b & 0x400000) !== 0);
    }
    const b = actual as bigint;
    const payload = b & 0xfffffffffffffn;
    const nan = (b & 0x7ff0000000000000n) === 0x7ff0000000000000n && payload !== 0n;
    return nan && (p.nan === 'canonical' ? payload === 0x8000000000000n : (payload & 0x8000000000000n) !== 0n);
  }
  if (p.kind === 'ref_any') return typeof actual === 'number' && actual >= (p.type === 'funcref' ? FUNCREF_BASE : EXTERN_BASE) && actual < (p.type === 'funcref' ? CODE_BASE : CELL_BASE);
  if (p.kind !== 'value') throw new Skip('v128 result');
  const v = p.value;
  switch (v.type) {
    case 'i32':
      return actual === (v.value | 0);
    case 'i64':
      return actual === BigInt.asIntN(64, v.value);
    case 'f32':
      return typeof actual === 'number' && actual >>> 0 === v.bits >>> 0;
    case 'f64':
      return actual === BigInt.asUintN(64, v.bits);
    case 'funcref':
      return actual === 0;
    case 'externref':
      return actual === (v.isNull ? 0 : EXTERN_BASE + v.host);
    default:
      throw new Skip('v128 result');
  }
}

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

interface Totals {
  passed: number;
  failed: string[];
  skipped: Map<string, number>;
}

function run(file: string, commands: readonly Command[], totals: Totals): void {
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
        current = instantiate(moduleOf(c.source));
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
        totals.failed.push(`${file}:${c.line}: got ${results.map(String).join(' ')}`);
      } else totals.passed++;
    } catch (e) {
      if (e instanceof Skip) skip(e.message);
      else if (e instanceof EvalUnsupported) skip(`evaluator: ${e.message}`);
      // the testsuite sometimes adds detail ("uninitialized element 2"); the spec's wording is a prefix
      else if (e instanceof EvalTrap && c.kind === 'assert_trap' && c.message.startsWith(e.message)) totals.passed++;
      else if (e instanceof EvalBug) totals.failed.push(`${file}:${c.line}: ${e.message}`);
      else totals.failed.push(`${file}:${c.line}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

describe('the IR means what the wasm means', () => {
  it('passes the testsuite assertions it can host', () => {
    const totals: Totals = { passed: 0, failed: [], skipped: new Map() };
    for (const { file, script } of parsedScripts()) {
      if (script !== null) run(file, script.commands, totals);
    }
    const skipped = [...totals.skipped].sort(([a], [b]) => a.localeCompare(b));
    console.log(`frontend, spec assertions on the IR: ${totals.passed} passed, ${totals.failed.length} failed, skipped: ${skipped.map(([k, n]) => `${k} ${n}`).join(', ')}`);
    expect(totals.failed.slice(0, 40)).toEqual([]);
    expect(totals.passed).toBe(22547);
    expect(Object.fromEntries(skipped)).toEqual({ exhaustion: 15, 'module not hosted': 1523, SIMD: 824, 'v128 argument': 23310 });
  });
});
