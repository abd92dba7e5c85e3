/**
 * The spec testsuite through standalone executables (issue 12): every module of a script that
 * uses no v128 and imports nothing but `spectest` is built with `--batch` (docs/standalone.md,
 * "Batch mode") for one ISA, its assertions (assert_return, assert_trap, assert_exhaustion, and
 * the plain actions between them, in order) are fed on stdin as one batch, and each answer line
 * is checked against the expectation. Modules are independent instances (none imports another),
 * so each gets its own executable and batch. The in-process spec runs stay the main proof; this
 * proves the executables' runtime (memories, tables, traps, the fault handler) agrees.
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstV128Use } from '../../compiler/v128-use.js';
import { decodeAndValidate } from '../../compiler/validate/index.js';
import { encodeModule } from '../../formats/wasm/encode.js';
import type { Module } from '../../formats/wasm/types.js';
import { parseWat } from '../../formats/wat/index.js';
import type { Action, Command, ModuleSource, ResultPattern, Script, ScriptValue } from '../../formats/wat/script-types.js';
import type { Isa } from '../../targets/compiled.js';
import { buildExecutable } from '../../linker/exe.js';
import { defaultSettings } from './support.js';

export interface BatchResult {
  file: string;
  modules: number;
  /** modules left out: v128, or imports beyond spectest */
  skippedModules: number;
  /** assertions run and passed */
  passed: number;
  failures: string[];
}

interface Pending {
  line: number;
  text: string;
  /** null: a plain action (any answer but `error` is fine) */
  check: ((answer: string) => string | null) | null;
}

interface Instance {
  module: Module;
  line: number;
  batch: Pending[];
  /** a later module imports from this one (registered): its state is no longer its own, so later commands are left out */
  shared: boolean;
}

const hex = (s: string): string => `x${Buffer.from(s, 'utf8').toString('hex')}`;

function rawArg(v: ScriptValue): string {
  switch (v.type) {
    case 'i32':
      return String(v.value >>> 0);
    case 'i64':
      return BigInt.asUintN(64, v.value).toString();
    case 'f32':
      return String(v.bits >>> 0);
    case 'f64':
      return v.bits.toString();
    case 'externref':
      return v.isNull ? '0' : String(v.host + 1);
    default:
      return '0';
  }
}

const F32_EXP = 0x7f800000n;
const F64_EXP = 0x7ff0000000000000n;

/** whether raw bits `r` match `p` (NaN kinds per spec §4.3.3) */
function matchOne(r: bigint, p: ResultPattern): boolean {
  if (p.kind === 'ref_any') return r !== 0n;
  if (p.kind === 'nan') {
    const [exp, quiet, payload] = p.type === 'f32' ? [F32_EXP, 0x400000n, 0x7fffffn] : [F64_EXP, 0x8000000000000n, 0xfffffffffffffn];
    if ((r & exp) !== exp || (r & payload) === 0n) return false;
    return p.nan === 'canonical' ? (r & payload) === quiet : (r & quiet) !== 0n;
  }
  if (p.kind !== 'value') return false;
  const v = p.value;
  switch (v.type) {
    case 'i32':
      return r === BigInt(v.value >>> 0);
    case 'i64':
      return r === BigInt.asUintN(64, v.value);
    case 'f32':
      return r === BigInt(v.bits >>> 0);
    case 'f64':
      return r === v.bits;
    case 'funcref':
      return r === 0n;
    case 'externref':
      return v.isNull ? r === 0n : r === BigInt(v.host + 1);
    default:
      return false;
  }
}

function returnCheck(expected: ResultPattern[]): (answer: string) => string | null {
  return (answer) => {
    const parts = answer.split(' ');
    if (parts[0] !== 'ok') return `expected results, got "${answer}"`;
    const got = parts.slice(1).map((x) => BigInt(x));
    if (got.length !== expected.length) return `expected ${expected.length} results, got "${answer}"`;
    for (let i = 0; i < got.length; i++) if (!matchOne(got[i] as bigint, expected[i] as ResultPattern)) return `result ${i}: got ${answer}`;
    return null;
  };
}

function trapCheck(message: string): (answer: string) => string | null {
  return (answer) => {
    if (!answer.startsWith('trap ')) return `expected trap "${message}", got "${answer}"`;
    const kind = answer.slice(5);
    return kind.startsWith(message) || message.startsWith(kind) ? null : `expected trap "${message}", got "${kind}"`;
  };
}

function actionLine(a: Action): string {
  return a.kind === 'invoke' ? `invoke ${hex(a.name)} ${a.args.map(rawArg).join(' ')}`.trimEnd() : `get ${hex(a.name)}`;
}

function moduleOf(source: ModuleSource): Module {
  if (source.kind === 'text') return decodeAndValidate(encodeModule(source.module));
  if (source.kind === 'binary') return decodeAndValidate(source.bytes);
  return decodeAndValidate(encodeModule(parseWat(source.text)));
}

/** only spectest imports, and no v128 */
function runnable(m: Module): boolean {
  return firstV128Use(m) === null && m.imports.every((i) => i.module === 'spectest');
}

/** the modules of `script` with their batches; commands on skipped modules are dropped */
function collect(script: Script): { instances: Instance[]; skipped: number } {
  const instances: Instance[] = [];
  const byName = new Map<string, Instance | null>();
  let current: Instance | null = null;
  let skipped = 0;
  const registered = new Map<string, Instance | null>();
  const target = (a: Action): Instance | null => (a.module === null ? current : (byName.get(a.module) ?? null));
  const push = (a: Action, line: number, check: Pending['check']): void => {
    const inst = target(a);
    if (inst !== null && !inst.shared) inst.batch.push({ line, text: actionLine(a), check });
  };
  const sourceOf = (c: Command): ModuleSource | null => ('source' in c ? c.source : null);
  for (const c of script.commands as Command[]) {
    const src = c.kind === 'module' ? null : sourceOf(c);
    if (src !== null) markShared(src, registered);
    if (c.kind === 'register') registered.set(c.as, c.module === null ? current : (byName.get(c.module) ?? null));
    if (c.kind === 'module') {
      let m: Module | null = null;
      try {
        m = moduleOf(c.source);
      } catch {
        m = null;
      }
      for (const i of m?.imports ?? []) {
        const exporter = registered.get(i.module);
        if (exporter !== undefined && exporter !== null) exporter.shared = true;
      }
      current = m !== null && runnable(m) ? { module: m, line: c.line, batch: [], shared: false } : null;
      if (current === null) skipped++;
      else instances.push(current);
      if (c.name !== null) byName.set(c.name, current);
    } else if (c.kind === 'assert_return') push(c.action, c.line, returnCheck(c.expected));
    else if (c.kind === 'assert_trap') push(c.action, c.line, trapCheck(c.message));
    else if (c.kind === 'assert_exhaustion') push(c.action, c.line, trapCheck('call stack exhausted'));
    else if (c.kind === 'action') push(c.action, c.line, null);
  }
  return { instances, skipped };
}

/** a module (of any command) importing from a registered one changes that one's state */
function markShared(source: ModuleSource, registered: ReadonlyMap<string, Instance | null>): void {
  let m: Module;
  try {
    m = moduleOf(source);
  } catch {
    return;
  }
  for (const i of m.imports) {
    const exporter = registered.get(i.module);
    if (exporter !== undefined && exporter !== null) exporter.shared = true;
  }
}

/** how to run an executable of `isa` here (qemu-aarch64 for AArch64 on an x86-64 host) */
export function runnerFor(isa: Isa): (exe: string, input: string) => { stdout: string; stderr: string; status: number | null } {
  return (exe, input) => {
    const cmd = isa === 'aarch64' && process.arch !== 'arm64' ? 'qemu-aarch64' : exe;
    const args = cmd === exe ? [] : [exe];
    const r = spawnSync(cmd, args, { input, encoding: 'utf8', maxBuffer: 64 << 20, env: {} });
    return { stdout: r.stdout ?? '', stderr: r.stderr ?? '', status: r.status };
  };
}

export function runScriptBatch(script: Script, isa: Isa): BatchResult {
  const { instances, skipped } = collect(script);
  const result: BatchResult = { file: script.file, modules: instances.length, skippedModules: skipped, passed: 0, failures: [] };
  const dir = mkdtempSync(join(tmpdir(), 'kiln-batch-'));
  const run = runnerFor(isa);
  try {
    instances.forEach((inst, k) => {
      const exe = join(dir, `m${k}`);
      try {
        writeFileSync(exe, buildExecutable(inst.module, { isa, settings: batchSettings }));
      } catch (e) {
        result.failures.push(`${script.file}:${inst.line}: cannot build: ${(e as Error).message}`);
        return;
      }
      chmodSync(exe, 0o755);
      const r = run(exe, inst.batch.map((p) => p.text).join('\n') + '\n');
      const answers = r.stdout.split('\n');
      inst.batch.forEach((p, i) => {
        const answer = answers[i];
        if (answer === undefined || answer === '') {
          result.failures.push(`${script.file}:${p.line}: no answer (exit ${r.status}; stderr ${r.stderr.slice(0, 200)})`);
          return;
        }
        const why = p.check === null ? (answer.startsWith('error') ? answer : null) : p.check(answer);
        if (why === null) {
          if (p.check !== null) result.passed++;
        } else result.failures.push(`${script.file}:${p.line}: ${p.text}: ${why}`);
      });
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}

const batchSettings = { ...defaultSettings, moduleName: 'spec', batch: true };
