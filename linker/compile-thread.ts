/**
 * What each thread of a parallel compile does (linker/parallel.ts), the main thread and the
 * workers (compile-worker.ts) alike: take chunks from the shared queue (chunks.ts) and
 * compile them with one ModuleCompiler, handing each chunk's functions on as it finishes.
 * Also the messages a worker sends, and errors as plain data: a KilnError crosses the thread
 * boundary as its kind, reason and location and is rebuilt on the other side as the same
 * KilnError, never as a stack trace.
 */

import { KilnError, type ErrorKind, type Location } from '../formats/errors.js';
import type { CompiledCode, CompiledFunc } from '../targets/compiled.js';
import type { CompileOptions, FuncRange, ModuleCompiler } from '../targets/compile.js';
import { ChunkQueue } from './chunks.js';

/** a worker's `workerData` */
export interface WorkerInput {
  /** the validated module's bytes (decoded again, without validating) */
  readonly wasm: Uint8Array;
  readonly options: CompileOptions;
  readonly chunks: readonly FuncRange[];
  /** ChunkQueue's buffer */
  readonly queue: SharedArrayBuffer;
}

/** an error as plain data: a KilnError's fields, or another error's message and stack */
export type ErrorRecord =
  | { readonly kiln: true; readonly kind: ErrorKind; readonly reason: string; readonly loc: Location }
  | { readonly kiln: false; readonly message: string; readonly stack: string | undefined };

/** a worker's messages: a compiled chunk, or a failure (chunk -1: before taking any chunk) */
export type WorkerMessage =
  | { readonly kind: 'chunk'; readonly chunk: number; readonly code: CompiledCode }
  | { readonly kind: 'failed'; readonly chunk: number; readonly error: ErrorRecord };

export function errorRecord(e: unknown): ErrorRecord {
  if (e instanceof KilnError) return { kiln: true, kind: e.kind, reason: e.reason, loc: { ...e.loc } };
  if (e instanceof Error) return { kiln: false, message: e.message, stack: e.stack };
  return { kiln: false, message: String(e), stack: undefined };
}

export function errorFrom(r: ErrorRecord): Error {
  if (r.kiln) return new KilnError(r.kind, r.reason, { ...r.loc });
  const e = new Error(r.message);
  if (r.stack !== undefined) e.stack = r.stack;
  return e;
}

/**
 * The buffers of a chunk's code and tables that can be moved to another thread rather than
 * copied: each array that is the whole of its own buffer (the emitter makes them so).
 */
export function transferables(code: CompiledCode): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const add = (a: Uint8Array | Int32Array | undefined): void => {
    if (a === undefined || !(a.buffer instanceof ArrayBuffer)) return;
    if (a.byteOffset === 0 && a.byteLength === a.buffer.byteLength) out.add(a.buffer);
  };
  for (const f of code.funcs) {
    add(f.code);
    add(f.addressMap);
    add(f.faultSites);
  }
  return [...out];
}

/** what a thread does with each chunk's outcome */
export interface ChunkSink {
  compiled(chunk: number, code: CompiledCode): void;
  failed(chunk: number, error: unknown): void;
}

/**
 * Take and compile chunks until none is left (or one failed); `onFunction` runs after every
 * function (the main thread redraws its progress there).
 */
export function compileChunks(compiler: ModuleCompiler, chunks: readonly FuncRange[], queue: ChunkQueue, sink: ChunkSink, onFunction?: () => void): void {
  for (let c = queue.take(); c >= 0; c = queue.take()) {
    const range = chunks[c]!;
    const funcs: CompiledFunc[] = [];
    try {
      for (let d = range.from; d < range.to; d++) {
        funcs.push(compiler.compile(d));
        queue.countDone();
        onFunction?.();
      }
    } catch (e) {
      queue.fail(c);
      sink.failed(c, e);
      return;
    }
    sink.compiled(c, compiler.code(funcs));
  }
}
