/**
 * Executes AArch64 code under qemu-aarch64 and checks it against the spec testsuite's own
 * expectations, with no runtime and no engine: for every module of the testsuite that needs no
 * more instance state than a vmctx can hold by itself (no imports or tables, no start
 * function; at most one memory of up to 16 pages, initialised from its active data segments
 * in the image; globals with constant initialisers in the vmctx; tables filled from active
 * element segments, with funcref records and canonical type ids as the engine lays them out,
 * compiler/vmctx.ts), its functions are compiled
 * for `isa: 'aarch64'` with explicit bounds checks and interruption checks (allocation checked), laid out
 * with their call26 relocations applied (targets/call-reloc.ts), and a `_start` written with
 * the kiln assembler invokes each exported function of the script's assert_return,
 * assert_trap and assert_exhaustion commands with its arguments in kiln-cc registers
 * (abi.ts) and stores what came back. A trap stub's trap routine (runtime block +32) is a
 * resume routine that restores `_start`'s sp and continues with the next invocation, recording
 * the trap code; runtime functions (memory.grow, bulk memory) are a routine that reports
 * "unsupported", and such commands are counted apart. Plain `invoke` actions run too (they
 * change the memory and globals later commands see). Every value must equal the expected one
 * bit for bit (NaN patterns by kind),
 * every trap must be the expected one, and every i32 result must come back zero-extended (the
 * kiln-cc invariant).
 */

import { describe, expect, it } from 'vitest';
import { RUNTIME } from '../../../compiler/ir/runtime.js';
import { TRAP_MESSAGES } from '../../../compiler/ir/traps.js';
import { OPCODES } from '../../../formats/wasm/opcodes.js';
import type { Expr, Module } from '../../../formats/wasm/types.js';
import { FUNCREF_CODE, FUNCREF_SIZE, FUNCREF_TYPE_ID, FUNCREF_VMCTX, vmctxLayout } from '../../../compiler/vmctx.js';
import type { Command, ResultPattern, ScriptValue } from '../../../formats/wat/script-types.js';
import { kilnCC, RT } from '../../../targets/aarch64/abi.js';
import { Assembler } from '../../../targets/aarch64/asm.js';
import { addImm, imm16, type AccessSize } from '../../../targets/aarch64/imm.js';
import { materialize } from '../../../targets/aarch64/materialize.js';
import { memIndex, memOffset, memPost, memPre, type Label } from '../../../targets/aarch64/operands.js';
import { SP, X0, X1, X16, X17, X19, X8, XZR, type Gpr, type Vreg } from '../../../targets/aarch64/regs.js';
import { irTypeOf } from '../../../targets/aarch64/trampolines.js';
import { APPLY_CALL_RELOC } from '../../../targets/call-reloc.js';
import { compileModule, nativeV128Use } from '../../../targets/compile.js';
import { parsedScripts } from '../../support/corpus.js';
import { validModule } from '../../support/spec-modules.js';
import { elfOf, IMAGE_BASE, runImages } from './qemu-exec.js';

type Expect = { kind: 'return'; results: ResultPattern[] } | { kind: 'trap'; code: number } | { kind: 'any' };

interface Case {
  readonly where: string;
  readonly func: number;
  readonly args: readonly ScriptValue[];
  readonly expect: Expect;
}

interface Group {
  readonly name: string;
  readonly module: Module;
  readonly cases: Case[];
}

const MAX_PAGES = 16;

/** the 64-bit pattern of a constant expression, or null when it is not a plain constant */
function constBits(expr: Expr): bigint | null {
  const ins = expr[0];
  const info = ins === undefined ? undefined : OPCODES[ins.op];
  if (ins === undefined || info === undefined) return null;
  switch (info.imm) {
    case 'i32':
    case 'f32':
      return BigInt(ins.a >>> 0);
    case 'i64':
    case 'f64':
      return BigInt.asUintN(64, ins.x as bigint);
    default:
      return null;
  }
}

const MAX_TABLE = 4096;

/** the function an element item names (ref.func), -1 for ref.null, undefined for anything else */
function elemFunc(expr: Expr): number | undefined {
  const ins = expr[0];
  const name = ins === undefined ? undefined : OPCODES[ins.op]?.name;
  return name === 'ref.func' ? ins!.a : name === 'ref.null' ? -1 : undefined;
}

/** a module this harness can run: functions, one small memory, constant globals, tables from active segments */
function runnable(m: Module): boolean {
  if (m.imports.length > 0 || m.start !== null || nativeV128Use(m, 'aarch64') !== null) return false;
  if (!m.tables.every((t) => t.limits.min <= MAX_TABLE)) return false;
  const tableOk = m.elems.every((e) => {
    if (e.mode.kind !== 'active') return true;
    const at = constBits(e.mode.offset);
    const table = m.tables[e.mode.table];
    return at !== null && table !== undefined && Number(at) + e.init.length <= table.limits.min && e.init.every((x) => elemFunc(x) !== undefined);
  });
  if (!tableOk) return false;
  if (m.mems.length > 1 || (m.mems.length === 1 && m.mems[0]!.limits.min > MAX_PAGES)) return false;
  if (!m.globals.every((g) => constBits(g.init) !== null)) return false;
  const size = m.mems.length === 1 ? m.mems[0]!.limits.min * 65536 : 0;
  return m.datas.every((d) => {
    if (d.mode.kind === 'passive') return true;
    const at = constBits(d.mode.offset);
    return at !== null && Number(at) + d.bytes.length <= size;
  });
}

const NUMERIC = new Set(['i32', 'i64', 'f32', 'f64']);

function trapCodeOf(message: string): number {
  const k = TRAP_MESSAGES.findIndex((t) => message.startsWith(t));
  if (k < 0) throw new Error(`unknown trap message ${message}`);
  return k;
}

function collect(): { groups: Group[]; skipped: number } {
  const groups: Group[] = [];
  let skipped = 0;
  for (const script of parsedScripts()) {
    if (script.script === null) continue;
    let current: Group | null = null;
    let currentName: string | null = null;
    for (const c of script.script.commands) {
      if (c.kind === 'module') {
        const m = validModule({ file: script.file, line: c.line, command: c.kind, source: c.source });
        current = m !== null && runnable(m) ? { name: `${script.file}:${c.line}`, module: m, cases: [] } : null;
        currentName = c.name;
        if (current !== null) groups.push(current);
        continue;
      }
      // once registered, other modules may import and change its state: its later commands are out of reach
      if (c.kind === 'register') current = null;
      const cs = caseOf(c, current, currentName);
      if (cs === 'skip') {
        skipped++;
        // a command the harness cannot run may change the state: the module's later commands are out of reach
        if (current !== null && ('action' in c) && (c.action.module === null || c.action.module === currentName)) current = null;
      } else if (cs !== null) current!.cases.push(cs);
    }
  }
  return { groups, skipped };
}

function caseOf(c: Command, g: Group | null, name: string | null): Case | 'skip' | null {
  if (c.kind !== 'assert_return' && c.kind !== 'assert_trap' && c.kind !== 'assert_exhaustion' && c.kind !== 'action') return null;
  if (c.action.kind !== 'invoke') return null;
  if (g === null || (c.action.module !== null && c.action.module !== name)) return 'skip';
  const exp = g.module.exports.find((e) => e.kind === 'func' && e.name === c.action.name);
  if (exp === undefined) return 'skip';
  const type = g.module.types[g.module.funcs[exp.index] as number]!;
  const layout = kilnCC([5, ...type.params.map(irTypeOf)], type.results.map(irTypeOf));
  if (layout.stackArgs > 0 || layout.memResults > 0 || !c.action.args.every((a) => NUMERIC.has(a.type))) return 'skip';
  let expect: Expect;
  if (c.kind === 'action') {
    expect = { kind: 'any' };
  } else if (c.kind === 'assert_return') {
    if (!c.expected.every((p) => (p.kind === 'value' && NUMERIC.has(p.value.type)) || p.kind === 'nan')) return 'skip';
    expect = { kind: 'return', results: c.expected };
  } else {
    expect = { kind: 'trap', code: c.kind === 'assert_exhaustion' ? 9 : trapCodeOf(c.message) };
  }
  return { where: `${g.name} → line ${c.line} ${c.action.name}`, func: exp.index, args: c.action.args, expect };
}

/** the 64-bit pattern of a numeric script value */
function bitsOf(v: ScriptValue): bigint {
  switch (v.type) {
    case 'i32':
      return BigInt(v.value >>> 0);
    case 'i64':
      return BigInt.asUintN(64, v.value);
    case 'f32':
      return BigInt(v.bits >>> 0);
    case 'f64':
      return v.bits;
    default:
      throw new Error(`not numeric: ${v.type}`);
  }
}

const RESUME_CELLS = 64; // [sp to resume, where to resume, the last faulting pc, struct sigaction (32 bytes)]
const FAULT_CELL = 16;
const SIGACTION_CELL = 32;
/** the pc in an AArch64 Linux ucontext_t: uc_mcontext at 176, then fault_address, regs[31], sp */
const UCONTEXT_PC = 176 + 8 + 31 * 8 + 8;
const SA_SIGINFO = 4;
const SA_RESTORER = 0x04000000;

interface Built {
  readonly elf: Uint8Array;
  /** per case: its slot in the output (trap word, then one word per result) */
  readonly slots: number[];
  readonly outBytes: number;
  /** guard-page bounds: the absolute addresses of the fault sites */
  readonly faultSites: ReadonlySet<number> | null;
}

function emitConst(a: Assembler, rd: Gpr, v: bigint): void {
  for (const inst of materialize(rd, v, 64)) a.emit(inst);
}

/** the program: the module's code, `_start`, the resume and unsupported routines, then data */
function build(g: Group, guard: boolean): Built {
  const code = compileModule(g.module, { isa: 'aarch64', interrupts: !guard, verify: true, checkAllocation: true, bounds: guard ? 'guard' : 'explicit' });
  // functions 16-byte aligned from 0, calls resolved
  const offsets: number[] = [];
  let at = 0;
  for (const f of code.funcs) {
    offsets.push(at);
    at = (at + f.code.length + 15) & ~15;
  }
  const textLen = at;
  // data: vmctx, runtime block, resume cells, funcref records, tables, the output, then the
  // memory (64 KiB aligned): its data segments in the file, the rest of its reservation zero
  const runtimeSize = RT.functions + 8 * RUNTIME.length;
  const vl = vmctxLayout(g.module);
  const memBytes = g.module.mems.length === 1 ? g.module.mems[0]!.limits.min * 65536 : 0;
  const a = new Assembler();
  for (let k = 0; k < textLen; k++) a.buf.u8(0);
  const start = a.buf.length;
  // guess the data's place after the code: the code size is bounded by a generous estimate
  const estimate = textLen + 4096 + 256 * g.cases.length + 64 * g.cases.reduce((n, c) => n + c.args.length, 0);
  const data = (estimate + 4095) & ~4095;
  const vmctx = data;
  const runtime = vmctx + vl.size;
  const resume = runtime + runtimeSize;
  const funcrefs = resume + RESUME_CELLS;
  const tablesAt: number[] = [];
  let tat = funcrefs + FUNCREF_SIZE * g.module.funcs.length;
  for (const t of g.module.tables) {
    tablesAt.push(tat);
    tat += 8 * t.limits.min;
  }
  const out = (tat + 15) & ~15;
  const slots: number[] = [];
  let outBytes = 0;
  // _start: stack limit = sp - 1 MiB
  emitConst(a, X16, BigInt(IMAGE_BASE + vmctx));
  a.emit({ kind: 'add_imm', op: 'sub', w: 64, rd: X17, rn: SP, imm: addImm(0x100000) });
  a.emit({ kind: 'ldst', op: 'str', w: 64, rt: X17, addr: memOffset(X16, 0, 8) });
  const resumeRoutine = a.newLabel();
  const faultHandler = a.newLabel();
  const faultRestorer = a.newLabel();
  const faultLanding = a.newLabel();
  if (guard) {
    // rt_sigaction(SIGSEGV, &act, NULL, 8)
    a.emit({ kind: 'mov_wide', op: 'movz', w: 64, rd: X0, imm: imm16(11), shift: 0 });
    emitConst(a, X1, BigInt(IMAGE_BASE + resume + SIGACTION_CELL));
    a.emit({ kind: 'mov_wide', op: 'movz', w: 64, rd: 2 as Gpr, imm: imm16(0), shift: 0 });
    a.emit({ kind: 'mov_wide', op: 'movz', w: 64, rd: 3 as Gpr, imm: imm16(8), shift: 0 });
    a.emit({ kind: 'mov_wide', op: 'movz', w: 64, rd: X8, imm: imm16(134), shift: 0 });
    a.emit({ kind: 'svc', imm: imm16(0) });
  }
  const unsupported = a.newLabel();
  const calls: { at: number; func: number }[] = [];
  for (const c of g.cases) {
    const type = g.module.types[g.module.funcs[c.func] as number]!;
    const layout = kilnCC([5, ...type.params.map(irTypeOf)], type.results.map(irTypeOf));
    const slot = out + outBytes;
    slots.push(outBytes);
    outBytes += 8 * (1 + layout.results.length);
    const trapped = a.newLabel();
    const next = a.newLabel();
    // resume cells: sp and the trap label
    emitConst(a, X16, BigInt(IMAGE_BASE + resume));
    a.emit({ kind: 'add_imm', op: 'add', w: 64, rd: X17, rn: SP, imm: addImm(0) });
    a.emit({ kind: 'ldst', op: 'str', w: 64, rt: X17, addr: memOffset(X16, 0, 8) });
    a.emit({ kind: 'adr', rd: X17, target: trapped });
    a.emit({ kind: 'ldst', op: 'str', w: 64, rt: X17, addr: memOffset(X16, 8, 8) });
    // arguments: floats through x16, then the integer registers
    for (let k = 0; k < c.args.length; k++) {
      const p = layout.args[k + 1]!;
      if (p.cls !== 1) continue;
      emitConst(a, X16, bitsOf(c.args[k]!));
      a.emit({ kind: 'fmov_to_fp', w: 64, rd: p.reg as Vreg, rn: X16 });
    }
    for (let k = 0; k < c.args.length; k++) {
      const p = layout.args[k + 1]!;
      if (p.cls === 1) continue;
      emitConst(a, p.reg as Gpr, bitsOf(c.args[k]!));
    }
    emitConst(a, X0, BigInt(IMAGE_BASE + vmctx));
    calls.push({ at: a.buf.length, func: c.func });
    a.emit({ kind: 'bl', target: `f${c.func}` });
    // results after the trap word; the trap word stays 0
    emitConst(a, X16, BigInt(IMAGE_BASE + slot));
    layout.results.forEach((p, k) => {
      const addr = memOffset(X16, 8 * (k + 1), 8 as AccessSize);
      if (p.cls === 1) a.emit({ kind: 'fldst', op: 'str', fw: 64, rt: p.reg as Vreg, addr });
      else a.emit({ kind: 'ldst', op: 'str', w: 64, rt: p.reg as Gpr, addr });
    });
    a.emit({ kind: 'b', target: next });
    a.bind(trapped);
    emitConst(a, X16, BigInt(IMAGE_BASE + slot));
    a.emit({ kind: 'ldst', op: 'str', w: 32, rt: X1, addr: memOffset(X16, 0, 4) });
    // the faulting pc, if a fault brought us here (then the cell is cleared)
    emitConst(a, X17, BigInt(IMAGE_BASE + resume + FAULT_CELL));
    a.emit({ kind: 'ldst', op: 'ldr', w: 64, rt: X1, addr: memOffset(X17, 0, 8) });
    a.emit({ kind: 'ldst', op: 'str', w: 32, rt: X1, addr: memOffset(X16, 4, 4) });
    a.emit({ kind: 'ldst', op: 'str', w: 64, rt: XZR, addr: memOffset(X17, 0, 8) });
    a.bind(next);
  }
  // write(1, out, outBytes); exit(0)
  a.emit({ kind: 'mov_wide', op: 'movz', w: 64, rd: X0, imm: imm16(1), shift: 0 });
  emitConst(a, X1, BigInt(IMAGE_BASE + out));
  emitConst(a, 2 as Gpr, BigInt(outBytes));
  a.emit({ kind: 'mov_wide', op: 'movz', w: 64, rd: X8, imm: imm16(64), shift: 0 });
  a.emit({ kind: 'svc', imm: imm16(0) });
  a.emit({ kind: 'mov_wide', op: 'movz', w: 64, rd: X0, imm: imm16(0), shift: 0 });
  a.emit({ kind: 'mov_wide', op: 'movz', w: 64, rd: X8, imm: imm16(94), shift: 0 });
  a.emit({ kind: 'svc', imm: imm16(0) });
  // the trap routine: back to _start's sp, on to the case's trap label (w1 = code + 1)
  a.bind(resumeRoutine);
  emitConst(a, X16, BigInt(IMAGE_BASE + resume));
  a.emit({ kind: 'ldst', op: 'ldr', w: 64, rt: X17, addr: memOffset(X16, 0, 8) });
  a.emit({ kind: 'add_imm', op: 'add', w: 64, rd: SP, rn: X17, imm: addImm(0) });
  a.emit({ kind: 'ldst', op: 'ldr', w: 64, rt: X17, addr: memOffset(X16, 8, 8) });
  a.emit({ kind: 'br', op: 'br', rn: X17 });
  // guard pages: the SIGSEGV handler notes the faulting pc and resumes at the landing, which
  // reports "out of bounds memory access" (what the engine's handler does for a fault site)
  a.bind(faultHandler);
  a.emit({ kind: 'ldst', op: 'ldr', w: 64, rt: X(9), addr: memOffset(X(2), UCONTEXT_PC, 8) });
  emitConst(a, X(10), BigInt(IMAGE_BASE + resume + FAULT_CELL));
  a.emit({ kind: 'ldst', op: 'str', w: 64, rt: X(9), addr: memOffset(X(10), 0, 8) });
  a.emit({ kind: 'adr', rd: X(11), target: faultLanding });
  a.emit({ kind: 'ldst', op: 'str', w: 64, rt: X(11), addr: memOffset(X(2), UCONTEXT_PC, 8) });
  ret(a);
  a.bind(faultRestorer);
  a.emit({ kind: 'mov_wide', op: 'movz', w: 64, rd: X8, imm: imm16(139), shift: 0 });
  a.emit({ kind: 'svc', imm: imm16(0) });
  a.bind(faultLanding);
  a.emit({ kind: 'mov_wide', op: 'movz', w: 32, rd: X1, imm: imm16(2), shift: 0 });
  a.emit({ kind: 'b', target: resumeRoutine });
  // the runtime functions the harness provides; the others "trap" with code 200
  a.bind(unsupported);
  a.emit({ kind: 'mov_wide', op: 'movz', w: 32, rd: X1, imm: imm16(200), shift: 0 });
  a.emit({ kind: 'b', target: resumeRoutine });
  const mem = g.module.mems[0];
  // with guard pages, the memory's end is where the mapping ends: it cannot grow
  const reservePages = mem === undefined ? 0 : guard ? mem.limits.min : Math.max(mem.limits.min, Math.min(mem.limits.max ?? MAX_PAGES, MAX_PAGES));
  const routines = runtimeRoutines(a, resumeRoutine, mem?.limits.max ?? 65536, reservePages, IMAGE_BASE + funcrefs);
  const resumeAt = a.labelOffset(resumeRoutine);
  const unsupportedAt = a.labelOffset(unsupported);
  if (a.buf.length > data) throw new Error('harness: code overflows its estimate');
  const memory = (out + outBytes + 0xffff) & ~0xffff;
  let dataEnd = 0;
  for (const d of g.module.datas) if (d.mode.kind === 'active') dataEnd = Math.max(dataEnd, Number(constBits(d.mode.offset)!) + d.bytes.length);
  while (a.buf.length < memory + dataEnd) a.buf.u8(0);
  const image = a.finish().code;
  const dv = new DataView(image.buffer, image.byteOffset, image.byteLength);
  code.funcs.forEach((f, k) => {
    image.set(f.code, offsets[k]!);
    for (const r of f.relocs) APPLY_CALL_RELOC.aarch64(dv, offsets[k]! + r.offset, offsets[r.target]!);
  });
  for (const c of calls) APPLY_CALL_RELOC.aarch64(dv, c.at, offsets[c.func]!);
  dv.setBigUint64(vmctx + 8, BigInt(IMAGE_BASE + runtime), true);
  dv.setBigUint64(vmctx + vl.memBase, g.module.mems.length === 0 ? 0n : BigInt(IMAGE_BASE + memory), true);
  dv.setBigUint64(vmctx + vl.memSize, BigInt(memBytes), true);
  g.module.globals.forEach((gl, k) => dv.setBigUint64(vmctx + vl.globals[k]!.offset, constBits(gl.init)!, true));
  for (const d of g.module.datas) if (d.mode.kind === 'active') image.set(d.bytes, memory + Number(constBits(d.mode.offset)!));
  // canonical type ids: structurally equal types share one
  const canon = new Map<string, number>();
  const typeId = g.module.types.map((t) => {
    const key = `${t.params.join(',')}:${t.results.join(',')}`;
    if (!canon.has(key)) canon.set(key, canon.size + 1);
    return canon.get(key)!;
  });
  typeId.forEach((id, k) => dv.setUint32(vmctx + vl.typeIds + 4 * k, id, true));
  g.module.funcs.forEach((t, k) => {
    const r = funcrefs + FUNCREF_SIZE * k;
    dv.setBigUint64(r + FUNCREF_CODE, BigInt(IMAGE_BASE + offsets[k]!), true);
    dv.setBigUint64(r + FUNCREF_VMCTX, BigInt(IMAGE_BASE + vmctx), true);
    dv.setUint32(r + FUNCREF_TYPE_ID, typeId[t]!, true);
  });
  g.module.tables.forEach((t, k) => {
    dv.setBigUint64(vmctx + vl.tables[k]!.base, BigInt(IMAGE_BASE + tablesAt[k]!), true);
    dv.setUint32(vmctx + vl.tables[k]!.size, t.limits.min, true);
  });
  for (const e of g.module.elems) {
    if (e.mode.kind !== 'active') continue;
    const base = tablesAt[e.mode.table]! + 8 * Number(constBits(e.mode.offset)!);
    e.init.forEach((x, j) => {
      const fn = elemFunc(x)!;
      dv.setBigUint64(base + 8 * j, fn < 0 ? 0n : BigInt(IMAGE_BASE + funcrefs + FUNCREF_SIZE * fn), true);
    });
  }
  dv.setBigUint64(runtime + RT.trapRoutine, BigInt(IMAGE_BASE + resumeAt), true);
  for (let k = 0; k < RUNTIME.length; k++) {
    const own = routines.get(RUNTIME[k]!.name);
    dv.setBigUint64(runtime + RT.functions + 8 * k, BigInt(IMAGE_BASE + (own === undefined ? unsupportedAt : a.labelOffset(own))), true);
  }
  const act = resume + SIGACTION_CELL;
  dv.setBigUint64(act, BigInt(IMAGE_BASE + a.labelOffset(faultHandler)), true);
  dv.setBigUint64(act + 8, BigInt(SA_SIGINFO | SA_RESTORER), true);
  dv.setBigUint64(act + 16, BigInt(IMAGE_BASE + a.labelOffset(faultRestorer)), true);
  const faultSites = guard ? new Set<number>() : null;
  code.funcs.forEach((f, k) => {
    const sites = f.faultSites ?? new Int32Array(0);
    for (let j = 0; j < sites.length; j += 2) faultSites?.add(IMAGE_BASE + offsets[k]! + sites[j]!);
  });
  return { elf: elfOf(image, start, memory + reservePages * 65536 - image.length), slots, outBytes, faultSites };
}

const X = (n: number): Gpr => n as Gpr;
const ret = (a: Assembler): void => a.emit({ kind: 'br', op: 'ret', rn: 30 as Gpr });
const zext = (a: Assembler, r: number): void => a.emit({ kind: 'logic_reg', op: 'orr', w: 32, rd: X(r), rn: XZR, rm: X(r) });

/**
 * The runtime functions (compiler/ir/runtime.ts, C ABI: vmctx in x0, then the row's arguments)
 * the harness implements for memory 0 and the tables: memory.grow within the reservation (a
 * grow beyond it is "unsupported"), memory.fill and memory.copy with their bounds checks,
 * table.get/set/size, ref.func, and the drops (no-ops: the inits they affect are unsupported).
 * A failed check goes to the trap routine with w1 = the trap code + 1, as the engine's wrappers do.
 */
function runtimeRoutines(a: Assembler, resume: Label, maxPages: number, reservePages: number, funcrefs: number): Map<string, Label> {
  const out = new Map<string, Label>();
  const fn = (name: string): Label => {
    const l = a.newLabel();
    a.bind(l);
    out.set(name, l);
    return l;
  };
  const trapWith = (code: number): Label => {
    const l = a.newLabel();
    a.bind(l);
    a.emit({ kind: 'mov_wide', op: 'movz', w: 32, rd: X1, imm: imm16(code + 1), shift: 0 });
    a.emit({ kind: 'b', target: resume });
    return l;
  };
  const unsupported = a.newLabel();
  a.bind(unsupported);
  a.emit({ kind: 'mov_wide', op: 'movz', w: 32, rd: X1, imm: imm16(200), shift: 0 });
  a.emit({ kind: 'b', target: resume });
  const heapOob = trapWith(1);
  const tableOob = trapWith(2);
  const cmp64 = (rn: number, rm: number): void => a.emit({ kind: 'add_reg', op: 'subs', w: 64, rd: XZR, rn: X(rn), rm: X(rm) });
  // memory_grow(vmctx, mem, delta) -> old pages or -1
  fn('memory_grow');
  {
    const fail = a.newLabel();
    zext(a, 2);
    a.emit({ kind: 'ldst', op: 'ldr', w: 64, rt: X(9), addr: memOffset(X0, 24, 8) });
    a.emit({ kind: 'bitfield', op: 'ubfm', w: 64, rd: X(10), rn: X(9), immr: 16 as never, imms: 63 as never });
    a.emit({ kind: 'add_reg', op: 'add', w: 64, rd: X(11), rn: X(10), rm: X(2) });
    emitConst(a, X(12), BigInt(maxPages));
    cmp64(11, 12);
    a.emit({ kind: 'b_cond', cond: 'hi', target: fail });
    emitConst(a, X(12), BigInt(reservePages));
    cmp64(11, 12);
    a.emit({ kind: 'b_cond', cond: 'hi', target: unsupported });
    a.emit({ kind: 'bitfield', op: 'ubfm', w: 64, rd: X(12), rn: X(11), immr: 48 as never, imms: 47 as never });
    a.emit({ kind: 'ldst', op: 'str', w: 64, rt: X(12), addr: memOffset(X0, 24, 8) });
    a.emit({ kind: 'logic_reg', op: 'orr', w: 32, rd: X0, rn: XZR, rm: X(10) });
    ret(a);
    a.bind(fail);
    a.emit({ kind: 'mov_wide', op: 'movn', w: 32, rd: X0, imm: imm16(0), shift: 0 });
    ret(a);
  }
  // memory_fill(vmctx, mem, dst, value, n)
  fn('memory_fill');
  {
    const loop = a.newLabel();
    const done = a.newLabel();
    zext(a, 2);
    zext(a, 4);
    a.emit({ kind: 'ldst', op: 'ldr', w: 64, rt: X(9), addr: memOffset(X0, 24, 8) });
    a.emit({ kind: 'add_reg', op: 'add', w: 64, rd: X(10), rn: X(2), rm: X(4) });
    cmp64(10, 9);
    a.emit({ kind: 'b_cond', cond: 'hi', target: heapOob });
    a.emit({ kind: 'ldst', op: 'ldr', w: 64, rt: X(11), addr: memOffset(X0, 16, 8) });
    a.emit({ kind: 'add_reg', op: 'add', w: 64, rd: X(11), rn: X(11), rm: X(2) });
    a.bind(loop);
    a.emit({ kind: 'cbz', op: 'cbz', w: 64, rt: X(4), target: done });
    a.emit({ kind: 'ldst', op: 'strb', w: 32, rt: X(3), addr: memPost(X(11), 1) });
    a.emit({ kind: 'add_imm', op: 'sub', w: 64, rd: X(4), rn: X(4), imm: addImm(1) });
    a.emit({ kind: 'b', target: loop });
    a.bind(done);
    ret(a);
  }
  // memory_copy(vmctx, dst mem, src mem, dst, src, n): memmove
  fn('memory_copy');
  {
    const fwd = a.newLabel();
    const bwd = a.newLabel();
    const back = a.newLabel();
    const done = a.newLabel();
    zext(a, 3);
    zext(a, 4);
    zext(a, 5);
    a.emit({ kind: 'ldst', op: 'ldr', w: 64, rt: X(9), addr: memOffset(X0, 24, 8) });
    a.emit({ kind: 'add_reg', op: 'add', w: 64, rd: X(10), rn: X(3), rm: X(5) });
    cmp64(10, 9);
    a.emit({ kind: 'b_cond', cond: 'hi', target: heapOob });
    a.emit({ kind: 'add_reg', op: 'add', w: 64, rd: X(10), rn: X(4), rm: X(5) });
    cmp64(10, 9);
    a.emit({ kind: 'b_cond', cond: 'hi', target: heapOob });
    a.emit({ kind: 'ldst', op: 'ldr', w: 64, rt: X(11), addr: memOffset(X0, 16, 8) });
    a.emit({ kind: 'add_reg', op: 'add', w: 64, rd: X(12), rn: X(11), rm: X(3) });
    a.emit({ kind: 'add_reg', op: 'add', w: 64, rd: X(13), rn: X(11), rm: X(4) });
    cmp64(12, 13);
    a.emit({ kind: 'b_cond', cond: 'hi', target: back });
    a.bind(fwd);
    a.emit({ kind: 'cbz', op: 'cbz', w: 64, rt: X(5), target: done });
    a.emit({ kind: 'ldst', op: 'ldrb', w: 32, rt: X(14), addr: memPost(X(13), 1) });
    a.emit({ kind: 'ldst', op: 'strb', w: 32, rt: X(14), addr: memPost(X(12), 1) });
    a.emit({ kind: 'add_imm', op: 'sub', w: 64, rd: X(5), rn: X(5), imm: addImm(1) });
    a.emit({ kind: 'b', target: fwd });
    a.bind(back);
    a.emit({ kind: 'add_reg', op: 'add', w: 64, rd: X(12), rn: X(12), rm: X(5) });
    a.emit({ kind: 'add_reg', op: 'add', w: 64, rd: X(13), rn: X(13), rm: X(5) });
    a.bind(bwd);
    a.emit({ kind: 'cbz', op: 'cbz', w: 64, rt: X(5), target: done });
    a.emit({ kind: 'ldst', op: 'ldrb', w: 32, rt: X(14), addr: memPre(X(13), -1) });
    a.emit({ kind: 'ldst', op: 'strb', w: 32, rt: X(14), addr: memPre(X(12), -1) });
    a.emit({ kind: 'add_imm', op: 'sub', w: 64, rd: X(5), rn: X(5), imm: addImm(1) });
    a.emit({ kind: 'b', target: bwd });
    a.bind(done);
    ret(a);
  }
  // tables: entry t at vmctx + 32 + 16·t (base, then the i32 size at +8)
  const tableEntry = (): void => {
    zext(a, 1);
    a.emit({ kind: 'add_ext', op: 'add', w: 64, rd: X(9), rn: X0, rm: X1, extend: 'uxtw', amount: 4 as never });
  };
  fn('table_size');
  tableEntry();
  a.emit({ kind: 'ldst', op: 'ldr', w: 32, rt: X0, addr: memOffset(X(9), 40, 4) });
  ret(a);
  for (const name of ['table_get', 'table_set']) {
    fn(name);
    tableEntry();
    zext(a, 2);
    a.emit({ kind: 'ldst', op: 'ldr', w: 32, rt: X(10), addr: memOffset(X(9), 40, 4) });
    cmp64(2, 10);
    a.emit({ kind: 'b_cond', cond: 'cs', target: tableOob });
    a.emit({ kind: 'ldst', op: 'ldr', w: 64, rt: X(11), addr: memOffset(X(9), 32, 8) });
    const slot = memIndex(X(11), X(2), 'lsl', true);
    if (name === 'table_get') a.emit({ kind: 'ldst', op: 'ldr', w: 64, rt: X0, addr: slot });
    else a.emit({ kind: 'ldst', op: 'str', w: 64, rt: X(3), addr: slot });
    ret(a);
  }
  // ref_func(vmctx, f): the function's funcref record
  fn('ref_func');
  zext(a, 1);
  emitConst(a, X(9), BigInt(funcrefs));
  a.emit({ kind: 'mov_wide', op: 'movz', w: 64, rd: X(10), imm: imm16(FUNCREF_SIZE), shift: 0 });
  a.emit({ kind: 'mul', op: 'madd', w: 64, rd: X0, rn: X1, rm: X(10), ra: X(9) });
  ret(a);
  fn('data_drop');
  ret(a);
  fn('elem_drop');
  ret(a);
  return out;
}

function checkResult(p: ResultPattern, got: bigint, type: string): boolean {
  if (p.kind === 'nan') {
    const wide = p.type === 'f64';
    const v = wide ? got : got & 0xffffffffn;
    const expBits = wide ? 0x7ff0000000000000n : 0x7f800000n;
    const quiet = wide ? 0x0008000000000000n : 0x00400000n;
    const frac = wide ? 0x000fffffffffffffn : 0x007fffffn;
    if ((v & expBits) !== expBits || (v & frac) === 0n) return false;
    return p.nan === 'canonical' ? (v & frac) === quiet : (v & quiet) !== 0n;
  }
  if (p.kind !== 'value') return false;
  const want = bitsOf(p.value);
  if (type === 'i32') return got === want; // the upper half must be zero too
  if (type === 'f32') return (got & 0xffffffffn) === want;
  return got === want;
}

describe('AArch64 code executed under qemu-aarch64', () => {
  it('passes the spec testsuite commands of every module that needs no instance state', () => {
    const { groups, skipped } = collect();
    const problems: string[] = [];
    let checked = 0;
    let unsupported = 0;
    let faults = 0;
    // every module with explicit bounds checks, those with a memory again with guard pages
    const todo = groups.filter((g) => g.cases.length > 0).flatMap((g) => (g.module.mems.length > 0 ? [{ g, guard: false }, { g, guard: true }] : [{ g, guard: false }]));
    const built = todo.map(({ g, guard }) => build(g, guard));
    const runs = runImages(built.map((b) => b.elf));
    todo.forEach(({ g, guard }, gi) => {
      const b = built[gi]!;
      const name = `${g.name}${guard ? ' (guard pages)' : ''}`;
      const r = runs[gi]!;
      if (r.status !== 0 || r.stdout.length !== b.outBytes) {
        problems.push(`${name}: exit ${r.status} signal ${r.signal}, ${r.stdout.length} of ${b.outBytes} bytes`);
        return;
      }
      const dv = new DataView(r.stdout.buffer, r.stdout.byteOffset, r.stdout.byteLength);
      // after a runtime function did not run, the state later commands see is not the spec's
      let tainted = false;
      g.cases.forEach((c, ci) => {
        const at = b.slots[ci]!;
        const trap = dv.getUint32(at, true);
        const type = g.module.types[g.module.funcs[c.func] as number]!;
        if (trap === 200) tainted = true;
        if (tainted) {
          unsupported++;
          return;
        }
        checked++;
        if (b.faultSites !== null && trap === 2) {
          const pc = dv.getUint32(at + 4, true);
          if (pc !== 0) faults++;
          // 0: the trap came from a runtime function's own check, not from a fault
          if (pc !== 0 && !b.faultSites.has(pc)) problems.push(`${c.where}${guard ? ' (guard pages)' : ''}: a fault at 0x${pc.toString(16)}, which is no fault site`);
        }
        if (c.expect.kind === 'any') return;
        if (c.expect.kind === 'trap') {
          if (trap !== c.expect.code + 1) problems.push(`${c.where}${guard ? ' (guard pages)' : ''}: expected trap ${c.expect.code + 1}, got ${trap === 0 ? 'a return' : `trap ${trap}`}`);
          return;
        }
        if (trap !== 0) {
          problems.push(`${c.where}${guard ? ' (guard pages)' : ''}: trapped with ${trap}`);
          return;
        }
        c.expect.results.forEach((p, k) => {
          const got = dv.getBigUint64(at + 8 * (k + 1), true);
          const t = ['i32', 'i64', 'f32', 'f64'][[0x7f, 0x7e, 0x7d, 0x7c].indexOf(type.results[k] as number)] ?? '?';
          if (!checkResult(p, got, t)) problems.push(`${c.where} (${c.args.map((x) => bitsOf(x).toString(16)).join(', ')}): result ${k} is 0x${got.toString(16)}, expected ${JSON.stringify(p, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString(16) : v))}`);
        });
      });
    });
    console.log(`qemu-aarch64: ${todo.length} module runs, ${checked} commands checked, ${unsupported} needing runtime functions (or after one), ${skipped} commands out of reach; ${faults} guard-page faults, each at a fault site`);
    expect(faults).toBeGreaterThan(200);
    expect(problems.slice(0, 30)).toEqual([]);
    expect(checked).toBeGreaterThan(5000);
  }, 600_000);
});
