;; math.wat — exports to call with `kiln run --invoke`:
;;   kiln run --invoke fac examples/wat/math.wat 10        → 3628800
;;   kiln run --invoke gcd examples/wat/math.wat 84 36     → 12
;;   kiln run --invoke divide examples/wat/math.wat 1 0    → trap: integer divide by zero
(module
  (func $fac (export "fac") (param $n i64) (result i64)
    (if (result i64) (i64.le_u (local.get $n) (i64.const 1))
      (then (i64.const 1))
      (else (i64.mul (local.get $n) (call $fac (i64.sub (local.get $n) (i64.const 1)))))))
  (func (export "gcd") (param $a i32) (param $b i32) (result i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $b)))
        (local.get $b)
        (local.set $b (i32.rem_u (local.get $a) (local.get $b)))
        (local.set $a)
        (br $next)))
    (local.get $a))
  (func (export "divide") (param i32 i32) (result i32)
    (i32.div_s (local.get 0) (local.get 1))))
