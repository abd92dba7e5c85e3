/**
 * A valid module the native compiler refuses whatever the target (now that SIMD compiles):
 * function 1 assigns 4,096 locals inside a block and then branches out of it 8,200 times, which
 * passes the frontend's limit on local snapshots (2^25 words; docs/frontend.md "Not
 * supported"). Function 0 is trivial. About 300 KB of text; refused in a second or two.
 */

const sets = Array.from({ length: 4096 }, (_, l) => `(local.set ${l} (i32.const 1))`).join('');
const brs = '(br_if 0 (local.get 0))'.repeat(8200);

export const REFUSED_WAT = `(module
  (func (export "f") (result i32) i32.const 1)
  (func (export "g") (param i32) (local ${'i32 '.repeat(4095)}) (block ${sets} ${brs})))`;

/** what the refusal says (a RegExp source, after the file and offset) */
export const REFUSED_REASON = 'unsupported: cannot compile this function in function 1 at 0x[0-9a-f]+: ';
