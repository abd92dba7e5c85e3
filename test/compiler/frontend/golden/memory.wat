;; Memory: loads and stores of every width as ptradd + access with the static offset, each
;; after an explicit heap_check against the size in the vmctx; size, grow and bulk memory.
(module
  (memory 1 10)
  (data $d "hello")
  (func $load_store (param $p i32) (result i64)
    (i32.store8 offset=3 (local.get $p) (i32.load16_s (local.get $p)))
    (f64.store (local.get $p) (f64.load offset=8 (local.get $p)))
    (i64.load32_u offset=4294967295 (local.get $p)))
  (func $size_grow (param $n i32) (result i32)
    (i32.add (memory.size) (memory.grow (local.get $n))))
  (func $bulk (param $d i32) (param $s i32) (param $n i32)
    (memory.fill (local.get $d) (i32.const 0) (local.get $n))
    (memory.copy (local.get $d) (local.get $s) (local.get $n))
    (memory.init $d (local.get $d) (i32.const 0) (i32.const 5))
    (data.drop $d))
)
