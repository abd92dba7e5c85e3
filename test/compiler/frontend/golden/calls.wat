;; Calls: a defined function directly (call fnN), an imported one through its code and vmctx
;; slots (call_indirect), recursion; every callee gets the vmctx first.
(module
  (import "env" "log" (func $log (param i32)))
  (import "env" "twice" (func $twice (param f64) (result f64)))
  (func $fact (param $n i64) (result i64)
    (if (result i64) (i64.eqz (local.get $n))
      (then (i64.const 1))
      (else (i64.mul (local.get $n) (call $fact (i64.sub (local.get $n) (i64.const 1)))))))
  (func $host (param $x f64) (result f64)
    (call $log (i32.const 7))
    (call $twice (call $twice (local.get $x))))
)
