/**
 * Backtraces of native traps: starting from the trap pc and trap fp the trap routine recorded,
 * each frame is (pc, rbp) with [rbp] = the caller's rbp and [rbp+8] = the return address into
 * the caller (every kiln frame keeps rbp; docs/native-abi.md). The walk stops at the first pc
 * outside compiled wasm code — the entry trampoline's return address — or when rbp leaves the
 * wasm stack. The trapping pc maps through its function's trap sites (a trap stub's return
 * address) or fault sites (with guard pages, the faulting access itself), return addresses
 * through the address map (the pair of that return address), to a wasm byte offset; names come
 * from the name section, then export names, then `func[N]`, as in the interpreter.
 */

import type { FuncLayout } from '../../linker/link.js';
import type { FuncMaps } from '../../targets/compiled.js';
import type { WasmFrame } from '../trap.js';
import { rangeHolding, type AddressRange } from './ranges.js';
import type { SlotView } from './slots.js';
import type { WasmStack } from './stack.js';

/** at most this many frames, innermost first (the interpreter keeps 64 too) */
export const MAX_FRAMES = 64;

/** one function's code, found by address (made on demand, for a trap or a stack walk) */
export interface CodeRange {
  readonly start: number;
  readonly end: number;
  readonly func: FuncMaps;
  readonly name: string;
}

/** one loaded text: where it is (`first`: its first byte), its functions (by position k) and their display names */
export interface CodeText extends AddressRange {
  readonly layout: FuncLayout;
  name(k: number): string;
}

/** every loaded text of an engine, sorted by start address (they never overlap) */
export interface CodeMap {
  texts: CodeText[];
}

/** adds a newly loaded text where it belongs */
export function addText(map: CodeMap, text: CodeText): void {
  const k = map.texts.findIndex((t) => t.first > text.first);
  map.texts = k < 0 ? [...map.texts, text] : [...map.texts.slice(0, k), text, ...map.texts.slice(k)];
}

/** how many functions the map knows */
export function functionCount(map: CodeMap): number {
  let n = 0;
  for (const t of map.texts) n += t.layout.count;
  return n;
}

/** the function whose code holds `pc`, or null */
export function findRange(map: CodeMap, pc: number): CodeRange | null {
  const t = rangeHolding(map.texts, pc);
  return t === undefined ? null : rangeIn(t, pc - t.first);
}

/** the function of text `t` at text offset `off` (the last one starting at or before it), or null in padding */
function rangeIn(t: CodeText, off: number): CodeRange | null {
  const l = t.layout;
  let lo = 0;
  let hi = l.count - 1;
  let k = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (l.offset(mid) <= off) (k = mid), (lo = mid + 1);
    else hi = mid - 1;
  }
  if (k < 0 || off >= l.offset(k) + l.size(k)) return null;
  const start = t.first + l.offset(k);
  return { start, end: start + l.size(k), func: l.maps(k), name: t.name(k) };
}

/** the wasm offset of the call whose return address is code offset `off` */
function addressOf(f: FuncMaps, off: number): number | undefined {
  const k = pairIndex(f.addressMap, off);
  const at = k < 0 ? -1 : (f.addressMap[2 * k + 1] as number);
  return at >= 0 ? at : undefined;
}

/** index k of the pair whose first word is `off` (m[2k] === off) in ascending pairs m, or -1 */
function pairIndex(m: Int32Array, off: number): number {
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

/** index k of the fault site at code offset `off` (faultSites[2k] === off), or -1 */
export function faultSiteIndex(f: FuncMaps, off: number): number {
  return f.faultSites === undefined ? -1 : pairIndex(f.faultSites, off);
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

/**
 * the wasm frames from a trap, innermost first; `at`: whether the trap pc is a return address
 * (a trap stub's, a fault's: looked up at pc - 1) or the instruction an interruption stopped
 * at (possibly a function's first)
 */
export function walkFrames(map: CodeMap, stack: SlotView, bounds: WasmStack, pc: number, fp: number, at: 'return' | 'instruction' = 'return'): WasmFrame[] {
  const frames: WasmFrame[] = [];
  let trapping = true;
  while (frames.length < MAX_FRAMES) {
    // pc is a return address: it may be the first byte after its function (a trap stub's call at the end)
    const r = findRange(map, trapping && at === 'instruction' ? pc : pc - 1);
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
