/**
 * WASI preview1 (`wasi_snapshot_preview1`) for kiln: `createWasi(options)` builds the 46
 * imports over Node's fs/crypto/clocks, sandboxed to the preopened directories (see
 * sandbox.ts and docs/wasi.md). The imports are plain JS functions (i32 → number,
 * i64 → bigint, errno returned as i32), so they work with kiln's engines and with Node's own
 * WebAssembly API alike.
 */

import fs from 'node:fs';
import nodePath from 'node:path';
import { KilnError } from '../../formats/errors.js';
import type { ImportValue, Imports } from '../api.js';
import type { WasiContext, WasiImport } from './context.js';
import { WasiExit } from './errors.js';
import { fdCalls } from './fd-calls.js';
import { FdTable, preopenEntry, stdioEntry } from './fdtable.js';
import { GuestMemory, encodeUtf8 } from './memory.js';
import { miscCalls } from './misc-calls.js';
import { pathCalls } from './path-calls.js';

export { WasiExit, errnoName, isWasiExit } from './errors.js';
export { ERRNO, ERRNO_NAMES, RIGHTS } from './constants.js';

export interface WasiPreopen {
  /** directory on the host */
  hostPath: string;
  /** name the guest sees, e.g. `/sandbox` or `.` */
  guestPath: string;
  /** refuse every modification below it (EROFS) */
  readonly?: boolean;
}

export interface WasiOptions {
  args: string[];
  env: Record<string, string>;
  preopens: WasiPreopen[];
  /** host fds for the guest's 0, 1, 2 (default 0, 1, 2) */
  stdin?: number;
  stdout?: number;
  stderr?: number;
  /**
   * the most descriptors the guest may hold at once, its three stdio descriptors and the
   * preopens included (default: no limit); path_open beyond it fails with EMFILE
   */
  maxOpenFiles?: number;
}

/** What `start` accepts: a kiln Instance or a WebAssembly.Instance. */
export interface WasiInstanceLike {
  readonly exports: Readonly<Record<string, unknown>>;
}

export interface Wasi {
  /** `{ wasi_snapshot_preview1: { fd_write: …, … } }` */
  readonly imports: Imports;
  /** the 46 import functions by name (the same functions as in `imports`) */
  readonly functions: Readonly<Record<string, WasiImport>>;
  /** give the imports the guest memory; the getter is called on every import call */
  bindMemory(mem: () => ArrayBuffer): void;
  /**
   * Bind the instance's exported `memory` if it has one (for EngineOptions.beforeStart, so
   * that WASI calls made by the module's start function see the memory).
   */
  bindInstance(instance: WasiInstanceLike): void;
  /**
   * Bind the instance's exported `memory`, call `_start`, return the exit code: 0 when
   * `_start` returns, the proc_exit code otherwise. Traps and other errors propagate.
   * Host descriptors opened for the guest are closed afterwards.
   */
  start(instance: WasiInstanceLike): number;
  /** close every host descriptor the guest still holds */
  close(): void;
}

/**
 * A getter of the exact current contents of an exported memory: kiln's memories hand out a
 * view without copying (`bytes()`); a WebAssembly.Memory's `buffer` is wrapped, re-wrapped
 * only when it was replaced by growth.
 */
function memoryGetter(m: unknown): (() => Uint8Array) | null {
  if (typeof m !== 'object' || m === null) return null;
  if ('bytes' in m && typeof (m as { bytes: unknown }).bytes === 'function') {
    const kilnMemory = m as { bytes(): Uint8Array };
    return () => kilnMemory.bytes();
  }
  if ('buffer' in m) return bufferView(() => (m as { readonly buffer: ArrayBuffer }).buffer);
  return null;
}

/** a Uint8Array getter over an ArrayBuffer getter, re-wrapping only a new buffer */
function bufferView(get: () => ArrayBuffer): () => Uint8Array {
  let last: ArrayBuffer | null = null;
  let view = new Uint8Array(0);
  return () => {
    const b = get();
    if (b !== last || view.byteLength !== b.byteLength) {
      last = b;
      view = new Uint8Array(b);
    }
    return view;
  };
}

function callStart(f: unknown): void {
  if (typeof f === 'function') {
    (f as () => unknown)();
    return;
  }
  if (typeof f === 'object' && f !== null && 'call' in f && typeof (f as { call: unknown }).call === 'function') {
    (f as { call(): unknown }).call();
    return;
  }
  throw new KilnError('uninstantiable', 'WASI module exports no _start function');
}

export function createWasi(options: WasiOptions): Wasi {
  const mem = new GuestMemory();
  const fds = new FdTable(options.maxOpenFiles);
  const needed = 3 + options.preopens.length;
  if (options.maxOpenFiles !== undefined && options.maxOpenFiles < needed) {
    throw new KilnError(
      'usage',
      `an open-file limit of ${options.maxOpenFiles} cannot hold the 3 stdio descriptors and ${options.preopens.length} preopened ${options.preopens.length === 1 ? 'directory' : 'directories'} (${needed} descriptors)`,
    );
  }
  fds.add(stdioEntry(options.stdin ?? 0));
  fds.add(stdioEntry(options.stdout ?? 1));
  fds.add(stdioEntry(options.stderr ?? 2));
  for (const p of options.preopens) {
    let root: string;
    try {
      root = fs.realpathSync(nodePath.resolve(p.hostPath));
      if (!fs.statSync(root).isDirectory()) throw new Error('not a directory');
      fds.add(preopenEntry(root, p.guestPath, p.readonly === true));
    } catch (e) {
      fds.closeAll();
      throw new KilnError('io', `cannot preopen ${p.hostPath}: ${(e as Error).message}`);
    }
  }
  const ctx: WasiContext = {
    mem,
    fds,
    args: options.args.map((a) => encodeUtf8(a + '\0')),
    env: Object.entries(options.env).map(([k, v]) => encodeUtf8(`${k}=${v}\0`)),
  };
  const functions: Record<string, WasiImport> = { ...miscCalls(ctx), ...fdCalls(ctx), ...pathCalls(ctx) };
  const module: Record<string, ImportValue> = {};
  for (const [name, fn] of Object.entries(functions)) module[name] = fn as unknown as ImportValue;

  return {
    imports: { wasi_snapshot_preview1: module },
    functions,
    bindMemory(get: () => ArrayBuffer): void {
      mem.bind(bufferView(get));
    },
    bindInstance(instance: WasiInstanceLike): void {
      const get = memoryGetter(instance.exports['memory']);
      if (get !== null) mem.bind(get);
    },
    start(instance: WasiInstanceLike): number {
      const get = memoryGetter(instance.exports['memory']);
      if (get === null) throw new KilnError('uninstantiable', 'WASI module exports no memory');
      mem.bind(get);
      try {
        callStart(instance.exports['_start']);
        return 0;
      } catch (e) {
        if (e instanceof WasiExit) return e.code;
        throw e;
      } finally {
        fds.closeAll();
      }
    },
    close(): void {
      fds.closeAll();
    },
  };
}
