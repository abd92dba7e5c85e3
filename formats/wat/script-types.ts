/**
 * The abstract syntax of WAST scripts (the spec interpreter's script format, see the
 * testsuite's README / spec `interpreter/README.md` "Scripts"). Produced by
 * formats/wat/script.ts, consumed by the spec runner (test/spec) and `kiln` tools.
 */

import type { Module } from '../wasm/types.js';

/** A constant argument or exact expected value. Floats are kept as bit patterns. */
export type ScriptValue =
  | { type: 'i32'; value: number }
  | { type: 'i64'; value: bigint }
  | { type: 'f32'; bits: number } // unsigned 32-bit pattern
  | { type: 'f64'; bits: bigint } // unsigned 64-bit pattern
  | { type: 'v128'; bytes: Uint8Array }
  | { type: 'funcref'; isNull: true }
  | { type: 'externref'; isNull: true }
  | { type: 'externref'; isNull: false; host: number }; // (ref.extern N)

export type NanKind = 'canonical' | 'arithmetic';

/** One lane of an expected v128 given per lane (`v128.const f32x4 nan:canonical 1.0 ...`). */
export type LanePattern =
  | { kind: 'int'; value: bigint } // integer lane, compared modulo the lane width
  | { kind: 'float'; bits: bigint } // exact float bits
  | { kind: 'nan'; nan: NanKind };

export type ResultPattern =
  | { kind: 'value'; value: ScriptValue }
  | { kind: 'nan'; type: 'f32' | 'f64'; nan: NanKind }
  | { kind: 'v128'; shape: 'i8x16' | 'i16x8' | 'i32x4' | 'i64x2' | 'f32x4' | 'f64x2'; lanes: LanePattern[] }
  /** (ref.func) with no index: any non-null funcref; (ref.extern) with no number: any non-null externref */
  | { kind: 'ref_any'; type: 'funcref' | 'externref' };

export interface Position {
  line: number;
  column: number;
}

export type ModuleSource =
  /** a text module, already parsed; `text` is the module's source slice */
  | { kind: 'text'; module: Module; pos: Position }
  /** (module binary "...") */
  | { kind: 'binary'; bytes: Uint8Array; pos: Position }
  /** (module quote "...") — the concatenated text, to be parsed when the command runs */
  | { kind: 'quote'; text: string; pos: Position };

export type Action =
  | { kind: 'invoke'; module: string | null; name: string; args: ScriptValue[] }
  | { kind: 'get'; module: string | null; name: string };

export type Command =
  | { kind: 'module'; name: string | null; source: ModuleSource; line: number }
  | { kind: 'register'; as: string; module: string | null; line: number }
  | { kind: 'action'; action: Action; line: number }
  | { kind: 'assert_return'; action: Action; expected: ResultPattern[]; line: number }
  | { kind: 'assert_trap'; action: Action; message: string; line: number }
  /** (assert_trap (module ...) "msg") and (assert_uninstantiable (module ...) "msg") */
  | { kind: 'assert_uninstantiable'; source: ModuleSource; message: string; line: number }
  | { kind: 'assert_exhaustion'; action: Action; message: string; line: number }
  | { kind: 'assert_malformed'; source: ModuleSource; message: string; line: number }
  | { kind: 'assert_invalid'; source: ModuleSource; message: string; line: number }
  | { kind: 'assert_unlinkable'; source: ModuleSource; message: string; line: number };

export interface Script {
  file: string;
  commands: Command[];
}
