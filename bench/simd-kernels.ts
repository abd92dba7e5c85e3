/**
 * The SIMD kernels of bench/simd (issue 13's speed check): each C source built twice by
 * bench/simd/build.mjs, `<name>.simd.wasm` (clang -O2 -msimd128) and `<name>.scalar.wasm`
 * (clang -O2 -fno-vectorize -fno-slp-vectorize, no -msimd128), both exporting run(n) → i32.
 * kernels.txt lists them: `name hot-functions bench-size test-size` per line.
 *
 * Pure file reading, no kiln imports: bench/simd.ts still measures V8 when kiln cannot load.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchDir } from './lib.js';

export type Build = 'simd' | 'scalar';
export const BUILDS: readonly Build[] = ['simd', 'scalar'];

export interface SimdKernel {
  readonly name: string;
  /** the functions (name-section names) whose loops must hold v128 instructions in the SIMD build */
  readonly hot: readonly string[];
  /** run(benchSize): what bench/simd.ts times */
  readonly benchSize: number;
  /** run(testSize): what test/bench/simd.test.ts checks */
  readonly testSize: number;
}

const positiveInt = (s: string | undefined): number | null => (s !== undefined && /^[1-9]\d*$/.test(s) ? Number(s) : null);

/** kernels.txt: `#` comments and blank lines skipped */
export function parseKernelList(text: string): SimdKernel[] {
  const kernels: SimdKernel[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [name, hot, bench, test, extra] = line.split(/\s+/);
    const benchSize = positiveInt(bench);
    const testSize = positiveInt(test);
    if (name === undefined || !/^[a-z0-9_]+$/.test(name) || hot === undefined || benchSize === null || testSize === null || extra !== undefined) {
      throw new Error(`bench/simd/kernels.txt line ${i + 1}: expected "name hot-functions bench-size test-size", got ${JSON.stringify(line)}`);
    }
    kernels.push({ name, hot: hot.split(','), benchSize, testSize });
  });
  return kernels;
}

export const simdDir = (): string => join(benchDir(), 'simd');

/** the kernels of kernels.txt, or those named in `only` */
export function readSimdKernels(only?: ReadonlySet<string>): SimdKernel[] {
  const all = parseKernelList(readFileSync(join(simdDir(), 'kernels.txt'), 'utf8'));
  if (only === undefined) return all;
  const unknown = [...only].filter((n) => !all.some((k) => k.name === n));
  if (unknown.length > 0) throw new Error(`bench: --only: unknown kernel ${unknown.join(', ')} (choose from ${all.map((k) => k.name).join(', ')})`);
  return all.filter((k) => only.has(k.name));
}

export const kernelFile = (name: string, build: Build): string => join(simdDir(), `${name}.${build}.wasm`);

export function kernelBytes(name: string, build: Build): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(kernelFile(name, build)));
}
