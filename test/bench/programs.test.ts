/**
 * The committed benchmark programs (bench/programs/*.wasm) run on kiln's interpreter, through
 * the same runner bench/native.ts uses (stdout and stderr into one file), at their test size
 * (programs.txt), and print exactly
 * the line that a host (x86-64) build of the same C source printed (expected.txt). Also: the
 * list and the expectations agree, and a bad size argument is refused by the program itself.
 */

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kilnRunner } from '../../bench/runners.js';
import { programWorkload, programsDir, readProgramSpecs, type CommandWorkload } from '../../bench/workloads.js';

const { specs, expected } = readProgramSpecs();

/** one run of a command workload on the interpreter: its output (plus `<exit code N>` if not 0) */
async function runOnInterp(w: CommandWorkload): Promise<string> {
  const prepared = await kilnRunner('interp').prepare(w);
  const trial = prepared.trial();
  trial.run();
  return trial.result();
}

describe('bench/programs', () => {
  it('lists at least three loop nests and the CoreMark-like workload, each with its .wasm and both expected lines', () => {
    const names = specs.map((s) => s.name);
    expect(names.length).toBeGreaterThanOrEqual(4);
    expect(names).toContain('corelike');
    for (const s of specs) {
      expect(existsSync(join(programsDir(), `${s.name}.wasm`)), `${s.name}.wasm`).toBe(true);
      expect(expected.has(`${s.name} n=${s.testSize}`), `${s.name} n=${s.testSize}`).toBe(true);
      expect(expected.has(`${s.name} n=${s.benchSize}`), `${s.name} n=${s.benchSize}`).toBe(true);
      expect(s.benchSize).toBeGreaterThan(s.testSize);
    }
    expect(expected.size).toBe(new Set(specs.flatMap((s) => [`${s.name} n=${s.testSize}`, `${s.name} n=${s.benchSize}`])).size);
  });

  for (const spec of specs) {
    it(`${spec.name} at n=${spec.testSize} prints the host build's checksum on the interpreter`, async () => {
      const w = programWorkload(spec, expected, 'test');
      expect(w.expected).toMatch(new RegExp(`^${spec.name} n=${spec.testSize} checksum [0-9a-f]{16}$`));
      expect(await runOnInterp(w)).toBe(w.expected);
    });
  }

  it('a program refuses a size that is not a positive integer (a message, exit 2)', async () => {
    const w: CommandWorkload = { ...programWorkload(specs.find((s) => s.name === 'gemm')!, expected, 'test'), args: ['gemm', '0'] };
    expect(await runOnInterp(w)).toBe('size must be an integer from 1 to 2000, got "0"\n<exit code 2>');
  });

  it('the same program at two sizes gives two different checksums (the size reaches the workload)', () => {
    for (const s of specs) expect(expected.get(`${s.name} n=${s.testSize}`)!.split(' ').pop()).not.toBe(expected.get(`${s.name} n=${s.benchSize}`)!.split(' ').pop());
  });
});
