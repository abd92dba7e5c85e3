/**
 * Test support for the WASI suites: temp directories, a "guest" that calls the WASI import
 * functions directly against a memory the test controls (a bump allocator for strings, iovecs
 * and result slots), and the engines the end-to-end tests run modules with (Node's own
 * WebAssembly API and kiln's interpreter).
 */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RIGHTS, createWasi, type Wasi, type WasiOptions } from '../../../loader/wasi/index.js';
import type { Engine, Imports } from '../../../loader/api.js';
import { instantiateModule } from '../../../loader/instance/engine.js';
import { nativeEngine } from '../../../loader/native/index.js';
import { interpEngine } from '../../../loader/interp/index.js';
import { decodeModule } from '../../../formats/wasm/decode.js';

const ALL_RIGHTS = (1n << 30n) - 1n;

export function tempDir(tag: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `kiln-wasi-${tag}-`));
}

export function rmrf(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** a recursive, sorted snapshot of a directory: path → file content / 'dir' / 'link:target' */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string): void => {
    const full = rel === '' ? dir : path.join(dir, rel);
    for (const name of fs.readdirSync(full).sort()) {
      const r = rel === '' ? name : `${rel}/${name}`;
      const st = fs.lstatSync(path.join(dir, r));
      if (st.isSymbolicLink()) out[r] = 'link:' + fs.readlinkSync(path.join(dir, r));
      else if (st.isDirectory()) {
        out[r] = 'dir';
        walk(r);
      } else out[r] = fs.readFileSync(path.join(dir, r), 'utf8');
    }
  };
  walk('');
  return out;
}

type Fn = (...args: (number | bigint)[]) => number;

/** Calls WASI imports directly with a 1-page memory the test owns. */
export class Guest {
  readonly memory = new WebAssembly.Memory({ initial: 1, maximum: 4 });
  readonly wasi: Wasi;
  private next = 1024;

  constructor(options: WasiOptions) {
    this.wasi = createWasi(options);
    this.wasi.bindMemory(() => this.memory.buffer);
  }

  /** call an import by name */
  call(name: string, ...args: (number | bigint)[]): number {
    const f = this.wasi.functions[name] as unknown as Fn | undefined;
    if (f === undefined) throw new Error(`no import ${name}`);
    return f(...args);
  }

  get view(): DataView {
    return new DataView(this.memory.buffer);
  }
  get bytes(): Uint8Array {
    return new Uint8Array(this.memory.buffer);
  }

  alloc(n: number, align = 8): number {
    this.next = Math.ceil(this.next / align) * align;
    const p = this.next;
    this.next += n;
    this.bytes.fill(0, p, p + n);
    return p;
  }

  /** a UTF-8 string in memory: [ptr, byteLength] */
  str(s: string): [number, number] {
    const b = new TextEncoder().encode(s);
    const p = this.alloc(b.byteLength + 1, 1);
    this.bytes.set(b, p);
    return [p, b.byteLength];
  }

  /** an iovec array over fresh buffers of the given sizes, or over given contents */
  iovs(parts: (number | string)[]): { ptr: number; len: number; bufs: number[] } {
    const arr = this.alloc(8 * parts.length);
    const bufs: number[] = [];
    parts.forEach((part, i) => {
      const data = typeof part === 'string' ? new TextEncoder().encode(part) : new Uint8Array(part);
      const b = this.alloc(Math.max(1, data.byteLength), 1);
      this.bytes.set(data, b);
      this.view.setUint32(arr + i * 8, b, true);
      this.view.setUint32(arr + i * 8 + 4, data.byteLength, true);
      bufs.push(b);
    });
    return { ptr: arr, len: parts.length, bufs };
  }

  u8(p: number): number {
    return this.view.getUint8(p);
  }
  u16(p: number): number {
    return this.view.getUint16(p, true);
  }
  u32(p: number): number {
    return this.view.getUint32(p, true);
  }
  u64(p: number): bigint {
    return this.view.getBigUint64(p, true);
  }
  text(p: number, n: number): string {
    return new TextDecoder().decode(this.bytes.slice(p, p + n));
  }

  /**
   * path_open relative to dirFd; returns [errno, fd]. Rights default to all of them, less
   * fd_write when opening with O_DIRECTORY (as wasi-libc's opendir asks).
   */
  open(dirFd: number, p: string, opts: { oflags?: number; base?: bigint; inheriting?: bigint; fdflags?: number; follow?: boolean } = {}): [number, number] {
    const [pp, pl] = this.str(p);
    const out = this.alloc(4);
    const e = this.call(
      'path_open', dirFd, opts.follow === false ? 0 : 1, pp, pl, opts.oflags ?? 0,
      opts.base ?? ((opts.oflags ?? 0) & 2 ? ALL_RIGHTS & ~RIGHTS.FD_WRITE : ALL_RIGHTS), opts.inheriting ?? (1n << 30n) - 1n, opts.fdflags ?? 0, out,
    );
    return [e, e === 0 ? this.u32(out) : -1];
  }

  /** fd_write of one string; returns [errno, nwritten] */
  write(fd: number, s: string): [number, number] {
    const io = this.iovs([s]);
    const out = this.alloc(4);
    const e = this.call('fd_write', fd, io.ptr, io.len, out);
    return [e, this.u32(out)];
  }

  /** fd_read of up to n bytes; returns [errno, text] */
  read(fd: number, n: number): [number, string] {
    const io = this.iovs([n]);
    const out = this.alloc(4);
    const e = this.call('fd_read', fd, io.ptr, io.len, out);
    return [e, e === 0 ? this.text(io.bufs[0] as number, this.u32(out)) : ''];
  }

  /** a one-argument path call: name(fd, path, len) */
  path(name: string, fd: number, p: string): number {
    const [pp, pl] = this.str(p);
    return this.call(name, fd, pp, pl);
  }
}

/** what an end-to-end run reports */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface TestEngine {
  name: string;
  /** instantiate `bytes` with `imports`; the result has `exports` for Wasi.start */
  instantiate(bytes: Uint8Array, imports: Imports): { exports: Record<string, unknown> };
}

export const nodeEngine: TestEngine = {
  name: 'node WebAssembly',
  instantiate(bytes, imports) {
    const m = new WebAssembly.Module(bytes);
    return new WebAssembly.Instance(m, imports as unknown as WebAssembly.Imports);
  },
};

/** a kiln engine as a TestEngine */
export function kilnTestEngine(engine: Engine, name = `kiln ${engine.name}`): TestEngine {
  return { name, instantiate: (bytes, imports) => instantiateModule(engine, decodeModule(bytes), imports) };
}

export const kilnEngine: TestEngine = kilnTestEngine(interpEngine, 'kiln interpreter');
export const kilnNativeEngine: TestEngine = kilnTestEngine(nativeEngine, 'kiln native');

/** the engines end-to-end tests run with */
export const engines: readonly TestEngine[] = [nodeEngine, kilnEngine, kilnNativeEngine];

/** run a WASI command module; stdout/stderr go to temp files that are read back */
export function runWasm(
  engine: TestEngine,
  wasmPath: string,
  options: Omit<WasiOptions, 'stdout' | 'stderr'>,
): RunResult {
  const dir = tempDir('io');
  try {
    const outFd = fs.openSync(path.join(dir, 'out'), 'w+');
    const errFd = fs.openSync(path.join(dir, 'err'), 'w+');
    let code: number;
    try {
      const wasi = createWasi({ ...options, stdout: outFd, stderr: errFd });
      const inst = engine.instantiate(fs.readFileSync(wasmPath), wasi.imports);
      code = wasi.start(inst);
    } finally {
      fs.closeSync(outFd);
      fs.closeSync(errFd);
    }
    return {
      code,
      stdout: fs.readFileSync(path.join(dir, 'out'), 'utf8'),
      stderr: fs.readFileSync(path.join(dir, 'err'), 'utf8'),
    };
  } finally {
    rmrf(dir);
  }
}
