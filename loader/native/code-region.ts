/**
 * Executable memory under W^X: code is collected, copied into a fresh read-write mapping,
 * patched there (relocations), and only then made read-execute. No mapping is ever writable
 * and executable at once; a region is never written again after `seal`.
 */

import { KilnError } from '../../formats/errors.js';
import { PROT_EXEC, PROT_READ, PROT_WRITE, errnoCode, lastErrno } from '../sys/libc.js';
import { CODE_FILL } from '../../targets/compiled.js';
import { hostNativeIsa } from '../../targets/native-isas.js';
import { syncCode } from './code-sync.js';
import { mapPages, pageAlign, protectPages, unmapPages, viewOf } from './native-mem.js';

/** the ranges of every live code region, for the W^X test and for pc lookups */
const LIVE = new Set<CodeRegion>();

export class CodeRegion {
  readonly base: number;
  readonly size: number;
  private disposed = false;

  constructor(base: number, size: number) {
    this.base = base;
    this.size = size;
    LIVE.add(this);
  }

  contains(addr: number): boolean {
    return addr >= this.base && addr < this.base + this.size;
  }

  /** unmaps the code; nothing may run it afterwards */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    LIVE.delete(this);
    unmapPages(this.base, this.size);
  }
}

/** [start, end) of every live code region */
export function codeRanges(): Array<readonly [number, number]> {
  return [...LIVE].map((r) => [r.base, r.base + r.size] as const);
}

/** Collects pieces of code (each 16-byte aligned), then seals them into one region. */
export class CodeRegionBuilder {
  private readonly pieces: Uint8Array[] = [];
  private at = 0;

  /** adds code; returns its offset in the region */
  add(code: Uint8Array): number {
    const off = this.at;
    this.pieces.push(code);
    this.at = (off + code.length + 15) & ~15;
    return off;
  }

  get length(): number {
    return this.at;
  }

  /**
   * maps RW, copies the pieces (the ISA's trapping fill between them), lets `patch` write into
   * the region (it gets the bytes and the region's base address), synchronises the caches over
   * the whole region (every byte of it was written: code-sync.ts), then maps it RX
   */
  seal(what: string, patch?: (bytes: Uint8Array, base: number) => void, options: { readonly sync?: boolean } = {}): CodeRegion {
    const size = pageAlign(Math.max(this.at, 1));
    // populated at once: every page is written next, and one fault per page costs more
    const base = mapPages(size, PROT_READ | PROT_WRITE, what, { populate: true });
    const bytes = new Uint8Array(viewOf(base, size));
    const fill = CODE_FILL[hostNativeIsa().isa];
    let off = 0;
    for (const p of this.pieces) {
      bytes.set(p, off);
      const next = (off + p.length + 15) & ~15;
      bytes.fill(fill, off + p.length, next);
      off = next;
    }
    bytes.fill(fill, off);
    patch?.(bytes, base);
    if (options.sync !== false) syncCode(base, size);
    if (!protectPages(base, size, PROT_READ | PROT_EXEC)) {
      const err = errnoCode(lastErrno());
      unmapPages(base, size);
      throw new KilnError('uninstantiable', `cannot make ${what} executable: ${err}`);
    }
    return new CodeRegion(base, size);
  }
}
