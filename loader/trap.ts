/**
 * Runtime traps (spec §4.4 "trap"): a typed error every engine throws, with the spec's
 * wording as its kind and a wasm backtrace (innermost frame first) using names from the
 * `name` section where the module has one.
 */

import { KilnError } from '../formats/errors.js';
import type { TrapKind } from '../formats/traps.js';

export { TRAP_KINDS, type TrapKind } from '../formats/traps.js';

/** Documented `kiln run` exit code for a trap (see README). */
export const TRAP_EXIT_CODE = 134;

export interface WasmFrame {
  /** function index in the module's function index space */
  funcIndex: number;
  /** display name: name section, export name, or `func[N]` */
  name: string;
  /** byte offset of the instruction in the module binary, when known */
  offset?: number;
}

export class KilnTrap extends KilnError {
  readonly trapKind: TrapKind;
  /** innermost first */
  readonly frames: WasmFrame[];

  constructor(kind: TrapKind, frames: WasmFrame[] = []) {
    super('trap', kind);
    this.name = 'KilnTrap';
    this.trapKind = kind;
    this.frames = frames;
  }

  /**
   * Multi-line human form: the kind, then `  at name (func N @0xOFF)` lines, innermost
   * first; a run of identical frames (deep recursion) is shown once with its repeat count.
   */
  backtrace(): string {
    const lines = [`trap: ${this.trapKind}`];
    const text = (f: WasmFrame): string =>
      `  at ${f.name} (func ${f.funcIndex}${f.offset === undefined ? '' : ` @0x${f.offset.toString(16)}`})`;
    for (let i = 0; i < this.frames.length; ) {
      const line = text(this.frames[i] as WasmFrame);
      let j = i + 1;
      while (j < this.frames.length && text(this.frames[j] as WasmFrame) === line) j++;
      lines.push(line);
      if (j - i > 1) lines.push(`  … the frame above repeated ${j - i - 1} more time${j - i - 1 === 1 ? '' : 's'}`);
      i = j;
    }
    return lines.join('\n');
  }
}

export function isKilnTrap(e: unknown): e is KilnTrap {
  return e instanceof KilnTrap;
}
