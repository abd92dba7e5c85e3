/**
 * Value types of the SSA IR: the four wasm number types, v128 (reserved for SIMD, no
 * instructions yet) and `ptr`, a 64-bit host address. A small numeric enum so the store can
 * keep one byte per value; `TYPE_NAMES` gives the text form.
 */

export const Type = {
  I32: 0,
  I64: 1,
  F32: 2,
  F64: 3,
  V128: 4,
  PTR: 5,
} as const;
export type Type = (typeof Type)[keyof typeof Type];

/** text names, indexed by Type */
export const TYPE_NAMES: readonly string[] = ['i32', 'i64', 'f32', 'f64', 'v128', 'ptr'];

export const TYPE_COUNT = TYPE_NAMES.length;

/** the Type named `name`, or -1 */
export function typeByName(name: string): Type | -1 {
  const i = TYPE_NAMES.indexOf(name);
  return i < 0 ? -1 : (i as Type);
}

export function typeName(t: number): string {
  return TYPE_NAMES[t] ?? `type${t}`;
}
