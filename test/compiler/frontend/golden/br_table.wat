;; br_table: forward targets carrying a value, a target that is the function (a return), and
;; a loop target.
(module
  (func $switch (param $i i32) (result i32)
    (block $c (result i32)
      (block $b (result i32)
        (block $a (result i32)
          (i32.const 100)
          (br_table $a $b $c 3 (local.get $i)))
        (i32.add (i32.const 1)))
      (i32.add (i32.const 2))))
  (func $loop_table (param $i i32) (local $k i32)
    (block $done
      (loop $l
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br_table $l $done (local.get $i)))))
)
