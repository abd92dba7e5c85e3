/**
 * Binary round trips over every module of the Wasm 2.0 testsuite (outside assert_malformed):
 * - text and quote modules: bytes = encodeModule(parsed) must survive decodeModule →
 *   encodeModule byte for byte;
 * - binary modules that decode: decode → encode → decode gives the same module (binary
 *   positions aside), and encoding it again gives the same bytes.
 */

import { afterAll, describe, expect, it } from 'vitest';
import { decodeModule } from '../../formats/wasm/decode.js';
import { encodeModule } from '../../formats/wasm/encode.js';
import type { Module } from '../../formats/wasm/types.js';
import { parseWat } from '../../formats/wat/index.js';
import { loadScript, scriptModules, structuralDiff, type CorpusModule } from '../support/corpus.js';
import { baseName, wastFiles } from '../support/testsuite.js';

interface Counts {
  text: number;
  quote: number;
  binary: number;
  /** binary modules that do not decode (outside assert_malformed all must) */
  binaryNotDecoding: number;
  /** quote modules that do not parse (outside assert_malformed all must) */
  quoteNotParsing: number;
}
const totals: Counts = { text: 0, quote: 0, binary: 0, binaryNotDecoding: 0, quoteNotParsing: 0 };

function bytesEqual(a: Uint8Array, b: Uint8Array): string | null {
  if (a.length !== b.length) {
    let i = 0;
    while (i < Math.min(a.length, b.length) && a[i] === b[i]) i++;
    return `${a.length} bytes vs ${b.length} bytes, first difference at ${i}`;
  }
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return `byte ${i}: 0x${a[i]!.toString(16)} vs 0x${b[i]!.toString(16)}`;
  }
  return null;
}

const errText = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

/** Round-trips a module already in memory (from text): encode → decode → encode is byte-exact. */
function textRoundTrip(m: Module): string | null {
  let b1: Uint8Array;
  let b2: Uint8Array;
  try {
    b1 = encodeModule(m);
  } catch (e) {
    return `encode(parsed): ${errText(e)}`;
  }
  try {
    b2 = encodeModule(decodeModule(b1));
  } catch (e) {
    return `decode/encode of the encoding: ${errText(e)}`;
  }
  const d = bytesEqual(b1, b2);
  return d === null ? null : `re-encoding differs: ${d}`;
}

/** Round-trips a binary: decode → encode → decode equal, and encode is stable. */
function binaryRoundTrip(bytes: Uint8Array): string | null | 'no-decode' {
  let m1: Module;
  try {
    m1 = decodeModule(bytes);
  } catch {
    return 'no-decode';
  }
  try {
    const b1 = encodeModule(m1);
    const m2 = decodeModule(b1);
    const diff = structuralDiff(m1, m2);
    if (diff !== null) return `decode(encode(decode(bin))) differs at ${diff}`;
    const d = bytesEqual(b1, encodeModule(m2));
    return d === null ? null : `second encoding differs: ${d}`;
  } catch (e) {
    return `encode/decode: ${errText(e)}`;
  }
}

function check(mod: CorpusModule, counts: Counts): string | null {
  const src = mod.source;
  switch (src.kind) {
    case 'text':
      counts.text++;
      return textRoundTrip(src.module);
    case 'quote': {
      let m: Module;
      try {
        m = parseWat(src.text, mod.file);
      } catch (e) {
        counts.quoteNotParsing++;
        return `quote module does not parse: ${errText(e)}`;
      }
      counts.quote++;
      return textRoundTrip(m);
    }
    case 'binary': {
      const r = binaryRoundTrip(src.bytes);
      if (r === 'no-decode') {
        counts.binaryNotDecoding++;
        return 'binary module does not decode';
      }
      counts.binary++;
      return r;
    }
  }
}

describe('binary round trips of every testsuite module', () => {
  // each script is parsed by its own test and released after it (not all at collection time)
  for (const path of wastFiles()) {
    it(`${baseName(path)}: every module round-trips`, () => {
      const parsed = loadScript(path);
      expect(parsed.error === null ? null : errText(parsed.error)).toBe(null);
      const counts: Counts = { text: 0, quote: 0, binary: 0, binaryNotDecoding: 0, quoteNotParsing: 0 };
      const failures: string[] = [];
      for (const mod of scriptModules(parsed.script!)) {
        if (mod.command === 'assert_malformed') continue;
        const f = check(mod, counts);
        if (f !== null) failures.push(`${mod.file}:${mod.line} ${mod.command} (${mod.source.kind}): ${f}`);
      }
      for (const k of Object.keys(totals) as (keyof Counts)[]) totals[k] += counts[k];
      console.log(
        `${parsed.file}: ${counts.text} text, ${counts.quote} quote, ${counts.binary} binary modules round-tripped; ${failures.length} failures`,
      );
      expect(failures).toEqual([]);
    });
  }

  afterAll(() => {
    console.log(
      `round-trip total: ${totals.text} text + ${totals.quote} quote + ${totals.binary} binary = ` +
        `${totals.text + totals.quote + totals.binary} modules; ` +
        `${totals.quoteNotParsing} quote modules did not parse, ${totals.binaryNotDecoding} binary modules did not decode`,
    );
  });
});
