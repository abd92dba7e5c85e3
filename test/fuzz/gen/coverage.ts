/**
 * Opcode coverage of a differential run: how often each instruction of the opcode table
 * (formats/wasm/opcodes.ts) occurs in the bodies of the modules a run executed. Bodies are read
 * through an InstrCursor, so a module decoded from bytes is counted from what was decoded (not
 * from the generator's intent). Rows are counted by opcode id, so the two `select` rows
 * (untyped 0x1b, typed 0x1c) are told apart. v128 instructions (prefix 0xfd) are not targets:
 * the generator makes no SIMD and the native engine takes none yet.
 */

import { InstrCursor } from '../../../formats/wasm/code-body.js';
import { OPCODES, type OpInfo } from '../../../formats/wasm/opcodes.js';
import type { Module } from '../../../formats/wasm/types.js';

/** the instructions a run must cover: every row of the opcode table outside SIMD */
export const COVERAGE_TARGETS: readonly OpInfo[] = OPCODES.filter((o) => o.prefix !== 0xfd);

/** the text name of a row, with the typed select spelled `select_t` so that it reads apart */
export const opLabel = (op: OpInfo): string => (op.imm === 'select_t' ? 'select_t' : op.name);

export interface OpCount {
  op: OpInfo;
  count: number;
}

export class OpcodeCounter {
  /** occurrences by opcode id */
  readonly counts = new Uint32Array(OPCODES.length);
  private readonly cursor = new InstrCursor(false);
  modules = 0;

  /** counts every instruction of every function body of `m` */
  addModule(m: Module): void {
    const counts = this.counts;
    const c = this.cursor;
    for (const code of m.codes) {
      c.reset(code);
      while (c.next()) counts[c.ins.op]!++;
    }
    this.modules++;
  }

  /** adds another counter's figures (runs split over workers) */
  merge(other: OpcodeCounter): void {
    for (let i = 0; i < this.counts.length; i++) this.counts[i]! += other.counts[i]!;
    this.modules += other.modules;
  }

  /** the targets, rarest first (ties in table order) */
  rarest(n = COVERAGE_TARGETS.length): OpCount[] {
    return COVERAGE_TARGETS.map((op) => ({ op, count: this.counts[op.id]! }))
      .sort((a, b) => a.count - b.count || a.op.id - b.op.id)
      .slice(0, n);
  }

  /** the targets that occurred fewer than `min` times, rarest first */
  below(min: number): OpCount[] {
    return this.rarest().filter((c) => c.count < min);
  }

  /** the smallest count over all targets */
  minimum(): number {
    return this.rarest(1)[0]?.count ?? 0;
  }
}

/** `name ×count` list, e.g. for a failure message or a summary line */
export const showCounts = (cs: readonly OpCount[]): string => cs.map((c) => `${opLabel(c.op)} ×${c.count}`).join(', ');
