/**
 * bench/runners.ts: which engines are available (an unregistered one gives the reason that
 * bench/native.ts shows as "n/a"), and the kiln and V8 runners agree on a kernel and a
 * command, including a failing command's exit code.
 */

import { describe, expect, it } from 'vitest';
import { engineProblem, kilnRunner, showResult, v8Runner } from '../../bench/runners.js';
import { readWorkloads, type ExportWorkload } from '../../bench/workloads.js';

describe('bench runners', () => {
  it('V8 and the interpreter are available; an unknown engine is refused with the registry message', async () => {
    expect(await engineProblem('v8')).toBeNull();
    expect(await engineProblem('interp')).toBeNull();
    expect(await engineProblem('no-such-engine')).toMatch(/unknown engine "no-such-engine" \(available: .*interp/);
  });

  it('kernel results print as signed decimals (i32 numbers, i64 bigints)', () => {
    expect(showResult(-1)).toBe('-1');
    expect(showResult(0xffffffff)).toBe('-1');
    expect(showResult(2n ** 64n - 2n)).toBe('-2');
    expect(showResult('x')).toBe('<unexpected string>');
  });

  it('a kernel gives the same result on V8 and the interpreter, and the same on every trial', async () => {
    const fib = readWorkloads(new Set(['kernel']), new Set(['fib']))[0] as ExportWorkload;
    const small: ExportWorkload = { ...fib, size: 20 };
    const results: string[] = [];
    for (const runner of [v8Runner, kilnRunner('interp')]) {
      const p = await runner.prepare(small);
      for (let i = 0; i < 2; i++) {
        const trial = p.trial();
        trial.run();
        results.push(trial.result());
      }
    }
    expect(results).toEqual(['6765', '6765', '6765', '6765']);
  });

  it('a command on V8 and on the interpreter: its output with stderr, and a non-zero exit marked', async () => {
    const w = readWorkloads(new Set(['program']), new Set(['lu']))[0]!;
    if (w.group === 'kernel') throw new Error('lu is a program');
    const bad = { ...w, args: ['lu', '12x'] };
    for (const runner of [v8Runner, kilnRunner('interp')]) {
      const trial = (await runner.prepare(bad)).trial();
      trial.run();
      expect(trial.result()).toBe('size must be an integer from 1 to 2000, got "12x"\n<exit code 2>');
    }
  });
});
