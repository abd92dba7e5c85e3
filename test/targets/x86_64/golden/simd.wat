(module
  (memory 1)
  ;; an i16 dot product: widening loads, i32x4 multiply-add, horizontal sum by shuffles
  (func $dot (export "dot") (param $a i32) (param $b i32) (param $n i32) (result i32)
    (local $i i32) (local $acc v128)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $acc
          (i32x4.add (local.get $acc)
            (i32x4.mul
              (v128.load16x4_s (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 1))))
              (v128.load16x4_s (i32.add (local.get $b) (i32.shl (local.get $i) (i32.const 1)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $next)))
    (local.set $acc (i32x4.add (local.get $acc) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $acc) (local.get $acc))))
    (i32x4.extract_lane 0 (i32x4.add (local.get $acc) (i8x16.shuffle 4 5 6 7 0 1 2 3 8 9 10 11 12 13 14 15 (local.get $acc) (local.get $acc)))))
  ;; lane-wise float arithmetic with wasm's NaN-propagating min
  (func $fmin (export "fmin") (param v128 v128) (result v128)
    (f32x4.min (f32x4.add (local.get 0) (local.get 1)) (local.get 1)))
  ;; a byte table lookup, indices of 16 and more giving 0
  (func $lookup (export "lookup") (param v128 v128) (result v128)
    (i8x16.swizzle (local.get 0) (local.get 1)))
  ;; a byte histogram step: compare, mask, count
  (func $count (export "count") (param v128 i32) (result i32)
    (i32.popcnt (i8x16.bitmask (i8x16.eq (local.get 0) (i8x16.splat (local.get 1))))))
  ;; saturating conversion, narrowing and an unsigned compare
  (func $conv (export "conv") (param v128 v128) (result v128)
    (i16x8.narrow_i32x4_u (i32x4.trunc_sat_f32x4_s (local.get 0)) (i32x4.gt_u (local.get 1) (local.get 0)))))
