/**
 * The AArch64 backend on the whole non-SIMD spec testsuite: every function of every valid
 * module without v128 compiles (allocation checked) in both bounds modes, and every
 * instruction it emits agrees with GNU objdump — the same word and the same text at the same
 * offset. This covers every form lowering, the allocator's edits, the prologue/epilogue and the
 * trap stubs produce; and the same for the functions of bench/corpus/corpus.wasm. Jump tables (data after the code) are not instructions and are not
 * compared.
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Frontend } from '../../../compiler/frontend/index.js';
import { PassContext } from '../../../compiler/passes/context.js';
import { optimize } from '../../../compiler/passes/pipeline.js';
import { Allocation, Allocator, checkAllocation } from '../../../compiler/regalloc/index.js';
import { nativeV128Use } from '../../../targets/compile.js';
import { decodeModule } from '../../../formats/wasm/decode.js';
import type { Module } from '../../../formats/wasm/types.js';
import { aarch64Target } from '../../../targets/aarch64/target.js';
import { validSpecModules } from '../../support/spec-modules.js';
import { repoRoot } from '../../support/testsuite.js';
import { MISSING, OBJDUMP, parseListing } from './objdump.js';

interface Listed {
  name: string;
  code: Uint8Array;
  lines: string[];
}

const LINE = /^ *([0-9a-f]+):  (.*)$/;

/** let vitest's worker answer its runner between long stretches of compiling */
const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function compileListed(name: string, m: Module, guard: boolean, out: Listed[]): Promise<void> {
  const fe = new Frontend();
  const ctx = new PassContext();
  const target = aarch64Target();
  const allocator = new Allocator();
  const alloc = new Allocation();
  for (let d = 0; d < m.funcs.length; d++) {
    if (d % 100 === 99) await breathe();
    const f = fe.translate(m, d, { interrupts: !guard, bounds: guard ? 'none' : 'explicit', verify: true });
    optimize(f, ctx);
    const lowered = target.lower(f);
    allocator.allocate(lowered.m, target.env, alloc);
    checkAllocation(lowered.m, target.env, alloc);
    const e = target.emit(f, lowered, alloc, d, { listing: true, faultSites: guard });
    out.push({ name: `${name} func ${d}${guard ? ' (guard)' : ''}`, code: e.compiled.code, lines: [...(e.listing ?? [])] });
  }
}

/** objdump of many functions in one run: their code concatenated (every function is a whole number of words) */
function objdumpAll(listed: readonly Listed[]): Map<number, string>[] {
  const total = listed.reduce((n, l) => n + l.code.length, 0);
  const all = new Uint8Array(total);
  const starts: number[] = [];
  let at = 0;
  for (const l of listed) {
    starts.push(at);
    all.set(l.code, at);
    at += l.code.length;
  }
  const dir = mkdtempSync(join(tmpdir(), 'kiln-a64-emitted-'));
  try {
    const file = join(dir, 'code.bin');
    writeFileSync(file, all);
    const run = spawnSync(OBJDUMP, ['-D', '-z', '-b', 'binary', '-m', 'aarch64', file], { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
    if (run.error !== undefined && (run.error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(MISSING);
    if (run.status !== 0) throw new Error(`${OBJDUMP} failed (${run.status}): ${run.stderr}`);
    const byOffset = new Map(parseListing(run.stdout).map((d) => [d.offset, d.text]));
    return listed.map((l, k) => {
      const own = new Map<number, string>();
      const base = starts[k] as number;
      for (let o = 0; o < l.code.length; o += 4) {
        const t = byOffset.get(base + o);
        if (t !== undefined) own.set(o, t.replace(/\t\/\/ .*$/, '').replace(/ +\/\/ b\..*$/, ''));
      }
      return own;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * objdump prints branch targets as absolute offsets in the file it was given: relative to a
 * function, ours differ by the function's start. Compare them as the targets' offsets.
 */
function sameText(ours: string, theirs: string, base: number): boolean {
  const ourText = ours.replace(/\t\/\/ .*$/, '').replace(/ +\/\/ b\..*$/, '').trimEnd();
  if (ourText === theirs.trimEnd()) return true;
  const target = /^(.*[\t ,])0x([0-9a-f]+)$/;
  const a = target.exec(ourText);
  const b = target.exec(theirs.trimEnd());
  return a !== null && b !== null && a[1] === b[1] && parseInt(a[2]!, 16) + base === parseInt(b[2]!, 16);
}

async function compare(listed: readonly Listed[]): Promise<{ instructions: number; problems: string[] }> {
  const problems: string[] = [];
  let instructions = 0;
  const BATCH = 2000;
  for (let from = 0; from < listed.length; from += BATCH) {
    await breathe();
    const batch = listed.slice(from, from + BATCH);
    const dumps = objdumpAll(batch);
    let base = 0;
    batch.forEach((l, i) => {
      const own = dumps[i]!;
      for (const line of l.lines) {
        const m = LINE.exec(line);
        if (m === null) throw new Error(`bad listing line ${line}`);
        const off = parseInt(m[1]!, 16);
        const d = own.get(off);
        instructions++;
        const ours = m[2]!.trimEnd();
        if (d === undefined) problems.push(`${l.name} @${off.toString(16)}: objdump has no instruction here; ours: ${ours}`);
        else if (!sameText(ours, d, base)) problems.push(`${l.name} @${off.toString(16)}: objdump "${d.trimEnd()}", ours "${ours}"`);
      }
      base += l.code.length;
    });
  }
  return { instructions, problems };
}

describe('the AArch64 backend on the spec testsuite', () => {
  it('compiles every function of every non-SIMD module in both bounds modes, and objdump agrees with every instruction', async () => {
    const listed: Listed[] = [];
    let modules = 0;
    const failures: string[] = [];
    for (const { name, module } of validSpecModules()) {
      if (nativeV128Use(module, 'aarch64') !== null) continue;
      modules++;
      for (const guard of [false, true]) {
        try {
          await compileListed(name, module, guard, listed);
        } catch (err) {
          failures.push(`${name}${guard ? ' (guard)' : ''}: ${(err as Error).message}`);
        }
      }
      if (modules % 50 === 0) await breathe();
    }
    expect(failures.slice(0, 20)).toEqual([]);
    const { instructions, problems } = await compare(listed);
    console.log(`aarch64: ${modules} modules, ${listed.length} functions compiled; objdump agrees on ${instructions - problems.length} of ${instructions} instructions`);
    expect(problems.slice(0, 20)).toEqual([]);
    expect(instructions).toBeGreaterThan(50_000);
  }, 600_000);

  it('compiles every function of corpus.wasm, and objdump agrees with every instruction', async () => {
    const m = decodeModule(new Uint8Array(readFileSync(join(repoRoot(), 'bench/corpus/corpus.wasm'))));
    const listed: Listed[] = [];
    await compileListed('corpus', m, false, listed);
    const { instructions, problems } = await compare(listed);
    console.log(`aarch64: objdump agrees on ${instructions - problems.length} of ${instructions} instructions in ${listed.length} corpus functions`);
    expect(problems.slice(0, 20)).toEqual([]);
    expect(listed.length).toBe(m.funcs.length);
  }, 600_000);
});
