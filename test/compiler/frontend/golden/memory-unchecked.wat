;; options: bounds=none
;; The same accesses without explicit bounds checks (for guard pages).
(module
  (memory 1)
  (func $copy (param $p i32) (param $q i32)
    (i64.store offset=16 (local.get $q) (i64.load (local.get $p))))
)
