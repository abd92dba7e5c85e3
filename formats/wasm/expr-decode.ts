/**
 * Instruction decoding (spec §5.4): turns `instr* 0x0B` into flat Instr objects.
 *
 * The hot loop looks the opcode up in SINGLE_BYTE (or the 0xFC/0xFD sub-tables), builds one
 * monomorphic Instr, and calls the immediate reader registered for the row's ImmKind — one
 * small function per kind, no per-opcode switch. Block structure is tracked with a byte stack
 * only to find the expression's final `end` and to reject `else` outside `if` (the binary
 * grammar makes that malformed, §5.4.1). Every Expr we produce ends with its `end` Instr.
 */

import { malformed } from '../errors.js';
import { isValType, type Instr, type RefType, type ValType } from './types.js';
import { Control, OPCODES, SINGLE_BYTE, opByCode, type ImmKind, type OpInfo } from './opcodes.js';
import type { Reader } from './reader.js';
import type { VisitState } from './body-visitor.js';

type ImmReader = (r: Reader, ins: Instr) => void;

function zeroByte(r: Reader): void {
  const at = r.pos;
  if (r.u8() !== 0) throw malformed('zero byte expected', at);
}

/** a reference type (§5.3.3): funcref 0x70 or externref 0x6f */
export function readRefType(r: Reader): RefType {
  const at = r.pos;
  const t = r.typeCode();
  if (t !== 0x70 && t !== 0x6f) throw malformed('malformed reference type', at);
  return t as RefType;
}

/** a value type (§5.3.4) */
export function readValType(r: Reader): ValType {
  const at = r.pos;
  const t = r.typeCode();
  if (!isValType(t)) throw malformed('malformed value type', at);
  return t as ValType;
}

const readA: ImmReader = (r, ins) => {
  ins.a = r.u32();
};
const readAB: ImmReader = (r, ins) => {
  ins.a = r.u32();
  ins.b = r.u32();
};

/** One reader per immediate kind; `null` means no immediates. */
const IMM_READERS: Readonly<Record<ImmKind, ImmReader | null>> = {
  none: null,
  blocktype: (r, ins) => {
    const b = r.peek();
    if (b === 0x40) {
      r.pos++;
      ins.a = -64;
    } else if (b >= 0 && isValType(b)) {
      r.pos++;
      ins.a = b - 0x80;
    } else {
      const at = r.pos;
      const t = r.s33();
      if (t < 0) throw malformed('malformed value type', at);
      ins.a = t;
    }
  },
  label: readA,
  br_table: (r, ins) => {
    const n = r.len();
    const labels = new Array<number>(n);
    for (let i = 0; i < n; i++) labels[i] = r.u32();
    ins.x = labels;
    ins.a = r.u32();
  },
  func: readA,
  call_indirect: readAB,
  local: readA,
  global: readA,
  table: readA,
  memarg: readAB,
  memarg_lane: (r, ins) => {
    ins.a = r.u32();
    ins.b = r.u32();
    ins.c = r.u8();
  },
  memory: (r) => zeroByte(r),
  i32: (r, ins) => {
    ins.a = r.s32();
  },
  i64: (r, ins) => {
    ins.x = r.s64();
  },
  f32: (r, ins) => {
    ins.a = r.f32bits();
  },
  f64: (r, ins) => {
    ins.x = r.f64bits();
  },
  v128: (r, ins) => {
    ins.x = r.bytesN(16);
  },
  shuffle: (r, ins) => {
    ins.x = r.bytesN(16);
  },
  lane: (r, ins) => {
    ins.a = r.u8();
  },
  select_t: (r, ins) => {
    const n = r.len();
    const types = new Array<number>(n);
    for (let i = 0; i < n; i++) types[i] = readValType(r);
    ins.x = types;
  },
  reftype: (r, ins) => {
    ins.a = readRefType(r);
  },
  data: readA,
  memory_init: (r, ins) => {
    ins.a = r.u32();
    zeroByte(r);
  },
  elem: readA,
  table_init: readAB,
  table_copy: readAB,
  memory_copy: (r) => {
    zeroByte(r);
    zeroByte(r);
  },
  memory_fill: (r) => zeroByte(r),
};

const READERS: readonly (ImmReader | null)[] = OPCODES.map((op) => IMM_READERS[op.imm]);

/**
 * Fast path: the immediate shapes of ~90% of real instructions are read inline in readInstr
 * (a call through READERS sees ~20 functions and cannot be inlined by V8); the rest go
 * through the table. 0 = none, 1 = one u32 into a, 2 = two u32 into a and b, 3 = an s32
 * into a, 4 = a block type (inline when empty), 5 = use the READERS table.
 */
const enum Shape {
  None = 0,
  A = 1,
  AB = 2,
  S32 = 3,
  Block = 4,
  Table = 5,
}
const SHAPE_OF: Readonly<Record<ImmKind, Shape>> = {
  none: Shape.None,
  label: Shape.A,
  func: Shape.A,
  local: Shape.A,
  global: Shape.A,
  table: Shape.A,
  data: Shape.A,
  elem: Shape.A,
  call_indirect: Shape.AB,
  memarg: Shape.AB,
  table_init: Shape.AB,
  table_copy: Shape.AB,
  i32: Shape.S32,
  blocktype: Shape.Block,
  br_table: Shape.Table,
  memarg_lane: Shape.Table,
  memory: Shape.Table,
  i64: Shape.Table,
  f32: Shape.Table,
  f64: Shape.Table,
  v128: Shape.Table,
  shuffle: Shape.Table,
  lane: Shape.Table,
  select_t: Shape.Table,
  reftype: Shape.Table,
  memory_init: Shape.Table,
  memory_copy: Shape.Table,
  memory_fill: Shape.Table,
};
const SHAPES = Uint8Array.from(OPCODES, (op) => SHAPE_OF[op.imm]);
/** op id of each single-byte opcode, -1 for prefixes and unknown bytes */
const BYTE_OP = Int16Array.from(SINGLE_BYTE, (info) => (info === undefined ? -1 : info.id));
/**
 * Readers for scans and validation: the same checks, but constant *values* that nothing
 * checks (i64/f64/v128 constants) are skipped, leaving Instr.x null — no BigInt or byte
 * array per constant.
 */
const SKIP_VALUE: Partial<Record<ImmKind, ImmReader>> = {
  i64: (r) => r.skipS64(),
  f64: (r) => r.skip(8),
  v128: (r) => r.skip(16),
};
const CHECK_READERS: readonly (ImmReader | null)[] = OPCODES.map((op) => SKIP_VALUE[op.imm] ?? IMM_READERS[op.imm]);
/** memory.init and data.drop name a data segment (§5.5.16: they need the data count section) */
const needsDataCount = (op: OpInfo): boolean => op.imm === 'memory_init' || op.imm === 'data';

/** prefixed opcodes by sub-opcode (all Wasm 2.0 sub-opcodes are < 256) */
function prefixTable(prefix: number): (OpInfo | undefined)[] {
  return Array.from({ length: 256 }, (_, code) => opByCode(prefix, code));
}
const FC = prefixTable(0xfc);
const FD = prefixTable(0xfd);

/** frame kinds of open blocks: 0 = block/loop/function, 1 = if before else, 2 = if after else */
let frames = new Uint8Array(64);

/**
 * Read the one instruction at r.pos into `ins` (all fields overwritten), advancing r.pos.
 * Throws 'illegal opcode' for an unknown opcode. Does not track block structure. With
 * `values` false, i64/f64/v128 constant values are checked but not built (Instr.x null).
 */
export function readInstr(r: Reader, ins: Instr, values = true): void {
  const offset = r.pos;
  if (offset >= r.end) throw r.eof();
  const byte = r.bytes[offset] as number;
  r.pos = offset + 1;
  let id = BYTE_OP[byte] as number;
  if (id < 0) {
    let info: OpInfo | undefined;
    if (byte === 0xfc || byte === 0xfd) {
      const sub = r.u32();
      info = sub < 256 ? (byte === 0xfc ? FC : FD)[sub] : undefined;
    }
    if (info === undefined) throw malformed('illegal opcode', offset);
    id = info.id;
  }
  ins.op = id;
  ins.offset = offset;
  ins.a = 0;
  ins.b = 0;
  ins.c = 0;
  ins.x = null;
  const shape = SHAPES[id] as Shape;
  if (shape === Shape.None) return;
  if (shape === Shape.A) {
    ins.a = r.u32();
  } else if (shape === Shape.AB) {
    ins.a = r.u32();
    ins.b = r.u32();
  } else if (shape === Shape.S32) {
    ins.a = r.s32();
  } else if (shape === Shape.Block && r.pos < r.end && r.bytes[r.pos] === 0x40) {
    // the empty block type, by far the most common
    r.pos++;
    ins.a = -64;
  } else {
    const read = (values ? READERS : CHECK_READERS)[id];
    if (read !== null && read !== undefined) read(r, ins);
  }
}

/**
 * Walk the instructions up to and including the `end` that closes the expression, checking
 * that the block structure is well-formed. With `out`, each instruction is appended as a new
 * Instr; with `out === null` (a scan) one scratch Instr is reused and nothing is allocated
 * per instruction. `hasDataCount` says whether the module has a data count section
 * (memory.init and data.drop are malformed without one).
 */
function walkExpr(r: Reader, out: Instr[] | null, hasDataCount: boolean, visits: VisitState | null): void {
  let depth = 0;
  frames[0] = 0;
  let ins: Instr = scratch;
  let visitor = visits === null ? null : visits.visitor;
  for (;;) {
    if (out !== null) {
      ins = { op: 0, offset: 0, a: 0, b: 0, c: 0, x: null };
      out.push(ins);
    }
    readInstr(r, ins, out !== null);
    if (visitor !== null) {
      try {
        visitor.instr(ins);
      } catch (error) {
        // the decoder's own (malformed) errors come from readInstr above and propagate
        (visits as VisitState).failure = { error };
        (visits as VisitState).visitor = visitor = null;
      }
    }
    const info = OPCODES[ins.op] as OpInfo;
    const ctrl = info.control;
    if (ctrl === Control.End) {
      if (depth === 0) return;
      depth--;
    } else if (ctrl === Control.Block || ctrl === Control.Loop || ctrl === Control.If) {
      depth++;
      if (depth >= frames.length) {
        const next = new Uint8Array(frames.length * 2);
        next.set(frames);
        frames = next;
      }
      frames[depth] = ctrl === Control.If ? 1 : 0;
    } else if (ctrl === Control.Else) {
      if (frames[depth] !== 1) throw malformed('END opcode expected', ins.offset);
      frames[depth] = 2;
    } else if (!hasDataCount && ctrl === Control.None && needsDataCount(info)) {
      throw malformed('data count section required', ins.offset);
    }
  }
}
const scratch: Instr = { op: 0, offset: 0, a: 0, b: 0, c: 0, x: null };

/** Decode an expression into `out` (one new Instr per instruction, the final `end` included). */
export function decodeExpr(r: Reader, out: Instr[], hasDataCount: boolean): void {
  walkExpr(r, out, hasDataCount, null);
}

/**
 * Check an expression's well-formedness without building it (see walkExpr), showing each
 * instruction to `visits.visitor` when there is one (body-visitor.ts).
 */
export function scanExpr(r: Reader, hasDataCount: boolean, visits: VisitState | null = null): void {
  walkExpr(r, null, hasDataCount, visits);
}
