/**
 * Emitters for the 0xFD (SIMD-128) instructions (spec §4.4.3 vector instructions). The
 * semantics live in loader/interp/simd (SIMD_OPS, keyed by opcode name); generated code
 * calls them as `S<opid>(…)`. v128.const becomes a pooled constant (v128 values are never
 * mutated, so sharing is safe). SIMD_OPS take and return i64 lanes as BigInts, so i64
 * operands and results are converted at the call.
 */

import type { Instr, ValType } from '../../../formats/wasm/types.js';
import { OPCODES } from '../../../formats/wasm/opcodes.js';
import type { Emitter, FuncGen } from '../codegen.js';

function simd(g: FuncGen, ins: Instr): void {
  const info = OPCODES[ins.op];
  if (info === undefined || info.params === null || info.results === null) throw new Error('interp: bad SIMD op');
  if (info.name === 'v128.const') {
    g.emit(`${g.push(0x7b)} = ${g.constant(new Uint8Array(ins.x as Uint8Array))};`);
    return;
  }
  g.ctx.simdUsed.add(ins.op);
  const params = info.params;
  const args = g.popN(params.length).map((n, i) => g.rawValue(n, params[i] as ValType));
  let call: string;
  if (info.imm === 'memarg' || info.imm === 'memarg_lane') {
    const [addr, ...rest] = args;
    const extra = info.imm === 'memarg_lane' ? [String(ins.c)] : [];
    call = `S${ins.op}(M0.u8, (${addr as string} >>> 0) + ${ins.b}${[...rest, ...extra].map((a) => ', ' + a).join('')})`;
  } else if (info.imm === 'lane') {
    call = `S${ins.op}(${[...args, String(ins.a)].join(', ')})`;
  } else if (info.imm === 'shuffle') {
    call = `S${ins.op}(${[...args, g.constant(new Uint8Array(ins.x as Uint8Array))].join(', ')})`;
  } else {
    call = `S${ins.op}(${args.join(', ')})`;
  }
  if (info.results.length === 0) g.emit(call + ';');
  else g.emit(g.pushRaw(info.results[0] as ValType, call));
}

/** emitter for every 0xFD opcode */
export const SIMD_EMITTER: Emitter = simd;
