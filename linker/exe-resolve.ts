/**
 * Symbol resolution of the static linker (linker/static-exe.ts): which definition each name
 * means, seen from each object. A local symbol is visible only in its own object and wins
 * there; global and weak definitions are visible everywhere, a global one beats a weak one,
 * the first of several weak ones wins, and two global ones are an error naming both objects.
 * A reference with no definition is an error naming the symbol and the first object, section
 * and offset referring to it, unless the referring object declares the symbol weak: then it
 * resolves to address 0. Also checks the hand-built parts of the input (section indices,
 * sizes, alignments, relocation offsets and kinds), so that layout can trust it.
 */

import { KilnError } from '../formats/errors.js';
import type { RelocKind, RelocTable } from './exe-reloc.js';
import type { LinkObject, LinkReloc, LinkSection } from './link-object.js';

/** a definition: symbol `symbol` of object `object`; null: an undefined weak symbol (address 0) */
export type Target = { readonly object: number; readonly symbol: number } | null;

/** a relocation with its kind and definition found */
export interface ResolvedReloc {
  readonly object: number;
  readonly section: number;
  readonly reloc: LinkReloc;
  readonly kind: RelocKind;
  readonly target: Target;
}

/** the largest section alignment: the segment alignment (64 KiB pages) */
export const MAX_ALIGN = 0x10000;

export class SymbolScope {
  private readonly globals = new Map<string, { object: number; symbol: number }>();
  private readonly locals: Array<Map<string, number>>;
  private readonly weakUndefined: Array<Set<string>>;

  constructor(private readonly objects: readonly LinkObject[]) {
    this.locals = objects.map(() => new Map());
    this.weakUndefined = objects.map(() => new Set());
    objects.forEach((o, object) => o.symbols.forEach((s, symbol) => this.declare(object, symbol)));
  }

  private declare(object: number, symbol: number): void {
    const o = this.objects[object] as LinkObject;
    const s = o.symbols[symbol] as LinkObject['symbols'][number];
    if (s.section === null) {
      if (s.binding === 'weak') (this.weakUndefined[object] as Set<string>).add(s.name);
      return;
    }
    if (s.binding === 'local') {
      const locals = this.locals[object] as Map<string, number>;
      if (!locals.has(s.name)) locals.set(s.name, symbol);
      return;
    }
    const known = this.globals.get(s.name);
    if (known === undefined) return void this.globals.set(s.name, { object, symbol });
    const other = (this.objects[known.object] as LinkObject).symbols[known.symbol] as LinkObject['symbols'][number];
    if (other.binding === 'global' && s.binding === 'global') {
      const first = (this.objects[known.object] as LinkObject).name;
      throw new KilnError('unlinkable', `duplicate symbol ${s.name}: defined in ${first} and in ${o.name}`, { file: o.name });
    }
    if (other.binding === 'weak' && s.binding === 'global') this.globals.set(s.name, { object, symbol });
  }

  /** what `name` means in object `object`: a definition, null (weak undefined: 0), or undefined */
  lookup(object: number, name: string): Target | undefined {
    const local = this.locals[object]?.get(name);
    if (local !== undefined) return { object, symbol: local };
    const global = this.globals.get(name);
    if (global !== undefined) return global;
    return this.weakUndefined[object]?.has(name) === true ? null : undefined;
  }

  /** the global or weak definition of `name` */
  global(name: string): Target | undefined {
    return this.globals.get(name);
  }

  /** every global and weak definition, in the order first declared */
  definitions(): Array<{ object: number; symbol: number }> {
    return [...this.globals.values()];
  }
}

const hex = (v: number): string => '0x' + v.toString(16);

function fail(o: LinkObject, reason: string): KilnError {
  return new KilnError('unlinkable', reason, { file: o.name });
}

/** checks what layout and relocation rely on; throws a KilnError naming object and section */
export function checkObjects(objects: readonly LinkObject[], isa: string, table: RelocTable): void {
  for (const o of objects) {
    if (o.isa !== isa) throw new KilnError('unlinkable', `object ${o.name} is for ${o.isa}, not ${isa}`, { file: o.name });
    o.sections.forEach((s) => checkSection(o, s, table));
    for (const sym of o.symbols) {
      if (sym.section === null) continue;
      const s = o.sections[sym.section];
      if (s === undefined) throw fail(o, `symbol ${sym.name}: section index ${sym.section} out of range`);
      if (sym.value < 0 || sym.value > s.size) throw fail(o, `symbol ${sym.name}: value ${hex(sym.value)} lies beyond section ${s.name} (size ${hex(s.size)})`);
    }
  }
}

function checkSection(o: LinkObject, s: LinkSection, table: RelocTable): void {
  const where = `section ${s.name} of ${o.name}`;
  if (!Number.isInteger(s.align) || s.align < 1 || (s.align & (s.align - 1)) !== 0 || s.align > MAX_ALIGN) throw fail(o, `${where}: alignment ${s.align} is not a power of two up to ${MAX_ALIGN}`);
  if (!Number.isSafeInteger(s.size) || s.size < 0) throw fail(o, `${where}: size ${s.size}`);
  if (s.kind === 'bss') {
    if (s.bytes.length !== 0 || s.late !== undefined || s.relocs.length > 0) throw fail(o, `${where}: a bss section has no bytes, generator or relocations`);
    return;
  }
  if (s.bytes.length !== s.size && !(s.late !== undefined && s.bytes.length === 0)) throw fail(o, `${where}: ${s.bytes.length} bytes but size ${s.size}`);
  for (const r of s.relocs) {
    const kind = table.kinds.get(r.type);
    if (kind === undefined) throw new KilnError('unsupported', `${where}: relocation type ${r.type} at offset ${hex(r.offset)} (against ${r.symbol}) is not supported for ${o.isa}`, { file: o.name });
    if (!Number.isSafeInteger(r.offset) || r.offset < 0 || r.offset + kind.size > s.size) throw fail(o, `${where}: ${kind.name} at offset ${hex(r.offset)} lies beyond the section (size ${hex(s.size)})`);
  }
}

/** every relocation with its definition, in object, section and relocation order */
export function resolveRelocs(objects: readonly LinkObject[], scope: SymbolScope, table: RelocTable): ResolvedReloc[] {
  const out: ResolvedReloc[] = [];
  objects.forEach((o, object) =>
    o.sections.forEach((s, section) => {
      for (const reloc of s.relocs) {
        const target = scope.lookup(object, reloc.symbol);
        if (target === undefined) throw fail(o, `undefined symbol ${reloc.symbol}, referenced from ${o.name} section ${s.name} at offset ${hex(reloc.offset)}`);
        out.push({ object, section, reloc, kind: table.kinds.get(reloc.type) as RelocKind, target });
      }
    }),
  );
  return out;
}
