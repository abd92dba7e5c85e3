/**
 * Building one section of the module image (exe-image.ts) for the static linker
 * (link-object.ts): bytes appended at their alignment, symbols defined at the current
 * position, and 8-byte absolute addresses of symbols (the ISA's ABS64 relocation), so that
 * records can point at each other and at code before anything has an address.
 */

import type { Isa } from '../targets/compiled.js';
import type { LinkReloc, LinkSymbol, SectionKind } from './link-object.js';

/** the ELF r_type of a 64-bit absolute address on each ISA (R_X86_64_64, R_AARCH64_ABS64) */
export const ABS64: Readonly<Record<Isa, number>> = { x86_64: 1, aarch64: 257 };

export class SectionBuilder {
  private bytes = new Uint8Array(4096);
  private length = 0;
  readonly relocs: LinkReloc[] = [];
  /** symbols defined here: name → offset */
  readonly symbols = new Map<string, number>();
  private maxAlign = 1;

  constructor(
    readonly name: string,
    readonly kind: SectionKind,
    private readonly isa: Isa,
  ) {}

  get size(): number {
    return this.length;
  }

  get align(): number {
    return this.maxAlign;
  }

  /** pad to a multiple of `n` (a power of two) */
  alignTo(n: number): this {
    this.maxAlign = Math.max(this.maxAlign, n);
    const to = Math.ceil(this.length / n) * n;
    this.reserve(to - this.length);
    return this;
  }

  /** define `name` here (after aligning to `align`) */
  label(name: string, align = 8): this {
    this.alignTo(align);
    if (this.symbols.has(name)) throw new Error(`exe image: symbol ${name} defined twice`);
    this.symbols.set(name, this.length);
    return this;
  }

  /** `n` zero bytes; returns their offset */
  reserve(n: number): number {
    const at = this.length;
    this.grow(at + n);
    this.length += n;
    return at;
  }

  raw(b: Uint8Array): number {
    const at = this.reserve(b.length);
    this.bytes.set(b, at);
    return at;
  }

  u64(v: bigint | number): this {
    const at = this.reserve(8);
    new DataView(this.bytes.buffer).setBigUint64(at, BigInt.asUintN(64, BigInt(v)), true);
    return this;
  }

  u32(v: number): this {
    const at = this.reserve(4);
    new DataView(this.bytes.buffer).setUint32(at, v >>> 0, true);
    return this;
  }

  /** an 8-byte absolute address of `symbol` + `addend` (0 when `symbol` is null) */
  addr(symbol: string | null, addend = 0): this {
    if (symbol === null) return this.u64(0);
    this.relocs.push({ offset: this.length, type: ABS64[this.isa], symbol, addend });
    return this.u64(0);
  }

  /** overwrite 8 bytes at `at` with an absolute address of `symbol` + `addend` */
  addrAt(at: number, symbol: string, addend = 0): void {
    this.relocs.push({ offset: at, type: ABS64[this.isa], symbol, addend });
  }

  setU64(at: number, v: bigint | number): void {
    new DataView(this.bytes.buffer).setBigUint64(at, BigInt.asUintN(64, BigInt(v)), true);
  }

  setU32(at: number, v: number): void {
    new DataView(this.bytes.buffer).setUint32(at, v >>> 0, true);
  }

  /** a NUL-terminated UTF-8 string, labelled `name` */
  cstring(name: string, text: string): this {
    this.label(name, 1);
    this.raw(new TextEncoder().encode(text + '\0'));
    return this;
  }

  contents(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }

  /** the defined symbols as link symbols of section number `section` */
  linkSymbols(section: number): LinkSymbol[] {
    return [...this.symbols].map(([name, value]) => ({ name, section, value, size: 0, binding: 'global' as const }));
  }

  private grow(n: number): void {
    if (n <= this.bytes.length) return;
    const next = new Uint8Array(Math.max(n, 2 * this.bytes.length));
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
  }
}
