/**
 * What one relocation kind of the static linker is (linker/relocs-x86_64.ts,
 * linker/relocs-aarch64.ts): a name for messages, the bytes it patches, and a function that
 * computes and writes the value, checking the psABI's overflow and alignment conditions. A
 * failed check throws RelocOverflow; the linker restates it with the object, section, offset
 * and symbol. Addresses are plain numbers (below 2^53), so page and low-bit arithmetic here is
 * arithmetic, not 32-bit bitwise operators.
 */

/** where and with what a relocation is applied: psABI S, A and P */
export interface RelocSite {
  /** the output file; `at` is the file offset of the patched field */
  readonly view: DataView;
  readonly at: number;
  /** the symbol's address (0 for an undefined weak symbol; a GOT kind: its GOT entry's) */
  readonly S: number;
  readonly A: number;
  /** the address of the patched field */
  readonly P: number;
}

export interface RelocKind {
  /** the psABI name, e.g. R_X86_64_PC32 */
  readonly name: string;
  /** bytes patched at the offset */
  readonly size: number;
  /** resolved through a GOT entry holding S + A (then S is the entry's address and A is 0) */
  readonly got?: boolean;
  /** S for an undefined weak symbol: 0 (the default), the place P, or the next instruction P + 4 */
  readonly weakUndefined?: 'place' | 'next';
  apply(site: RelocSite): void;
}

/** an ISA's relocation kinds by r_type, and the r_type that stores a 64-bit absolute address */
export interface RelocTable {
  readonly kinds: ReadonlyMap<number, RelocKind>;
  readonly abs64: number;
}

/** a relocation's value that does not fit its field */
export class RelocOverflow extends Error {}

const hex = (v: number): string => (v < 0 ? '-0x' + (-v).toString(16) : '0x' + v.toString(16));

/** throws unless min <= v < limit */
export function checkRange(v: number, min: number, limit: number): void {
  if (v < min || v >= limit) throw new RelocOverflow(`value ${hex(v)} is outside [${hex(min)}, ${hex(limit)})`);
}

/** throws unless v is a multiple of `align` */
export function checkAligned(v: number, align: number, what: string): void {
  if (mod(v, align) !== 0) throw new RelocOverflow(`${what} ${hex(v)} is not a multiple of ${align}`);
}

/** v mod m, in [0, m) also for negative v */
export function mod(v: number, m: number): number {
  return ((v % m) + m) % m;
}

/** the address of v's 4 KiB page (psABI Page()) */
export function page(v: number): number {
  return v - mod(v, 4096);
}

export function write64(site: RelocSite, v: number): void {
  site.view.setBigUint64(site.at, BigInt.asUintN(64, BigInt(v)), true);
}

/** the low 32 bits of v (range-checked by the caller) */
export function write32(site: RelocSite, v: number): void {
  site.view.setUint32(site.at, mod(v, 2 ** 32), true);
}

/** replaces the bits of `mask` << `shift` of the 32-bit instruction at the site by `field` */
export function patchInsn(site: RelocSite, field: number, mask: number, shift: number): void {
  const insn = site.view.getUint32(site.at, true);
  const placed = ((field & mask) << shift) >>> 0;
  site.view.setUint32(site.at, ((insn & ~(mask << shift)) | placed) >>> 0, true);
}
