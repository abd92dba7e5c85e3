/**
 * Proof of the WAT printer: for every module of the Wasm 2.0 testsuite (outside
 * assert_malformed; text, quoted and binary modules, valid or invalid) and for the 1.2 MB
 * benchmark corpus, encode(parse(print(m))) is byte-identical to the module's bytes.
 *
 * A binary can hold things the 2.0 text format cannot express. Each such module is counted
 * under every reason that applies (`reasonsOf`), and for it the printed text must still
 * reproduce exactly the bytes of the module with those things normalised away
 * (`expressible`): the encoding a text module of the same content gets. A module with no
 * reason that is not byte-identical is an unexplained failure.
 */

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeModule } from '../../../formats/wasm/decode.js';
import { dataEncoding, elemEncoding, encodeModule } from '../../../formats/wasm/encode.js';
import { encodeNameSection } from '../../../formats/wasm/names.js';
import { OPCODES } from '../../../formats/wasm/opcodes.js';
import type { Code, LocalGroup, Module, NameSection } from '../../../formats/wasm/types.js';
import { parseWat } from '../../../formats/wat/index.js';
import { printModule } from '../../../formats/wat/print.js';
import { parsedScripts, scriptModules } from '../../support/corpus.js';
import { repoRoot, wastFiles } from '../../support/testsuite.js';

const same = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

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
function reasonsOf(bytes: Uint8Array, m: Module): string[] {
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
function expressible(m: Module): Module {
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
function throughText(m: Module): Uint8Array | string {
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

interface Tally {
  exact: number;
  byReason: Record<string, number>;
  notExact: string[];
  failures: string[];
}

/** check one module: exact, or explained and equal to its expressible form */
function check(where: string, bytes: Uint8Array, m: Module, t: Tally): void {
  const back = throughText(m);
  if (typeof back === 'string') {
    t.failures.push(`${where}: ${back}`);
    return;
  }
  if (same(back, bytes)) {
    t.exact++;
    return;
  }
  const reasons = reasonsOf(bytes, m);
  if (reasons.length === 0) {
    t.failures.push(`${where}: not byte-identical and no reason why (${bytes.length} vs ${back.length} bytes)`);
    return;
  }
  if (!same(back, encodeModule(expressible(m)))) {
    t.failures.push(`${where}: differs from its expressible form (${reasons.join('; ')})`);
    return;
  }
  t.notExact.push(`${where}: ${reasons.join('; ')}`);
  for (const r of reasons) t.byReason[r] = (t.byReason[r] ?? 0) + 1;
}

describe('print → parse → encode reproduces the bytes', () => {
  it('of every module of the Wasm 2.0 testsuite', () => {
    const t: Tally = { exact: 0, byReason: {}, notExact: [], failures: [] };
    const kinds = { text: 0, quote: 0, binary: 0 };
    for (const parsed of parsedScripts(wastFiles())) {
      expect(parsed.error).toBe(null);
      for (const mod of scriptModules(parsed.script!)) {
        if (mod.command === 'assert_malformed') continue;
        const where = `${mod.file}:${mod.line} (${mod.command}, ${mod.source.kind})`;
        const src = mod.source;
        kinds[src.kind]++;
        if (src.kind === 'binary') check(where, src.bytes, decodeModule(src.bytes), t);
        else {
          const m = src.kind === 'text' ? src.module : parseWat(src.text, mod.file);
          check(where, encodeModule(m), m, t);
        }
      }
    }
    console.log(
      `print round trip: ${kinds.text} text + ${kinds.quote} quote + ${kinds.binary} binary modules; ` +
        `${t.exact} byte-identical, ${t.notExact.length} explained:\n  ${t.notExact.join('\n  ')}`,
    );
    expect(t.failures).toEqual([]);
    expect(kinds).toEqual({ text: 3784, quote: 1, binary: 67 });
    // every text module, and 18 of the 67 binary ones, come back byte for byte
    expect(t.exact).toBe(3803);
    expect(t.notExact.length).toBe(49);
    // binary-leb128.wast (33 modules), binary.wast (12), custom.wast (3), float_literals.wast (1)
    expect(t.byReason).toEqual({
      'non-minimal binary encoding (e.g. padded LEB128)': 44,
      'element/data segment flags not the smallest': 7,
      'custom sections other than "name"': 5,
      'locals split into more groups than needed': 1,
    });
  });

  it('of the 1.2 MB benchmark corpus, once normalised to what text can express', () => {
    const bytes = new Uint8Array(readFileSync(join(repoRoot(), 'bench/corpus/corpus.wasm')));
    const t: Tally = { exact: 0, byReason: {}, notExact: [], failures: [] };
    check('corpus.wasm', bytes, decodeModule(bytes), t);
    expect(t.failures).toEqual([]);
    // wasm-ld pads relocated immediates to 5-byte LEB128s (79 KB), adds "producers" and
    // "target_features", and names globals and data segments, which 2.0 text cannot; two
    // functions share the name "dummy" and are printed by index
    expect(t.notExact).toEqual([
      'corpus.wasm: non-minimal binary encoding (e.g. padded LEB128); custom sections other than "name"; name section beyond $identifiers',
    ]);
  });
});
