/**
 * Opcode coverage of a differential run: how often each instruction of the opcode table
 * (formats/wasm/opcodes.ts) occurs in the bodies of the modules a run executed. Bodies are read
 * through an InstrCursor, so a module decoded from bytes is counted from what was decoded (not
 * from the generator's intent). Rows are counted by opcode id, so the two `select` rows
 * (untyped 0x1b, typed 0x1c) are told apart, and every 0xFD row (its sub-opcode read as a
 * u32 LEB by the decoder) is its own row. Two target sets: COVERAGE_TARGETS, every row outside
 * SIMD (what the scalar runs must cover), and SIMD_TARGETS, every 0xFD row (what runs with the
 * generator's simd feature must cover); the queries take the set, scalar by default.
 */

import { InstrCursor } from '../../../formats/wasm/code-body.js';
import { OPCODES, type OpInfo } from '../../../formats/wasm/opcodes.js';
import type { Module } from '../../../formats/wasm/types.js';

/** the instructions a scalar run must cover: every row of the opcode table outside SIMD */
export const COVERAGE_TARGETS: readonly OpInfo[] = OPCODES.filter((o) => o.prefix !== 0xfd);
/** the instructions a SIMD run must cover as well: every 0xFD row */
export const SIMD_TARGETS: readonly OpInfo[] = OPCODES.filter((o) => o.prefix === 0xfd);

/** the text name of a row, with the typed select spelled `select_t` so that it reads apart */
export const opLabel = (op: OpInfo): string => (op.imm === 'select_t' ? 'select_t' : op.name);

/** 1 for the ids of 0xFD rows */
const IS_SIMD = Uint8Array.from(OPCODES, (o) => (o.prefix === 0xfd ? 1 : 0));

export interface OpCount {
  op: OpInfo;
  count: number;
}

export class OpcodeCounter {
  /** occurrences by opcode id */
  readonly counts = new Uint32Array(OPCODES.length);
  private readonly cursor = new InstrCursor(false);
  modules = 0;
  /** modules with at least one SIMD instruction */
  simdModules = 0;

  /** counts every instruction of every function body of `m` */
  addModule(m: Module): void {
    const counts = this.counts;
    const c = this.cursor;
    let simd = 0;
    for (const code of m.codes) {
      c.reset(code);
      while (c.next()) {
        counts[c.ins.op]!++;
        simd |= IS_SIMD[c.ins.op]!;
      }
    }
    this.modules++;
    this.simdModules += simd;
  }

  /** adds another counter's figures (runs split over workers) */
  merge(other: OpcodeCounter): void {
    for (let i = 0; i < this.counts.length; i++) this.counts[i]! += other.counts[i]!;
    this.modules += other.modules;
    this.simdModules += other.simdModules;
  }

  /** the targets, rarest first (ties in table order) */
  rarest(n?: number, targets: readonly OpInfo[] = COVERAGE_TARGETS): OpCount[] {
    return targets
      .map((op) => ({ op, count: this.counts[op.id]! }))
      .sort((a, b) => a.count - b.count || a.op.id - b.op.id)
      .slice(0, n ?? targets.length);
  }

  /** the targets that occurred fewer than `min` times, rarest first */
  below(min: number, targets: readonly OpInfo[] = COVERAGE_TARGETS): OpCount[] {
    return this.rarest(undefined, targets).filter((c) => c.count < min);
  }

  /** the SIMD rows that occurred fewer than `min` times, rarest first */
  simdBelow(min: number): OpCount[] {
    return this.below(min, SIMD_TARGETS);
  }

  /** the smallest count over the targets */
  minimum(targets: readonly OpInfo[] = COVERAGE_TARGETS): number {
    return this.rarest(1, targets)[0]?.count ?? 0;
  }
}

/** `name ×count` list, e.g. for a failure message or a summary line */
export const showCounts = (cs: readonly OpCount[]): string => cs.map((c) => `${opLabel(c.op)} ×${c.count}`).join(', ');
