;; print-wat: writes "hello stdout\n" to WASI stdout and "oops on stderr\n" to stderr, then
;; returns "printed". Shows where a guest's standard output goes.
(module
  (import "env" "return_result" (func $return_result (param i32 i32 i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))

  (memory (export "memory") 1)
  (data (i32.const 16) "hello stdout\n")
  (data (i32.const 48) "oops on stderr\n")
  (data (i32.const 80) "printed")

  (global $heap_top (mut i32) (i32.const 1024))

  (func (export "allocate") (param $size i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (global.get $heap_top))
    (global.set $heap_top (i32.add (global.get $heap_top) (local.get $size)))
    (local.get $ptr))

  (func (export "deallocate") (param $ptr i32) (param $size i32)
    (global.set $heap_top (i32.const 1024)))

  (func $write (param $fd i32) (param $ptr i32) (param $len i32)
    ;; one iovec at 512: {ptr, len}; bytes written land at 520
    (i32.store (i32.const 512) (local.get $ptr))
    (i32.store (i32.const 516) (local.get $len))
    (drop (call $fd_write (local.get $fd) (i32.const 512) (i32.const 1) (i32.const 520))))

  (func (export "run_e") (param $ptr i32) (param $len i32) (param $ident i32)
    (call $write (i32.const 1) (i32.const 16) (i32.const 13))
    (call $write (i32.const 2) (i32.const 48) (i32.const 15))
    (call $return_result (i32.const 80) (i32.const 7) (local.get $ident)))
)
