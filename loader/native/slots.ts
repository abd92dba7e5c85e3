/**
 * 8-byte value slots in native memory, read and written in the raw value convention of
 * loader/api.ts: the entry trampolines' argument/result buffer, the exit trampolines' buffers
 * (on the wasm stack) and global cells all use this layout. i32 and f32 occupy the low 4
 * bytes (written with a zero upper word), i64 all 8, f64 its bit pattern (written with `fill`
 * so NaN payloads survive every V8 tier, see formats/float-bits.ts), v128 two slots (its 16
 * bytes, lane 0 first), references a pointer that `RefCodec` turns into a WasmFunction /
 * ExternRef / null and back.
 */

import type { ValType } from '../../formats/wasm/types.js';
import type { RawValue, RefValue } from '../api.js';

/** pointers ⇄ reference values (refs.ts) */
export interface RefCodec {
  toPtr(type: ValType, v: RefValue): number;
  fromPtr(type: ValType, ptr: number): RefValue;
}

export class SlotView {
  readonly i32: Int32Array;
  readonly u32: Uint32Array;
  readonly f64: Float64Array;
  readonly i64: BigInt64Array;
  readonly u8: Uint8Array;

  /** slots over `buffer` from byte 0; `buffer` must start 8-byte aligned */
  constructor(buffer: ArrayBuffer) {
    const n = Math.floor(buffer.byteLength / 8);
    this.i32 = new Int32Array(buffer, 0, 2 * n);
    this.u32 = new Uint32Array(buffer, 0, 2 * n);
    this.f64 = new Float64Array(buffer, 0, n);
    this.i64 = new BigInt64Array(buffer, 0, n);
    this.u8 = new Uint8Array(buffer, 0, 8 * n);
  }

  /** the pointer in slot k */
  ptr(k: number): number {
    return (this.u32[2 * k] as number) + (this.u32[2 * k + 1] as number) * 2 ** 32;
  }

  setPtr(k: number, p: number): void {
    this.u32[2 * k] = p % 2 ** 32;
    this.u32[2 * k + 1] = Math.floor(p / 2 ** 32);
  }

  write(k: number, t: ValType, v: RawValue, refs: RefCodec): void {
    switch (t) {
      case 0x7f:
      case 0x7d:
        this.i32[2 * k] = v as number;
        this.i32[2 * k + 1] = 0;
        return;
      case 0x7e:
        this.i64[k] = v as bigint;
        return;
      case 0x7c:
        this.f64.fill(v as number, k, k + 1);
        return;
      case 0x7b:
        this.u8.set(v as Uint8Array, 8 * k);
        return;
      default:
        this.setPtr(k, refs.toPtr(t, v as RefValue));
    }
  }

  read(k: number, t: ValType, refs: RefCodec): RawValue {
    switch (t) {
      case 0x7f:
      case 0x7d:
        return this.i32[2 * k] as number;
      case 0x7e:
        return this.i64[k] as bigint;
      case 0x7c:
        return this.f64[k] as number;
      case 0x7b:
        return this.u8.slice(8 * k, 8 * k + 16);
      default:
        return refs.fromPtr(t, this.ptr(k));
    }
  }
}
