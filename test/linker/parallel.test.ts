/**
 * Parallel compilation (linker/parallel.ts, `kiln compile -j N`): the defined functions are
 * cut into chunks of about equal body size, compiled on worker threads and the main thread,
 * and put back in index order. The artifact is byte for byte the one of a single-threaded
 * compile for -j 1, 2 and 3, with or without the main thread taking chunks; compiling a
 * range of functions gives each function the code it gets in a whole-module compile; a
 * worker's KilnError comes back as the same KilnError, and the error reported is the one of
 * the first failing function. The workers run the current sources (worker-bundle.ts).
 */

import { REFUSED_WAT } from '../support/native-refusal.js';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeAndValidate } from '../../compiler/validate/single-pass.js';
import { KilnError } from '../../formats/errors.js';
import { decodeModule } from '../../formats/wasm/decode.js';
import { encodeModule } from '../../formats/wasm/encode.js';
import { parseWat } from '../../formats/wat/index.js';
import { ChunkQueue, splitBySize } from '../../linker/chunks.js';
import { compileArtifact, compileArtifactParallel, compileOptionsOf, resolveArtifactOptions } from '../../linker/cwasm.js';
import { compileParallel, compileWorkerEntry } from '../../linker/parallel.js';
import { compileModule } from '../../targets/compile.js';
import { fromWat, PROGRAM, type Source } from '../cwasm/helpers.js';
import { bundledCompileWorker } from './worker-bundle.js';

let workerEntry: URL;
beforeAll(async () => {
  workerEntry = await bundledCompileWorker();
});

function fromFile(path: string): Source {
  const wasm = new Uint8Array(readFileSync(new URL(`../../${path}`, import.meta.url)));
  return { module: decodeAndValidate(wasm, { borrow: true }), wasm };
}

const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

/** the error `run` throws (or rejects with) */
async function failure(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (e) {
    return e;
  }
  throw new Error('expected a failure');
}

const errorFields = (e: unknown): unknown => (e instanceof KilnError ? { kiln: true, kind: e.kind, reason: e.reason, loc: e.loc } : { kiln: false, message: String(e) });

describe('splitting functions into chunks', () => {
  const sizes = (xs: number[]): { size: number }[] => xs.map((size) => ({ size }));

  it('gives contiguous, non-empty ranges that cover every function, in order', () => {
    const chunks = splitBySize(sizes([5, 900, 3, 3, 400, 400, 10, 10, 10, 2000, 1, 1]), 4);
    expect(chunks.length).toBeLessThanOrEqual(4);
    expect(chunks[0]!.from).toBe(0);
    expect(chunks[chunks.length - 1]!.to).toBe(12);
    for (let i = 0; i < chunks.length; i++) {
      expect(chunks[i]!.to).toBeGreaterThan(chunks[i]!.from);
      if (i > 0) expect(chunks[i]!.from).toBe(chunks[i - 1]!.to);
    }
  });

  it('balances by body size: equal bodies give equal counts, a text module (sizes 0) too', () => {
    expect(splitBySize(sizes(new Array<number>(12).fill(100)), 3)).toEqual([
      { from: 0, to: 4 },
      { from: 4, to: 8 },
      { from: 8, to: 12 },
    ]);
    expect(splitBySize(sizes(new Array<number>(6).fill(0)), 2)).toEqual([
      { from: 0, to: 3 },
      { from: 3, to: 6 },
    ]);
    // one big body takes a chunk of its own
    expect(splitBySize(sizes([10, 10, 5000, 10, 10]), 3)).toEqual([
      { from: 0, to: 2 },
      { from: 2, to: 3 },
      { from: 3, to: 5 },
    ]);
  });

  it('makes no more chunks than functions, and none for no function', () => {
    expect(splitBySize(sizes([1, 2]), 16)).toEqual([
      { from: 0, to: 1 },
      { from: 1, to: 2 },
    ]);
    expect(splitBySize([], 4)).toEqual([]);
  });

  it('hands out each chunk once, and none after a failed one', () => {
    const q = new ChunkQueue(5);
    const shared = new ChunkQueue(q.buffer);
    expect([q.take(), shared.take(), q.take()]).toEqual([0, 1, 2]);
    shared.fail(3);
    q.fail(4);
    expect([q.limit, q.take(), shared.take()]).toEqual([3, -1, -1]);
    q.countDone();
    shared.countDone();
    expect(q.done).toBe(2);
  });
});

describe('compiling a range of functions', () => {
  it('gives each function the code, tables and name it gets in a whole-module compile', () => {
    const { module } = fromWat(PROGRAM);
    const whole = compileModule(module, { bounds: 'guard' });
    for (const [from, to] of [
      [0, 11],
      [3, 7],
      [10, 11],
      [5, 5],
    ] as const) {
      const part = compileModule(module, { bounds: 'guard', only: { from, to } });
      expect(part.funcs).toEqual(whole.funcs.slice(from, to));
    }
    // backwards, one at a time, so that every function follows different ones
    for (let d = 10; d >= 0; d--) expect(compileModule(module, { bounds: 'guard', only: { from: d, to: d + 1 } }).funcs[0]).toEqual(whole.funcs[d]);
  });

  it('refuses a range outside the module', () => {
    const { module } = fromWat(PROGRAM);
    const e = (from: number, to: number): unknown => errorFields(thrownBy(() => compileModule(module, { only: { from, to } })));
    expect(e(0, 12)).toEqual({ kiln: true, kind: 'usage', reason: 'no defined functions 0 to 12 in a module of 11', loc: {} });
    expect(e(4, 3)).toMatchObject({ kind: 'usage' });
    expect(e(-1, 2)).toMatchObject({ kind: 'usage' });
  });

  it('reports progress at most every 1 % and 100 ms, always ending with the total', () => {
    const { module } = fromFile('examples/hello.wasm');
    const calls: [number, number][] = [];
    compileModule(module, { onProgress: (done, total) => calls.push([done, total]) });
    const n = module.codes.length;
    expect(calls[calls.length - 1]).toEqual([n, n]);
    expect(calls.length).toBeLessThanOrEqual(101);
    for (let i = 1; i < calls.length; i++) expect(calls[i]![0]).toBeGreaterThan(calls[i - 1]![0]);
  });
});

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (e) {
    return e;
  }
  throw new Error('expected a failure');
}

describe('parallel compile', () => {
  const small: [string, () => Source][] = [
    ['PROGRAM', () => fromWat(PROGRAM)],
    ['examples/hello.wasm', () => fromFile('examples/hello.wasm')],
  ];

  it.each(small)('%s: the artifact is the same with -j 1, 2 and 3, and with workers only', async (_name, load) => {
    const { module, wasm } = load();
    const serial = compileArtifact(module, wasm);
    for (const jobs of [1, 2, 3]) expect(same(await compileArtifactParallel(module, wasm, { workerEntry }, jobs), serial), `-j ${jobs}`).toBe(true);
    // every chunk on a worker (a small module is otherwise done by the main thread alone)
    expect(same(await compileArtifactParallel(module, wasm, { workerEntry, mainThread: false }, 2), serial), 'workers only').toBe(true);
    const o = compileOptionsOf(resolveArtifactOptions({}));
    expect(await compileParallel(wasm, { ...o, mainThread: false, workerEntry }, 3)).toEqual(compileModule(module, o));
  });

  it('the benchmark corpus: the artifact is the same with -j 1, 2 and 3', async () => {
    const { module, wasm } = fromFile('bench/corpus/corpus.wasm');
    const serial = compileArtifact(module, wasm);
    for (const jobs of [2, 3]) expect(same(await compileArtifactParallel(module, wasm, { workerEntry }, jobs), serial), `-j ${jobs}`).toBe(true);
  });

  it('equals compileModule for other options too (explicit bounds, opt level 0, no interrupts)', async () => {
    const { module, wasm } = fromFile('examples/hello.wasm');
    const o = { bounds: 'explicit', optLevel: 0, interrupts: false } as const;
    expect(await compileParallel(wasm, { ...o, mainThread: false, workerEntry }, 3)).toEqual(compileModule(module, o));
  });

  it("gives a module with no function the single-threaded result, and refuses jobs that are not a positive integer", async () => {
    const { module, wasm } = fromWat('(module (memory 1))');
    expect(await compileParallel(wasm, { workerEntry }, 4)).toEqual(compileModule(module));
    for (const jobs of [0, 1.5, -2]) {
      expect(errorFields(await failure(() => compileParallel(wasm, { workerEntry }, jobs)))).toMatchObject({ kind: 'usage' });
    }
  });

  it('reports progress of every thread, ending with the total', async () => {
    const { module, wasm } = fromFile('examples/hello.wasm');
    const calls: [number, number][] = [];
    await compileParallel(wasm, { module, workerEntry, mainThread: false, onProgress: (done, total) => calls.push([done, total]) }, 2);
    const n = module.codes.length;
    expect(calls[calls.length - 1]).toEqual([n, n]);
  });

  it("a worker's refusal is compileModule's KilnError: kind, reason and offset", async () => {
    const wasm = encodeModule(parseWat(REFUSED_WAT));
    const expected = thrownBy(() => compileModule(decodeModule(wasm)));
    expect(expected).toBeInstanceOf(KilnError);
    expect((expected as KilnError).kind).toBe('unsupported');
    expect((expected as KilnError).loc.offset).toBeGreaterThan(0);
    for (const mainThread of [false, true]) {
      const e = await failure(() => compileParallel(wasm, { mainThread, workerEntry }, 2));
      expect(e).toBeInstanceOf(KilnError);
      expect(errorFields(e)).toEqual(errorFields(expected));
    }
  });

  it('a failure in a function reports the first failing function, as on one thread', async () => {
    const funcs: string[] = [];
    for (let i = 0; i < 40; i++) {
      funcs.push(i === 7 || i === 30 ? `(func $bad${i} (result i32) i64.const ${i})` : `(func $f${i} (param i32) (result i32) local.get 0 i32.const ${i} i32.add)`);
    }
    // not valid (the workers do not validate): the IR verifier refuses what the frontend made
    const wasm = encodeModule(parseWat(`(module ${funcs.join('\n')})`));
    const expected = thrownBy(() => compileModule(decodeModule(wasm), { verify: true }));
    expect(String(expected)).toContain('%bad7');
    for (const mainThread of [false, true]) {
      const e = await failure(() => compileParallel(wasm, { verify: true, mainThread, workerEntry }, 3));
      expect(errorFields(e)).toEqual(errorFields(expected));
    }
  });

  it('finds the compiled worker entry next to the compiled parallel.ts (dist/ from the sources)', () => {
    expect(compileWorkerEntry().pathname).toMatch(/\/dist\/linker\/compile-worker\.js$/);
  });
});
