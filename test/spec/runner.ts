/**
 * The spec test runner: executes every command of a WAST script (formats/wat/script-types.ts)
 * against an execution engine given as a parameter (loader/api.ts `Engine`), following the
 * spec interpreter's script semantics (WebAssembly/spec `interpreter/README.md`, "Scripts").
 *
 * Modules always go through the binary path so that the encoder and decoder are exercised:
 *   text   → encodeModule → decodeModule → validateModule → compile → instantiate
 *   binary →                decodeModule → validateModule → compile → instantiate
 *   quote  → parseWat → encodeModule → decodeModule → validateModule → compile → instantiate
 *
 * With `engine === null` ("front door" mode) only what needs no execution is checked: module
 * decoding and validation, assert_malformed, assert_invalid, and the decode + validate of the
 * modules inside assert_unlinkable / assert_uninstantiable. Commands that need an engine are
 * then counted as `notRun` (never as passed). Every command counts: passed, failed, or notRun.
 */

import { isKilnError, type ErrorKind } from '../../formats/errors.js';
import type { Module } from '../../formats/wasm/types.js';
import type { Action, Command, ModuleSource, ResultPattern, Script } from '../../formats/wat/script-types.js';
import type { Engine, EngineOptions, ExternValue, ImportValue, Imports, Instance, RawValue } from '../../loader/api.js';
import { KilnTrap } from '../../loader/trap.js';
import { instantiateModule } from '../../loader/instance/engine.js';
import { spectestImports } from '../../loader/instance/spectest.js';
import { decodeModule } from '../../formats/wasm/decode.js';
import { encodeModule } from '../../formats/wasm/encode.js';
import { validateModule } from '../../compiler/validate/index.js';
import { parseWat } from '../../formats/wat/index.js';
import { loadScript, type ParsedScript } from '../support/corpus.js';
import { ExternRefs, matches, rawArgs, showPattern, showRaw } from './values.js';

export type CommandKind = Command['kind'];

export interface RunOptions {
  /**
   * builds the `spectest` host module's imports; default: loader/instance/spectest.ts's,
   * created by the engine the script runs on
   */
  spectest?: () => Record<string, ImportValue>;
  /** passed to every compile and instantiate */
  engineOptions?: EngineOptions;
  /** keep at most this many failure records per file (counts stay exact); default 1000 */
  maxFailures?: number;
  /**
   * Modules the engine must refuse with KilnError kind 'unsupported' (the native engine and
   * v128). Such a module's command, and every later command that acts on it (or instantiates a
   * module importing from it), is counted as `unsupported`, never as passed; a refusal of any
   * other module, or acceptance of one of these, is a failure.
   */
  mustRefuse?: (m: Module) => boolean;
  /** every instance must report this engine name (no silent fallback to another engine) */
  expectEngine?: string;
}

export interface CommandFailure {
  file: string;
  line: number;
  command: CommandKind;
  reason: string;
}

export interface KindCounts {
  passed: number;
  failed: number;
  notRun: number;
}

export interface FileResult {
  file: string;
  /** number of commands in the script */
  total: number;
  passed: number;
  failed: number;
  /** commands that need an engine, in `engine === null` mode */
  notRun: number;
  /** commands on modules the engine refuses by design (RunOptions.mustRefuse) */
  unsupported: number;
  byKind: Partial<Record<CommandKind, KindCounts>>;
  failures: CommandFailure[];
}

/** Thrown inside the runner to give a command's failure reason. */
class Fail extends Error {}

type Stage = 'parse' | 'encode' | 'decode' | 'validate' | 'instantiate';

/** An error raised at one stage of building a module. */
class StageError extends Error {
  constructor(
    readonly stage: Stage,
    readonly inner: unknown,
  ) {
    super(`${stage}: ${describe(inner)}`);
  }
}

/** Short description of any thrown value. */
export function describe(e: unknown): string {
  if (e instanceof KilnTrap) return `KilnTrap(${e.trapKind})`;
  if (isKilnError(e)) return `KilnError ${e.format()}`;
  if (e instanceof Error) return `${e.name}: ${e.message}${e.stack ? ` @ ${firstFrame(e.stack)}` : ''}`;
  return `non-error thrown: ${String(e)}`;
}

function firstFrame(stack: string): string {
  const line = stack.split('\n').find((l) => l.trim().startsWith('at '));
  return line === undefined ? '?' : line.trim().slice(3);
}

function kindOf(e: unknown): ErrorKind | 'other' {
  return isKilnError(e) ? e.kind : 'other';
}

function where(source: ModuleSource): string {
  return `${source.kind} module at ${source.pos.line}:${source.pos.column}`;
}

/** Runs `f`, tagging any exception with the stage. */
function stage<T>(s: Stage, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new StageError(s, e);
  }
}

/** Source → decoded (not yet validated) module, through the binary encoding. */
function decodeSource(source: ModuleSource, file: string): Module {
  switch (source.kind) {
    case 'binary':
      return stage('decode', () => decodeModule(source.bytes));
    case 'text': {
      const bytes = stage('encode', () => encodeModule(source.module));
      return stage('decode', () => decodeModule(bytes));
    }
    case 'quote': {
      const m = stage('parse', () => parseWat(source.text, file));
      const bytes = stage('encode', () => encodeModule(m));
      return stage('decode', () => decodeModule(bytes));
    }
  }
}

function loadValid(source: ModuleSource, file: string): Module {
  const m = decodeSource(source, file);
  stage('validate', () => validateModule(m));
  return m;
}

/** Execution state of one script. */
class ScriptState {
  current: Instance | null = null;
  /** set when the last module command failed, to explain later failures */
  currentBroken = false;
  /** set when the current module was refused as the engine must (mustRefuse) */
  currentRefused = false;
  /** names (module names and registered names) of refused modules */
  readonly refused = new Set<string>();
  readonly named = new Map<string, Instance>();
  readonly registered = new Map<string, Readonly<Record<string, ExternValue>>>();
  readonly externs = new ExternRefs();
  spectest: Record<string, ImportValue> | null = null;

  constructor(
    readonly engine: Engine,
    readonly opts: RunOptions,
  ) {}

  imports(): Imports {
    const imports: Imports = {};
    if (this.spectest === null) {
      const make = this.opts.spectest ?? ((): Record<string, ImportValue> => spectestImports(this.engine)['spectest'] ?? {});
      this.spectest = make();
    }
    imports['spectest'] = this.spectest;
    for (const [name, exports] of this.registered) imports[name] = exports as Record<string, ImportValue>;
    return imports;
  }

  instantiate(m: Module): Instance {
    const inst = stage('instantiate', () => instantiateModule(this.engine, m, this.imports(), this.opts.engineOptions));
    this.checkEngine(inst);
    return inst;
  }

  checkEngine(inst: Instance): void {
    const want = this.opts.expectEngine;
    if (want !== undefined && inst.engine !== want) throw new Fail(`the instance runs on engine "${inst.engine}", not "${want}"`);
  }

  /** true when m must be refused by the engine, or imports from a module that was */
  refusedByDesign(m: Module): boolean {
    if (this.opts.mustRefuse?.(m) === true) return true;
    return m.imports.some((i) => this.refused.has(i.module));
  }

  /** true when an action names a refused module */
  actsOnRefused(module: string | null): boolean {
    return module === null ? this.current === null && this.currentRefused : this.refused.has(module);
  }

  instance(name: string | null): Instance {
    if (name === null) {
      if (this.current === null) throw new Fail(this.currentBroken ? 'the current module failed to load' : 'no current module');
      return this.current;
    }
    const inst = this.named.get(name);
    if (inst === undefined) throw new Fail(`unknown module ${name}`);
    return inst;
  }

  /** Performs an action; exceptions propagate. */
  act(action: Action): RawValue[] {
    const inst = this.instance(action.module);
    const ext = inst.exports[action.name];
    if (ext === undefined) throw new Fail(`no export "${action.name}"`);
    if (action.kind === 'get') {
      if (ext.kind !== 'global') throw new Fail(`export "${action.name}" is a ${ext.kind}, not a global`);
      return [ext.getRaw()];
    }
    if (ext.kind !== 'func') throw new Fail(`export "${action.name}" is a ${ext.kind}, not a function`);
    return ext.callRaw(rawArgs(action.args, this.externs));
  }
}

function showAction(a: Action): string {
  return a.kind === 'invoke' ? `invoke "${a.name}"` : `get "${a.name}"`;
}

function checkResults(results: RawValue[], expected: ResultPattern[], st: ScriptState): void {
  if (!Array.isArray(results)) throw new Fail(`engine returned a non-array result: ${String(results)}`);
  const bad =
    results.length !== expected.length || expected.some((p, i) => !matches(results[i] as RawValue, p, st.externs));
  if (bad) {
    throw new Fail(`got [${results.map(showRaw).join(', ')}], expected [${expected.map(showPattern).join(', ')}]`);
  }
}

/** Message check for traps: the corpus gives the trap kind (loader/trap.ts), compared by prefix. */
function trapMatches(e: KilnTrap, expected: string): boolean {
  return e.trapKind.startsWith(expected) || expected.startsWith(e.trapKind) || e.reason.startsWith(expected);
}

/**
 * For a module the engine must refuse: 'unsupported' when instantiation fails with a KilnError
 * of kind 'unsupported', else a failure reason.
 */
function expectRefusal(st: ScriptState, m: Module): string {
  try {
    const inst = instantiateModule(st.engine, m, st.imports(), st.opts.engineOptions);
    return `the engine accepted a module it must refuse (it runs on "${inst.engine}")`;
  } catch (e) {
    if (e instanceof Fail) throw e;
    if (kindOf(e) === 'unsupported') return 'unsupported';
    // a module importing from a refused one fails to link: that is the refusal too
    if (kindOf(e) === 'unlinkable' && m.imports.some((i) => st.refused.has(i.module))) return 'unsupported';
    return `expected the engine to refuse the module (unsupported), instantiate: ${describe(e)}`;
  }
}

type Outcome = string | 'notRun' | 'unsupported' | null;

/** The result of executing one command: null for passed, 'notRun', 'unsupported', or a failure reason. */
function runCommand(cmd: Command, st: ScriptState | null, file: string): Outcome {
  if (st !== null && 'action' in cmd && st.actsOnRefused(cmd.action.module)) return 'unsupported';
  if (st !== null && cmd.kind === 'register' && st.actsOnRefused(cmd.module)) {
    st.refused.add(cmd.as);
    return 'unsupported';
  }
  switch (cmd.kind) {
    case 'module': {
      if (st !== null) {
        st.current = null;
        st.currentBroken = true;
        st.currentRefused = false;
      }
      const m = loadValid(cmd.source, file);
      if (st === null) return null;
      if (st.refusedByDesign(m)) {
        const r = expectRefusal(st, m);
        if (r === 'unsupported') {
          st.currentBroken = false;
          st.currentRefused = true;
          if (cmd.name !== null) st.refused.add(cmd.name);
        }
        return r;
      }
      const inst = st.instantiate(m);
      st.current = inst;
      st.currentBroken = false;
      if (cmd.name !== null) st.named.set(cmd.name, inst);
      return null;
    }

    case 'assert_malformed': {
      try {
        decodeSource(cmd.source, file);
      } catch (e) {
        const cause = e instanceof StageError ? e.inner : e;
        if (kindOf(cause) === 'malformed') return null;
        return `expected malformed ("${cmd.message}"), ${e instanceof StageError ? e.message : describe(e)}`;
      }
      return `expected malformed ("${cmd.message}"), but the ${where(cmd.source)} decoded`;
    }

    case 'assert_invalid': {
      const m = decodeSource(cmd.source, file);
      try {
        validateModule(m);
      } catch (e) {
        if (kindOf(e) === 'invalid') return null;
        return `expected invalid ("${cmd.message}"), validate: ${describe(e)}`;
      }
      return `expected invalid ("${cmd.message}"), but the ${where(cmd.source)} validated`;
    }

    case 'assert_unlinkable': {
      const m = loadValid(cmd.source, file);
      if (st === null) return null;
      if (st.refusedByDesign(m)) return expectRefusal(st, m);
      try {
        instantiateModule(st.engine, m, st.imports(), st.opts.engineOptions);
      } catch (e) {
        if (e instanceof Fail) throw e;
        if (kindOf(e) === 'unlinkable') return null;
        return `expected unlinkable ("${cmd.message}"), instantiate: ${describe(e)}`;
      }
      return `expected unlinkable ("${cmd.message}"), but the module instantiated`;
    }

    case 'assert_uninstantiable': {
      const m = loadValid(cmd.source, file);
      if (st === null) return null;
      if (st.refusedByDesign(m)) return expectRefusal(st, m);
      try {
        instantiateModule(st.engine, m, st.imports(), st.opts.engineOptions);
      } catch (e) {
        if (e instanceof Fail) throw e;
        if (e instanceof KilnTrap) {
          if (trapMatches(e, cmd.message)) return null;
          return `expected trap "${cmd.message}" during instantiation, got trap "${e.trapKind}"`;
        }
        if (kindOf(e) === 'uninstantiable') return null;
        return `expected uninstantiable ("${cmd.message}"), instantiate: ${describe(e)}`;
      }
      return `expected uninstantiable ("${cmd.message}"), but the module instantiated`;
    }

    case 'register': {
      if (st === null) return 'notRun';
      const inst = st.instance(cmd.module);
      st.registered.set(cmd.as, inst.exports);
      return null;
    }

    case 'action': {
      if (st === null) return 'notRun';
      st.act(cmd.action);
      return null;
    }

    case 'assert_return': {
      if (st === null) return 'notRun';
      const results = st.act(cmd.action);
      checkResults(results, cmd.expected, st);
      return null;
    }

    case 'assert_trap':
    case 'assert_exhaustion': {
      if (st === null) return 'notRun';
      let results: RawValue[];
      try {
        results = st.act(cmd.action);
      } catch (e) {
        if (e instanceof Fail) throw e;
        if (e instanceof KilnTrap) {
          if (cmd.kind === 'assert_exhaustion' ? e.trapKind === 'call stack exhausted' : trapMatches(e, cmd.message)) {
            return null;
          }
          return `${showAction(cmd.action)}: expected trap "${cmd.message}", got trap "${e.trapKind}"`;
        }
        return `${showAction(cmd.action)}: expected trap "${cmd.message}", threw ${describe(e)}`;
      }
      return `${showAction(cmd.action)}: expected trap "${cmd.message}", returned [${results.map(showRaw).join(', ')}]`;
    }
  }
}

function emptyResult(file: string, total: number): FileResult {
  return { file, total, passed: 0, failed: 0, notRun: 0, unsupported: 0, byKind: {}, failures: [] };
}

/**
 * Runs every command of `script` against `engine` (or, with `null`, checks only the front
 * door: decoding, validation, malformed and invalid assertions). Never throws.
 */
export function runScript(script: Script, engine: Engine | null, opts: RunOptions = {}): FileResult {
  const file = script.file;
  const res = emptyResult(file, script.commands.length);
  const maxFailures = opts.maxFailures ?? 1000;
  const st = engine === null ? null : new ScriptState(engine, opts);
  for (const cmd of script.commands) {
    let outcome: Outcome;
    try {
      outcome = runCommand(cmd, st, file);
    } catch (e) {
      if (e instanceof Fail) outcome = e.message;
      else if (e instanceof StageError) {
        const extra = 'source' in cmd ? ` (${where(cmd.source)})` : '';
        outcome = `${e.message}${extra}`;
      } else if (e instanceof KilnTrap && 'action' in cmd) outcome = `${showAction(cmd.action)}: trapped "${e.trapKind}"`;
      else outcome = `${'action' in cmd ? showAction(cmd.action) + ': ' : ''}threw ${describe(e)}`;
    }
    const counts = (res.byKind[cmd.kind] ??= { passed: 0, failed: 0, notRun: 0 });
    if (outcome === null) {
      res.passed++;
      counts.passed++;
    } else if (outcome === 'notRun') {
      res.notRun++;
      counts.notRun++;
    } else if (outcome === 'unsupported') {
      res.unsupported++;
    } else {
      res.failed++;
      counts.failed++;
      if (res.failures.length < maxFailures) res.failures.push({ file, line: cmd.line, command: cmd.kind, reason: outcome });
    }
  }
  return res;
}

/** A result for a script that could not be parsed at all: one failure, for the whole file. */
export function scriptParseFailure(file: string, e: unknown): FileResult {
  const res = emptyResult(file, 1);
  res.failed = 1;
  const line = isKilnError(e) && e.loc.line !== undefined ? e.loc.line : 0;
  res.failures.push({ file, line, command: 'module', reason: `script does not parse: ${describe(e)}` });
  return res;
}

export interface Totals {
  files: number;
  total: number;
  passed: number;
  failed: number;
  notRun: number;
  unsupported: number;
  byKind: Partial<Record<CommandKind, KindCounts>>;
}

export function sumResults(results: readonly FileResult[]): Totals {
  const t: Totals = { files: results.length, total: 0, passed: 0, failed: 0, notRun: 0, unsupported: 0, byKind: {} };
  for (const r of results) {
    t.total += r.total;
    t.passed += r.passed;
    t.failed += r.failed;
    t.notRun += r.notRun;
    t.unsupported += r.unsupported;
    for (const [k, c] of Object.entries(r.byKind) as [CommandKind, KindCounts][]) {
      const tc = (t.byKind[k] ??= { passed: 0, failed: 0, notRun: 0 });
      tc.passed += c.passed;
      tc.failed += c.failed;
      tc.notRun += c.notRun;
    }
  }
  return t;
}

/** One line per file: `i32.wast: 460 passed, 0 failed (of 460)`, plus up to `max` failures. */
export function formatResult(r: FileResult, maxFailureLines = 20): string {
  const nr = (r.notRun > 0 ? `, ${r.notRun} not run (no engine)` : '') + (r.unsupported > 0 ? `, ${r.unsupported} unsupported until SIMD` : '');
  const lines = [`${r.file}: ${r.passed} passed, ${r.failed} failed${nr} (of ${r.total} commands)`];
  for (const f of r.failures.slice(0, maxFailureLines)) lines.push(`  ${f.file}:${f.line} ${f.command}: ${f.reason}`);
  if (r.failures.length > maxFailureLines) lines.push(`  … ${r.failed - maxFailureLines} more failures`);
  return lines.join('\n');
}

export function formatTotals(label: string, t: Totals): string {
  const kinds = Object.entries(t.byKind)
    .map(([k, c]) => `  ${k}: ${c.passed} passed, ${c.failed} failed${c.notRun > 0 ? `, ${c.notRun} not run` : ''}`)
    .join('\n');
  const nr = t.notRun > 0 ? `, ${t.notRun} not run (no engine)` : '';
  const un = t.unsupported > 0 ? `\n  unsupported until SIMD: ${t.unsupported} commands` : '';
  return `${label}: ${t.files} files, ${t.total} commands: ${t.passed} passed, ${t.failed} failed${nr}${un}\n${kinds}`;
}

/** Runs a script parsed by test/support/corpus.ts; one that did not parse is one failure. Never throws. */
export function runParsed(parsed: ParsedScript, engine: Engine | null, opts: RunOptions = {}): FileResult {
  return parsed.script === null ? scriptParseFailure(parsed.file, parsed.error) : runScript(parsed.script, engine, opts);
}

/** Parses and runs one `.wast` file; a script that does not parse is one failure. Never throws. */
export function runWastFile(path: string, engine: Engine | null, opts: RunOptions = {}): FileResult {
  return runParsed(loadScript(path), engine, opts);
}
