/**
 * The in-memory Module: what the binary decoder and the text parser produce, what the
 * encoder, validator, interpreter and compiler consume. Mirrors the Wasm 2.0 abstract
 * syntax (spec §2), with a few fields kept only so that decode → encode is byte-exact.
 */

/** Value types are their binary encodings (spec §5.3.1). */
export const enum ValType {
  I32 = 0x7f,
  I64 = 0x7e,
  F32 = 0x7d,
  F64 = 0x7c,
  V128 = 0x7b,
  FuncRef = 0x70,
  ExternRef = 0x6f,
}
export type RefType = ValType.FuncRef | ValType.ExternRef;

export const VALTYPE_NAMES: Readonly<Record<number, string>> = {
  0x7f: 'i32',
  0x7e: 'i64',
  0x7d: 'f32',
  0x7c: 'f64',
  0x7b: 'v128',
  0x70: 'funcref',
  0x6f: 'externref',
};
export const valTypeName = (t: number): string => VALTYPE_NAMES[t] ?? `<type 0x${t.toString(16)}>`;
export const isRefType = (t: number): boolean => t === ValType.FuncRef || t === ValType.ExternRef;
export const isValType = (t: number): boolean => VALTYPE_NAMES[t] !== undefined;

export interface FuncType {
  params: ValType[];
  results: ValType[];
}

export interface Limits {
  min: number;
  /** undefined when there is no maximum */
  max?: number;
}
export interface TableType {
  elem: RefType;
  limits: Limits;
}
export interface MemType {
  limits: Limits;
}
export interface GlobalType {
  type: ValType;
  mutable: boolean;
}

export type ExternKind = 'func' | 'table' | 'memory' | 'global';
export const EXTERN_KIND_CODES: Readonly<Record<ExternKind, number>> = { func: 0, table: 1, memory: 2, global: 3 };

export type ImportDesc =
  | { kind: 'func'; type: number }
  | { kind: 'table'; table: TableType }
  | { kind: 'memory'; mem: MemType }
  | { kind: 'global'; global: GlobalType };

export interface Import {
  module: string;
  name: string;
  desc: ImportDesc;
}

export interface Export {
  name: string;
  kind: ExternKind;
  index: number;
}

/**
 * One decoded instruction. The shape is flat and monomorphic (every field always present)
 * so that arrays of instructions stay fast. Meaning of a/b/x per immediate kind is given
 * by `ImmKind` in opcodes.ts.
 */
export interface Instr {
  /** index into OPCODES */
  op: number;
  /** byte offset of the opcode in the module binary; -1 when built from text */
  offset: number;
  a: number;
  b: number;
  /** third number immediate: the lane index of load/store-lane instructions */
  c: number;
  /** i64 const (signed bigint), f64 const bits (unsigned bigint), v128/shuffle bytes, br_table labels, select types */
  x: bigint | Uint8Array | number[] | null;
}
export type Expr = Instr[];

export interface Global {
  type: GlobalType;
  init: Expr;
}

export type ElemMode =
  | { kind: 'passive' }
  | { kind: 'declarative' }
  | { kind: 'active'; table: number; offset: Expr };

export interface Elem {
  type: RefType;
  /** each entry is a constant expression (ref.func i / ref.null t / global.get) */
  init: Expr[];
  mode: ElemMode;
  /**
   * Binary encoding flags 0..7 (spec §5.5.12), kept so that re-encoding a decoded module is
   * byte-exact. When absent the encoder picks the smallest encoding that fits.
   */
  encoding?: number;
}

export type DataMode = { kind: 'passive' } | { kind: 'active'; mem: number; offset: Expr };
export interface Data {
  bytes: Uint8Array;
  mode: DataMode;
  /** 0..2, see Elem.encoding */
  encoding?: number;
}

export interface LocalGroup {
  count: number;
  type: ValType;
}
export interface Code {
  locals: LocalGroup[];
  body: Expr;
  /** byte offset of the body's size field in the binary (-1 from text) */
  offset: number;
  /** body size in bytes as encoded (0 from text) */
  size: number;
}

export interface CustomSection {
  name: string;
  bytes: Uint8Array;
  /** id of the last non-custom section before this one (0 = at the start) — placement for re-encoding */
  after: number;
}

export interface NameSection {
  module?: string;
  funcs: Map<number, string>;
  locals: Map<number, Map<number, string>>;
}

export interface Module {
  types: FuncType[];
  imports: Import[];
  /** type index of each function defined in this module (not imports) */
  funcs: number[];
  tables: TableType[];
  mems: MemType[];
  globals: Global[];
  exports: Export[];
  start: number | null;
  elems: Elem[];
  datas: Data[];
  /** value of the data count section, null when the section is absent */
  dataCount: number | null;
  codes: Code[];
  customs: CustomSection[];
  /** decoded `name` custom section, when present and well-formed */
  names: NameSection | null;
}

export function emptyModule(): Module {
  return {
    types: [],
    imports: [],
    funcs: [],
    tables: [],
    mems: [],
    globals: [],
    exports: [],
    start: null,
    elems: [],
    datas: [],
    dataCount: null,
    codes: [],
    customs: [],
    names: null,
  };
}

export function makeInstr(op: number, a = 0, b = 0, x: Instr['x'] = null, offset = -1, c = 0): Instr {
  return { op, offset, a, b, c, x };
}
