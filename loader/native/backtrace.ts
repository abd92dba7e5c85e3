/**
 * Backtraces of native traps: starting from the trap pc and trap fp the trap routine recorded,
 * each frame is (pc, rbp) with [rbp] = the caller's rbp and [rbp+8] = the return address into
 * the caller (every kiln frame keeps rbp; docs/native-abi.md). The walk stops at the first pc
 * outside compiled wasm code — the entry trampoline's return address — or when rbp leaves the
 * wasm stack. The trapping pc maps through its function's trap sites (a trap stub's return
 * address) or fault sites (with guard pages, the faulting access itself), return addresses
 * through the address map (the entry at or before pc - 1), to a wasm byte offset; names come
 * from the name section, then export names, then `func[N]`, as in the interpreter.
 */

import type { FuncMaps } from '../../targets/compiled.js';
import type { WasmFrame } from '../trap.js';
import type { SlotView } from './slots.js';
import type { WasmStack } from './stack.js';

/** at most this many frames, innermost first (the interpreter keeps 64 too) */
export const MAX_FRAMES = 64;

export interface CodeRange {
  readonly start: number;
  readonly end: number;
  readonly func: FuncMaps;
  readonly name: string;
}

/** every compiled function of an engine, sorted by start address */
export interface CodeMap {
  ranges: CodeRange[];
}

/**
 * adds the ranges of one newly loaded code region (sorted by start, all inside that region,
 * so none overlaps an existing one): put in where they belong, no sort of the whole map
 */
export function addRanges(map: CodeMap, ranges: readonly CodeRange[]): void {
  if (ranges.length === 0) return;
  const sorted = ranges.every((r, i) => i === 0 || (ranges[i - 1] as CodeRange).start <= r.start);
  const add = sorted ? ranges : [...ranges].sort((a, b) => a.start - b.start);
  const first = (add[0] as CodeRange).start;
  let lo = 0;
  let hi = map.ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((map.ranges[mid] as CodeRange).start < first) lo = mid + 1;
    else hi = mid;
  }
  map.ranges = lo === map.ranges.length ? map.ranges.concat(add) : map.ranges.slice(0, lo).concat(add, map.ranges.slice(lo));
}

export function findRange(map: CodeMap, pc: number): CodeRange | null {
  const r = map.ranges;
  let lo = 0;
  let hi = r.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = r[mid] as CodeRange;
    if (pc < x.start) hi = mid - 1;
    else if (pc >= x.end) lo = mid + 1;
    else return x;
  }
  return null;
}

/** the wasm offset of code offset `off` (a return address: the entry at or before off - 1) */
function addressOf(f: FuncMaps, off: number): number | undefined {
  const m = f.addressMap;
  let best: number | undefined;
  for (let i = 0; i + 1 < m.length; i += 2) {
    if ((m[i] as number) <= off - 1) best = m[i + 1] as number;
    else break;
  }
  return best !== undefined && best >= 0 ? best : undefined;
}

/** index k of the fault site at code offset `off` (faultSites[2k] === off), or -1 */
export function faultSiteIndex(f: FuncMaps, off: number): number {
  const m = f.faultSites;
  if (m === undefined) return -1;
  let lo = 0;
  let hi = m.length >> 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const at = m[2 * mid] as number;
    if (at === off) return mid;
    if (at < off) lo = mid + 1;
    else hi = mid;
  }
  return -1;
}

/** how a trap at pc was raised: a trap stub's call, a fault the handler claimed, or neither (a runtime function) */
export function trapRoute(map: CodeMap, pc: number): 'stub' | 'fault' | 'runtime' {
  const r = findRange(map, pc - 1);
  if (r === null) return 'runtime';
  const off = pc - r.start;
  if (r.func.trapSites.some((s) => s.offset === off)) return 'stub';
  return faultSiteIndex(r.func, off) >= 0 ? 'fault' : 'runtime';
}

function frameAt(r: CodeRange, pc: number, trapping: boolean): WasmFrame {
  const off = pc - r.start;
  const frame: WasmFrame = { funcIndex: r.func.index, name: r.name };
  let wasmOffset: number | undefined;
  const site = trapping ? r.func.trapSites.find((s) => s.offset === off) : undefined;
  // a fault the handler claimed: pc is the access itself, not a return address
  const fault = trapping && site === undefined ? faultSiteIndex(r.func, off) : -1;
  // a trap site knows its instruction; one without (the prologue's stack check) has none
  if (site !== undefined) wasmOffset = site.wasmOffset >= 0 ? site.wasmOffset : undefined;
  else if (fault >= 0) {
    const at = (r.func.faultSites as Int32Array)[2 * fault + 1] as number;
    wasmOffset = at >= 0 ? at : undefined;
  }
  else wasmOffset = addressOf(r.func, off);
  if (wasmOffset !== undefined) frame.offset = wasmOffset;
  return frame;
}

/** the wasm frames from a trap, innermost first */
export function walkFrames(map: CodeMap, stack: SlotView, bounds: WasmStack, pc: number, fp: number): WasmFrame[] {
  const frames: WasmFrame[] = [];
  let trapping = true;
  while (frames.length < MAX_FRAMES) {
    // pc is a return address: it may be the first byte after its function (a trap stub's call at the end)
    const r = findRange(map, pc - 1);
    if (r === null) break;
    frames.push(frameAt(r, pc, trapping));
    trapping = false;
    if (!bounds.contains(fp) || !bounds.contains(fp + 8) || fp % 8 !== 0) break;
    const slot = (fp - bounds.bottom) / 8;
    pc = stack.ptr(slot + 1);
    fp = stack.ptr(slot);
  }
  return frames;
}
