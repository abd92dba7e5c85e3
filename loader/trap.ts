/**
 * Runtime traps (spec §4.4 "trap"): a typed error every engine throws, with the spec's
 * wording as its kind and a wasm backtrace (innermost frame first) using names from the
 * `name` section where the module has one.
 */

import { KilnError } from '../formats/errors.js';

/** The spec testsuite's wording for each trap (assert_trap / assert_exhaustion messages). */
export const TRAP_KINDS = [
  'unreachable',
  'out of bounds memory access',
  'out of bounds table access',
  'undefined element',
  'uninitialized element',
  'indirect call type mismatch',
  'integer divide by zero',
  'integer overflow',
  'invalid conversion to integer',
  'call stack exhausted',
] as const;
export type TrapKind = (typeof TRAP_KINDS)[number];

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

  /** multi-line human form: the kind, then `  at name (func N @0xOFF)` lines */
  backtrace(): string {
    const lines = [`trap: ${this.trapKind}`];
    for (const f of this.frames) {
      const at = f.offset === undefined ? '' : ` @0x${f.offset.toString(16)}`;
      lines.push(`  at ${f.name} (func ${f.funcIndex}${at})`);
    }
    return lines.join('\n');
  }
}

export function isKilnTrap(e: unknown): e is KilnTrap {
  return e instanceof KilnTrap;
}
