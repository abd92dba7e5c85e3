/**
 * Splitting a module's defined functions into chunks for parallel compilation, and the queue
 * the threads take chunks from.
 *
 * Chunks are contiguous ranges of defined functions of about equal weight, a function
 * weighing its body's size (`Code.size` from the decoder) plus a fixed cost; a module read
 * from text has no sizes, so its chunks have about as many functions each. The queue lives in
 * a SharedArrayBuffer that every thread sees: a thread takes the next chunk with one atomic
 * add, so a thread that is faster (or started sooner) simply takes more chunks, and nobody
 * waits for a message to get work. After a failure in chunk c no thread takes a chunk after
 * c, so the error reported is the one of the first failing function, as on one thread.
 */

import type { Code } from '../formats/wasm/types.js';
import type { FuncRange } from '../targets/compile.js';

/** what a function costs beyond its body's bytes (frontend, allocator and emitter set-up) */
const FIXED_WEIGHT = 64;

/**
 * Contiguous, non-empty ranges covering every function, at most `parts` of them: with the
 * functions laid end to end by weight and cut into `parts` equal lengths, each function goes
 * to the part its middle falls in (a part that no middle falls in is left out).
 */
export function splitBySize(codes: readonly Pick<Code, 'size'>[], parts: number): FuncRange[] {
  const n = codes.length;
  const weight = (d: number): number => Math.max(0, codes[d]!.size) + FIXED_WEIGHT;
  let total = 0;
  for (let d = 0; d < n; d++) total += weight(d);
  const count = Math.max(1, parts);
  const out: FuncRange[] = [];
  let from = 0;
  let part = 0;
  let before = 0;
  for (let d = 0; d < n; d++) {
    const w = weight(d);
    const p = Math.min(count - 1, Math.floor(((before + w / 2) * count) / total));
    if (p !== part && d > from) {
      out.push({ from, to: d });
      from = d;
    }
    part = p;
    before += w;
  }
  if (from < n) out.push({ from, to: n });
  return out;
}

const NEXT = 0;
const LIMIT = 1;
const DONE = 2;
const SLOTS = 3;

/** the shared state of a parallel compile: next chunk, first failed chunk, functions done */
export class ChunkQueue {
  readonly cells: Int32Array;

  /** a new queue over `count` chunks, or a view of an existing one (`buffer` from another thread) */
  constructor(countOrBuffer: number | SharedArrayBuffer) {
    if (typeof countOrBuffer === 'number') {
      this.cells = new Int32Array(new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT));
      this.cells[LIMIT] = countOrBuffer;
    } else {
      this.cells = new Int32Array(countOrBuffer);
    }
  }

  get buffer(): SharedArrayBuffer {
    return this.cells.buffer as SharedArrayBuffer;
  }

  /** the next chunk to compile, or -1 when there is none left (or one before it failed) */
  take(): number {
    const c = Atomics.add(this.cells, NEXT, 1);
    return c < Atomics.load(this.cells, LIMIT) ? c : -1;
  }

  /** chunk `c` failed: no chunk after it is taken any more */
  fail(c: number): void {
    for (;;) {
      const limit = Atomics.load(this.cells, LIMIT);
      if (c >= limit || Atomics.compareExchange(this.cells, LIMIT, limit, c) === limit) return;
    }
  }

  /** the chunks that count: those before the first failed one (all when none failed) */
  get limit(): number {
    return Atomics.load(this.cells, LIMIT);
  }

  /** one more function compiled, by any thread */
  countDone(): void {
    Atomics.add(this.cells, DONE, 1);
  }

  /** functions compiled so far, by every thread */
  get done(): number {
    return Atomics.load(this.cells, DONE);
  }
}
