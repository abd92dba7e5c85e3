/**
 * Hand-assembled kiln-cc functions for the native engine's tests, until compiler/driver
 * produces real code: a ModuleCompiler that builds each defined function's CompiledFunc with
 * a body written against the targets/x86_64 Assembler, with the frame, stack check, trap
 * stubs, call relocations and address map of docs/native-abi.md.
 */

import { parseWat } from '../../../formats/wat/index.js';
import { validateModule } from '../../../compiler/validate/index.js';
import { vmctxLayout, type VmctxLayout } from '../../../compiler/vmctx.js';
import { TrapCode } from '../../../compiler/ir/traps.js';
import type { Module } from '../../../formats/wasm/types.js';
import type { CompiledCode, CompiledFunc, CallReloc, TrapSite } from '../../../targets/compiled.js';
import { RT } from '../../../targets/x86_64/abi.js';
import { Assembler } from '../../../targets/x86_64/asm.js';
import { imm32 } from '../../../targets/x86_64/imm.js';
import type { Inst } from '../../../targets/x86_64/inst.js';
import { mem, type Cond, type Label } from '../../../targets/x86_64/operands.js';
import { RAX, RBP, RDI, RSI, RSP, R11, type Gpr } from '../../../targets/x86_64/regs.js';
import type { Imports, Instance, WasmFunction } from '../../../loader/api.js';
import { instantiateModule } from '../../../loader/instance/engine.js';
import { nativeEngineWith, type NativeEngine } from '../../../loader/native/index.js';
import { RUNTIME, runtimeByName } from '../../../compiler/ir/runtime.js';

export { RUNTIME };

/** one function under construction: prologue emitted, `done()` adds the epilogue */
export class Fn {
  readonly a = new Assembler();
  private readonly stubs: { label: Label; code: number; wasmOffset: number }[] = [];
  private readonly relocs: CallReloc[] = [];
  private readonly map: number[] = [];
  private wasmAt = -1;
  private readonly stackTrap: Label;

  constructor(
    readonly index: number,
    readonly name: string,
    readonly layout: VmctxLayout,
  ) {
    this.stackTrap = this.a.newLabel();
    this.e({ kind: 'push', reg: RBP });
    this.e({ kind: 'mov', w: 64, dst: RBP, src: RSP });
    this.e({ kind: 'push', reg: RDI });
    this.e({ kind: 'alu_imm', op: 'sub', w: 64, dst: RSP, imm: imm32(8) });
    this.e({ kind: 'alu', op: 'cmp', w: 64, dst: RSP, src: mem(RDI, 0) });
    this.e({ kind: 'jcc', cc: 'b', target: this.stackTrap, short: false });
    this.stubs.push({ label: this.stackTrap, code: TrapCode.StackOverflow, wasmOffset: -1 });
  }

  e(i: Inst): this {
    this.a.emit(i);
    return this;
  }

  /** the next instructions come from wasm offset `off` (the address map names their calls' return addresses) */
  at(off: number): this {
    this.wasmAt = off;
    return this;
  }

  /** an address-map pair for the call just emitted */
  private called(): this {
    if (this.wasmAt >= 0) this.map.push(this.a.buf.length, this.wasmAt);
    return this;
  }

  /** jump to a trap stub with `code` when `cc` holds */
  trapIf(cc: Cond, code: number, wasmOffset: number): this {
    const label = this.a.newLabel();
    this.stubs.push({ label, code, wasmOffset });
    return this.e({ kind: 'jcc', cc, target: label, short: false });
  }

  /** an unconditional trap */
  trap(code: number, wasmOffset: number): this {
    const label = this.a.newLabel();
    this.stubs.push({ label, code, wasmOffset });
    return this.e({ kind: 'jmp', target: label, short: false });
  }

  /** reload the vmctx into rdi from the frame */
  vmctx(): this {
    return this.e({ kind: 'mov', w: 64, dst: RDI, src: mem(RBP, -8) });
  }

  /** direct call to defined function `target` (rdi must hold the vmctx) */
  call(target: number): this {
    this.e({ kind: 'call', symbol: `f${target}` });
    this.relocs.push({ kind: 'call_func', offset: this.a.buf.length - 4, target });
    return this.called();
  }

  /** call imported function `i` (arguments other than the vmctx already placed) */
  callImport(i: number): this {
    const slot = this.layout.imports[i] as { code: number; vmctx: number };
    this.e({ kind: 'mov', w: 64, dst: RAX, src: mem(RDI, slot.code) });
    this.e({ kind: 'mov', w: 64, dst: RDI, src: mem(RDI, slot.vmctx) });
    return this.e({ kind: 'call_ind', target: RAX }).called();
  }

  /** call runtime function `name` (C ABI arguments placed, vmctx in rdi) */
  callRuntime(name: string): this {
    const id = runtimeByName(name);
    this.e({ kind: 'mov', w: 64, dst: R11, src: mem(RDI, 8) });
    return this.e({ kind: 'call_ind', target: mem(R11, RT.functions + 8 * id) }).called();
  }

  /** epilogue and trap stubs; the CompiledFunc */
  done(): CompiledFunc {
    this.e({ kind: 'mov', w: 64, dst: RSP, src: RBP });
    this.e({ kind: 'pop', reg: RBP });
    this.e({ kind: 'ret' });
    const sites: TrapSite[] = [];
    for (const s of this.stubs) {
      this.a.bind(s.label);
      this.e({ kind: 'mov', w: 64, dst: RDI, src: mem(RBP, -8) });
      this.e({ kind: 'mov_imm', w: 32, dst: RSI, imm: imm32(s.code + 1) });
      this.e({ kind: 'mov', w: 64, dst: RAX, src: mem(RDI, 8) });
      this.e({ kind: 'call_ind', target: mem(RAX, 32) });
      sites.push({ offset: this.a.buf.length, code: s.code, wasmOffset: s.wasmOffset });
    }
    const code = this.a.finish().code;
    return { index: this.index, name: this.name, code, relocs: this.relocs, trapSites: sites, addressMap: Int32Array.from(this.map) };
  }
}

export type Body = (f: Fn) => void;

/** a ModuleCompiler from bodies keyed by function name (the WAT $id without `$`) */
export function handCompiler(bodies: Record<string, Body>): (m: Module) => CompiledCode {
  return (m) => {
    const layout = vmctxLayout(m);
    const imported = m.imports.filter((i) => i.desc.kind === 'func').length;
    const funcs = m.funcs.map((_, k) => {
      const index = imported + k;
      const name = m.names?.funcs.get(index) ?? `f${index}`;
      const body = bodies[name];
      if (body === undefined) throw new Error(`no hand body for ${name}`);
      const f = new Fn(index, name, layout);
      body(f);
      return f.done();
    });
    return { isa: 'x86_64', features: [], funcs };
  };
}

/** a native engine over hand bodies, and a WAT module instantiated on it */
export function handInstance(
  wat: string,
  bodies: Record<string, Body>,
  imports: Imports = {},
  options: { maxCallDepth?: number; engine?: NativeEngine } = {},
): { engine: NativeEngine; instance: Instance; module: Module } {
  const module = parseWat(wat);
  validateModule(module);
  const engine = options.engine ?? nativeEngineWith(handCompiler(bodies));
  const instance = instantiateModule(engine, module, imports, options.maxCallDepth === undefined ? {} : { maxCallDepth: options.maxCallDepth });
  return { engine, instance, module };
}

export function exported(inst: Instance, name: string): WasmFunction {
  const f = inst.exports[name];
  if (f === undefined || f.kind !== 'func') throw new Error(`no exported function ${name}`);
  return f;
}

export const reg = (r: Gpr): Gpr => r;

export { thrown } from '../interp/helpers.js';
