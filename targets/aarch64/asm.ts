/**
 * The AArch64 assembler: encodes instructions into one buffer of little-endian 32-bit words,
 * binds labels, resolves the pc-relative fields that point at labels when finished (imm26 for
 * b/bl, imm19 for b.cond/cbz/cbnz/ldr literal, imm14 for tbz/tbnz, the 21-bit adr offset),
 * collects relocations for the linker (call26/jump26 for branches to symbols, adrp/add
 * page and low-12 for symbol addresses), checks each instruction's CPU features against the
 * enabled set, and can print a listing in objdump's syntax.
 *
 * A branch whose label is out of its field's reach is a RangeError at `finish()`; there is no
 * automatic branch relaxation (a later backend chooses the form: b.cond over b, or cbz
 * inverted around a b, where a function may exceed ±1 MiB).
 */

import { CodeBuffer } from '../code-buffer.js';
import { encode, patchBranch, type EncodeSink } from './encode.js';
import { BASELINE_FEATURES, featuresOf } from './features.js';
import { branchRange, BRANCH_FIELDS, imm16, type BranchField } from './imm.js';
import type { Inst } from './inst.js';
import type { Label } from './operands.js';
import { printInst } from './print.js';
import type { Reloc, RelocKind } from './reloc.js';

export interface AssemblerOptions {
  /** CPU features instructions may use; default: the armv8.0-a baseline. */
  readonly features?: ReadonlySet<string>;
  /** Keep each instruction and its offset so that `listing()` can print them. */
  readonly listing?: boolean;
}

/** The result of `finish()`. */
export interface AssembledCode {
  readonly code: Uint8Array;
  readonly relocs: readonly Reloc[];
  /** The features the emitted instructions need (sorted), for the artifact's compatibility key. */
  readonly featuresUsed: readonly string[];
}

export interface ListingLine {
  readonly offset: number;
  readonly bytes: Uint8Array;
  readonly text: string;
}

/** What `align` pads with: nops inside a function, udf #0 or brk #0 between functions. */
export type AlignFill = 'nop' | 'udf' | 'brk';

interface Fixup {
  readonly at: number;
  readonly field: BranchField;
  readonly label: Label;
}

const UNBOUND = -1;

export class Assembler implements EncodeSink {
  /** room for a typical function's code from the start: every regrowth is an allocation and a copy */
  readonly buf = new CodeBuffer(4096);
  private readonly features: ReadonlySet<string>;
  private readonly labels: number[] = [];
  private readonly fixups: Fixup[] = [];
  private readonly relocs: Reloc[] = [];
  private readonly used = new Set<string>();
  private readonly recorded: { at: number; inst: Inst }[] | null;
  private finished = false;
  /** where the last bl/blr emitted ended: its return address (stack maps), or -1 */
  lastCallEnd = -1;

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
    const at = this.buf.length;
    encode(this, inst);
    this.recorded?.push({ at, inst });
    if (inst.kind === 'bl' || (inst.kind === 'br' && inst.op === 'blr')) this.lastCallEnd = this.buf.length;
  }

  /**
   * Pad up to a multiple of `boundary` (a power of two from 4 to 4096; 1 and 2 are always
   * met) with nops, or with `udf #0` / `brk #0` between functions.
   */
  align(boundary: number, fill: AlignFill = 'nop'): void {
    if (!Number.isInteger(boundary) || boundary < 1 || boundary > 4096 || (boundary & (boundary - 1)) !== 0) {
      throw new RangeError(`alignment must be a power of two from 1 to 4096, not ${boundary}`);
    }
    const pad = -this.buf.length & (boundary - 1);
    const filler: Inst = fill === 'nop' ? { kind: 'nop' } : { kind: fill, imm: imm16(0) };
    for (let k = 0; k < pad; k += 4) this.emit(filler);
  }

  labelFixup(at: number, field: BranchField, label: Label): void {
    this.fixups.push({ at, field, label });
  }

  reloc(at: number, kind: RelocKind, symbol: string, addend: number): void {
    this.relocs.push({ offset: at, kind, symbol, addend });
  }

  /**
   * The offsets of the instructions whose label is bound beyond their field's reach, all of
   * them in offset order (`finish()` throws at the first): a code generator relaxes those
   * branches and emits the code again. Fixups to labels not yet bound are not reported.
   */
  outOfReach(): number[] {
    const out: number[] = [];
    for (const f of this.fixups) {
      const at = this.labels[f.label];
      if (at === undefined || at === UNBOUND) continue;
      const offset = at - f.at;
      const { min, max } = branchRange(f.field);
      if (offset < min || offset > max) out.push(f.at);
    }
    return out.sort((a, b) => a - b);
  }

  /**
   * Resolve label fixups and return the code; the assembler cannot be used to emit after this,
   * and (unless made with `listing`) its buffer is released for the next assembler.
   */
  finish(): AssembledCode {
    this.finished = true;
    for (const f of this.fixups) {
      const offset = this.labelOffset(f.label) - f.at;
      const { min, max } = branchRange(f.field);
      if (offset < min || offset > max || offset % BRANCH_FIELDS[f.field].scale !== 0) {
        throw new RangeError(`${f.field} branch at ${f.at} cannot reach label ${f.label} (${offset} bytes; reach ${min}..${max})`);
      }
      this.buf.patch32(f.at, patchBranch(this.buf.read32(f.at), f.field, offset));
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
    const code = this.buf.view();
    return this.recorded.map(({ at, inst }) => ({
      offset: at,
      bytes: code.slice(at, at + 4),
      text: printInst(inst, { addr: at, labelOffset: (l) => this.labelOffset(l) }),
    }));
  }
}
