/**
 * The wasm stack: compiled code runs on a mapping of the engine's own, not on the thread's
 * stack and not on koffi's call stack (2 MiB by default, fixed once koffi is loaded). Entry
 * trampolines move onto it; every call out of wasm moves back to the host stack first (see
 * targets/<isa>/trampolines.ts), so JS never runs here.
 *
 * Sizing (docs/native.md, "Stack limit"): the mapping reserves STACK_RESERVE bytes
 * (PROT_NONE + MAP_NORESERVE, then read-write; the kernel commits pages only when they are
 * touched) above a PROT_NONE guard page. Each vmctx gets its own limit from its
 * instantiation's maxCallDepth: `top - depth * FRAME_BUDGET`, never lower than `bottom +
 * LIMIT_MARGIN`. Every prologue compares rsp (after allocating its frame) with that limit, so
 * a frame may end up to one frame below it: LIMIT_MARGIN keeps mapped memory there for the
 * frame and the trap stub's call. Because the wasm stack is separate, a deep recursion can
 * never reach the thread's stack, whatever the thread.
 */

import { PROT_NONE, PROT_READ, PROT_WRITE } from '../sys/libc.js';
import { KilnError } from '../../formats/errors.js';
import { OS_PAGE, mapPages, protectPages, unmapPages, viewOf } from './native-mem.js';

/** bytes of wasm stack budgeted per call-depth level (frames of recursive functions are typically 32-128 bytes) */
export const FRAME_BUDGET = 512;
/** mapped bytes below the lowest limit (one frame beyond the limit, the trap stub's call) */
export const LIMIT_MARGIN = 4 << 20;
/** the whole reservation: 1,000,000 levels at FRAME_BUDGET, plus the margin */
export const STACK_RESERVE = 1_000_000 * FRAME_BUDGET + LIMIT_MARGIN;
/** the default depth when EngineOptions.maxCallDepth is not given (the CLI's default) */
export const DEFAULT_NATIVE_CALL_DEPTH = 100_000;

export class WasmStack {
  /** lowest usable address (just above the guard page) */
  readonly bottom: number;
  /** highest address (exclusive); the first entry starts here */
  readonly top: number;
  private readonly mapping: number;
  readonly buffer: ArrayBuffer;

  constructor(size = STACK_RESERVE) {
    const len = size + OS_PAGE;
    this.mapping = mapPages(len, PROT_NONE, 'the wasm stack');
    this.bottom = this.mapping + OS_PAGE;
    this.top = this.bottom + size;
    if (!protectPages(this.bottom, size, PROT_READ | PROT_WRITE)) {
      unmapPages(this.mapping, len);
      throw new KilnError('uninstantiable', `cannot make the wasm stack (${size} bytes) read-write`);
    }
    this.buffer = viewOf(this.bottom, size);
  }

  /** the stack limit (vmctx+0) for a call-depth limit */
  limitFor(maxCallDepth: number): number {
    const depth = Math.max(1, Math.floor(maxCallDepth));
    return Math.max(this.top - depth * FRAME_BUDGET, this.bottom + LIMIT_MARGIN);
  }

  contains(addr: number): boolean {
    return addr >= this.bottom && addr < this.top;
  }
}
