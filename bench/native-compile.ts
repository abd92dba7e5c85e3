/**
 * Compile-side figures of bench/native.ts, each module measured in a child process of its own
 * so that its peak memory (VmHWM, see maxRssKiB) belongs to that compile alone and
 * V8's in-process module cache cannot answer a repeated compile:
 *
 *   kiln  kiln's native pipeline, whole: `compileModule` (targets/compile.ts: frontend,
 *         passes, lowering, register allocation, emission) on a decoded, validated module,
 *         single-threaded; also decode+validate, timed apart. Machine-code bytes are the sum of
 *         `funcs[].code` lengths.
 *   v8    V8's optimising compiler as the peer: `new WebAssembly.Module` in a node started with
 *         --no-liftoff --no-wasm-lazy-compilation --single-threaded (TurboFan, every function,
 *         on the main thread). Each compile gets its own bytes (a custom section with the
 *         repetition number is appended), so V8's module cache never hits.
 *
 * The first compile of a process is reported apart ("cold": what `kiln run` pays, with the
 * compiler's own JavaScript not yet optimised by V8). kiln then compiles untimed until
 * WARMUP_SECONDS were spent (a small module needs a dozen compiles before V8 has optimised the
 * compiler), then up to `--reps` timed compiles give the median and best ("warm"; fewer once
 * MAX_TIMED_SECONDS were spent, at least one). Peak memory is read after the cold compile.
 *
 * Child usage: node dist/bench/native-compile.js --pipeline=kiln|v8 --file=PATH [--reps=5]
 * It prints one JSON line (CompileOutcome).
 */

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scanSections } from '../formats/wasm/section-scan.js';
import { best, errorText, intFlag, isMain, median, now, parseFlags } from './lib.js';

export type CompilePipeline = 'kiln' | 'v8';

export interface CompileMeasurement {
  readonly pipeline: CompilePipeline;
  /** size of the code section's contents */
  readonly codeBytes: number;
  /** defined functions */
  readonly funcs: number;
  /** kiln: total machine code of the compiled functions (null for V8) */
  readonly machineBytes: number | null;
  /** the first compile of the process (what `kiln run` pays) */
  readonly coldSeconds: number;
  /** untimed compiles between the cold one and the timed ones (kiln: JIT warm-up) */
  readonly warmupCompiles: number;
  /** the timed compiles, after the warm-up */
  readonly medianSeconds: number;
  readonly bestSeconds: number;
  /** how many timed compiles the median is over */
  readonly timedReps: number;
  /** kiln: median decode+validate time before each compile (null for V8) */
  readonly loadMedianSeconds: number | null;
  /** peak RSS (KiB, maxRssKiB) once the module was read (and decoded), before the first compile */
  readonly rssBeforeKiB: number;
  /** peak RSS (KiB) after the cold compile: what compiling the module once needs */
  readonly rssColdKiB: number;
  /** peak RSS (KiB) after the last compile */
  readonly rssPeakKiB: number;
}

export type CompileOutcome = CompileMeasurement | { readonly pipeline: CompilePipeline; readonly error: string };

export const isMeasurement = (o: CompileOutcome): o is CompileMeasurement => !('error' in o);

/** node flags of each pipeline's child process */
export const CHILD_NODE_FLAGS: Readonly<Record<CompilePipeline, readonly string[]>> = {
  kiln: [],
  v8: ['--no-liftoff', '--no-wasm-lazy-compilation', '--single-threaded'],
};

/** size of the code section's contents (0 when the module has none) */
export function codeSectionBytes(bytes: Uint8Array): number {
  return scanSections(bytes).find((s) => s.id === 10)?.size ?? 0;
}

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** the module with a custom section named `name` (empty payload) appended */
export function withCustomSection(bytes: Uint8Array, name: string): Uint8Array<ArrayBuffer> {
  const nameBytes = new TextEncoder().encode(name);
  const contents = [...uleb(nameBytes.length), ...nameBytes];
  const section = Uint8Array.from([0, ...uleb(contents.length), ...contents]);
  const out = new Uint8Array(bytes.length + section.length);
  out.set(bytes, 0);
  out.set(section, bytes.length);
  return out;
}

/** kiln warm-up: compile (untimed) at least once and until this much time was spent */
const WARMUP_SECONDS = 3;
/** timed compiles stop after this much time (at least one) */
const MAX_TIMED_SECONDS = 15;

/**
 * The process's peak resident set in KiB: VmHWM from /proc/self/status where there is one,
 * because Linux carries getrusage's maxRSS over from the parent through fork and exec (a
 * child of a big process would report the parent's peak); process.resourceUsage().maxRSS
 * elsewhere.
 */
function maxRssKiB(): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m !== null) return Number(m[1]);
  } catch {
    /* no procfs: fall back */
  }
  return process.resourceUsage().maxRSS;
}

async function measureKiln(bytes: Uint8Array, reps: number): Promise<CompileMeasurement> {
  const kiln = await import('./kiln.js');
  let compileModule: typeof import('../targets/compile.js').compileModule;
  try {
    ({ compileModule } = await import('../targets/compile.js'));
  } catch (e) {
    throw new Error(`the native compiler (targets/compile.ts) cannot be loaded: ${errorText(e)}`);
  }
  const first = kiln.decodeValidated(bytes);
  const rssBeforeKiB = maxRssKiB();
  const t0 = now();
  const code = compileModule(first);
  const coldSeconds = now() - t0;
  const rssColdKiB = maxRssKiB();
  const machineBytes = code.funcs.reduce((sum, f) => sum + f.code.length, 0);
  // warm the compiler's own code up (V8 optimises it only after many calls)
  let warmupCompiles = 0;
  for (let spent = 0; warmupCompiles < 1 || spent < WARMUP_SECONDS; warmupCompiles++) {
    const t1 = now();
    compileModule(kiln.decodeValidated(bytes));
    spent += now() - t1;
  }
  const loads: number[] = [];
  const times: number[] = [];
  for (let spent = 0; times.length < reps && (times.length === 0 || spent < MAX_TIMED_SECONDS); ) {
    const t1 = now();
    const m = kiln.decodeValidated(bytes);
    const t2 = now();
    compileModule(m);
    const t3 = now();
    times.push(t3 - t2);
    loads.push(t2 - t1);
    spent += t3 - t1;
  }
  return {
    pipeline: 'kiln',
    codeBytes: codeSectionBytes(bytes),
    funcs: first.codes.length,
    machineBytes,
    coldSeconds,
    warmupCompiles,
    medianSeconds: median(times),
    bestSeconds: best(times),
    timedReps: times.length,
    loadMedianSeconds: median(loads),
    rssBeforeKiB,
    rssColdKiB,
    rssPeakKiB: maxRssKiB(),
  };
}

function measureV8(bytes: Uint8Array, reps: number): CompileMeasurement {
  const rssBeforeKiB = maxRssKiB();
  const compileOnce = (i: number): number => {
    const unique = withCustomSection(bytes, `kiln-bench-${i}`);
    const t0 = now();
    new WebAssembly.Module(unique);
    return now() - t0;
  };
  const coldSeconds = compileOnce(0);
  const rssColdKiB = maxRssKiB();
  const times: number[] = [];
  for (let i = 1, spent = 0; i <= reps && (i === 1 || spent < MAX_TIMED_SECONDS); i++) {
    times.push(compileOnce(i));
    spent += times[times.length - 1]!;
  }
  return {
    pipeline: 'v8',
    codeBytes: codeSectionBytes(bytes),
    funcs: countDefinedFunctions(bytes),
    machineBytes: null,
    coldSeconds,
    warmupCompiles: 0,
    medianSeconds: median(times),
    bestSeconds: best(times),
    timedReps: times.length,
    loadMedianSeconds: null,
    rssBeforeKiB,
    rssColdKiB,
    rssPeakKiB: maxRssKiB(),
  };
}

/** the count at the start of the code section: the number of defined functions */
export function countDefinedFunctions(bytes: Uint8Array): number {
  const code = scanSections(bytes).find((s) => s.id === 10);
  if (code === undefined) return 0;
  let pos = code.offset + 1; // past the section id
  while (((bytes[pos] ?? 0) & 0x80) !== 0) pos++; // past the section size
  pos++;
  let n = 0;
  for (let shift = 0; ; shift += 7) {
    const b = bytes[pos++] ?? 0;
    n += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return n;
  }
}

/** runs the child for one module and pipeline; an error outcome when the child fails */
export function measureCompile(file: string, pipeline: CompilePipeline, reps: number): CompileOutcome {
  const script = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, [...CHILD_NODE_FLAGS[pipeline], script, `--pipeline=${pipeline}`, `--file=${file}`, `--reps=${reps}`], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status === 0 && last.startsWith('{')) return JSON.parse(last) as CompileOutcome;
  const why = r.error?.message ?? (r.stderr.trim().split('\n').pop() || `exit status ${r.status}`);
  return { pipeline, error: why };
}

async function childMain(argv: readonly string[]): Promise<CompileOutcome> {
  const flags = parseFlags(argv);
  const pipeline = flags.get('pipeline');
  const file = flags.get('file');
  if ((pipeline !== 'kiln' && pipeline !== 'v8') || file === undefined) throw new Error('usage: native-compile.js --pipeline=kiln|v8 --file=PATH [--reps=5]');
  const reps = Math.max(1, intFlag(flags, 'reps', 5));
  const bytes = new Uint8Array(readFileSync(file));
  try {
    return pipeline === 'kiln' ? await measureKiln(bytes, reps) : measureV8(bytes, reps);
  } catch (e) {
    return { pipeline, error: errorText(e) };
  }
}

if (isMain(import.meta.url)) {
  childMain(process.argv.slice(2)).then(
    (outcome) => console.log(JSON.stringify(outcome)),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exit(2);
    },
  );
}
