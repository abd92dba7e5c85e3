;; hello.wat — the smallest WASI command: writes a greeting to stdout with fd_write.
;;   kiln run examples/wat/hello.wat
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; iovec at 0: { buf = 16, len = 13 }
  (data (i32.const 0) "\10\00\00\00\0d\00\00\00")
  (data (i32.const 16) "hello, kiln!\0a")
  (func $main (export "_start")
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
