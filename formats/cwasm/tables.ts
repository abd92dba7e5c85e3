/**
 * `.kiln.funcs`, `.kiln.traps`, `.kiln.faults`, `.kiln.addrmap` and `.kiln.stackmaps`:
 * encoding, and decoding with every index, count and offset range-checked against the
 * sections and the text.
 */

import { TRAP_KINDS } from '../traps.js';
import type { CwasmFunc, CwasmTrapSite } from './artifact.js';
import { ByteReader, ByteWriter } from './bytes.js';
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

function entries(w: TableWindow, size: number, name: string): number {
  if (w.size % size !== 0) throw corrupt(`${name} is ${w.size} bytes, not a whole number of ${size}-byte entries`, w.offset);
  return w.size / size;
}

/** a run [first, first + count) inside a table of `total` entries */
function run(first: number, count: number, total: number, what: string, at: number): void {
  if (first > total || count > total - first) throw corrupt(`${what} [${first}, +${count}) outside its table of ${total}`, at);
}

/** pairs [code, wasm] of one function, read from `r` at entry `first` */
function readPairs(bytes: Uint8Array, w: TableWindow, first: number, count: number, limit: number, strict: boolean, name: string): Int32Array {
  const r = new ByteReader(bytes, name, w.offset + first * PAIR_ENTRY, w.offset + (first + count) * PAIR_ENTRY);
  const out = new Int32Array(2 * count);
  let last = -1;
  for (let i = 0; i < count; i++) {
    const at = r.pos;
    const code = r.u32();
    const wasm = r.i32();
    if (code > limit) throw corrupt(`${name}: code offset ${code} past the function's end (${limit})`, at);
    if (code < last || (strict && code === last)) throw corrupt(`${name}: code offsets out of order`, at);
    if (wasm < -1) throw corrupt(`${name}: wasm offset ${wasm} is negative`, at + 4);
    last = code;
    out[2 * i] = code;
    out[2 * i + 1] = wasm;
  }
  return out;
}

/**
 * the functions of `.kiln.funcs`, the first with absolute index `firstIndex`; `textSize`
 * bounds code offsets (wasm offsets are only shown in backtraces: -1 or more)
 */
export function decodeTables(bytes: Uint8Array, w: TableWindows, textSize: number, firstIndex: number, guard: boolean): CwasmFunc[] {
  const nFuncs = entries(w.funcs, FUNC_ENTRY, '.kiln.funcs');
  const nTraps = entries(w.traps, TRAP_ENTRY, '.kiln.traps');
  const nFaults = entries(w.faults, PAIR_ENTRY, '.kiln.faults');
  const nPairs = entries(w.addrmap, PAIR_ENTRY, '.kiln.addrmap');
  const nWords = entries(w.stackmaps, WORD, '.kiln.stackmaps');
  if (!guard && nFaults !== 0) throw corrupt('fault sites in code compiled with explicit bounds checks', w.faults.offset);
  const r = new ByteReader(bytes, '.kiln.funcs', w.funcs.offset, w.funcs.offset + w.funcs.size);
  const out: CwasmFunc[] = [];
  let end = 0;
  for (let k = 0; k < nFuncs; k++) {
    const at = r.pos;
    const [offset, size, trapFirst, trapCount, faultFirst, faultCount, pairFirst, pairCount, mapFirst, mapCount, savedFirst, savedCount] = Array.from({ length: 12 }, () => r.u32()) as [
      number, number, number, number, number, number, number, number, number, number, number, number,
    ];
    if (offset < end || offset > textSize || size > textSize - offset) throw corrupt(`function ${k}: code [${offset}, +${size}) overlaps another or lies outside .text (${textSize} bytes)`, at);
    end = offset + size;
    run(trapFirst, trapCount, nTraps, `function ${k}: trap sites`, at + 8);
    run(faultFirst, faultCount, nFaults, `function ${k}: fault sites`, at + 16);
    run(pairFirst, pairCount, nPairs, `function ${k}: address map`, at + 24);
    run(mapFirst, mapCount, nWords, `function ${k}: stack maps`, at + 32);
    run(savedFirst, savedCount, nWords, `function ${k}: saved registers`, at + 40);
    const trapSites = readTraps(bytes, w.traps, trapFirst, trapCount, size);
    const addressMap = readPairs(bytes, w.addrmap, pairFirst, pairCount, size, false, '.kiln.addrmap');
    const faults = readPairs(bytes, w.faults, faultFirst, faultCount, size - 1, true, '.kiln.faults');
    const stackMaps = readStackMaps(bytes, w.stackmaps.offset + mapFirst * WORD, mapCount, size);
    const savedRegs = readSavedRegs(bytes, w.stackmaps.offset + savedFirst * WORD, savedCount);
    const fn = { index: firstIndex + k, offset, size, trapSites, addressMap, stackMaps, savedRegs };
    out.push(guard ? { ...fn, faultSites: faults } : fn);
  }
  return out;
}

function readTraps(bytes: Uint8Array, w: TableWindow, first: number, count: number, size: number): CwasmTrapSite[] {
  const r = new ByteReader(bytes, '.kiln.traps', w.offset + first * TRAP_ENTRY, w.offset + (first + count) * TRAP_ENTRY);
  const out: CwasmTrapSite[] = [];
  for (let i = 0; i < count; i++) {
    const at = r.pos;
    const offset = r.u32();
    const code = r.u32();
    const wasmOffset = r.i32();
    if (offset > size) throw corrupt(`.kiln.traps: code offset ${offset} past the function's end (${size})`, at);
    if (code >= TRAP_KINDS.length) throw corrupt(`.kiln.traps: unknown trap code ${code}`, at + 4);
    if (wasmOffset < -1) throw corrupt(`.kiln.traps: wasm offset ${wasmOffset} is negative`, at + 8);
    out.push({ offset, code, wasmOffset });
  }
  return out;
}

/** a register number the maps may name (any ISA's general registers) */
const MAX_REG = 32;
/** frames are far smaller than this (docs/native.md: frames above 4 MiB never happen) */
const MAX_FRAME = 1 << 22;

function words(bytes: Uint8Array, at: number, count: number, name: string): { r: ByteReader; at: number } {
  return { r: new ByteReader(bytes, name, at, at + count * WORD), at };
}

/** a register, or a negative 8-byte-aligned frame offset */
function checkPlace(place: number, at: number, name: string): void {
  if (place >= 0 ? place >= MAX_REG : place % 8 !== 0 || place < -MAX_FRAME) throw corrupt(`${name}: no register or frame slot ${place}`, at);
}

/** groups [returnOffset, n, place, kind, …] covering exactly `count` words */
function readStackMaps(bytes: Uint8Array, start: number, count: number, size: number): Int32Array {
  const { r } = words(bytes, start, count, '.kiln.stackmaps');
  const out = new Int32Array(count);
  let k = 0;
  let last = -1;
  while (k < count) {
    const at = r.pos;
    const ret = (out[k++] = r.i32());
    if (ret <= last || ret > size) throw corrupt(`.kiln.stackmaps: return offset ${ret} out of order or past the function's end (${size})`, at);
    last = ret;
    if (k >= count) throw corrupt('.kiln.stackmaps: a map without its count', at);
    const n = (out[k++] = r.i32());
    if (n <= 0 || 2 * n > count - k) throw corrupt(`.kiln.stackmaps: ${n} entries do not fit`, at + 4);
    for (let e = 0; e < n; e++) {
      const pat = r.pos;
      const place = (out[k++] = r.i32());
      const kind = (out[k++] = r.i32());
      checkPlace(place, pat, '.kiln.stackmaps');
      if (kind !== 1 && kind !== 2) throw corrupt(`.kiln.stackmaps: unknown reference kind ${kind}`, pat + 4);
    }
  }
  return out;
}

/** pairs [register, negative frame offset] */
function readSavedRegs(bytes: Uint8Array, start: number, count: number): Int32Array {
  if (count % 2 !== 0) throw corrupt('.kiln.stackmaps: an odd number of saved-register words', start);
  const { r } = words(bytes, start, count, '.kiln.stackmaps');
  const out = new Int32Array(count);
  for (let k = 0; k < count; k += 2) {
    const at = r.pos;
    out[k] = r.i32();
    out[k + 1] = r.i32();
    if (out[k]! < 0 || out[k]! >= MAX_REG || out[k + 1]! >= 0) throw corrupt(`.kiln.stackmaps: saved register ${out[k]} at ${out[k + 1]}`, at);
    checkPlace(out[k + 1]!, at + 4, '.kiln.stackmaps');
  }
  return out;
}
