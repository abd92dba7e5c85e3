;; Loops: only the locals a loop assigns become header params; a local set once before the
;; loop stays a plain value; nested loops; a loop with a param and a result.
(module
  (func $count (param $n i32) (result i32) (local $i i32) (local $step i32)
    (local.set $step (i32.const 2))
    (loop $l
      (local.set $i (i32.add (local.get $i) (local.get $step)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $i))
  (func $nested (param $n i32) (result i64) (local $i i32) (local $j i32) (local $acc i64)
    (loop $outer
      (local.set $j (i32.const 0))
      (loop $inner
        (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_u (local.get $j))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br_if $inner (i32.lt_u (local.get $j) (local.get $n))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $outer (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $acc))
  (func $loop_param (param $x i32) (result i32)
    (local.get $x)
    (loop $l (param i32) (result i32)
      (i32.sub (i32.const 1))
      (local.tee $x)
      (br_if $l (local.get $x))))
)
