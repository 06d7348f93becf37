;; What AssemblyScript emits when abort is not routed: an import of env.abort(msg, file, line, column).
(module
  (import "env" "abort" (func $abort (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (func (export "allocate") (param i32) (result i32) (i32.const 1024))
  (func (export "run_e") (param i32 i32 i32)
    (call $abort (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 1))))
