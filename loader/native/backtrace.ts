/**
 * Backtraces of native traps: starting from the trap pc and trap fp the trap routine recorded,
 * each frame is (pc, rbp) with [rbp] = the caller's rbp and [rbp+8] = the return address into
 * the caller (every kiln frame keeps rbp; docs/native-abi.md). The walk stops at the first pc
 * outside compiled wasm code — the entry trampoline's return address — or when rbp leaves the
 * wasm stack. Each pc maps through its function's trap sites (the trapping pc itself) or
 * address map (return addresses: the entry at or before pc - 1) to a wasm byte offset; names
 * come from the name section, then export names, then `func[N]`, as in the interpreter.
 */

import type { CompiledFunc } from '../../targets/compiled.js';
import type { WasmFrame } from '../trap.js';
import type { SlotView } from './slots.js';
import type { WasmStack } from './stack.js';

/** at most this many frames, innermost first (the interpreter keeps 64 too) */
export const MAX_FRAMES = 64;

export interface CodeRange {
  readonly start: number;
  readonly end: number;
  readonly func: CompiledFunc;
  readonly name: string;
}

/** every compiled function of an engine, sorted by start address */
export interface CodeMap {
  ranges: CodeRange[];
}

export function addRanges(map: CodeMap, ranges: readonly CodeRange[]): void {
  map.ranges = [...map.ranges, ...ranges].sort((a, b) => a.start - b.start);
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
function addressOf(f: CompiledFunc, off: number): number | undefined {
  const m = f.addressMap;
  let best: number | undefined;
  for (let i = 0; i + 1 < m.length; i += 2) {
    if ((m[i] as number) <= off - 1) best = m[i + 1] as number;
    else break;
  }
  return best !== undefined && best >= 0 ? best : undefined;
}

function frameAt(r: CodeRange, pc: number, trapping: boolean): WasmFrame {
  const off = pc - r.start;
  const frame: WasmFrame = { funcIndex: r.func.index, name: r.name };
  let wasmOffset: number | undefined;
  const site = trapping ? r.func.trapSites.find((s) => s.offset === off) : undefined;
  // a trap site knows its instruction; one without (the prologue's stack check) has none
  if (site !== undefined) wasmOffset = site.wasmOffset >= 0 ? site.wasmOffset : undefined;
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
