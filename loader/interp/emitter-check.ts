/**
 * Load-time check of the interpreter's emitter table (emitters.ts): every key of the
 * per-family tables names a real opcode of formats/wasm/opcodes.ts, no key is given twice,
 * and every opcode — all 437 Wasm 2.0 instructions — ends up with an emitter. A failure is
 * a bug in kiln, so it throws a plain Error naming the key or the opcode.
 */

import { OPCODES, opByName, type OpInfo } from '../../formats/wasm/opcodes.js';

const describe = (op: OpInfo): string =>
  `${op.name} (${op.prefix === 0 ? '' : `0x${op.prefix.toString(16)} `}0x${op.code.toString(16)})`;

/**
 * `keys`: the emitter keys in the order the family tables give them; `table`: the built
 * table, indexed by opcode id (tests pass doctored ones)
 */
export function checkEmitterTable(keys: readonly string[], table: readonly unknown[]): void {
  const seen = new Set<string>();
  for (const key of keys) {
    if (opByName(key) === undefined) throw new Error(`interpreter emitters: key '${key}' is not an opcode`);
    if (seen.has(key)) throw new Error(`interpreter emitters: key '${key}' is given twice`);
    seen.add(key);
  }
  for (const op of OPCODES) {
    if (table[op.id] === undefined) throw new Error(`interpreter emitters: no emitter for ${describe(op)}`);
  }
}
