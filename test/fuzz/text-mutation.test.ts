/**
 * Robustness of the text format: seeded mutants of WAT modules (printed from random valid
 * modules) and of small spec scripts must parse or be rejected with a KilnError — never
 * another exception, never a hang. Whatever parses must then validate or be rejected as
 * invalid, and encode to bytes that decode again.
 */

import { describe, expect, it } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { isKilnError } from '../../formats/errors.js';
import { parseWast, parseWat } from '../../formats/wat/index.js';
import { validateModule } from '../../compiler/validate/index.js';
import { encodeModule } from '../../formats/wasm/encode.js';
import { decodeModule } from '../../formats/wasm/decode.js';
import type { Module } from '../../formats/wasm/types.js';
import { generateModule } from './gen/index.js';
import { toWat } from './gen/wat.js';
import { textMutantAt } from './text-mutate.js';
import { wastFiles } from '../support/testsuite.js';

const SEED = Number(process.env['KILN_TEXT_FUZZ_SEED'] ?? 0x7e47);
const COUNT = Number(process.env['KILN_TEXT_FUZZ_COUNT'] ?? 4000);

/** 'ok', the KilnError kind, or a description of anything else (a violation) */
function outcome(run: () => void): string {
  try {
    run();
    return 'ok';
  } catch (e) {
    if (isKilnError(e)) return e.kind;
    return `VIOLATION ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
  }
}

/** after a successful parse: validate, then encode and decode (bytes of a valid module decode) */
function afterParse(m: Module): string {
  const v = outcome(() => validateModule(m));
  if (v.startsWith('VIOLATION')) return `validate ${v}`;
  const e = outcome(() => {
    const bytes = encodeModule(m);
    if (v === 'ok') decodeModule(bytes);
  });
  return e.startsWith('VIOLATION') ? `encode/decode ${e}` : v;
}

describe('mutated text', () => {
  const wat = Array.from({ length: 60 }, (_, i) => toWat(generateModule(1000 + i).module));
  const scripts = wastFiles()
    .filter((p) => statSync(p).size < 6000)
    .map((p) => readFileSync(p, 'utf8'));

  it('has sources: random modules printed as WAT and small spec scripts', () => {
    expect(wat.every((t) => parseWat(t) !== null)).toBe(true);
    expect(scripts.length).toBeGreaterThan(10);
  });

  it(`${COUNT} WAT mutants (seed 0x${SEED.toString(16)}) parse or fail with a KilnError`, () => {
    const counts: Record<string, number> = {};
    const violations: string[] = [];
    for (let i = 0; i < COUNT; i++) {
      const m = textMutantAt(wat, SEED, i);
      let parsed: Module | null = null;
      let result = outcome(() => {
        parsed = parseWat(m.text);
      });
      if (parsed !== null) result = afterParse(parsed);
      const key = result.includes('VIOLATION') ? 'violation' : result;
      counts[key] = (counts[key] ?? 0) + 1;
      if (key === 'violation') violations.push(`seed=0x${SEED.toString(16)} mutant=${i} (${m.kind}): ${result}`);
    }
    console.log(`text mutation (WAT): ${COUNT} mutants: ${JSON.stringify(counts)}`);
    expect(violations.slice(0, 10)).toEqual([]);
  });

  it(`${COUNT / 4} script mutants parse or fail with a KilnError`, () => {
    const violations: string[] = [];
    let rejected = 0;
    for (let i = 0; i < COUNT / 4; i++) {
      const m = textMutantAt(scripts, SEED + 1, i);
      const result = outcome(() => void parseWast(m.text, 'mutant.wast'));
      if (result !== 'ok') rejected++;
      if (result.startsWith('VIOLATION')) violations.push(`seed=0x${(SEED + 1).toString(16)} mutant=${i} (${m.kind}): ${result}`);
    }
    console.log(`text mutation (WAST): ${COUNT / 4} mutants, ${rejected} rejected`);
    expect(violations.slice(0, 10)).toEqual([]);
  });
});
