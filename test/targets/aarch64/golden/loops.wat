;; options: bounds=guard
(module
  (memory 1)
  ;; C[i*n+j] += A[i*n+k] * B[k*n+j] (A, B, C at fixed addresses), i, k, j < n, with eight values live across the loops
  ;; and used only after them: the inner loop must keep its own values in registers
  (func $nest (export "nest") (param $n i32) (param $a i32) (param $b i32) (param $c i32)
                               (param $p i32) (param $q i32) (param $r i32) (param $s i32) (result i32)
    (local $i i32) (local $k i32) (local $j i32) (local $x i32) (local $t i32) (local $u i32)
    (local $w i32) (local $z i32)
    (local.set $t (i32.mul (local.get $p) (local.get $q)))
    (local.set $u (i32.add (local.get $r) (local.get $s)))
    (local.set $w (i32.xor (local.get $p) (local.get $s)))
    (local.set $z (i32.sub (local.get $q) (local.get $r)))
    (loop $li
      (local.set $k (i32.const 0))
      (loop $lk
        (local.set $x (i32.load (i32.add (i32.const 1024)
          (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $k)) (i32.const 2)))))
        (local.set $j (i32.const 0))
        (loop $lj
          (i32.store
            (i32.add (i32.const 8192) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2)))
            (i32.add
              (i32.load (i32.add (i32.const 8192) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2))))
              (i32.mul (local.get $x)
                (i32.load (i32.add (i32.const 4096) (i32.shl (i32.add (i32.mul (local.get $k) (local.get $n)) (local.get $j)) (i32.const 2)))))))
          (br_if $lj (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 1))) (local.get $n))))
        (br_if $lk (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $n))))
      (br_if $li (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (i32.add
      (i32.add (i32.add (local.get $t) (local.get $u)) (i32.add (local.get $w) (local.get $z)))
      (i32.add (i32.add (local.get $p) (local.get $q)) (i32.add (local.get $r) (local.get $s))))))
