/**
 * Every instruction the x86-64 backend emits for real code agrees with GNU objdump: the
 * functions of the non-SIMD testsuite modules and of bench/corpus/corpus.wasm are compiled
 * (the allocation checker on), and for each instruction of each function's listing, objdump
 * must show the same bytes and the same text at the same offset. This covers every form
 * lowering, the allocator's edits, the prologue/epilogue and the trap stubs produce. Jump
 * tables (data after the code) are not instructions and are not compared.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Frontend } from '../../../compiler/frontend/index.js';
import { PassContext } from '../../../compiler/passes/context.js';
import { optimize } from '../../../compiler/passes/pipeline.js';
import { Allocation, Allocator, checkAllocation } from '../../../compiler/regalloc/index.js';
import { nativeV128Use } from '../../../targets/compile.js';
import { decodeModule } from '../../../formats/wasm/decode.js';
import type { Module } from '../../../formats/wasm/types.js';
import { x86Target } from '../../../targets/x86_64/target.js';
import { repoRoot } from '../../support/testsuite.js';
import { validSpecModules } from '../../support/spec-modules.js';
import { objdumpMany } from './objdump-many.js';

interface Listed {
  name: string;
  code: Uint8Array;
  lines: string[];
}

const LINE = /^ *([0-9a-f]+):  (.*)$/;

/** let vitest's worker answer its runner between long stretches of compiling */
const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function compileListed(name: string, m: Module, out: Listed[]): Promise<void> {
  const fe = new Frontend();
  const ctx = new PassContext();
  const target = x86Target();
  const allocator = new Allocator();
  const alloc = new Allocation();
  for (let d = 0; d < m.funcs.length; d++) {
    if (d % 100 === 99) await breathe();
    const f = fe.translate(m, d, { interrupts: true });
    optimize(f, ctx);
    const lowered = target.lower(f);
    allocator.allocate(lowered.m, target.env, alloc);
    checkAllocation(lowered.m, target.env, alloc);
    const e = target.emit(f, lowered, alloc, d, { listing: true });
    out.push({ name: `${name} func ${d}`, code: e.compiled.code, lines: [...(e.listing ?? [])] });
  }
}

/** objdump in batches, yielding between them (one long synchronous stretch stalls vitest's worker) */
async function compare(listed: readonly Listed[]): Promise<{ instructions: number; problems: string[] }> {
  const problems: string[] = [];
  let instructions = 0;
  const BATCH = 250;
  for (let from = 0; from < listed.length; from += BATCH) {
    await breathe();
    const batch = listed.slice(from, from + BATCH);
    const dumps = objdumpMany(batch.map((l) => l.code));
    batch.forEach((l, i) => {
      const byOffset = new Map((dumps[i] ?? []).map((d) => [d.offset, d]));
      for (const line of l.lines) {
        const m = LINE.exec(line);
        if (m === null) throw new Error(`bad listing line ${line}`);
        const off = parseInt(m[1]!, 16);
        const d = byOffset.get(off);
        instructions++;
        const ours = m[2]!.trimEnd();
        if (d === undefined) problems.push(`${l.name} @${off.toString(16)}: objdump has no instruction here; ours: ${ours}`);
        else if (d.text.trimEnd() !== ours) problems.push(`${l.name} @${off.toString(16)}: objdump "${d.text.trimEnd()}", ours "${ours}"`);
      }
    });
  }
  return { instructions, problems };
}

describe('emitted code agrees with objdump', () => {
  it('on every function of the non-SIMD testsuite modules (allocation checked)', async () => {
    const listed: Listed[] = [];
    for (const { name, module } of validSpecModules()) {
      if (nativeV128Use(module, 'x86_64') === null) await compileListed(name, module, listed);
      if (listed.length % 100 === 0) await breathe();
    }
    const { instructions, problems } = await compare(listed);
    console.log(`objdump agrees on ${instructions - problems.length} of ${instructions} instructions in ${listed.length} testsuite functions`);
    expect(problems.slice(0, 20)).toEqual([]);
    expect(instructions).toBeGreaterThan(50_000);
  }, 600_000);

  it('on every function of corpus.wasm (allocation checked)', async () => {
    const m = decodeModule(new Uint8Array(readFileSync(join(repoRoot(), 'bench/corpus/corpus.wasm'))));
    const listed: Listed[] = [];
    await compileListed('corpus', m, listed);
    const { instructions, problems } = await compare(listed);
    console.log(`objdump agrees on ${instructions - problems.length} of ${instructions} instructions in ${listed.length} corpus functions`);
    expect(problems.slice(0, 20)).toEqual([]);
    expect(listed.length).toBe(m.funcs.length);
  }, 600_000);
});
