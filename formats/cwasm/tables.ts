/**
 * `.kiln.funcs`, `.kiln.traps`, `.kiln.faults`, `.kiln.addrmap` and `.kiln.stackmaps`:
 * encoding, and reading (ArtifactFuncs) with every index, count and offset range-checked
 * against the sections and the text before it is used — the function table at load, each
 * function's entries when its maps are first needed.
 */

import { TRAP_KINDS } from '../traps.js';
import type { CwasmFunc, CwasmTrapSite } from './artifact.js';
import { ByteWriter } from './bytes.js';
import { CwasmError } from './errors.js';
import { FAULT_SITE, FUNC_ENTRY, PAIR_ENTRY, TRAP_ENTRY, WORD } from './layout.js';

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
  const xCode = new ByteWriter();
  const xWasm = new ByteWriter();
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
    for (let i = 0; i + 1 < fs.length; i += 2) (xCode.u32(fn.offset + (fs[i] as number)), xWasm.i32(fs[i + 1] as number));
    for (let i = 0; i + 1 < fn.addressMap.length; i += 2) (a.u32(fn.addressMap[i] as number), a.i32(fn.addressMap[i + 1] as number));
    traps += fn.trapSites.length;
    faults += fs.length >> 1;
    pairs += fn.addressMap.length >> 1;
  }
  const codes = xCode.finish();
  const x = new Uint8Array(codes.length * 2);
  x.set(codes);
  x.set(xWasm.finish(), codes.length);
  return { funcs: f.finish(), traps: t.finish(), faults: x, addrmap: a.finish(), stackmaps: sm.finish() };
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

  /** `copy` holds the file's bytes [copyStart, …) as words */
  constructor(copy: Int32Array, copyStart: number, readonly win: TableWindow, entrySize: number, readonly name: string) {
    if (win.size % entrySize !== 0) throw corrupt(`${name} is ${win.size} bytes, not a whole number of ${entrySize}-byte entries`, win.offset);
    this.entries = win.size / entrySize;
    const first = (win.offset - copyStart) / WORD;
    this.w = copy.subarray(first, first + win.size / WORD);
  }
  at(k: number): number {
    return this.win.offset + k * WORD;
  }
}

/** a run [first, first + count) inside a table of `total` entries */
function run(first: number, count: number, total: number, what: string, at: number): void {
  if (first > total || count > total - first) throw corrupt(`${what} [${first}, +${count}) outside its table of ${total}`, at);
}

const PER_FUNC = FUNC_ENTRY / WORD;

/**
 * The functions of an artifact, read from its tables without making an object per function:
 * loading checks that each function's code lies inside `.text`, in order (the header digest,
 * compared by the loader, covers every table), and a function's maps are made — its runs and
 * their entries checked — the first time a trap, a backtrace or a collection needs them.
 */
export class ArtifactFuncs {
  readonly count: number;
  private readonly funcs: Words;
  private readonly traps: Words;
  private readonly faults: Words;
  private readonly addrmap: Words;
  private readonly stack: Words;
  private readonly made: (CwasmFunc | undefined)[];

  /**
   * `textSize` bounds code offsets; `firstIndex` is the first function's absolute index;
   * `guard`: the code was compiled for guard-page bounds (else it has no fault sites)
   */
  constructor(bytes: Uint8Array, win: TableWindows, textSize: number, readonly firstIndex: number, readonly guard: boolean) {
    // one aligned copy of the bytes spanning the five tables (they lie together in the file)
    const all = [win.funcs, win.traps, win.faults, win.addrmap, win.stackmaps];
    for (const w of all) if (w.offset % WORD !== 0) throw corrupt('a table is not 4-byte aligned', w.offset);
    const start = Math.min(...all.map((w) => w.offset));
    const end = Math.max(...all.map((w) => w.offset + w.size));
    const copy = new Int32Array(Math.ceil((end - start) / WORD));
    new Uint8Array(copy.buffer).set(bytes.subarray(start, Math.min(end, start + copy.byteLength)));
    this.funcs = new Words(copy, start, win.funcs, FUNC_ENTRY, '.kiln.funcs');
    this.traps = new Words(copy, start, win.traps, TRAP_ENTRY, '.kiln.traps');
    this.faults = new Words(copy, start, win.faults, FAULT_SITE, '.kiln.faults');
    this.addrmap = new Words(copy, start, win.addrmap, PAIR_ENTRY, '.kiln.addrmap');
    this.stack = new Words(copy, start, win.stackmaps, WORD, '.kiln.stackmaps');
    if (!guard && this.faults.entries !== 0) throw corrupt('fault sites in code compiled with explicit bounds checks', win.faults.offset);
    this.count = this.funcs.entries;
    this.made = new Array<CwasmFunc | undefined>(this.count);
    this.checkFuncs(textSize);
  }

  /** every function's code inside `.text`, in order and apart (their runs are checked when first used) */
  private checkFuncs(textSize: number): void {
    const f = this.funcs.w;
    let end = 0;
    for (let b = 0; b < f.length; b += PER_FUNC) {
      const offset = (f[b] as number) >>> 0;
      const size = (f[b + 1] as number) >>> 0;
      if (offset < end || size > textSize - offset) {
        throw corrupt(`function ${b / PER_FUNC}: code [${offset}, +${size}) overlaps another or lies outside .text (${textSize} bytes)`, this.funcs.at(b));
      }
      end = offset + size;
    }
  }

  /** function k's runs in the other tables, each inside its table */
  private checkRuns(k: number): void {
    const at = this.funcs.at(k * PER_FUNC);
    run(this.word(k, 2), this.word(k, 3), this.traps.entries, `function ${k}: trap sites`, at + 8);
    run(this.word(k, 4), this.word(k, 5), this.faults.entries, `function ${k}: fault sites`, at + 16);
    run(this.word(k, 6), this.word(k, 7), this.addrmap.entries, `function ${k}: address map`, at + 24);
    run(this.word(k, 8), this.word(k, 9), this.stack.entries, `function ${k}: stack maps`, at + 32);
    run(this.word(k, 10), this.word(k, 11), this.stack.entries, `function ${k}: saved registers`, at + 40);
  }

  /** word `i` of function k's `.kiln.funcs` entry, unsigned */
  private word(k: number, i: number): number {
    return (this.funcs.w[k * PER_FUNC + i] as number) >>> 0;
  }

  offset(k: number): number {
    return this.word(k, 0);
  }

  size(k: number): number {
    return this.word(k, 1);
  }

  offsets(): Uint32Array {
    const f = this.funcs.w;
    const out = new Uint32Array(this.count);
    for (let k = 0, b = 0; k < out.length; k++, b += PER_FUNC) out[k] = f[b] as number;
    return out;
  }

  /** every fault site's offset in `.text`, ascending (the first column of `.kiln.faults`) */
  faultOffsets(): Uint32Array {
    const w = this.faults.w;
    return new Uint32Array(w.buffer, w.byteOffset, this.faults.entries);
  }

  /** function k's maps, code offsets relative to its start (made and checked on first use) */
  maps(k: number): CwasmFunc {
    const had = this.made[k];
    if (had !== undefined) return had;
    this.checkRuns(k);
    const offset = this.offset(k);
    const size = this.size(k);
    const trap = trapSites(this.traps, this.word(k, 2), this.word(k, 3), size);
    const addressMap = this.addrmap.w.subarray(2 * this.word(k, 6), 2 * (this.word(k, 6) + this.word(k, 7)));
    const stackMaps = checkedStackMaps(this.stack, this.word(k, 8), this.word(k, 9), size);
    const savedRegs = checkedSavedRegs(this.stack, this.word(k, 10), this.word(k, 11));
    const base = { index: this.firstIndex + k, offset, size, trapSites: trap, addressMap, stackMaps, savedRegs };
    const made: CwasmFunc = this.guard ? { ...base, faultSites: this.faultPairs(k, offset, size) } : base;
    this.made[k] = made;
    return made;
  }

  /** function k's fault sites as pairs [offset in the function, wasm offset] */
  private faultPairs(k: number, offset: number, size: number): Int32Array {
    const first = this.word(k, 4);
    const n = this.word(k, 5);
    const w = this.faults.w;
    const total = this.faults.entries;
    const out = new Int32Array(2 * n);
    for (let i = 0; i < n; i++) {
      const at = ((w[first + i] as number) >>> 0) - offset;
      if (at < 0 || at >= size) throw corrupt(`.kiln.faults: site ${first + i} lies outside function ${k}`, this.faults.at(first + i));
      out[2 * i] = at;
      out[2 * i + 1] = w[total + first + i] as number;
    }
    return out;
  }

  /** every function's maps (the writer's and the tests' view; loading never needs all of them) */
  all(): CwasmFunc[] {
    const out: CwasmFunc[] = [];
    for (let k = 0; k < this.count; k++) out.push(this.maps(k));
    return out;
  }
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
function checkedStackMaps(t: Words, first: number, count: number, size: number): Int32Array {
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
function checkedSavedRegs(t: Words, first: number, count: number): Int32Array {
  if (count % 2 !== 0) throw corrupt(`${t.name}: an odd number of saved-register words`, t.at(first));
  const w = t.w;
  for (let k = first; k < first + count; k += 2) {
    const r = w[k] as number;
    if (r < 0 || r >= MAX_REG || (w[k + 1] as number) >= 0) throw corrupt(`${t.name}: saved register ${r} at ${w[k + 1]}`, t.at(k));
    checkPlace(t, k + 1);
  }
  return w.subarray(first, first + count);
}
