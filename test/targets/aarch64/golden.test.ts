/**
 * Golden files per stage of the AArch64 pipeline: each golden/NAME.wat is compiled function by
 * function with targets/compile.ts `compileFunctionStages` for `isa: 'aarch64'`, and each
 * stage's text (IR, optimised IR, lowered machine function, allocation, disassembly) is
 * compared with golden/NAME.<stage>. `BLESS=1` rewrites them (review the diff); a mismatch
 * fails with a unified diff. The modules are x86-64's golden modules plus a64-forms.wat, which
 * reaches the A64-specific selections (madd/msub, shifted operands, immediates, cbz, csel,
 * stack arguments and memory results, register-offset addressing), and v128.wat, the v128
 * infrastructure (constants, lanes, loads and stores, select, stack arguments, 16-byte spills).
 *
 * A module's first line may set compile options: `;; options: bounds=guard`.
 */

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateModule } from '../../../compiler/validate/index.js';
import { parseWat } from '../../../formats/wat/index.js';
import { compileFunctionStages, STAGES, type CompileOptions } from '../../../targets/compile.js';
import { missingLowerings } from '../../../targets/aarch64/rules/rule.js';
import '../../../targets/aarch64/rules/index.js';
import { unifiedDiff } from '../../compiler/frontend/unified-diff.js';

const DIR = fileURLToPath(new URL('./golden/', import.meta.url));
const names = readdirSync(DIR)
  .filter((f) => f.endsWith('.wat'))
  .map((f) => f.slice(0, -4))
  .sort();

const A64: CompileOptions = { isa: 'aarch64' };

describe('golden stages of the AArch64 pipeline', () => {
  it('has golden modules', () => {
    expect(names).toEqual(['a64-forms', 'arith', 'control', 'float', 'loops', 'memory-calls', 'memory-guard', 'v128']);
  });

  it('every non-v128 IR opcode has a lowering', () => {
    expect(missingLowerings()).toEqual([]);
  });

  it('loads and stores compiled for guard pages have no bounds check', () => {
    const m = parseWat(readFileSync(join(DIR, 'memory-guard.wat'), 'utf8'));
    validateModule(m);
    for (let d = 0; d < m.funcs.length; d++) {
      const guard = compileFunctionStages(m, d, { ...A64, bounds: 'guard' }).asm;
      const explicit = compileFunctionStages(m, d, { ...A64, interrupts: false }).asm;
      // the explicit check is `cmp` with the memory size, then `b.hi` to its trap stub
      expect(explicit).toMatch(/\bb\.hi\b/);
      expect(guard).not.toMatch(/\bb\.hi\b/);
      expect(guard).not.toMatch(/\[x0, #24\]/); // the memory size is never read
    }
  });

  it('a loop nest with values live across it: no stack access inside any loop, one conditional branch per back edge', () => {
    const m = parseWat(readFileSync(join(DIR, 'loops.wat'), 'utf8'));
    validateModule(m);
    const lines = compileFunctionStages(m, 0, { ...A64, bounds: 'guard' }).asm.split('\n');
    const at = (l: string): number => parseInt(l.trim().split(':')[0] ?? '', 16);
    const backEdges = lines
      .map((l) => /^\s*([0-9a-f]+):\s+(b\.[a-z]+|cbn?z|b)\s+(?:[wx]\d+, )?0x([0-9a-f]+)/.exec(l))
      .filter((r): r is RegExpExecArray => r !== null && parseInt(r[3] as string, 16) < parseInt(r[1] as string, 16));
    expect(backEdges.length).toBe(3);
    for (const r of backEdges) {
      expect(r[2], `back edge at 0x${r[1]}`).not.toBe('b');
      const body = lines.filter((l) => at(l) >= parseInt(r[3] as string, 16) && at(l) <= parseInt(r[1] as string, 16));
      const stackUse = body.filter((l) => /\[sp\b/.test(l));
      expect(stackUse, `loop at 0x${r[3]}`).toEqual([]);
      expect(body.filter((l) => /\bb\t/.test(l)), `loop at 0x${r[3]}`).toEqual([]);
    }
  });

  for (const name of names) {
    const source = readFileSync(join(DIR, name + '.wat'), 'utf8');
    const options = { ...A64, ...optionsOf(source) };
    const m = parseWat(source);
    validateModule(m);
    const texts: Record<string, string[]> = {};
    for (let d = 0; d < m.funcs.length; d++) {
      const out = compileFunctionStages(m, d, options);
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

/** compile options from a first line `;; options: key=value ...` (today: bounds=guard|explicit) */
function optionsOf(source: string): CompileOptions {
  const first = /^;; options:(.*)$/m.exec(source.split('\n')[0] ?? '');
  if (first === null) return {};
  const options: { bounds?: 'guard' | 'explicit' } = {};
  for (const kv of (first[1] ?? '').trim().split(/\s+/)) {
    const [k, v] = kv.split('=');
    if (k === 'bounds' && (v === 'guard' || v === 'explicit')) options.bounds = v;
    else throw new Error(`golden: unknown option ${kv}`);
  }
  return options;
}
