/**
 * The x86-64 assembler: encodes instructions into one buffer, binds labels, resolves jump and
 * RIP-relative label fixups when finished, collects relocations for the linker, checks each
 * instruction's CPU features against the enabled set, and can print a listing.
 *
 * Branches are rel32 unless the instruction asks for `short` (rel8); a short branch whose
 * target is out of reach is a RangeError at `finish()` (no automatic branch shortening yet).
 */

import { CodeBuffer } from '../code-buffer.js';
import { encode } from './encode.js';
import { BASELINE_FEATURES, featuresOf, type CpuFeature } from './features.js';
import type { Inst, NopSize } from './inst.js';
import type { EncodeSink } from './modrm.js';
import type { Label } from './operands.js';
import type { Gpr, W } from './regs.js';
import { printInst } from './print.js';
import type { Reloc, RelocKind } from './reloc.js';

export interface AssemblerOptions {
  /** CPU features instructions may use; default: the x86-64-v2 baseline. */
  readonly features?: ReadonlySet<CpuFeature>;
  /** Keep each instruction and its offset so that `listing()` can print them. */
  readonly listing?: boolean;
}

/** The result of `finish()`. */
export interface AssembledCode {
  readonly code: Uint8Array;
  readonly relocs: readonly Reloc[];
  /** The features the emitted instructions need (sorted), for the artifact's compatibility key. */
  readonly featuresUsed: readonly CpuFeature[];
}

export interface ListingLine {
  readonly offset: number;
  readonly bytes: Uint8Array;
  readonly text: string;
}

interface Fixup {
  readonly at: number;
  readonly size: 1 | 4;
  readonly label: Label;
  readonly addend: number;
}

const UNBOUND = -1;
/** ALU operations that leave ZF saying whether their register result is zero */
const ZF_OPS: ReadonlySet<string> = new Set(['add', 'sub', 'and', 'or', 'xor']);

export class Assembler implements EncodeSink {
  /** room for a typical function's code from the start: every regrowth is an allocation and a copy */
  readonly buf = new CodeBuffer(4096);
  private readonly features: ReadonlySet<CpuFeature>;
  private readonly labels: number[] = [];
  private readonly fixups: Fixup[] = [];
  private readonly relocs: Reloc[] = [];
  private readonly used = new Set<CpuFeature>();
  private readonly recorded: { at: number; inst: Inst }[] | null;
  private finished = false;
  /**
   * The register (and width) whose value the zero flag describes, when the last thing emitted
   * was an add/sub/and/or/xor into a register and no label was bound since; `zfAt` is where
   * that instruction ended.
   */
  /** where the last `call` emitted ended: its return address (stack maps), or -1 */
  lastCallEnd = -1;
  private zfReg = -1;
  private zfW = 0;
  private zfAt = -1;

  constructor(options: AssemblerOptions = {}) {
    this.features = options.features ?? BASELINE_FEATURES;
    this.recorded = options.listing === true ? [] : null;
  }

  newLabel(): Label {
    this.labels.push(UNBOUND);
    return (this.labels.length - 1) as Label;
  }

  /** Bind a label to the current offset; a label is bound once. */
  bind(label: Label): void {
    if (this.labels[label] === undefined) throw new RangeError(`label ${label} does not belong to this assembler`);
    if (this.labels[label] !== UNBOUND) throw new RangeError(`label ${label} is already bound`);
    this.labels[label] = this.buf.length;
    this.zfAt = -1; // a branch may arrive here with other flags
  }

  /**
   * True when ZF already says whether register `reg` (its low `w` bits) is zero: the
   * instruction just emitted computed it with add/sub/and/or/xor and nothing followed. A
   * `test reg, reg` for an `e`/`ne` condition is then redundant (only ZF is read; `test` and
   * these set it alike, unlike CF and OF).
   */
  zeroFlagOf(reg: Gpr, w: W): boolean {
    return this.zfAt === this.buf.length && this.zfReg === reg && this.zfW === w;
  }

  /** The offset a label is bound to. */
  labelOffset(label: Label): number {
    const at = this.labels[label];
    if (at === undefined || at === UNBOUND) throw new RangeError(`label ${label} is not bound`);
    return at;
  }

  /** Encode one instruction; throws if it needs a CPU feature that is not enabled. */
  emit(inst: Inst): void {
    if (this.finished) throw new Error('assembler already finished');
    const needs = featuresOf(inst);
    for (let k = 0; k < needs.length; k++) {
      const f = needs[k]!;
      if (!this.features.has(f)) throw new RangeError(`${inst.kind} ${'op' in inst ? inst.op : ''} needs CPU feature ${f}, which is not enabled`);
      this.used.add(f);
    }
    this.recorded?.push({ at: this.buf.length, inst });
    encode(this, inst);
    if (inst.kind === 'call' || inst.kind === 'call_ind') this.lastCallEnd = this.buf.length;
    if ((inst.kind === 'alu' || inst.kind === 'alu_imm') && ZF_OPS.has(inst.op) && typeof inst.dst === 'number') {
      this.zfReg = inst.dst;
      this.zfW = inst.w;
      this.zfAt = this.buf.length;
    }
  }

  /**
   * Pad with multi-byte nops (or int3, between functions) up to a multiple of `boundary`,
   * a power of two from 1 to 4096.
   */
  align(boundary: number, fill: 'nop' | 'int3' = 'nop'): void {
    if (!Number.isInteger(boundary) || boundary < 1 || boundary > 4096 || (boundary & (boundary - 1)) !== 0) {
      throw new RangeError(`alignment must be a power of two from 1 to 4096, not ${boundary}`);
    }
    let pad = -this.buf.length & (boundary - 1);
    while (pad > 0) {
      const size = fill === 'int3' ? 1 : Math.min(pad, 9);
      this.emit(fill === 'int3' ? { kind: 'int3' } : { kind: 'nop', size: size as NopSize });
      pad -= size;
    }
  }

  labelFixup(at: number, size: 1 | 4, label: Label, addend: number): void {
    this.fixups.push({ at, size, label, addend });
  }

  reloc(at: number, kind: RelocKind, symbol: string, addend: number): void {
    this.relocs.push({ offset: at, kind, symbol, addend });
  }

  /**
   * Resolve label fixups and return the code; the assembler cannot be used to emit after this,
   * and (unless made with `listing`) its buffer is released for the next assembler.
   */
  finish(): AssembledCode {
    this.finished = true;
    for (const f of this.fixups) {
      const value = this.labelOffset(f.label) + f.addend - f.at;
      if (f.size === 1) {
        if (value < -128 || value > 127) throw new RangeError(`short branch at ${f.at - 1} cannot reach label ${f.label} (${value} bytes)`);
        this.buf.patch8(f.at, value);
      } else {
        this.buf.patch32(f.at, value);
      }
    }
    const code = this.buf.bytes();
    // without a listing nothing reads the buffer again: the next assembler reuses its storage
    if (this.recorded === null) this.buf.release();
    return { code, relocs: this.relocs.slice(), featuresUsed: [...this.used].sort() };
  }

  /** After finish(): every instruction with its offset, bytes and objdump text. */
  listing(): ListingLine[] {
    if (this.recorded === null) throw new Error('assembler was not created with { listing: true }');
    if (!this.finished) throw new Error('listing() needs finish() first (labels are unresolved)');
    const out: ListingLine[] = [];
    const rec = this.recorded;
    const code = this.buf.view();
    for (let k = 0; k < rec.length; k++) {
      const { at, inst } = rec[k]!;
      const end = k + 1 < rec.length ? rec[k + 1]!.at : this.buf.length;
      const text = printInst(inst, { addr: at, end, labelOffset: (l) => this.labelOffset(l) });
      out.push({ offset: at, bytes: code.slice(at, end), text });
    }
    return out;
  }
}
