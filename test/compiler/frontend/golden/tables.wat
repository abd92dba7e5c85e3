;; Tables and references: call_indirect with its bounds, null and signature checks, the table
;; instructions through the runtime, table.size from the vmctx, ref.null / ref.is_null / ref.func.
(module
  (type $binop (func (param i32 i32) (result i32)))
  (table $t 4 funcref)
  (table $e 2 externref)
  (elem $seg func $add)
  (func $add (type $binop) (i32.add (local.get 0) (local.get 1)))
  (func $dispatch (param $i i32) (result i32)
    (call_indirect $t (type $binop) (i32.const 1) (i32.const 2) (local.get $i)))
  (func $ops (param $i i32) (param $x externref) (result i32)
    (table.set $e (local.get $i) (local.get $x))
    (drop (table.grow $e (ref.null extern) (i32.const 1)))
    (table.fill $t (i32.const 0) (ref.func $add) (i32.const 1))
    (table.copy $t $t (i32.const 0) (i32.const 1) (i32.const 1))
    (table.init $t $seg (i32.const 0) (i32.const 0) (i32.const 1))
    (elem.drop $seg)
    (i32.add (table.size $t) (ref.is_null (table.get $e (local.get $i)))))
)
