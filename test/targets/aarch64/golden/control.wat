(module
  (func $sum (export "sum") (param i32) (result i32) (local i32)
    block
      loop
        local.get 0 i32.eqz br_if 1
        local.get 1 local.get 0 i32.add local.set 1
        local.get 0 i32.const 1 i32.sub local.set 0
        br 0
      end
    end
    local.get 1)
  (func $pick (export "pick") (param i32 i32 i32) (result i32)
    local.get 1 local.get 2 local.get 0 i32.const 10 i32.lt_s select)
  (func $switch (export "switch") (param i32) (result i32)
    block block block
      local.get 0 br_table 0 1 2
    end i32.const 10 return
    end i32.const 20 return
    end i32.const 30))
