/**
 * Golden IR: each test/compiler/frontend/golden/NAME.wat is translated function by function and
 * the printed IR is compared with NAME.ir. A first line `;; options: bounds=none` selects
 * frontend options. `BLESS=1` rewrites the .ir files (review the diff); a mismatch fails with a
 * unified diff. Every function printed here has also passed the IR verifier, and its text parses
 * back to the same text.
 */

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Frontend, type TranslateOptions } from '../../../compiler/frontend/index.js';
import { parseFunc, printFunc } from '../../../compiler/ir/index.js';
import { validateModule } from '../../../compiler/validate/index.js';
import { parseWat } from '../../../formats/wat/index.js';
import { unifiedDiff } from './unified-diff.js';

const DIR = fileURLToPath(new URL('./golden/', import.meta.url));
const names = readdirSync(DIR)
  .filter((f) => f.endsWith('.wat'))
  .map((f) => f.slice(0, -4))
  .sort();

function optionsOf(src: string): TranslateOptions {
  const m = /^;; options: bounds=(explicit|none)/.exec(src);
  return m === null ? {} : { bounds: m[1] as 'explicit' | 'none' };
}

/** the IR of every defined function of the module, in order */
export function translateWat(src: string): string {
  const m = parseWat(src);
  validateModule(m);
  const fe = new Frontend();
  const out: string[] = [];
  for (let i = 0; i < m.funcs.length; i++) {
    const text = printFunc(fe.translate(m, i, optionsOf(src)));
    expect(printFunc(parseFunc(text))).toBe(text);
    out.push(text);
  }
  return out.join('\n');
}

describe('golden IR of hand-written functions', () => {
  it('has golden files', () => {
    expect(names).toEqual(['br_table', 'calls', 'control', 'globals', 'loops', 'memory', 'memory-unchecked', 'multivalue', 'numeric', 'tables']);
  });

  it.each(names)('%s.wat', (name) => {
    const actual = translateWat(readFileSync(join(DIR, name + '.wat'), 'utf8'));
    const irPath = join(DIR, name + '.ir');
    if (process.env['BLESS'] === '1') writeFileSync(irPath, actual);
    const expected = readFileSync(irPath, 'utf8');
    const diff = unifiedDiff(expected, actual, name + '.ir');
    if (diff !== '') expect.fail(`golden IR differs (BLESS=1 rewrites it):\n${diff}`);
  });
});
