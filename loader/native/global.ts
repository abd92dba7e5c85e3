/**
 * Globals as 8-byte native cells (compiler/vmctx.ts): a global this engine creates starts in
 * a cell of its own; when it is a module's defined global, linking moves it into the
 * instance's vmctx slot (`moveTo`), so the exported WasmGlobal and compiled code share one
 * cell. Importing instances store the cell's address in their vmctx slot. A global of
 * another engine is adopted by copy only when it is immutable (docs/native.md).
 */

import type { GlobalType } from '../../formats/wasm/types.js';
import type { RawValue, WasmGlobal } from '../api.js';
import { NativeBlock } from './native-mem.js';
import type { RefHolder, RefTable } from './refs.js';

const EXTERNREF = 0x6f;
import { SlotView } from './slots.js';

export class NativeGlobal implements WasmGlobal, RefHolder {
  readonly kind = 'global' as const;
  readonly type: GlobalType;
  private slots: SlotView;
  private slot: number;
  private own: NativeBlock | null;
  /** address of the 8-byte cell (16 bytes for a v128) */
  addr: number;

  constructor(
    private readonly refs: RefTable,
    type: GlobalType,
    value: RawValue,
  ) {
    this.type = type;
    this.own = new NativeBlock(type.type === 0x7b ? 16 : 8, 'a global');
    this.slots = new SlotView(this.own.buffer);
    this.slot = 0;
    this.addr = this.own.addr;
    this.slots.write(0, type.type, value, refs);
    if (type.type === EXTERNREF) refs.addHolder(this);
  }

  markHandles(mark: (handle: number) => void): void {
    const p = this.slots.ptr(this.slot);
    if (p !== 0) mark(p);
  }

  /** moves the value into byte `at` of `block` (a vmctx slot), which becomes the cell */
  moveTo(block: NativeBlock, slots: SlotView, at: number): void {
    const v = this.getRaw();
    this.slots = slots;
    this.slot = at / 8;
    this.addr = block.addr + at;
    this.slots.write(this.slot, this.type.type, v, this.refs);
    this.own?.free();
    this.own = null;
  }

  getRaw(): RawValue {
    return this.slots.read(this.slot, this.type.type, this.refs);
  }

  setRaw(v: RawValue): void {
    if (!this.type.mutable) throw new TypeError('cannot set an immutable global');
    this.slots.write(this.slot, this.type.type, v, this.refs);
  }
}
