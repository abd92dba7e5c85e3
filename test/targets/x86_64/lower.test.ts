/**
 * Instruction selection over whole corpora: every defined function of every valid non-SIMD
 * testsuite module and of bench/corpus/corpus.wasm lowers, and the machine function keeps the
 * allocator's contract (compiler/regalloc/mach.ts): one terminator per block, last; no
 * critical edges; edge arguments match the successor's params in number and class; operands
 * are well formed (Fixed registers allocatable or scratch-free, Reuse naming a Use).
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Frontend } from '../../../compiler/frontend/index.js';
import { PassContext } from '../../../compiler/passes/context.js';
import { optimize } from '../../../compiler/passes/pipeline.js';
import { Constraint, InstFlag, OpKind, type MachFunc } from '../../../compiler/regalloc/mach.js';
import { nativeV128Use } from '../../../targets/compile.js';
import { decodeModule } from '../../../formats/wasm/decode.js';
import { parseWat } from '../../../formats/wat/index.js';
import { validateModule } from '../../../compiler/validate/index.js';
import type { Module } from '../../../formats/wasm/types.js';
import { X86_ENV } from '../../../targets/x86_64/abi.js';
import { Lowerer } from '../../../targets/x86_64/lower.js';
import { missingLowerings } from '../../../targets/x86_64/rules/rule.js';
import { repoRoot } from '../../support/testsuite.js';
import { validSpecModules } from '../../support/spec-modules.js';

/** the contract violations of m, as text */
export function machProblems(m: MachFunc): string[] {
  const out: string[] = [];
  const preds = new Int32Array(m.blockCount);
  for (let b = 0; b < m.blockCount; b++) {
    const s0 = m.blockSuccStart[b] as number;
    for (let e = s0; e < s0 + (m.blockSuccCount[b] as number); e++) (preds[m.edgeTarget[e] as number] as number)++;
  }
  for (let b = 0; b < m.blockCount; b++) {
    const first = m.blockFirst[b] as number;
    const end = m.blockEnd[b] as number;
    if (end <= first) out.push(`block ${b} is empty`);
    for (let i = first; i < end; i++) {
      const term = ((m.instFlags[i] as number) & InstFlag.TERM) !== 0;
      if (term !== (i === end - 1)) out.push(`block ${b} inst ${i}: terminator flag ${term}`);
      const o0 = m.instOpStart[i] as number;
      for (let o = o0; o < o0 + (m.instOpCount[i] as number); o++) {
        const cls = m.vregClass[m.opVreg[o] as number] as 0 | 1;
        const c = m.opConstraint[o] as number;
        if (c === Constraint.Fixed && !X86_ENV.allocatable[cls].includes(m.opFixed[o] as number)) out.push(`inst ${i}: fixed to a register that is not allocatable`);
        if (c === Constraint.Reuse) {
          const k = m.opFixed[o] as number;
          if (k < 0 || k >= (m.instOpCount[i] as number) || m.opKind[o0 + k] !== OpKind.Use) out.push(`inst ${i}: reuse of operand ${k}, not a use`);
          else if (m.vregClass[m.opVreg[o0 + k] as number] !== cls) out.push(`inst ${i}: reuse across classes`);
        }
      }
    }
    const s0 = m.blockSuccStart[b] as number;
    const n = m.blockSuccCount[b] as number;
    const distinct = new Set<number>();
    for (let e = s0; e < s0 + n; e++) {
      const t = m.edgeTarget[e] as number;
      distinct.add(t);
      if ((m.edgeArgCount[e] as number) !== (m.blockParamCount[t] as number)) out.push(`block ${b} -> ${t}: ${m.edgeArgCount[e] as number} args for ${m.blockParamCount[t] as number} params`);
      for (let k = 0; k < (m.edgeArgCount[e] as number); k++) {
        const a = m.edgeArgPool[(m.edgeArgStart[e] as number) + k] as number;
        const p = m.paramPool[(m.blockParamStart[t] as number) + k] as number;
        if (m.vregClass[a] !== m.vregClass[p]) out.push(`block ${b} -> ${t}: arg ${k} class differs`);
      }
    }
    for (const t of distinct) if (distinct.size > 1 && (preds[t] as number) > 1) out.push(`critical edge ${b} -> ${t}`);
    // edge moves go before the terminator of a block with one successor into a join: it must read nothing
    const term = end - 1;
    const [only] = distinct;
    if (distinct.size === 1 && only !== undefined && (preds[only] as number) > 1) {
      const o0 = m.instOpStart[term] as number;
      for (let o = o0; o < o0 + (m.instOpCount[term] as number); o++) if (m.opKind[o] === OpKind.Use) out.push(`block ${b}: terminator into join ${only} reads v${m.opVreg[o] as number}`);
    }
    if (b === 0 && (m.blockParamCount[0] as number) !== 0) out.push('block 0 has params');
  }
  return out;
}

function lowerAll(name: string, m: Module, fails: string[]): number {
  const fe = new Frontend();
  const ctx = new PassContext();
  const lw = new Lowerer();
  let n = 0;
  for (let d = 0; d < m.funcs.length; d++) {
    try {
      const f = fe.translate(m, d);
      optimize(f, ctx);
      const x = lw.lower(f);
      for (const p of machProblems(x.m)) fails.push(`${name} func ${d}: ${p}`);
      n++;
    } catch (e) {
      fails.push(`${name} func ${d}: ${String(e)}`);
    }
  }
  return n;
}

describe('x86-64 instruction selection', () => {
  it('has a lowering for every non-SIMD IR opcode', () => {
    expect(missingLowerings()).toEqual([]);
  });

  it('a br_table with only a default target into a join is a jump', () => {
    const m = parseWat('(module (func (param i32) (result i32) block local.get 0 if nop else local.get 0 br_table 0 end end i32.const 3))');
    validateModule(m);
    const fails: string[] = [];
    expect(lowerAll('br_table default only', m, fails)).toBe(1);
    expect(fails).toEqual([]);
  });

  it('lowers every function of every valid non-SIMD testsuite module within the allocator contract', () => {
    const fails: string[] = [];
    let funcs = 0;
    let modules = 0;
    for (const { name, module } of validSpecModules()) {
      if (nativeV128Use(module, 'x86_64') !== null) continue;
      modules++;
      funcs += lowerAll(name, module, fails);
    }
    console.log(`lowered ${funcs} functions of ${modules} testsuite modules`);
    expect(fails.slice(0, 20)).toEqual([]);
    expect(funcs).toBeGreaterThan(4_000);
  }, 300_000);

  it('lowers every function of corpus.wasm within the allocator contract', () => {
    const m = decodeModule(new Uint8Array(readFileSync(join(repoRoot(), 'bench/corpus/corpus.wasm'))));
    const fails: string[] = [];
    const n = lowerAll('corpus', m, fails);
    expect(fails.slice(0, 20)).toEqual([]);
    expect(n).toBe(m.funcs.length);
  }, 300_000);
});
