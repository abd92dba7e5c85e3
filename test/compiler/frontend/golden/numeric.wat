;; Numeric families: integer arithmetic with division checks, comparisons, shifts and bit
;; counts, floats (min/max/nearest/copysign are single rows with wasm semantics), conversions
;; with explicit trapping checks and saturating ones, reinterpretations, sign extension.
(module
  (func $int32 (param $a i32) (param $b i32) (result i32)
    (i32.add (i32.div_u (local.get $a) (local.get $b)) (i32.rem_s (local.get $a) (local.get $b))))
  (func $int64 (param $a i64) (param $b i64) (result i64)
    (i64.rotl (i64.div_s (local.get $a) (local.get $b)) (i64.popcnt (local.get $b))))
  (func $compare (param $a i64) (param $b i64) (result i32)
    (i32.and (i64.lt_s (local.get $a) (local.get $b)) (i64.eqz (local.get $a))))
  (func $float (param $x f32) (param $y f64) (result f64)
    (f64.add
      (f64.promote_f32 (f32.nearest (f32.min (local.get $x) (f32.const -0))))
      (f64.copysign (f64.max (local.get $y) (f64.const nan:0x4)) (f64.const -1.5))))
  (func $fcompare (param $x f32) (param $y f32) (result i32)
    (i32.or (f32.ne (local.get $x) (local.get $y)) (f32.ge (local.get $x) (local.get $y))))
  (func $trunc_s (param $x f64) (result i32) (i32.trunc_f64_s (local.get $x)))
  (func $trunc_u (param $x f32) (result i64) (i64.trunc_f32_u (local.get $x)))
  (func $sat (param $x f64) (result i64) (i64.trunc_sat_f64_u (local.get $x)))
  (func $convert (param $x i64) (result f32)
    (f32.add (f32.convert_i64_u (local.get $x)) (f32.demote_f64 (f64.convert_i32_s (i32.wrap_i64 (local.get $x))))))
  (func $bits (param $x f64) (result i64)
    (i64.extend32_s (i64.reinterpret_f64 (local.get $x))))
  (func $ext (param $x i32) (result i64)
    (i64.add (i64.extend_i32_u (i32.extend8_s (local.get $x))) (i64.const -9223372036854775808)))
)
