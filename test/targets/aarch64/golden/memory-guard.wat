;; options: bounds=guard
(module
  (memory 1)
  (func (export "load") (param i32) (result i32)
    local.get 0
    i32.load offset=8)
  (func (export "store") (param i32 i64)
    local.get 0
    local.get 1
    i64.store offset=16)
  (func (export "far") (param i32) (result f64)
    local.get 0
    f64.load offset=0x80000000))
