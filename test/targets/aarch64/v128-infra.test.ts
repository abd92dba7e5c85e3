/**
 * The AArch64 v128 infrastructure on the host (issue 13): the modules of
 * test/aarch64/v128-modules.ts (run natively by the `v128` qemu suite) compile for aarch64
 * with no refusal, every function in both bounds modes with its allocation checked, every
 * emitted instruction as objdump reads it, and in every function with v128 values the
 * float-class moves and spills are whole: no `fmov d` register move, every `ldr q` / `str q`
 * of a spill slot at a multiple of 16 from sp.
 */

import { describe, expect, it } from 'vitest';
import { Frontend } from '../../../compiler/frontend/index.js';
import { PassContext } from '../../../compiler/passes/context.js';
import { optimize } from '../../../compiler/passes/pipeline.js';
import { Allocation, Allocator, checkAllocation } from '../../../compiler/regalloc/index.js';
import { validateModule } from '../../../compiler/validate/index.js';
import { decodeModule } from '../../../formats/wasm/decode.js';
import { encodeModule } from '../../../formats/wasm/encode.js';
import { parseWat } from '../../../formats/wat/index.js';
import type { Module } from '../../../formats/wasm/types.js';
import { Emitter } from '../../../targets/aarch64/emit.js';
import { aarch64Target } from '../../../targets/aarch64/target.js';
import type { A64Func } from '../../../targets/aarch64/mfunc.js';
import { nativeV128Use } from '../../../targets/compile.js';
import { V128_MODULES } from '../../aarch64/v128-modules.js';
import { mismatches } from './support.js';

function module(wat: string): Module {
  const m = decodeModule(encodeModule(parseWat(wat)));
  validateModule(m);
  return m;
}

interface Compiled {
  readonly where: string;
  readonly wide: boolean;
  readonly texts: readonly string[];
  readonly bad: readonly string[];
}

/** every function of m in one bounds mode: its listing and objdump's disagreements */
function compileAll(name: string, m: Module, guard: boolean): Compiled[] {
  const fe = new Frontend();
  const ctx = new PassContext();
  const target = aarch64Target();
  const allocator = new Allocator();
  const alloc = new Allocation();
  const emitter = new Emitter();
  const out: Compiled[] = [];
  for (let d = 0; d < m.funcs.length; d++) {
    const f = fe.translate(m, d, { interrupts: !guard, bounds: guard ? 'none' : 'explicit', verify: true });
    optimize(f, ctx);
    const lowered = target.lower(f) as A64Func;
    allocator.allocate(lowered.m, target.env, alloc);
    checkAllocation(lowered.m, target.env, alloc);
    const e = emitter.emit(f, lowered, alloc, d, { listing: true, faultSites: guard });
    const listing = e.listing ?? [];
    out.push({ where: `${name} func ${d}${guard ? ' (guard)' : ''}`, wide: lowered.m.wideFloat, texts: listing.map((l) => l.text), bad: mismatches(listing, e.compiled.code) });
  }
  return out;
}

describe('the AArch64 v128 infrastructure on the host', () => {
  const all: Compiled[] = [];
  for (const [name, wat] of Object.entries(V128_MODULES)) {
    it(`${name}: compiles for aarch64 (no v128 use refused), every instruction as objdump reads it`, () => {
      const m = module(wat);
      expect(nativeV128Use(m, 'aarch64')).toBeNull();
      for (const guard of [false, true]) {
        for (const c of compileAll(name, m, guard)) {
          expect(c.bad, c.where).toEqual([]);
          all.push(c);
        }
      }
    });
  }

  it('functions with v128 values move float-class values whole and spill them to 16-byte aligned slots', () => {
    const wide = all.filter((c) => c.wide);
    expect(wide.length).toBeGreaterThan(10);
    let spills = 0;
    for (const c of wide) {
      expect(c.texts.filter((t) => /^fmov\td\d+, d\d+$/.test(t)), c.where).toEqual([]);
      for (const t of c.texts) {
        const q = /^(?:ldr|str)\tq\d+, \[sp, #(\d+)\]$/.exec(t);
        if (q === null) continue;
        spills++;
        expect(Number(q[1]) % 16, `${c.where}: ${t}`).toBe(0);
      }
    }
    // SPILLS alone keeps 40 values live across a call
    expect(spills).toBeGreaterThan(80);
  });
});
