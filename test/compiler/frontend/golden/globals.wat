;; Globals: imported ones through the pointer in their vmctx slot, defined ones in place.
(module
  (import "env" "g" (global $imm i32))
  (import "env" "h" (global $mut (mut f64)))
  (global $count (mut i64) (i64.const 0))
  (global $ref (mut funcref) (ref.null func))
  (func $globals (result f64)
    (global.set $count (i64.add (global.get $count) (i64.extend_i32_s (global.get $imm))))
    (global.set $mut (f64.const 2))
    (global.set $ref (global.get $ref))
    (global.get $mut))
)
