/**
 * Address and file layout of a static executable (linker/static-exe.ts): three PT_LOAD
 * segments — text (R+X, starting at file offset 0 so that it also maps the ELF and program
 * headers), rodata (R), data then bss (RW) — each starting on a fresh 64 KiB page of the
 * address space, so that no page has two protections on a kernel with 64 KiB pages either.
 * The file is not padded to pages: a segment's addresses are congruent to its file offsets
 * modulo 64 KiB (what the kernel's mmap of a PT_LOAD needs), and inside a segment each
 * section sits at its own alignment, in the order given.
 */

import type { SectionKind } from './link-object.js';

export const PAGE = 0x10000;

/** one thing to place: a section of an object, or a section the linker makes */
export interface LayoutItem {
  readonly kind: SectionKind;
  readonly align: number;
  readonly size: number;
}

export interface Placement {
  readonly addr: number;
  /** file offset of the bytes; for bss, where they would be */
  readonly offset: number;
}

export type SegmentName = 'text' | 'rodata' | 'data';

export interface Segment {
  readonly name: SegmentName;
  readonly offset: number;
  readonly vaddr: number;
  readonly filesz: number;
  readonly memsz: number;
}

/** the extent of one kind of section, for the section header table */
export interface KindExtent {
  readonly kind: SectionKind;
  readonly addr: number;
  readonly offset: number;
  readonly size: number;
  readonly align: number;
}

export interface Layout {
  /** by item index */
  readonly placements: Placement[];
  /** the non-empty segments (text always) */
  readonly segments: Segment[];
  /** the kinds that have sections, in text, rodata, data, bss order */
  readonly extents: KindExtent[];
  /** the end of the loaded bytes in the file */
  readonly fileEnd: number;
}

const alignUp = (v: number, a: number): number => Math.ceil(v / a) * a;

/** the layout being built: `file` is the next free file offset */
interface Cursor {
  file: number;
  readonly placements: Placement[];
  readonly extents: KindExtent[];
}

/** places `items` after `headerSize` bytes of headers, at `base` (a multiple of PAGE) */
export function layOut(items: readonly LayoutItem[], headerSize: number, base: number): Layout {
  const cur: Cursor = { file: headerSize, placements: new Array<Placement>(items.length), extents: [] };
  const segments: Segment[] = [];
  let vaddrEnd = base;
  for (const name of ['text', 'rodata', 'data'] as const) {
    // addresses = file offsets + delta: a fresh page, congruent to the file offset
    const delta = name === 'text' ? base : alignUp(vaddrEnd, PAGE) + (cur.file % PAGE) - cur.file;
    const start = cur.file;
    let end = placeKind(items, cur, name, delta, start + delta);
    const fileEnd = cur.file;
    if (name === 'data') end = placeKind(items, cur, 'bss', delta, end);
    if (name === 'text' || segmentHasBytes(items, name)) {
      const first = name === 'text' ? 0 : firstOffset(cur.extents, name, start);
      segments.push({ name, offset: first, vaddr: first + delta, filesz: fileEnd - first, memsz: end - (first + delta) });
      vaddrEnd = end;
    }
  }
  return { placements: cur.placements, segments, extents: cur.extents, fileEnd: cur.file };
}

/** places the items of one kind from address `addr` on; returns the end address */
function placeKind(items: readonly LayoutItem[], cur: Cursor, kind: SectionKind, delta: number, addr: number): number {
  let first: Placement | undefined;
  let maxAlign = 1;
  items.forEach((item, i) => {
    if (item.kind !== kind) return;
    addr = alignUp(addr, item.align);
    // bss has no bytes in the file: it is "at" the end of the file's data
    const placement = { addr, offset: kind === 'bss' ? cur.file : addr - delta };
    cur.placements[i] = placement;
    first ??= placement;
    maxAlign = Math.max(maxAlign, item.align);
    addr += item.size;
    if (kind !== 'bss') cur.file = addr - delta;
  });
  if (first !== undefined) cur.extents.push({ kind, addr: first.addr, offset: first.offset, size: addr - first.addr, align: maxAlign });
  return addr;
}

/** whether some section of segment `name` has a size (empty segments are left out) */
export function segmentHasBytes(items: readonly LayoutItem[], name: SegmentName): boolean {
  return items.some((i) => i.size > 0 && (i.kind === name || (name === 'data' && i.kind === 'bss')));
}

/** where a segment's first section starts (after alignment padding), or `start` */
function firstOffset(extents: readonly KindExtent[], name: SegmentName, start: number): number {
  const own = extents.filter((e) => e.kind === name || (name === 'data' && e.kind === 'bss'));
  return own.length > 0 ? (own[0] as KindExtent).offset : start;
}
