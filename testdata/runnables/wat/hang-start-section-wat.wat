;; hang-start-section-wat: the module's start section
;; never returns, so an instance of it can never be made; run_e echoes its input.
(module
  (import "env" "return_result" (func $return_result (param i32 i32 i32)))
  (memory (export "memory") 1)
  (func (export "allocate") (param $size i32) (result i32) (i32.const 1024))
  (func (export "deallocate") (param $ptr i32) (param $size i32))
  (func (export "run_e") (param $ptr i32) (param $len i32) (param $ident i32)
    (call $return_result (local.get $ptr) (local.get $len) (local.get $ident)))
  (func $forever (loop $again (br $again)))
  (start $forever)
)
