/**
 * The AArch64 machine function: targets/target-func.ts's TargetFunc with AArch64 kiln-cc's
 * layout. An emit rule reads operand k's allocation with `EmitCtx.gpr(mi, k)` or
 * `EmitCtx.vreg(mi, k)`.
 */

import { TargetFunc } from '../target-func.js';
import type { CallLayout } from './abi.js';

export class A64Func extends TargetFunc<CallLayout> {
  constructor() {
    super({ args: [], results: [], stackArgs: 0, memResults: 0 });
  }
}
