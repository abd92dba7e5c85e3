/**
 * The corrupt-artifact fuzz test (issue 10, docs/cwasm.md "Compatibility"): seeded mutants of
 * three base artifacts — PROGRAM (helpers.ts) compiled with guard-page and with explicit
 * bounds, and examples/hello.wasm (a C program on WASI).
 *
 * (a) Any byte changed (bit flips, overwrites, truncation, extension), the checksum left
 *     stale: loadArtifact must throw a `corrupt` CwasmError even with the interpreter fallback
 *     allowed, and no code may be mapped or instantiated.
 * (b) Bytes of the metadata and table sections, of `.kiln.header`'s key strings and of those
 *     sections' section header entries changed (never `.text`), the checksum recomputed: the
 *     load either throws a CwasmError (a named mismatch), or gives a module that instantiates
 *     correctly. For PROGRAM, that instance is compared with the interpreter running the
 *     mutant's own module — its loaded metadata with the function bodies of its embedded
 *     wasm — call by call (results and trap kinds) and memory byte for memory byte; hello is
 *     instantiated with WASI imports. loadArtifact runs with fallback 'none', so a mismatch
 *     can never turn into a silent fallback.
 *
 * Everything runs in this process: a mutant that crashes it fails the run. Before each load
 * the mutant's description goes to `kiln-cwasm-fuzz-current.txt` in the temporary directory,
 * so a crash leaves its name on disk. Counts of every outcome are printed.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateModule } from '../../compiler/validate/index.js';
import { CwasmError } from '../../formats/cwasm/errors.js';
import type { CwasmFunc } from '../../formats/cwasm/artifact.js';
import { FUNC_ENTRY, SECTION } from '../../formats/cwasm/layout.js';
import { embeddedWasm, openCwasm, readContents, readHeader, sectionOf } from '../../formats/cwasm/read.js';
import { isKilnError } from '../../formats/errors.js';
import { decodeModule } from '../../formats/wasm/decode.js';
import type { FuncType, Module } from '../../formats/wasm/types.js';
import { ValType } from '../../formats/wasm/types.js';
import { compileArtifact } from '../../linker/cwasm.js';
import type { ExternValue, Imports, Instance, JsValue } from '../../loader/api.js';
import { loadArtifact } from '../../loader/cwasm/load.js';
import { instantiateModule } from '../../loader/instance/engine.js';
import { interpEngine } from '../../loader/interp/index.js';
import { nativeEngine } from '../../loader/native/index.js';
import { functionCount } from '../../loader/native/backtrace.js';
import { KilnTrap } from '../../loader/trap.js';
import { createWasi } from '../../loader/wasi/index.js';
import { anyByteMutant, tableMutant, tableRegions, type Mutant, type Region } from './fuzz-mutants.js';
import { fromWat, PROGRAM, resealed } from './helpers.js';

const SEED = 0x636f7272;
/** (a) mutants per base */
const ANY_BYTE_COUNT = 2_000;

const CURRENT = join(tmpdir(), 'kiln-cwasm-fuzz-current.txt');

interface Base {
  readonly name: string;
  readonly bytes: Uint8Array;
  /** a WASI program: instantiated with WASI imports, its exports not called */
  readonly wasi: boolean;
  /** (b) mutants of this base (a load and instantiation of hello costs about 13 ms) */
  readonly tableCount: number;
  readonly regions: readonly Region[];
}

function baseOf(name: string, module: Module, wasm: Uint8Array, bounds: 'guard' | 'explicit', wasi: boolean, tableCount: number): Base {
  const bytes = compileArtifact(module, wasm, { bounds });
  return { name, bytes, wasi, tableCount, regions: tableRegions(bytes) };
}

const program = fromWat(PROGRAM);
const helloWasm = new Uint8Array(readFileSync(new URL('../../examples/hello.wasm', import.meta.url)));
const helloModule = decodeModule(helloWasm);
validateModule(helloModule);

const bases: Base[] = [
  baseOf('PROGRAM guard', program.module, program.wasm, 'guard', false, 1_800),
  baseOf('PROGRAM explicit', program.module, program.wasm, 'explicit', false, 1_800),
  baseOf('hello.wasm', helloModule, helloWasm, 'guard', true, 1_200),
];

/** outcome counts, printed at the end */
class Tally {
  readonly counts = new Map<string, number>();
  total = 0;
  add(kind: string): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    this.total++;
  }
  lines(): string[] {
    return [...this.counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `  ${String(n).padStart(6)}  ${k}`);
  }
}

const anyByte = new Tally();
const table = new Tally();
/** (b) mutants per region */
const regions = new Tally();

/** a reason with its numbers and mutated key values taken out, to group errors */
function category(reason: string): string {
  return reason
    .replace(/0x[0-9a-f]+|\d+/g, 'N')
    .replace(/(written by kiln|key's target) .*|(is not|not) (\S*=|').*/, '$1$2 …')
    .replace(/'[^']*'/g, '…')
    .slice(0, 100);
}

function describeError(e: unknown): string {
  if (isKilnError(e)) return e.format();
  if (e instanceof Error) return `${e.name}: ${e.message}\n${e.stack ?? ''}`;
  return String(e);
}

/** the code regions the native engine has mapped (any load that maps code adds to them) */
const mappedFunctions = (): number => functionCount(nativeEngine.backend.runtime().codeMap);

// ---- (b): running a loaded mutant against the interpreter ----

function argsFor(t: FuncType, round: number): JsValue[] {
  // small values (the loop of `sum` runs arg times), one round with an out-of-bounds address
  const i32s = [
    [0, 6, 7],
    [1, 2, 3],
    [65535, 1, 2],
  ][round] as number[];
  return t.params.map((p, i): JsValue => {
    if (p === ValType.I32) return i32s[i % i32s.length] as number;
    if (p === ValType.I64) return BigInt(10 + round);
    if (p === ValType.F32 || p === ValType.F64) return 1.5 + round;
    return null;
  });
}

/** a call's outcome as text: its results, or its trap kind, or another KilnError's kind */
function outcome(f: () => unknown): string {
  try {
    return `= ${JSON.stringify(f(), (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))}`;
  } catch (e) {
    if (e instanceof KilnTrap) return `trap ${e.trapKind}`;
    if (isKilnError(e)) return `${e.kind}: ${e.reason}`;
    throw e;
  }
}

function instantiateOutcome(f: () => Instance): { inst: Instance | null; text: string } {
  try {
    return { inst: f(), text: 'instantiated' };
  } catch (e) {
    if (e instanceof KilnTrap) return { inst: null, text: `trap ${e.trapKind}` };
    if (isKilnError(e) && (e.kind === 'uninstantiable' || e.kind === 'unlinkable')) return { inst: null, text: `${e.kind}: ${e.reason}` };
    throw e;
  }
}

function memoryBytes(v: ExternValue | undefined): Uint8Array | null {
  return v !== undefined && v.kind === 'memory' ? v.bytes() : null;
}

/**
 * Instantiates the loaded mutant and, when its module with the embedded bodies validates,
 * the interpreter's instance of that module; every exported function is called on both with
 * the same arguments; returns the outcome kind or throws what differs.
 */
function runLoaded(mutant: Uint8Array, loaded: ReturnType<typeof loadArtifact>, base: Base): string {
  if (base.wasi) {
    const wasi = createWasi({ args: ['hello'], env: {}, preopens: [] });
    const r = instantiateOutcome(() => loaded.engine.instantiate(loaded.compiled, wasi.imports as Imports));
    wasi.close();
    return r.inst === null ? `loaded, instantiation refused (${r.text.split(':')[0]})` : 'loaded and instantiated (WASI, not run)';
  }
  const bodies = decodeModule(embeddedWasm(openCwasm(mutant))).codes;
  const own: Module = { ...loaded.module, codes: bodies };
  let comparable = true;
  try {
    validateModule(own);
  } catch (e) {
    if (!isKilnError(e)) throw e;
    comparable = false;
  }
  const nat = instantiateOutcome(() => loaded.engine.instantiate(loaded.compiled, {}));
  if (!comparable) return `loaded, ${nat.inst === null ? 'instantiation refused' : 'instantiated'}, not compared (metadata and bodies do not validate together)`;
  const ref = instantiateOutcome(() => instantiateModule(interpEngine, own, {}));
  if (nat.text !== ref.text) throw new Error(`instantiation: native ${nat.text}, interpreter ${ref.text}`);
  if (nat.inst === null || ref.inst === null) return `loaded, instantiation refused like the interpreter (${nat.text.split(':')[0]})`;
  let calls = 0;
  for (let round = 0; round < 3; round++) {
    for (const ex of loaded.module.exports) {
      if (ex.kind !== 'func') continue;
      const f = nat.inst.exports[ex.name];
      const g = ref.inst.exports[ex.name];
      if (f?.kind !== 'func' || g?.kind !== 'func') throw new Error(`export ${ex.name} is not a function on both engines`);
      const args = argsFor(f.type, round);
      const a = outcome(() => f.call(...args));
      const b = outcome(() => g.call(...args));
      if (a !== b) throw new Error(`${ex.name}(${args.join(', ')}): native ${a}, interpreter ${b}`);
      calls++;
    }
  }
  for (const ex of loaded.module.exports) {
    if (ex.kind !== 'memory') continue;
    const a = memoryBytes(nat.inst.exports[ex.name]);
    const b = memoryBytes(ref.inst.exports[ex.name]);
    if (a === null || b === null || a.length !== b.length || a.some((x, i) => x !== b[i])) throw new Error(`memory ${ex.name} differs after the calls`);
  }
  return calls > 0 ? 'loaded, instantiated, calls agree with the interpreter' : 'loaded, instantiated, agrees (no function exports)';
}

// ---- the runs ----

function runAnyByte(base: Base, count: number, seed: number): string[] {
  const failures: string[] = [];
  const before = mappedFunctions();
  for (let i = 0; i < count; i++) {
    const m = anyByteMutant(base.bytes, seed, i);
    try {
      const l = loadArtifact(m.bytes);
      failures.push(`${base.name} #${i} (${m.what}): loaded (fallback ${l.fallback?.mismatch ?? 'none'}) instead of corrupt`);
    } catch (e) {
      if (e instanceof CwasmError && e.mismatch === 'corrupt') anyByte.add(`corrupt: ${category(e.reason)}`);
      else failures.push(`${base.name} #${i} (${m.what}): ${describeError(e)}`);
    }
  }
  if (mappedFunctions() !== before) failures.push(`${base.name}: stale-checksum mutants mapped code`);
  return failures;
}

function runTable(base: Base, count: number, seed: number): string[] {
  const failures: string[] = [];
  for (let i = 0; i < count; i++) {
    const m: Mutant & { region: string } = tableMutant(base.bytes, base.regions, seed, i);
    const name = `${base.name} #${i} (seed ${seed}, ${m.what})`;
    writeFileSync(CURRENT, `${name}\n`);
    regions.add(m.region);
    let loaded;
    try {
      loaded = loadArtifact(m.bytes, { fallback: 'none' });
    } catch (e) {
      if (e instanceof CwasmError) table.add(`${e.mismatch}: ${category(e.reason)}`);
      else failures.push(`${name}: load threw ${describeError(e)}`);
      continue;
    }
    if (loaded.fallback !== null) {
      failures.push(`${name}: silent fallback (${loaded.fallback.format()})`);
      continue;
    }
    try {
      table.add(runLoaded(m.bytes, loaded, base));
    } catch (e) {
      failures.push(`${name}: ${describeError(e)}`);
    }
  }
  return failures;
}

function expectNone(failures: string[]): void {
  expect(failures.slice(0, 10).join('\n'), `${failures.length} failures`).toBe('');
}

/** `base` with the u32 at file offset `at` set to `v`, resealed */
function withU32(base: Uint8Array, at: number, v: number): Uint8Array {
  const b = base.slice();
  new DataView(b.buffer).setUint32(at, v, true);
  return resealed(b);
}

function corruptReason(bytes: Uint8Array): string {
  try {
    loadArtifact(bytes, { fallback: 'none' });
  } catch (e) {
    if (e instanceof CwasmError && e.mismatch === 'corrupt') return e.reason;
    throw e;
  }
  return 'loaded';
}

describe('corrupt-artifact fuzz: regressions', () => {
  // Both mutants pass every structural check of the tables. Before the header's digest
  // covered the code layout and the fault sites they loaded, and the first fuzz run died of
  // SIGSEGV: `load(65535)` faulted at an access the fault table no longer named, so kiln's
  // fault handler passed the fault on (PROGRAM guard #5 of seed 1668248278).
  const guard = bases[0] as Base;
  const env = openCwasm(guard.bytes);
  const code = readContents(env, readHeader(env));
  const all = code.funcs.all();
  const faults = sectionOf(env, SECTION.faults);
  const funcs = sectionOf(env, SECTION.funcs);

  it('a fault site moved to another offset inside its function is corrupt', () => {
    let entry = 0;
    const k = all.findIndex((f) => {
      const first = f.faultSites?.[0];
      if (first !== undefined && first > 0) return true;
      entry += (f.faultSites?.length ?? 0) >> 1;
      return false;
    });
    expect(k).toBeGreaterThanOrEqual(0);
    const f = all[k] as CwasmFunc;
    // the first column of .kiln.faults holds text offsets
    const site = f.offset + ((f.faultSites as Int32Array)[0] as number);
    expect(corruptReason(withU32(guard.bytes, faults.offset + 4 * entry, site - 1))).toMatch(/code digest differs/);
  });

  it('a function entry moved into the padding before it is corrupt', () => {
    const k = all.findIndex((f, i) => i > 0 && f.offset > (all[i - 1] as CwasmFunc).offset + (all[i - 1] as CwasmFunc).size);
    expect(k).toBeGreaterThan(0);
    expect(corruptReason(withU32(guard.bytes, funcs.offset + FUNC_ENTRY * k, (all[k] as CwasmFunc).offset - 1))).toMatch(/code digest differs/);
  });
});

describe('corrupt-artifact fuzz', () => {
  bases.forEach((base, k) => {
    it(`(a) ${base.name}: ${ANY_BYTE_COUNT} mutants of any byte, checksum stale, are corrupt and map nothing`, () => {
      expectNone(runAnyByte(base, ANY_BYTE_COUNT, SEED + k));
    });
  });

  bases.forEach((base, k) => {
    it(`(b) ${base.name}: ${base.tableCount} resealed mutants of metadata and tables give a named error or load correctly`, () => {
      expectNone(runTable(base, base.tableCount, SEED + 100 + k));
    });
  });

  it('counts', () => {
    console.log(`corrupt-artifact fuzz: ${anyByte.total + table.total} mutants`);
    console.log(`(a) any byte, checksum stale: ${anyByte.total}\n${anyByte.lines().join('\n')}`);
    console.log(`(b) metadata and tables, resealed: ${table.total}\n${table.lines().join('\n')}`);
    console.log(`(b) mutants by region:\n${regions.lines().join('\n')}`);
    expect(anyByte.total + table.total).toBeGreaterThanOrEqual(10_000);
    expect(anyByte.total).toBeGreaterThanOrEqual(3_000);
    expect(table.total).toBeGreaterThanOrEqual(3_000);
    const loads = [...table.counts].filter(([k]) => k.startsWith('loaded')).reduce((n, [, c]) => n + c, 0);
    // both outcomes of (b) occur often: the mutants reach the structural checks, and get past them
    expect(loads).toBeGreaterThan(300);
    expect(table.total - loads).toBeGreaterThan(1_000);
  });
});
