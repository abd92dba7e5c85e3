/**
 * Golden files per stage of the native pipeline: each golden/NAME.wat is compiled function by
 * function with targets/compile.ts `compileFunctionStages`, and each stage's text (IR,
 * optimised IR, lowered machine function, allocation, disassembly) is compared with
 * golden/NAME.<stage>. `BLESS=1` rewrites them (review the diff); a mismatch fails with a
 * unified diff. The allocation checker has run on every function printed here.
 */

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateModule } from '../../../compiler/validate/index.js';
import { parseWat } from '../../../formats/wat/index.js';
import { compileFunctionStages, STAGES } from '../../../targets/compile.js';
import { unifiedDiff } from '../../compiler/frontend/unified-diff.js';

const DIR = fileURLToPath(new URL('./golden/', import.meta.url));
const names = readdirSync(DIR)
  .filter((f) => f.endsWith('.wat'))
  .map((f) => f.slice(0, -4))
  .sort();

describe('golden stages of the x86-64 pipeline', () => {
  it('has golden modules', () => {
    expect(names).toEqual(['arith', 'control', 'float', 'memory-calls']);
  });

  for (const name of names) {
    const m = parseWat(readFileSync(join(DIR, name + '.wat'), 'utf8'));
    validateModule(m);
    const texts: Record<string, string[]> = {};
    for (let d = 0; d < m.funcs.length; d++) {
      const out = compileFunctionStages(m, d);
      for (const s of STAGES) (texts[s] ??= []).push(out[s]);
    }
    it.each([...STAGES])(`${name}: %s`, (stage) => {
      const actual = (texts[stage] ?? []).join('\n');
      const path = join(DIR, `${name}.${stage}`);
      if (process.env['BLESS'] === '1') writeFileSync(path, actual);
      const expected = readFileSync(path, 'utf8');
      const diff = unifiedDiff(expected, actual, `${name}.${stage}`);
      if (diff !== '') expect.fail(`golden ${stage} differs (BLESS=1 rewrites it):\n${diff}`);
    });
  }
});
