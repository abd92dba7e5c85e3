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
import { encodeModule } from '../../../formats/wasm/encode.js';
import type { Module } from '../../../formats/wasm/types.js';
import { parseWat } from '../../../formats/wat/index.js';
import { parsedScripts, scriptModules } from '../../support/corpus.js';
import { repoRoot, wastFiles } from '../../support/testsuite.js';
import { expressible, reasonsOf, same, throughText } from './print-support.js';

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
