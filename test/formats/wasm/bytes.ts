/**
 * Hand-building binary modules for the wasm format tests: sections, vectors, names and
 * LEB128 integers written out directly, so the tests need no external assembler.
 */

export const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

/** minimal unsigned LEB128 */
export function uleb(v: number): number[] {
  const out: number[] = [];
  do {
    let b = v % 128;
    v = Math.floor(v / 128);
    if (v > 0) b |= 0x80;
    out.push(b);
  } while (v > 0);
  return out;
}

/** a name: length + UTF-8 bytes */
export function name(s: string): number[] {
  const enc = [...new TextEncoder().encode(s)];
  return [...uleb(enc.length), ...enc];
}

/** a vector of already-encoded items */
export function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

/** a section with id and contents (size computed) */
export function section(id: number, contents: number[]): number[] {
  return [id, ...uleb(contents.length), ...contents];
}

/** a whole module from sections */
export function module(...sections: number[][]): Uint8Array {
  return new Uint8Array([...HEADER, ...sections.flat()]);
}

/** a code section entry: locals groups + body bytes (the body must end with 0x0b) */
export function func(locals: Array<[number, number]>, body: number[]): number[] {
  const content = [...vec(locals.map(([n, t]) => [...uleb(n), t])), ...body];
  return [...uleb(content.length), ...content];
}

/** type section with one `[] -> []` type, function section with `n` functions of it */
export const oneType = section(1, vec([[0x60, 0x00, 0x00]]));
export const funcs = (n: number): number[] => section(3, vec(Array.from({ length: n }, () => [0x00])));
export const code = (...bodies: number[][]): number[] => section(10, vec(bodies));
