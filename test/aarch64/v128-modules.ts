/**
 * Modules that carry v128 values through AArch64 code with only the infrastructure rows of
 * issue 13 (constants, splats, lanes, loads and stores, select, calls, globals): the v128 suite
 * (suites/v128.ts) runs them natively under qemu against the interpreter, and
 * test/targets/aarch64/v128-infra.test.ts cross-compiles them on the host. Lane-wise sums go
 * through `$add` (two i64 lanes extracted, added and replaced), so no arithmetic family is needed.
 */

/** `$add`: lane-wise i64x2 addition by extract/replace */
const ADD = `(func $add (param v128 v128) (result v128)
    (i64x2.replace_lane 1
      (i64x2.replace_lane 0 (local.get 0) (i64.add (i64x2.extract_lane 0 (local.get 0)) (i64x2.extract_lane 0 (local.get 1))))
      (i64.add (i64x2.extract_lane 1 (local.get 0)) (i64x2.extract_lane 1 (local.get 1)))))`;

const rep = (n: number, f: (k: number) => string, sep = ' '): string => Array.from({ length: n }, (_, k) => f(k)).join(sep);

/**
 * v128 params and results in registers, on the stack and in memory: `many` (12 v128 arguments
 * to a wasm function: four on the stack), `id` (mixed classes), `wide` (10 v128 and an i64 in,
 * reversed out: the entry trampoline's stack arguments and memory results), `viaCall` (the
 * same through a wasm call: outgoing arguments, incoming stack arguments, memory results).
 */
export const ABI = `(module
  ${ADD}
  (func $sum (param ${rep(12, () => 'v128')}) (result v128 v128 i32)
    (call $add (call $add (call $add (local.get 0) (local.get 1)) (call $add (local.get 2) (local.get 3)))
      (call $add (call $add (call $add (local.get 4) (local.get 5)) (call $add (local.get 6) (local.get 7)))
        (call $add (call $add (local.get 8) (local.get 9)) (call $add (local.get 10) (local.get 11)))))
    (local.get 11) (i32.const 7))
  (func (export "many") (param v128 v128) (result v128 v128 i32)
    (call $sum ${rep(12, (k) => `(local.get ${k % 2})`)}))
  (func (export "id") (param i32 v128 f64 v128) (result v128 f64 v128 i32)
    (local.get 3) (local.get 2) (local.get 1) (local.get 0))
  (func $rev (export "wide") (param ${rep(10, () => 'v128')} i64) (result i64 ${rep(10, () => 'v128')})
    (local.get 10) ${rep(10, (k) => `(local.get ${9 - k})`)})
  (func (export "viaCall") (param v128 v128) (result i64 ${rep(10, () => 'v128')})
    (call $rev ${rep(10, (k) => `(i64x2.replace_lane 0 (local.get ${k % 2}) (i64.const ${k}))`)} (i64.const -3))))`;

/**
 * host functions with v128 params and results (some on the stack) through the exit
 * trampoline; `big` (an i32 and 20 v128s each way) puts buffer slots past the immediate reach
 * of an unaligned `ldr q` / `str q` in both trampolines
 */
export const HOST = `(module
  (import "env" "h" (func $h (param v128 i32 v128) (result v128 v128)))
  (import "env" "w" (func $w (param ${rep(10, () => 'v128')} i32) (result ${rep(10, () => 'v128')} i32)))
  (import "env" "b" (func $b (param i32 ${rep(20, () => 'v128')}) (result i32 ${rep(20, () => 'v128')})))
  ${ADD}
  (func (export "f") (param v128 v128) (result v128 v128)
    (call $h (local.get 0) (i32.const 9) (call $add (local.get 0) (local.get 1))))
  (func (export "big") (param i32 ${rep(20, () => 'v128')}) (result i32 ${rep(20, () => 'v128')})
    (call $b ${rep(21, (k) => `(local.get ${k})`)}))
  (func (export "g") (param v128 v128) (result ${rep(10, () => 'v128')} i32)
    (call $w ${rep(10, (k) => `(i64x2.replace_lane 1 (local.get ${k % 2}) (i64.const ${k * 3}))`)} (i32.const 5))))`;

/** v128 globals: imported (mutable), defined and exported, immutable */
export const GLOBALS = `(module
  (import "env" "g" (global $g (mut v128)))
  (global $h (export "h") (mut v128) (v128.const i32x4 1 2 3 4))
  (global $k v128 (v128.const i64x2 -1 5))
  ${ADD}
  (func (export "f") (param v128) (result v128)
    (global.set $g (call $add (global.get $g) (local.get 0)))
    (global.set $h (call $add (global.get $h) (global.get $k)))
    (call $add (global.get $g) (global.get $h))))`;

/** n v128 values derived from the params, all live at once */
const LIVE = 40;
const defs = rep(LIVE, (k) => `(local.set ${k + 2} (i64x2.replace_lane 1 (i64x2.splat (i64.add (local.get 0) (i64.const ${k}))) (i64.mul (local.get 1) (i64.const ${k + 1}))))`, '\n    ');

/**
 * Spills: `spillCall` keeps 40 v128 values across a call (every vector register is clobbered
 * by a call: each one is spilled and reloaded, 16 bytes at a 16-byte aligned slot) and sums
 * them through `$add` calls; `spillLive` has 40 live at once without calls (more than the 31
 * allocatable vector registers) and folds them with lane extracts; `spillFloat` mixes f64 and
 * v128 values so scalar floats spill to 16-byte slots too.
 */
export const SPILLS = `(module
  ${ADD}
  (func $touch (param i32) (result i32) (local.get 0))
  (func (export "spillCall") (param i64 i64) (result v128)
    (local ${rep(LIVE, () => 'v128')})
    ${defs}
    (drop (call $touch (i32.const 0)))
    ${rep(LIVE - 1, () => '(call $add')} (local.get 2) ${rep(LIVE - 1, (k) => `(local.get ${k + 3}))`)})
  (func (export "spillLive") (param i64 i64) (result i64)
    (local ${rep(LIVE, () => 'v128')})
    ${defs}
    ${rep(LIVE, (k) => `(i64.xor (i64x2.extract_lane ${k % 2} (local.get ${k + 2}))`)} (i64.const 0) ${rep(LIVE, () => ')', '')})
  (func (export "spillFloat") (param f64 v128) (result f64 v128)
    (local ${rep(LIVE, () => 'f64')} v128)
    ${rep(LIVE, (k) => `(local.set ${k + 2} (f64.add (local.get 0) (f64.const ${k}.5)))`, '\n    ')}
    (local.set ${LIVE + 2} (f64x2.replace_lane 1 (local.get 1) (local.get 0)))
    (drop (call $touch (i32.const 0)))
    ${rep(LIVE, (k) => `(f64.add (local.get ${k + 2})`)} (f64.const 0) ${rep(LIVE, () => ')', '')}
    (local.get ${LIVE + 2})))`;

/** constants of every materialisation form, selects on every condition kind, lanes, loads and stores */
export const LANES = `(module
  (memory (export "mem") 1)
  (func (export "consts") (result ${rep(13, () => 'v128')})
    (v128.const i64x2 0 0) (v128.const i64x2 -1 -1) (v128.const i8x16 ${rep(16, () => '7')})
    (v128.const i32x4 ${rep(4, () => '0x5500')}) (v128.const i32x4 ${rep(4, () => '0xffff00ff')})
    (v128.const f32x4 ${rep(4, () => '1.5')}) (v128.const f64x2 -2.5 -2.5) (v128.const i64x2 0x123456789 0x123456789)
    (v128.const i64x2 0x123456789 0) (v128.const i64x2 0 0x123456789) (v128.const i64x2 1 2)
    (v128.const i64x2 0xff00ff00ff00ff00 0xff00ff00ff00ff00) (v128.const i32x4 1 2 3 4))
  (func (export "select") (param v128 v128 i32 i64 f64) (result v128 v128 v128 v128)
    (select (local.get 0) (local.get 1) (local.get 2))
    (select (local.get 1) (local.get 0) (i64.lt_s (local.get 3) (i64.const 5)))
    (select (local.get 0) (local.get 1) (f64.gt (local.get 4) (f64.const 1.0)))
    (select (local.get 0) (local.get 0) (local.get 2)))
  (func (export "lanes") (param v128 i32 i64 f32 f64) (result i32 i32 i32 i32 i32 i64 f32 f64 v128 v128 v128 v128)
    (i8x16.extract_lane_s 15 (local.get 0)) (i8x16.extract_lane_u 3 (local.get 0))
    (i16x8.extract_lane_s 7 (local.get 0)) (i16x8.extract_lane_u 1 (local.get 0))
    (i32x4.extract_lane 2 (local.get 0)) (i64x2.extract_lane 1 (local.get 0))
    (f32x4.extract_lane 3 (local.get 0)) (f64x2.extract_lane 1 (local.get 0))
    (i8x16.replace_lane 9 (i16x8.replace_lane 2 (local.get 0) (local.get 1)) (local.get 1))
    (i32x4.replace_lane 3 (i64x2.replace_lane 0 (local.get 0) (local.get 2)) (local.get 1))
    (f32x4.replace_lane 2 (f64x2.replace_lane 1 (local.get 0) (local.get 4)) (local.get 3))
    (f64x2.replace_lane 0 (f32x4.splat (local.get 3)) (f64x2.extract_lane 0 (f64x2.splat (local.get 4)))))
  (func (export "splats") (param i32 i64) (result v128 v128 v128 v128)
    (i8x16.splat (local.get 0)) (i16x8.splat (local.get 0)) (i32x4.splat (local.get 0)) (i64x2.splat (local.get 1)))
  (func (export "memory") (param i32 v128) (result v128 v128 v128 v128 v128 v128 v128)
    (v128.store offset=3 (local.get 0) (local.get 1))
    (v128.store offset=4100 (local.get 0) (local.get 1))
    (v128.store16_lane 5 (i32.const 64) (local.get 1))
    (v128.load offset=3 (local.get 0)) (v128.load offset=4100 (local.get 0)) (v128.load (i32.const 60))
    (v128.load32_zero offset=1 (local.get 0)) (v128.load64_zero (local.get 0))
    (v128.load8_splat offset=5 (local.get 0)) (v128.load32_lane 1 (local.get 0) (local.get 1))))`;

/** every module above, by name */
export const V128_MODULES: Readonly<Record<string, string>> = { ABI, HOST, GLOBALS, SPILLS, LANES };
