/**
 * The WAT printer on arbitrary decodable input: seeded byte mutants of valid testsuite
 * modules (test/fuzz/mutate.ts). Whatever decodes must print without any exception other
 * than a KilnError (the locals limit); whatever is also valid must come back through
 * print → parse → encode as exactly its expressible form (print-support.ts). Invalid
 * modules are printed too; their text parses back unless its structure is broken (e.g. an
 * `else` outside an `if`), which is counted, not required.
 * KILN_PRINT_FUZZ_SEED and KILN_PRINT_FUZZ_COUNT override the defaults.
 */

import { describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import { validateModule } from '../../../compiler/validate/index.js';
import { isKilnError } from '../../../formats/errors.js';
import { decodeModule } from '../../../formats/wasm/decode.js';
import { encodeModule } from '../../../formats/wasm/encode.js';
import type { Module } from '../../../formats/wasm/types.js';
import { parseWat } from '../../../formats/wat/index.js';
import { printModule } from '../../../formats/wat/print.js';
import { parsedScripts, scriptModules } from '../../support/corpus.js';
import { wastFiles } from '../../support/testsuite.js';
import { mutantAt } from '../../fuzz/mutate.js';
import { errText, expressible, same } from './print-support.js';

const SEED = Number(process.env['KILN_PRINT_FUZZ_SEED'] ?? 0x9e17);
const COUNT = Number(process.env['KILN_PRINT_FUZZ_COUNT'] ?? 2000);

/**
 * binary encodings of the valid modules (up to 8 KB, deduplicated) of the testsuite's scripts
 * under 40 KB: the large scripts are mostly assertions, slow to parse and with few modules
 */
function seeds(): Uint8Array[] {
  const seen = new Set<string>();
  const out: Uint8Array[] = [];
  for (const parsed of parsedScripts(wastFiles().filter((f) => statSync(f).size < 40_000))) {
    for (const mod of scriptModules(parsed.script!)) {
      if (mod.command !== 'module') continue;
      const src = mod.source;
      try {
        const bytes = src.kind === 'binary' ? src.bytes : encodeModule(src.kind === 'text' ? src.module : parseWat(src.text));
        validateModule(decodeModule(bytes));
        const key = Buffer.from(bytes).toString('latin1');
        if (bytes.length <= 8192 && !seen.has(key)) {
          seen.add(key);
          out.push(bytes);
        }
      } catch {
        // not a seed
      }
    }
  }
  return out;
}

type Outcome = 'no-decode' | 'valid' | 'invalid' | 'invalid, text does not parse' | 'refused' | 'violation';

function outcome(bytes: Uint8Array, violations: string[], where: string): Outcome {
  let m: Module;
  try {
    m = decodeModule(bytes);
  } catch {
    return 'no-decode';
  }
  let valid = true;
  try {
    validateModule(m);
  } catch {
    valid = false;
  }
  let text: string;
  try {
    text = printModule(m);
  } catch (e) {
    if (isKilnError(e)) return 'refused';
    violations.push(`${where}: print threw ${errText(e)}`);
    return 'violation';
  }
  let back: Uint8Array;
  try {
    back = encodeModule(parseWat(text));
  } catch (e) {
    if (valid || !isKilnError(e)) {
      violations.push(`${where}: printed text of a ${valid ? 'valid' : 'invalid'} module does not parse: ${errText(e)}`);
      return 'violation';
    }
    return 'invalid, text does not parse';
  }
  if (valid && !same(back, encodeModule(expressible(m)))) {
    violations.push(`${where}: print → parse → encode differs from the module's expressible form`);
    return 'violation';
  }
  return valid ? 'valid' : 'invalid';
}

describe('printing mutated modules', () => {
  it(`${COUNT} mutants (seed 0x${SEED.toString(16)}) print, and valid ones round-trip`, () => {
    const pool = seeds();
    const counts: Partial<Record<Outcome, number>> = {};
    const violations: string[] = [];
    for (let i = 0; i < COUNT; i++) {
      const mutant = mutantAt(pool, SEED, i);
      const o = outcome(mutant.bytes, violations, `seed=0x${SEED.toString(16)} mutant=${i} (${mutant.kind}: ${mutant.note})`);
      counts[o] = (counts[o] ?? 0) + 1;
    }
    console.log(`print mutants: ${pool.length} seeds, ${COUNT} mutants: ${JSON.stringify(counts)}`);
    expect(violations.slice(0, 10)).toEqual([]);
    // the run exercises the printer on many valid and invalid decodable modules
    expect(counts.valid ?? 0).toBeGreaterThan(COUNT / 10);
    expect(counts.invalid ?? 0).toBeGreaterThan(COUNT / 50);
  });
});
