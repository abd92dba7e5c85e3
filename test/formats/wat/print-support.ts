/**
 * Test support for the WAT printer's round-trip tests: what the Wasm 2.0 text format can
 * carry of a binary module, written independently of the printer. `reasonsOf` names why a
 * binary's bytes cannot come back from text; `expressible` is the module with those things
 * replaced by what a text module of the same content gets, and `throughText` is
 * print → parse → encode.
 */

import { dataEncoding, elemEncoding, encodeModule } from '../../../formats/wasm/encode.js';
import { encodeNameSection } from '../../../formats/wasm/names.js';
import { OPCODES } from '../../../formats/wasm/opcodes.js';
import type { Code, LocalGroup, Module, NameSection } from '../../../formats/wasm/types.js';
import { parseWat } from '../../../formats/wat/index.js';
import { printModule } from '../../../formats/wat/print.js';

export const same = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
export const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

// ---- what the text format carries, written independently of the printer ----

const ID = /^[0-9A-Za-z!#$%&'*+\-./:<=>?@\\^_`|~]+$/;
/** entries of `map` below `count` whose name is an identifier no other entry has */
function idNames(map: ReadonlyMap<number, string> | undefined, count: number): Map<number, string> {
  const entries = [...(map ?? [])].filter(([i, n]) => i < count && ID.test(n));
  const seen = new Map<string, number>();
  for (const [, n] of entries) seen.set(n, (seen.get(n) ?? 0) + 1);
  return new Map(entries.filter(([, n]) => seen.get(n) === 1));
}

const importedFuncs = (m: Module): number => m.imports.filter((i) => i.desc.kind === 'func').length;

/** the names a text module with the printed identifiers has (parser convention: null when none) */
function textNames(m: Module): NameSection | null {
  const n = m.names;
  if (n === null) return null;
  const imported = importedFuncs(m);
  const funcs = idNames(n.funcs, imported + m.funcs.length);
  const locals = new Map<number, Map<number, string>>();
  for (const [f, map] of n.locals) {
    const d = f - imported;
    const code = m.codes[d];
    if (d < 0 || code === undefined) continue;
    const count = (m.types[m.funcs[d] as number]?.params.length ?? 0) + code.locals.reduce((s, g) => s + g.count, 0);
    const printable = idNames(map, count);
    if (printable.size > 0) locals.set(f, printable);
  }
  const module = n.module !== undefined && ID.test(n.module) ? n.module : undefined;
  if (module === undefined && funcs.size === 0 && locals.size === 0) return null;
  return module === undefined ? { funcs, locals } : { module, funcs, locals };
}

/** locals as the text parser groups them: runs of one type, no empty groups */
function textLocals(groups: readonly LocalGroup[]): LocalGroup[] {
  const out: LocalGroup[] = [];
  for (const g of groups) {
    const last = out[out.length - 1];
    if (g.count === 0) continue;
    if (last !== undefined && last.type === g.type) last.count += g.count;
    else out.push({ ...g });
  }
  return out;
}

const DATA_COUNT_USERS = new Set(['memory.init', 'data.drop']);
const usesDataCount = (m: Module): boolean => m.codes.some((c) => c.body.some((i) => DATA_COUNT_USERS.has(OPCODES[i.op]?.name ?? '')));

/** Why a binary module's bytes cannot come back from its text form; [] when they can. */
export function reasonsOf(bytes: Uint8Array, m: Module): string[] {
  const r: string[] = [];
  if (!same(encodeModule(m), bytes)) r.push('non-minimal binary encoding (e.g. padded LEB128)');
  if (m.customs.some((c) => c.name !== 'name')) r.push('custom sections other than "name"');
  const raw = m.customs.find((c) => c.name === 'name');
  if (raw !== undefined) {
    const names = textNames(m);
    const last = m.customs[m.customs.length - 1] === raw && raw.after === 11;
    if (names === null || !last || !same(raw.bytes, encodeNameSection(names))) r.push('name section beyond $identifiers');
  }
  const segs = [...m.elems.map((e) => e.encoding !== elemEncoding({ ...e, encoding: undefined }))];
  if (segs.some(Boolean) || m.datas.some((d) => d.encoding !== dataEncoding({ ...d, encoding: undefined }))) {
    r.push('element/data segment flags not the smallest');
  }
  if (m.codes.some((c) => textLocals(c.locals).length !== c.locals.length)) r.push('locals split into more groups than needed');
  if (m.dataCount !== (usesDataCount(m) ? m.datas.length : null)) r.push('data count section not implied by the code');
  return r;
}

/** the module with everything the text cannot express replaced by what a text module gets */
export function expressible(m: Module): Module {
  const codes: Code[] = m.codes.map((c) => ({ locals: textLocals(c.locals), body: c.body, offset: -1, size: 0 }));
  return {
    ...m,
    elems: m.elems.map((e) => ({ ...e, encoding: undefined })),
    datas: m.datas.map((d) => ({ ...d, encoding: undefined })),
    codes,
    dataCount: usesDataCount(m) ? m.datas.length : null,
    customs: [],
    names: textNames(m),
  };
}

/** print → parse → encode; the error text when the printed text does not parse */
export function throughText(m: Module): Uint8Array | string {
  let text: string;
  try {
    text = printModule(m);
  } catch (e) {
    return `print threw ${errText(e)}`;
  }
  try {
    return encodeModule(parseWat(text, 'printed.wat'));
  } catch (e) {
    return `printed text does not parse: ${errText(e)}`;
  }
}
