;; options: bounds=guard
(module
  (memory 1)
  ;; constants: movi/mvni/fmov, a repeated half through x16 (dup), two halves (fmov d + fmov v.d[1]), a zero half
  (func (result v128 v128 v128 v128 v128 v128 v128 v128)
    (v128.const i64x2 0 0) (v128.const i64x2 -1 -1) (v128.const i32x4 0x5500 0x5500 0x5500 0x5500)
    (v128.const f32x4 1.5 1.5 1.5 1.5) (v128.const i64x2 0x123456789 0x123456789)
    (v128.const i64x2 1 2) (v128.const i64x2 0x123456789 0) (v128.const i64x2 0 7))
  ;; splats, lanes, scalars into vectors
  (func (param v128 i32 i64 f32 f64) (result v128 v128 i32 i32 i64 f32 v128 v128 v128)
    (i8x16.splat (local.get 1)) (f64x2.splat (local.get 4))
    (i8x16.extract_lane_s 15 (local.get 0)) (i16x8.extract_lane_u 1 (local.get 0))
    (i64x2.extract_lane 1 (local.get 0)) (f32x4.extract_lane 3 (local.get 0))
    (i32x4.replace_lane 3 (local.get 0) (local.get 1))
    (f32x4.replace_lane 2 (local.get 0) (local.get 3))
    (v128.load32_zero (local.get 1)))
  ;; v128 loads and stores: scaled, unscaled and materialised offsets, register index; select
  (func (param i32 v128 i32) (result v128)
    (v128.store offset=32 (local.get 0) (local.get 1))
    (v128.store offset=17 (local.get 0) (local.get 1))
    (v128.store offset=70000 (local.get 0) (local.get 1))
    (select (v128.load (local.get 0)) (local.get 1) (local.get 2)))
  ;; v128 stack arguments and memory results (kiln-cc: v0-v7, then two 8-byte slots each)
  (func $many (param v128 v128 v128 v128 v128 v128 v128 v128 v128 i32 v128) (result v128 v128 v128 v128 v128 v128 v128 v128 v128 v128)
    (local.get 10) (local.get 9) (drop) (local.get 8) (local.get 7) (local.get 6) (local.get 5)
    (local.get 4) (local.get 3) (local.get 2) (local.get 1) (local.get 0))
  ;; a v128 live across a call: spilled with str q at a 16-byte aligned slot
  (func (param v128 i32) (result v128)
    (call $many (local.get 0) (local.get 0) (local.get 0) (local.get 0) (local.get 0) (local.get 0)
      (local.get 0) (local.get 0) (local.get 0) (local.get 1) (local.get 0))
    (drop) (drop) (drop) (drop) (drop) (drop) (drop) (drop) (drop) (drop)
    (local.get 0)))
