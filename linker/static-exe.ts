/**
 * The static linker: joins LinkObjects (linker/link-object.ts; ELF relocatable objects through
 * linker/elf-object.ts, or built in memory) into one static ELF64 executable for x86-64 or
 * AArch64 Linux (docs/standalone.md): no PT_INTERP, no PT_DYNAMIC, text R+X, rodata R, data
 * and bss RW, a PT_GNU_STACK without X.
 *
 * Steps: check the input and resolve every relocation's symbol (linker/exe-resolve.ts); make
 * the GOT entries the AArch64 GOT relocations need (a rodata section of 8-byte addresses after
 * all the objects' rodata); lay out (linker/exe-layout.ts); call each `late` section's
 * generator with the final addresses; copy the bytes and apply the relocations
 * (linker/relocs-<isa>.ts); write the headers, `.symtab` of the global symbols and section
 * headers (linker/exe-write.ts). The output is a function of the input only.
 */

import { KilnError } from '../formats/errors.js';
import { MACHINE_OF } from './exe-elf.js';
import { layOut, PAGE, type Layout, type LayoutItem, segmentHasBytes } from './exe-layout.js';
import { RelocOverflow, type RelocTable } from './exe-reloc.js';
import { checkObjects, resolveRelocs, type ResolvedReloc, SymbolScope, type Target } from './exe-resolve.js';
import { headersSize, type OutputSymbol, writeExecutable } from './exe-write.js';
import type { LinkObject, LinkSection, LinkSymbol } from './link-object.js';
import { RELOCS_AARCH64 } from './relocs-aarch64.js';
import { RELOCS_X86_64 } from './relocs-x86_64.js';

export interface LinkOptions {
  isa: 'x86_64' | 'aarch64';
  /** the symbol execution starts at (a global definition) */
  entry: string;
  /** the text segment's address, a multiple of 64 KiB; default 0x400000 */
  base?: number;
}

const TABLES: Readonly<Record<LinkOptions['isa'], RelocTable>> = { x86_64: RELOCS_X86_64, aarch64: RELOCS_AARCH64 };
const DEFAULT_BASE = 0x400000;
const GOT_ENTRY = 8;

/** a GOT entry: it holds the address of `target` plus `addend` */
interface GotEntry {
  readonly target: Target;
  readonly addend: number;
}

/** everything known after layout: where each section and GOT entry is */
interface Placed {
  readonly objects: readonly LinkObject[];
  readonly layout: Layout;
  /** item index of each object's sections: [object][section] */
  readonly itemOf: readonly (readonly number[])[];
  /** the GOT's item index, or -1 */
  readonly gotItem: number;
}

export function linkExecutable(objects: LinkObject[], options: LinkOptions): Uint8Array {
  const base = options.base ?? DEFAULT_BASE;
  if (!Number.isSafeInteger(base) || base <= 0 || base % PAGE !== 0) throw new KilnError('usage', `base address 0x${base.toString(16)} is not a positive multiple of 0x${PAGE.toString(16)}`);
  const table = TABLES[options.isa];
  checkObjects(objects, options.isa, table);
  const scope = new SymbolScope(objects);
  const relocs = resolveRelocs(objects, scope, table);
  const entry = scope.global(options.entry);
  if (entry === undefined || entry === null) throw new KilnError('unlinkable', `entry symbol ${options.entry} is not defined`);
  const got = gotEntries(relocs);
  const placed = place(objects, got.entries.length, base);
  const address = (t: Target): number => targetAddress(placed, t);
  const image = new Uint8Array(placed.layout.fileEnd);
  copySections(image, placed, scope);
  writeGot(image, placed, got.entries, address);
  applyRelocs(image, placed, relocs, got.indexOf, address);
  return writeExecutable(image, placed.layout, MACHINE_OF[options.isa], address(entry), outputSymbols(placed, scope));
}

/** the GOT entries, one per (definition, addend) in first-use order, and each GOT relocation's entry */
function gotEntries(relocs: readonly ResolvedReloc[]): { entries: GotEntry[]; indexOf: Map<ResolvedReloc, number> } {
  const entries: GotEntry[] = [];
  const byKey = new Map<string, number>();
  const indexOf = new Map<ResolvedReloc, number>();
  for (const r of relocs) {
    if (r.kind.got !== true) continue;
    const key = r.target === null ? `0+${r.reloc.addend}` : `${r.target.object}:${r.target.symbol}+${r.reloc.addend}`;
    let index = byKey.get(key);
    if (index === undefined) {
      index = entries.length;
      entries.push({ target: r.target, addend: r.reloc.addend });
      byKey.set(key, index);
    }
    indexOf.set(r, index);
  }
  return { entries, indexOf };
}

/** lays out every section (object order, then section order) and the GOT */
function place(objects: readonly LinkObject[], gotEntryCount: number, base: number): Placed {
  const items: LayoutItem[] = [];
  const itemOf = objects.map((o) =>
    o.sections.map((s) => {
      items.push({ kind: s.kind, align: s.align, size: s.size });
      return items.length - 1;
    }),
  );
  // the GOT, when there is one, after every object's rodata
  const gotItem = gotEntryCount > 0 ? items.length : -1;
  if (gotEntryCount > 0) items.push({ kind: 'rodata', align: GOT_ENTRY, size: gotEntryCount * GOT_ENTRY });
  const segments = 1 + (segmentHasBytes(items, 'rodata') ? 1 : 0) + (segmentHasBytes(items, 'data') ? 1 : 0);
  const layout = layOut(items, headersSize(segments), base);
  if (layout.segments.length !== segments) throw new Error('internal: segment count changed during layout');
  return { objects, layout, itemOf, gotItem };
}

function sectionPlacement(p: Placed, object: number, section: number): { addr: number; offset: number } {
  return p.layout.placements[(p.itemOf[object] as readonly number[])[section] as number] as { addr: number; offset: number };
}

function targetAddress(p: Placed, t: Target): number {
  if (t === null) return 0;
  const sym = (p.objects[t.object] as LinkObject).symbols[t.symbol] as LinkSymbol;
  return sectionPlacement(p, t.object, sym.section as number).addr + sym.value;
}

/** each section's bytes at its file offset; `late` sections generated now */
function copySections(image: Uint8Array, p: Placed, scope: SymbolScope): void {
  p.objects.forEach((o, object) =>
    o.sections.forEach((s, section) => {
      if (s.kind === 'bss') return;
      const bytes = s.late === undefined ? s.bytes : generate(p, scope, object, s);
      image.set(bytes, sectionPlacement(p, object, section).offset);
    }),
  );
}

function generate(p: Placed, scope: SymbolScope, object: number, s: LinkSection): Uint8Array {
  const o = p.objects[object] as LinkObject;
  const addressOf = (symbol: string): number => {
    const t = scope.lookup(object, symbol);
    if (t === undefined) throw new KilnError('unlinkable', `undefined symbol ${symbol}, asked for by the generator of ${o.name} section ${s.name}`, { file: o.name });
    return targetAddress(p, t);
  };
  const bytes = (s.late as NonNullable<LinkSection['late']>)(addressOf);
  if (bytes.length !== s.size) throw new KilnError('unlinkable', `the generator of ${o.name} section ${s.name} returned ${bytes.length} bytes, not ${s.size}`, { file: o.name });
  return bytes;
}

function writeGot(image: Uint8Array, p: Placed, entries: readonly GotEntry[], address: (t: Target) => number): void {
  if (entries.length === 0) return;
  const view = new DataView(image.buffer, image.byteOffset, image.byteLength);
  const at = (p.layout.placements[p.gotItem] as { offset: number }).offset;
  entries.forEach((e, i) => view.setBigUint64(at + i * GOT_ENTRY, BigInt.asUintN(64, BigInt(address(e.target) + e.addend)), true));
}

function applyRelocs(image: Uint8Array, p: Placed, relocs: readonly ResolvedReloc[], gotIndex: ReadonlyMap<ResolvedReloc, number>, address: (t: Target) => number): void {
  const view = new DataView(image.buffer, image.byteOffset, image.byteLength);
  const got = p.layout.placements[p.gotItem] ?? { addr: 0 };
  for (const r of relocs) {
    const at = sectionPlacement(p, r.object, r.section);
    const entry = gotIndex.get(r);
    const P = at.addr + r.reloc.offset;
    const S = entry !== undefined ? got.addr + entry * GOT_ENTRY : r.target === null ? weakValue(r, P) : address(r.target);
    const A = entry === undefined ? r.reloc.addend : 0;
    try {
      r.kind.apply({ view, at: at.offset + r.reloc.offset, S, A, P });
    } catch (e) {
      if (!(e instanceof RelocOverflow)) throw e;
      const o = p.objects[r.object] as LinkObject;
      const s = o.sections[r.section] as LinkSection;
      throw new KilnError('unlinkable', `${r.kind.name} against ${r.reloc.symbol} in ${o.name} section ${s.name} at offset 0x${r.reloc.offset.toString(16)} does not fit: ${e.message}`, { file: o.name });
    }
  }
}

/** S of a relocation against an undefined weak symbol, by its kind */
function weakValue(r: ResolvedReloc, P: number): number {
  if (r.kind.weakUndefined === 'place') return P;
  if (r.kind.weakUndefined === 'next') return P + 4;
  return 0;
}

/** the global and weak definitions, in the order first declared */
function outputSymbols(p: Placed, scope: SymbolScope): OutputSymbol[] {
  return scope.definitions().map((d) => {
    const o = p.objects[d.object] as LinkObject;
    const sym = o.symbols[d.symbol] as LinkSymbol;
    const kind = (o.sections[sym.section as number] as LinkSection).kind;
    return { name: sym.name, kind, addr: targetAddress(p, d), size: sym.size, weak: sym.binding === 'weak' };
  });
}
