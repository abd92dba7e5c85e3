/**
 * Every defined function of every valid module of the Wasm 2.0 testsuite, and of
 * bench/corpus/corpus.wasm, translates to IR that passes the verifier. Modules go through the
 * binary (text modules are encoded, then decoded) so bodies are read as bytes through the cursor,
 * as in real use, SIMD (v128) included: no function is refused.
 * The frontend has no documented not-yet-supported instruction: unsupportedOpcodes() is empty.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Frontend, isSimdRefusal, unsupportedOpcodes } from '../../../compiler/frontend/index.js';
import { validateModule } from '../../../compiler/validate/index.js';
import { decodeModule } from '../../../formats/wasm/decode.js';
import type { Module } from '../../../formats/wasm/types.js';
import { parsedScripts, scriptModules } from '../../support/corpus.js';
import { validModule } from '../../support/spec-modules.js';
import { repoRoot } from '../../support/testsuite.js';

interface Tally {
  modules: number;
  translated: number;
  simd: number;
  failures: string[];
}

function translateAll(fe: Frontend, name: string, m: Module, tally: Tally): void {
  tally.modules++;
  for (let i = 0; i < m.funcs.length; i++) {
    try {
      fe.translate(m, i);
      tally.translated++;
    } catch (e) {
      if (isSimdRefusal(e)) tally.simd++;
      else tally.failures.push(`${name} func ${i}: ${String(e)}`);
    }
  }
}

describe('the frontend translates whole corpora', () => {
  it('has no instruction that is refused other than SIMD', () => {
    expect(unsupportedOpcodes()).toEqual([]);
  });

  it('every function of every valid testsuite module translates and verifies, SIMD included', () => {
    const fe = new Frontend();
    const tally: Tally = { modules: 0, translated: 0, simd: 0, failures: [] };
    for (const { script } of parsedScripts()) {
      if (script === null) continue;
      for (const mod of scriptModules(script)) {
        const m = validModule(mod);
        if (m !== null) translateAll(fe, `${mod.file}:${mod.line}`, m, tally);
      }
    }
    console.log(`frontend, testsuite: ${tally.modules} modules, ${tally.translated} functions translated and verified, ${tally.simd} refused as SIMD`);
    expect(tally.failures).toEqual([]);
    expect([tally.modules, tally.translated, tally.simd]).toEqual([1708, 6207, 0]);
  });

  it('every function of bench/corpus/corpus.wasm translates and verifies', () => {
    const m = decodeModule(new Uint8Array(readFileSync(join(repoRoot(), 'bench/corpus/corpus.wasm'))));
    validateModule(m);
    const tally: Tally = { modules: 0, translated: 0, simd: 0, failures: [] };
    translateAll(new Frontend(), 'corpus.wasm', m, tally);
    console.log(`frontend, corpus.wasm: ${tally.translated} functions translated and verified, ${tally.simd} refused as SIMD`);
    expect(tally.failures).toEqual([]);
    expect([tally.translated, tally.simd]).toEqual([m.funcs.length, 0]);
  });
});
