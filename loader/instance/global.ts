/**
 * Global instances (spec §4.2.9), the JavaScript implementation of `WasmGlobal` (the
 * interpreter's; another engine backs the interface its own way). `v` holds the value in the
 * raw convention of loader/api.ts; generated code reads and writes it directly.
 */

import type { GlobalType } from '../../formats/wasm/types.js';
import type { RawValue, WasmGlobal } from '../api.js';

export class Global implements WasmGlobal {
  readonly kind = 'global' as const;
  readonly type: GlobalType;
  v: RawValue;

  constructor(type: GlobalType, v: RawValue) {
    this.type = type;
    this.v = v;
  }

  getRaw(): RawValue {
    return this.v;
  }

  setRaw(v: RawValue): void {
    if (!this.type.mutable) throw new TypeError('cannot set an immutable global');
    this.v = v;
  }
}
