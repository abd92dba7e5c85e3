/**
 * Condition codes, the immediates of `icmp` and `fcmp`. Integer conditions name signedness
 * (s/u) where it matters; float conditions are ordered comparisons with IEEE semantics except
 * `ne`, which is true when either operand is NaN (wasm's f32.ne / f64.ne).
 */

export const IntCC = { eq: 0, ne: 1, slt: 2, sle: 3, sgt: 4, sge: 5, ult: 6, ule: 7, ugt: 8, uge: 9 } as const;
export type IntCC = (typeof IntCC)[keyof typeof IntCC];
export const INTCC_NAMES: readonly string[] = ['eq', 'ne', 'slt', 'sle', 'sgt', 'sge', 'ult', 'ule', 'ugt', 'uge'];

export const FloatCC = { eq: 0, ne: 1, lt: 2, le: 3, gt: 4, ge: 5 } as const;
export type FloatCC = (typeof FloatCC)[keyof typeof FloatCC];
export const FLOATCC_NAMES: readonly string[] = ['eq', 'ne', 'lt', 'le', 'gt', 'ge'];
