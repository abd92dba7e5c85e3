/**
 * Entry of a parallel compile's worker thread (linker/parallel.ts starts it): decode the
 * module the main thread already validated (borrowing the bytes, not validating again), take
 * chunks of functions from the shared queue until none is left, and post each compiled chunk
 * back with its code buffers transferred, or the failure as plain data (compile-thread.ts).
 * The thread then ends by itself. In the bundle (scripts/bundle.mjs) this is the single
 * CommonJS file compile-worker.cjs.
 */

import { parentPort, workerData } from 'node:worker_threads';
import { decodeModule } from '../formats/wasm/decode.js';
import { ModuleCompiler } from '../targets/compile.js';
import { ChunkQueue } from './chunks.js';
import { compileChunks, errorRecord, transferables, type WorkerInput, type WorkerMessage } from './compile-thread.js';

function post(message: WorkerMessage, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(message, transfer);
}

function work(input: WorkerInput): void {
  let compiler: ModuleCompiler;
  try {
    compiler = new ModuleCompiler(decodeModule(input.wasm, { borrow: true }), input.options);
  } catch (e) {
    post({ kind: 'failed', chunk: -1, error: errorRecord(e) });
    return;
  }
  compileChunks(compiler, input.chunks, new ChunkQueue(input.queue), {
    compiled: (chunk, code) => post({ kind: 'chunk', chunk, code }, transferables(code)),
    failed: (chunk, error) => post({ kind: 'failed', chunk, error: errorRecord(error) }),
  });
}

work(workerData as WorkerInput);
