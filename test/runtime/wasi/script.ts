/**
 * The script language of test/runtime/wasi/harness.c, on both sides: `Script` writes a script
 * (guest-memory writes, WASI calls, result prints; addresses chosen here so both sides use the
 * same memory layout), and `runScript` interprets that same text against loader/wasi
 * (createWasi, the imports called directly on a 1 MiB WebAssembly.Memory), printing every
 * transcript line through fd_write on guest fd 1 as the C harness does. See harness.c for the
 * commands.
 */

import type { Wasi } from '../../../loader/wasi/index.js';
import { isWasiExit } from '../../../loader/wasi/index.js';

export const MEM_SIZE = 1 << 20;
const OUT_AREA = MEM_SIZE - 4096;

/** parameter positions that are i64 (the rest are i32) */
const I64_PARAMS: Record<string, number[]> = {
  clock_time_get: [1],
  fd_advise: [1, 2],
  fd_allocate: [1, 2],
  fd_fdstat_set_rights: [1, 2],
  fd_filestat_set_size: [1],
  fd_filestat_set_times: [1, 2],
  fd_pread: [3],
  fd_pwrite: [3],
  fd_readdir: [3],
  fd_seek: [1],
  path_filestat_set_times: [4, 5],
  path_open: [5, 6],
};

function escapeBytes(b: Uint8Array): string {
  let s = '"';
  for (const c of b) {
    if (c === 0x5c || c === 0x22) s += '\\' + String.fromCharCode(c);
    else if (c >= 0x20 && c < 0x7f) s += String.fromCharCode(c);
    else s += '\\x' + c.toString(16).padStart(2, '0');
  }
  return s + '"';
}

type Num = number | bigint;

/** builds a script; strings and buffers are placed by a bump allocator from 0x2000 */
export class Script {
  readonly lines: string[] = [];
  private next = 0x2000;

  alloc(n: number, align = 8): number {
    this.next = Math.ceil(this.next / align) * align;
    const p = this.next;
    this.next += Math.max(n, 1);
    if (this.next > 0xf0000) throw new Error('script memory exhausted');
    return p;
  }
  bytes(b: Uint8Array): number {
    const p = this.alloc(b.byteLength + 1, 1);
    this.lines.push(`bytes ${p} ${escapeBytes(b)}`);
    return p;
  }
  /** a UTF-8 string (or raw bytes) in memory: [ptr, length] */
  str(s: string | Uint8Array): [number, number] {
    const b = typeof s === 'string' ? new TextEncoder().encode(s) : s;
    return [this.bytes(b), b.byteLength];
  }
  /** an iovec array over given contents or fresh buffers of given sizes */
  iov(parts: (string | number)[]): { ptr: number; len: number; bufs: number[] } {
    const bufs = parts.map((part) => (typeof part === 'string' ? this.bytes(new TextEncoder().encode(part)) : this.alloc(part, 1)));
    const ptr = this.alloc(8 * parts.length);
    parts.forEach((part, i) => {
      const len = typeof part === 'string' ? new TextEncoder().encode(part).byteLength : part;
      this.lines.push(`u32 ${ptr + i * 8} ${bufs[i]}`, `u32 ${ptr + i * 8 + 4} ${len}`);
    });
    return { ptr, len: parts.length, bufs };
  }
  u32(p: number, v: Num): void {
    this.lines.push(`u32 ${p} ${v}`);
  }
  u64(p: number, v: Num): void {
    this.lines.push(`u64 ${p} ${BigInt.asUintN(64, BigInt(v))}`);
  }
  u8(p: number, v: Num): void {
    this.lines.push(`u8 ${p} ${v}`);
  }
  u16(p: number, v: Num): void {
    this.lines.push(`u16 ${p} ${v}`);
  }
  call(name: string, ...args: Num[]): void {
    this.lines.push(`call ${name} ${args.map((a) => BigInt.asUintN(64, BigInt(a)).toString()).join(' ')}`.trimEnd());
  }
  cmd(line: string): void {
    this.lines.push(line);
  }
  text(): string {
    return this.lines.join('\n') + '\n';
  }
}

function parseNum(w: string, view: DataView): bigint {
  if (w.startsWith('@')) return BigInt(view.getUint32(Number(parseNum(w.slice(1), view)), true));
  const neg = w.startsWith('-');
  const v = BigInt(neg ? w.slice(1) : w);
  return BigInt.asUintN(64, neg ? -v : v);
}

/** the tokens of one script line; a quoted string stays one token (quotes kept) */
function tokens(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    if (line[i] === ' ') {
      i++;
      continue;
    }
    if (line[i] === '"') {
      let j = i + 1;
      while (line[j] !== '"') j += line[j] === '\\' ? 2 : 1;
      out.push(line.slice(i, j + 1));
      i = j + 1;
    } else {
      let j = i;
      while (j < line.length && line[j] !== ' ') j++;
      out.push(line.slice(i, j));
      i = j;
    }
  }
  return out;
}

function unquote(q: string): Uint8Array {
  const out: number[] = [];
  for (let i = 1; i < q.length - 1; i++) {
    const c = q.charCodeAt(i);
    if (c !== 0x5c) {
      out.push(c);
      continue;
    }
    const e = q[++i];
    if (e === 'n') out.push(10);
    else if (e === 't') out.push(9);
    else if (e === '0') out.push(0);
    else if (e === 'x') {
      out.push(parseInt(q.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push((e as string).charCodeAt(0));
  }
  return new Uint8Array(out);
}

function escaped(b: Uint8Array): string {
  return escapeBytes(b);
}

/** run a script against loader/wasi; returns the exit code given to proc_exit, or null */
export function runScript(text: string, wasi: Wasi, memory: WebAssembly.Memory): number | null {
  const bytes = (): Uint8Array => new Uint8Array(memory.buffer);
  const view = (): DataView => new DataView(memory.buffer);
  const fns = wasi.functions as unknown as Record<string, (...a: (number | bigint)[]) => number>;
  const print = (s: string): void => {
    const data = new TextEncoder().encode(s + '\n');
    for (let off = 0; off < data.byteLength; off += 4000) {
      const chunk = data.subarray(off, Math.min(off + 4000, data.byteLength));
      bytes().set(chunk, OUT_AREA + 64);
      view().setUint32(OUT_AREA, OUT_AREA + 64, true);
      view().setUint32(OUT_AREA + 4, chunk.byteLength, true);
      const e = fns['fd_write']!(1, OUT_AREA, 1, OUT_AREA + 8);
      if (e !== 0) throw new Error(`transcript fd_write failed: ${e}`);
    }
  };
  for (const line of text.split('\n')) {
    const t = tokens(line);
    if (t.length === 0 || t[0]!.startsWith('#')) continue;
    const v = view();
    const n = (i: number): bigint => parseNum(t[i] as string, v);
    const N = (i: number): number => Number(n(i));
    const op = t[0];
    switch (op) {
      case 'bytes':
        bytes().set(unquote(t[2] as string), N(1));
        break;
      case 'u8':
        v.setUint8(N(1), Number(n(2) & 0xffn));
        break;
      case 'u16':
        v.setUint16(N(1), Number(n(2) & 0xffffn), true);
        break;
      case 'u32':
        v.setUint32(N(1), Number(n(2) & 0xffffffffn), true);
        break;
      case 'u64':
        v.setBigUint64(N(1), n(2), true);
        break;
      case 'fill':
        bytes().fill(N(3), N(1), N(1) + N(2));
        break;
      case 'call': {
        const name = t[1] as string;
        const f = fns[name];
        if (f === undefined) throw new Error(`no WASI function ${name}`);
        const i64 = I64_PARAMS[name] ?? [];
        const args = t.slice(2).map((_, i) => {
          const x = n(i + 2);
          return i64.includes(i) ? x : Number(BigInt.asIntN(32, x));
        });
        let r: number;
        try {
          r = f(...args);
        } catch (e) {
          if (isWasiExit(e)) {
            print(`exit ${e.code}`);
            return e.code;
          }
          throw e;
        }
        print(`${name} -> ${r}`);
        break;
      }
      case 'show32':
        print(`show32 ${v.getUint32(N(1), true)}`);
        break;
      case 'show64':
        print(`show64 ${v.getBigUint64(N(1), true)}`);
        break;
      case 'showstr':
        print(`str ${escaped(bytes().slice(N(1), N(1) + N(2)))}`);
        break;
      case 'filestat': {
        const p = N(1);
        const type = v.getUint8(p + 16);
        let s = `filestat type=${type} nlink=${v.getBigUint64(p + 24, true)}`;
        if (type !== 3) s += ` size=${v.getBigUint64(p + 32, true)}`;
        print(s);
        break;
      }
      case 'times': {
        const p = N(1);
        print(`times atim=${v.getBigUint64(p + 40, true)} mtim=${v.getBigUint64(p + 48, true)}`);
        break;
      }
      case 'dirents': {
        const p = N(1);
        const used = N(2);
        let o = 0;
        while (o < used) {
          if (used - o < 24 || used - o < 24 + v.getUint32(p + o + 16, true)) {
            const rest = used - o < 24 ? new Uint8Array(0) : bytes().slice(p + o + 24, p + used);
            print(`dirent partial ${used - o} ${escaped(rest)}`);
            break;
          }
          const d = p + o;
          const nl = v.getUint32(d + 16, true);
          const pad = v.getUint8(d + 21) | v.getUint8(d + 22) | v.getUint8(d + 23);
          print(`dirent next=${v.getBigUint64(d, true)} type=${v.getUint8(d + 20)} pad=${pad} name=${escaped(bytes().slice(d + 24, d + 24 + nl))}`);
          o += 24 + nl;
        }
        break;
      }
      case 'events': {
        const p = N(1);
        for (let i = 0; i < N(2); i++) {
          const e = p + i * 32;
          print(`event userdata=${v.getBigUint64(e, true)} error=${v.getUint16(e + 8, true)} type=${v.getUint8(e + 10)} nbytes=${v.getBigUint64(e + 16, true)}`);
        }
        break;
      }
      case 'nonzero':
        print(`nonzero ${bytes().slice(N(1), N(1) + N(2)).some((x) => x !== 0) ? 1 : 0}`);
        break;
      case 'diffge':
        print(`diffge ${v.getBigUint64(N(2), true) - v.getBigUint64(N(1), true) >= n(3) ? 1 : 0}`);
        break;
      case 'echo':
        print(line.replace(/^\s*echo ?\s*/, ''));
        break;
      default:
        throw new Error(`unknown script command ${op}`);
    }
  }
  return null;
}
