/**
 * `.kiln.funcs`, `.kiln.traps`, `.kiln.faults`, `.kiln.addrmap` and `.kiln.stackmaps`:
 * encoding, and decoding with every index, count and offset range-checked against the
 * sections and the text.
 */

import { TRAP_KINDS } from '../traps.js';
import type { CwasmFunc, CwasmTrapSite } from './artifact.js';
import { ByteWriter } from './bytes.js';
import { CwasmError } from './errors.js';
import { FUNC_ENTRY, PAIR_ENTRY, TRAP_ENTRY, WORD } from './layout.js';

export interface EncodedTables {
  readonly funcs: Uint8Array;
  readonly traps: Uint8Array;
  readonly faults: Uint8Array;
  readonly addrmap: Uint8Array;
  readonly stackmaps: Uint8Array;
}

const NONE = new Int32Array(0);

export function encodeTables(funcs: readonly CwasmFunc[]): EncodedTables {
  const f = new ByteWriter();
  const t = new ByteWriter();
  const x = new ByteWriter();
  const a = new ByteWriter();
  const sm = new ByteWriter();
  let words = 0;
  let traps = 0;
  let faults = 0;
  let pairs = 0;
  for (const fn of funcs) {
    const fs = fn.faultSites ?? NONE;
    const maps = fn.stackMaps ?? NONE;
    const saved = fn.savedRegs ?? NONE;
    for (const v of [fn.offset, fn.size, traps, fn.trapSites.length, faults, fs.length >> 1, pairs, fn.addressMap.length >> 1]) f.u32(v);
    for (const v of [words, maps.length, words + maps.length, saved.length]) f.u32(v);
    for (const w of maps) sm.i32(w);
    for (const w of saved) sm.i32(w);
    words += maps.length + saved.length;
    for (const s of fn.trapSites) (t.u32(s.offset), t.u32(s.code), t.i32(s.wasmOffset));
    for (let i = 0; i + 1 < fs.length; i += 2) (x.u32(fs[i] as number), x.i32(fs[i + 1] as number));
    for (let i = 0; i + 1 < fn.addressMap.length; i += 2) (a.u32(fn.addressMap[i] as number), a.i32(fn.addressMap[i + 1] as number));
    traps += fn.trapSites.length;
    faults += fs.length >> 1;
    pairs += fn.addressMap.length >> 1;
  }
  return { funcs: f.finish(), traps: t.finish(), faults: x.finish(), addrmap: a.finish(), stackmaps: sm.finish() };
}

/** a table section's window in the file */
export interface TableWindow {
  readonly offset: number;
  readonly size: number;
}

export interface TableWindows {
  readonly funcs: TableWindow;
  readonly traps: TableWindow;
  readonly faults: TableWindow;
  readonly addrmap: TableWindow;
  readonly stackmaps: TableWindow;
}

function corrupt(reason: string, offset: number): CwasmError {
  return new CwasmError('corrupt', reason, offset);
}

/**
 * A table section as 32-bit words (one aligned copy of its bytes, so the functions' maps are
 * views of it, not copies); `at(k)` is word k's file offset, for messages.
 */
class Words {
  readonly w: Int32Array;
  readonly entries: number;

  constructor(bytes: Uint8Array, readonly win: TableWindow, entrySize: number, readonly name: string) {
    if (win.size % entrySize !== 0) throw corrupt(`${name} is ${win.size} bytes, not a whole number of ${entrySize}-byte entries`, win.offset);
    this.entries = win.size / entrySize;
    this.w = new Int32Array(win.size / WORD);
    new Uint8Array(this.w.buffer).set(bytes.subarray(win.offset, win.offset + win.size));
  }
  at(k: number): number {
    return this.win.offset + k * WORD;
  }
}

/** a run [first, first + count) inside a table of `total` entries */
function run(first: number, count: number, total: number, what: string, at: number): void {
  if (first > total || count > total - first) throw corrupt(`${what} [${first}, +${count}) outside its table of ${total}`, at);
}

/**
 * a function's pairs [code, wasm] (a view). Their entries are not checked one by one: fault
 * sites are covered by the header digest the loader compares next (digest.ts), and the
 * address map only gives backtraces their wasm offsets (a wrong entry misnames a frame, it
 * cannot reach memory)
 */
function pairs(t: Words, first: number, count: number): Int32Array {
  return t.w.subarray(2 * first, 2 * (first + count));
}

/**
 * the functions of `.kiln.funcs`, the first with absolute index `firstIndex`; `textSize`
 * bounds code offsets (wasm offsets are only shown in backtraces: -1 or more)
 */
export function decodeTables(bytes: Uint8Array, win: TableWindows, textSize: number, firstIndex: number, guard: boolean): CwasmFunc[] {
  const funcs = new Words(bytes, win.funcs, FUNC_ENTRY, '.kiln.funcs');
  const traps = new Words(bytes, win.traps, TRAP_ENTRY, '.kiln.traps');
  const faults = new Words(bytes, win.faults, PAIR_ENTRY, '.kiln.faults');
  const addrmap = new Words(bytes, win.addrmap, PAIR_ENTRY, '.kiln.addrmap');
  const maps = new Words(bytes, win.stackmaps, WORD, '.kiln.stackmaps');
  if (!guard && faults.entries !== 0) throw corrupt('fault sites in code compiled with explicit bounds checks', win.faults.offset);
  const f = funcs.w;
  const per = FUNC_ENTRY / WORD;
  const out: CwasmFunc[] = [];
  let end = 0;
  for (let k = 0; k < funcs.entries; k++) {
    const b = k * per;
    const at = funcs.at(b);
    const offset = (f[b] as number) >>> 0;
    const size = (f[b + 1] as number) >>> 0;
    if (offset < end || offset > textSize || size > textSize - offset) throw corrupt(`function ${k}: code [${offset}, +${size}) overlaps another or lies outside .text (${textSize} bytes)`, at);
    end = offset + size;
    const [t0, tn, x0, xn, a0, an, m0, mn, s0, sn] = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((i) => (f[b + i] as number) >>> 0) as [number, number, number, number, number, number, number, number, number, number];
    run(t0, tn, traps.entries, `function ${k}: trap sites`, at + 8);
    run(x0, xn, faults.entries, `function ${k}: fault sites`, at + 16);
    run(a0, an, addrmap.entries, `function ${k}: address map`, at + 24);
    run(m0, mn, maps.entries, `function ${k}: stack maps`, at + 32);
    run(s0, sn, maps.entries, `function ${k}: saved registers`, at + 40);
    const trap = trapSites(traps, t0, tn, size);
    const addressMap = pairs(addrmap, a0, an);
    const stack = stackMaps(maps, m0, mn, size);
    const saved = savedRegs(maps, s0, sn);
    out.push(
      guard
        ? { index: firstIndex + k, offset, size, trapSites: trap, addressMap, stackMaps: stack, savedRegs: saved, faultSites: pairs(faults, x0, xn) }
        : { index: firstIndex + k, offset, size, trapSites: trap, addressMap, stackMaps: stack, savedRegs: saved },
    );
  }
  return out;
}

function trapSites(t: Words, first: number, count: number, size: number): CwasmTrapSite[] {
  const w = t.w;
  const out: CwasmTrapSite[] = new Array<CwasmTrapSite>(count);
  for (let i = 0; i < count; i++) {
    const k = 3 * (first + i);
    const offset = w[k] as number;
    const code = w[k + 1] as number;
    const wasmOffset = w[k + 2] as number;
    if (offset < 0 || offset > size) throw corrupt(`.kiln.traps: code offset ${offset >>> 0} past the function's end (${size})`, t.at(k));
    if (code < 0 || code >= TRAP_KINDS.length) throw corrupt(`.kiln.traps: unknown trap code ${code >>> 0}`, t.at(k + 1));
    if (wasmOffset < -1) throw corrupt(`.kiln.traps: wasm offset ${wasmOffset} is negative`, t.at(k + 2));
    out[i] = { offset, code, wasmOffset };
  }
  return out;
}

/** a register number the maps may name (any ISA's general registers) */
const MAX_REG = 32;
/** frames are far smaller than this (docs/native.md: frames above 4 MiB never happen) */
const MAX_FRAME = 1 << 22;

/** a register, or a negative 8-byte-aligned frame offset */
function checkPlace(t: Words, k: number): void {
  const place = t.w[k] as number;
  if (place >= 0 ? place >= MAX_REG : place % 8 !== 0 || place < -MAX_FRAME) throw corrupt(`${t.name}: no register or frame slot ${place}`, t.at(k));
}

/** groups [returnOffset, n, place, kind, …] covering exactly words [first, first + count) (a view) */
function stackMaps(t: Words, first: number, count: number, size: number): Int32Array {
  const w = t.w;
  const end = first + count;
  let last = -1;
  for (let k = first; k < end; ) {
    const ret = w[k] as number;
    if (ret <= last || ret > size) throw corrupt(`${t.name}: return offset ${ret} out of order or past the function's end (${size})`, t.at(k));
    last = ret;
    if (k + 1 >= end) throw corrupt(`${t.name}: a map without its count`, t.at(k));
    const n = w[k + 1] as number;
    k += 2;
    if (n <= 0 || 2 * n > end - k) throw corrupt(`${t.name}: ${n} entries do not fit`, t.at(k - 1));
    for (let e = 0; e < n; e++, k += 2) {
      checkPlace(t, k);
      const kind = w[k + 1] as number;
      if (kind !== 1 && kind !== 2) throw corrupt(`${t.name}: unknown reference kind ${kind}`, t.at(k + 1));
    }
  }
  return w.subarray(first, end);
}

/** pairs [register, negative frame offset] in words [first, first + count) (a view) */
function savedRegs(t: Words, first: number, count: number): Int32Array {
  if (count % 2 !== 0) throw corrupt(`${t.name}: an odd number of saved-register words`, t.at(first));
  const w = t.w;
  for (let k = first; k < first + count; k += 2) {
    const r = w[k] as number;
    if (r < 0 || r >= MAX_REG || (w[k + 1] as number) >= 0) throw corrupt(`${t.name}: saved register ${r} at ${w[k + 1]}`, t.at(k));
    checkPlace(t, k + 1);
  }
  return w.subarray(first, first + count);
}
