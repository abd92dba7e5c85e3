/**
 * Golden files per stage of the native pipeline: each golden/NAME.wat is compiled function by
 * function with targets/compile.ts `compileFunctionStages`, and each stage's text (IR,
 * optimised IR, lowered machine function, allocation, disassembly) is compared with
 * golden/NAME.<stage>. `BLESS=1` rewrites them (review the diff); a mismatch fails with a
 * unified diff. The allocation checker has run on every function printed here.
 *
 * A module's first line may set compile options: `;; options: bounds=guard` compiles it for
 * guard-page bounds (no bounds checks in loads and stores).
 */

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateModule } from '../../../compiler/validate/index.js';
import { parseWat } from '../../../formats/wat/index.js';
import { compileFunctionStages, STAGES, type CompileOptions } from '../../../targets/compile.js';
import { unifiedDiff } from '../../compiler/frontend/unified-diff.js';

const DIR = fileURLToPath(new URL('./golden/', import.meta.url));
const names = readdirSync(DIR)
  .filter((f) => f.endsWith('.wat'))
  .map((f) => f.slice(0, -4))
  .sort();

describe('golden stages of the x86-64 pipeline', () => {
  it('has golden modules', () => {
    expect(names).toEqual(['arith', 'control', 'float', 'loops', 'memory-calls', 'memory-guard', 'simd']);
  });

  it('lane operations are packed instructions, not scalar loops', () => {
    const asm = readFileSync(join(DIR, 'simd.asm'), 'utf8');
    for (const ins of ['pmovsxwd', 'pmulld', 'paddd', 'pshufb', 'addps', 'minps', 'cmpunordps', 'paddusb', 'pcmpeqb', 'pmovmskb', 'cvttps2dq', 'packusdw']) {
      expect([ins, new RegExp(`\\b${ins}\\b`).test(asm)]).toEqual([ins, true]);
    }
  });

  it('loads and stores compiled for guard pages have no compare-and-branch', () => {
    const m = parseWat(readFileSync(join(DIR, 'memory-guard.wat'), 'utf8'));
    validateModule(m);
    for (let d = 0; d < m.funcs.length; d++) {
      const guard = compileFunctionStages(m, d, { bounds: 'guard' }).asm;
      // without interruption polls, which guard-page code never has (interrupts make its pages non-executable)
      const explicit = compileFunctionStages(m, d, { interrupts: false }).asm;
      // the explicit check is `cmp` with the memory size, then `ja` to its trap stub
      expect(explicit).toMatch(/\bja\b/);
      expect(guard).not.toMatch(/\bja\b/);
      expect(guard).not.toMatch(/\[rdi\+0x18\]/); // the memory size is never read
      expect(guard.split('\n').filter((l) => /\bcmp\b/.test(l)).length).toBe(explicit.split('\n').filter((l) => /\bcmp\b/.test(l)).length - 1);
    }
  });

  it('a loop nest with values live across it: no stack access inside any loop, one conditional branch per back edge', () => {
    const m = parseWat(readFileSync(join(DIR, 'loops.wat'), 'utf8'));
    validateModule(m);
    const lines = compileFunctionStages(m, 0, { bounds: 'guard' }).asm.split('\n');
    const at = (l: string): number => parseInt(l.trim().split(':')[0] ?? '', 16);
    const backEdges = lines
      .map((l) => /^\s*([0-9a-f]+):\s+(j[a-z]+)\s+0x([0-9a-f]+)/.exec(l))
      .filter((r): r is RegExpExecArray => r !== null && parseInt(r[3] as string, 16) < parseInt(r[1] as string, 16));
    expect(backEdges.map((r) => r[2])).toEqual(['jb', 'jb', 'jb']);
    for (const r of backEdges) {
      const body = lines.filter((l) => at(l) >= parseInt(r[3] as string, 16) && at(l) <= parseInt(r[1] as string, 16));
      const stackUse = body.filter((l) => /\brsp\b/.test(l) && !/cmp\s+rsp/.test(l));
      expect(stackUse, `loop at 0x${r[3]}`).toEqual([]);
      expect(body.filter((l) => /\bjmp\b/.test(l)), `loop at 0x${r[3]}`).toEqual([]);
    }
  });

  for (const name of names) {
    const source = readFileSync(join(DIR, name + '.wat'), 'utf8');
    const options = optionsOf(source);
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
