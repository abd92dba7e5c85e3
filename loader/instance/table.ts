/**
 * Table instances (spec §4.2.7 table instances, §4.4.6 table instructions' growth rule), the
 * JavaScript implementation of `WasmTable` (the interpreter's).
 * Elements are WasmFunction | ExternRef | null, kept in a plain array of tagged values.
 */

import { KilnError } from '../../formats/errors.js';
import type { TableType } from '../../formats/wasm/types.js';
import type { RefValue, WasmTable } from '../api.js';

/** practical cap on table length (the spec allows growth to fail) */
export const MAX_TABLE_ELEMS = 10_000_000;

export class Table implements WasmTable {
  readonly kind = 'table' as const;
  readonly type: TableType;
  elems: RefValue[];

  /** throws KilnError('uninstantiable') for an initial size beyond MAX_TABLE_ELEMS */
  constructor(type: TableType, init: RefValue = null) {
    this.type = type;
    if (type.limits.min > MAX_TABLE_ELEMS) {
      throw new KilnError(
        'uninstantiable',
        `table of ${type.limits.min} elements exceeds kiln's limit of ${MAX_TABLE_ELEMS} elements`,
      );
    }
    this.elems = new Array<RefValue>(type.limits.min).fill(init);
  }

  size(): number {
    return this.elems.length;
  }

  get(index: number): RefValue {
    const v = this.elems[index];
    if (v === undefined) throw new RangeError(`table index ${index} out of bounds`);
    return v;
  }

  set(index: number, value: RefValue): void {
    if (!(index >= 0 && index < this.elems.length)) throw new RangeError(`table index ${index} out of bounds`);
    this.elems[index] = value;
  }

  /** returns the old size, or -1 */
  grow(delta: number, init: RefValue): number {
    const old = this.elems.length;
    if (!(delta >= 0)) return -1;
    const max = this.type.limits.max ?? 0xffffffff;
    const next = old + delta;
    if (next > max || next > MAX_TABLE_ELEMS) return -1;
    for (let i = 0; i < delta; i++) this.elems.push(init);
    return old;
  }
}
