/**
 * Decode+validate benchmark: throughput of kiln's binary decoder (formats/wasm/decode.ts) and
 * validator (compiler/validate) on bench/corpus/corpus.wasm, a 1.2 MB module of compiled C
 * (bench/corpus/build.mjs), side by side with peers in the same run:
 *
 *   kiln decode            decodeModule(bytes)
 *   kiln validate          validateModule(module) on a freshly decoded module (decoded untimed)
 *   kiln decode+validate   decodeAndValidate: the single pass that loading a module runs (bodies are
 *                          validated while the decoder scans them) — the number the 50 MB/s
 *                          target refers to
 *   kiln decode, then validate   the two separate calls back to back, for comparison
 *   V8 validate            WebAssembly.validate(bytes) — V8's C++ decoder+validator
 *                          (not `new WebAssembly.Module`: V8 caches compiled modules by their
 *                          bytes, so repeated compiles of one module measure a cache hit)
 *   wabt wasm-validate     process wall time minus that of validating an empty module
 *
 * Each measurement: --warmup untimed iterations, then --iterations timed ones (wasm-validate:
 * --iterations processes); reported as median and best, in ms and MB/s (1 MB = 10^6 bytes).
 *
 * Usage: node dist/bench/decode.js [--iterations=10] [--warmup=3] [--module=path.wasm]
 *                                  [--out=DIR] [--no-write]
 * Writes bench/results/decode.json and decode.md (no timestamps).
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import {
  benchDir,
  best,
  errorText,
  fmt,
  intFlag,
  isMain,
  machineInfo,
  markdownReport,
  markdownTable,
  median,
  now,
  parseFlags,
  repoRoot,
  round,
  toolVersion,
  writeResults,
} from './lib.js';

interface Measurement {
  name: string;
  /** seconds per iteration */
  times: number[];
  error?: string;
}

/** Times `fn` `iterations` times after `warmup` untimed calls; `setup` runs untimed before each. */
function bench<S>(name: string, iterations: number, warmup: number, setup: () => S, fn: (s: S) => unknown): Measurement {
  try {
    for (let i = 0; i < warmup; i++) fn(setup());
    const times: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const s = setup();
      const t0 = now();
      fn(s);
      times.push(now() - t0);
    }
    return { name, times };
  } catch (e) {
    return { name, times: [], error: errorText(e) };
  }
}

function wasmValidateMeasurement(modulePath: string, iterations: number): Measurement {
  const name = 'wabt wasm-validate (process, start-up subtracted)';
  if (toolVersion('wasm-validate') === undefined) return { name, times: [], error: 'wasm-validate not found (install wabt)' };
  const dir = mkdtempSync(join(tmpdir(), 'kiln-bench-'));
  try {
    const empty = join(dir, 'empty.wasm');
    writeFileSync(empty, new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
    const wall = (path: string): number => {
      const t0 = now();
      const r = spawnSync('wasm-validate', [path], { encoding: 'utf8' });
      const t = now() - t0;
      if (r.error !== undefined) throw r.error;
      if (r.status !== 0) throw new Error(`wasm-validate ${path}: ${r.stderr.trim()}`);
      return t;
    };
    const startup = median(Array.from({ length: 5 }, () => wall(empty)));
    const times = Array.from({ length: iterations }, () => wall(modulePath) - startup);
    return { name, times };
  } catch (e) {
    return { name, times: [], error: errorText(e) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv);
  const iterations = Math.max(1, intFlag(flags, 'iterations', 10));
  const warmup = intFlag(flags, 'warmup', 3);
  const modulePath = flags.get('module') ?? join(benchDir(), 'corpus', 'corpus.wasm');
  const bytes = new Uint8Array(readFileSync(modulePath));
  const mb = bytes.length / 1e6;
  const results: Measurement[] = [];
  const step = (m: Measurement): void => {
    results.push(m);
    process.stderr.write(`decode: ${m.name}: ${m.error ?? fmt(median(m.times) * 1000, 1) + ' ms'}\n`);
  };

  let kiln: typeof import('./kiln.js') | undefined;
  try {
    kiln = await import('./kiln.js');
  } catch (e) {
    const error = `kiln unavailable: ${errorText(e)}`;
    for (const name of ['kiln decode', 'kiln validate', 'kiln decode+validate', 'kiln decode, then validate']) {
      step({ name, times: [], error });
    }
  }
  if (kiln !== undefined) {
    const k = kiln;
    step(bench('kiln decode', iterations, warmup, () => bytes, (b) => k.decode(b)));
    step(bench('kiln validate', iterations, warmup, () => k.decode(bytes), (m) => k.validate(m)));
    step(bench('kiln decode+validate', iterations, warmup, () => bytes, (b) => k.decodeValidated(b)));
    step(bench('kiln decode, then validate', iterations, warmup, () => bytes, (b) => k.validate(k.decode(b))));
  }
  step(
    bench('V8 WebAssembly.validate', iterations, warmup, () => bytes, (b) => {
      if (!WebAssembly.validate(b)) throw new Error('V8 rejects the module');
    }),
  );
  step(wasmValidateMeasurement(modulePath, iterations));

  const rows = results.map((m) => {
    const med = median(m.times);
    const bst = best(m.times);
    return [m.name, fmt(med * 1000, 1), fmt(bst * 1000, 1), fmt(mb / med, 1), fmt(mb / bst, 1)];
  });
  const table = markdownTable(['measurement', 'median ms', 'best ms', 'median MB/s', 'best MB/s'], rows, [false, true, true, true, true]);
  const moduleName = relative(repoRoot(), modulePath);
  const command = `node dist/bench/decode.js${argv.length > 0 ? ' ' + argv.join(' ') : ''}`;
  const machine = machineInfo();
  const errors = results.filter((m) => m.error !== undefined).map((m) => `- ${m.name}: ${m.error}`);
  const md = markdownReport(
    'Decode + validate benchmark',
    [
      `Module: \`${moduleName}\`, ${bytes.length} bytes. Command: \`${command}\` — ${warmup} warm-up and ${iterations} timed iterations.`,
      `Machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}. 1 MB = 10^6 bytes.`,
    ],
    table,
    errors,
  );
  const json = {
    benchmark: 'decode',
    command,
    module: moduleName,
    moduleBytes: bytes.length,
    iterations,
    warmup,
    machine,
    measurements: results.map((m) =>
      m.error !== undefined
        ? { name: m.name, error: m.error }
        : {
            name: m.name,
            medianMs: round(median(m.times) * 1000, 2),
            bestMs: round(best(m.times) * 1000, 2),
            medianMBps: round(mb / median(m.times), 1),
            bestMBps: round(mb / best(m.times), 1),
          },
    ),
  };
  console.log(table);
  if (flags.get('no-write') === undefined) {
    const paths = writeResults('decode', json, md, flags.get('out'));
    console.log(`\nwrote ${paths.join(', ')}`);
  }
  return results.some((m) => m.name.startsWith('kiln') && m.error !== undefined) ? 1 : 0;
}

if (isMain(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
      process.exit(2);
    },
  );
}
