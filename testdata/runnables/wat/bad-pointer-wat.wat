;; bad-pointer-wat: an input starting with "bad!" reports a result at a pointer far outside its
;; memory (the host must trap this invocation only); any other input is echoed.
;; Exports memory, allocate, deallocate, run_e; no init, no _start.
(module
  (import "env" "return_result" (func $return_result (param i32 i32 i32)))

  (memory (export "memory") 1)

  ;; Bump allocator: the heap starts at 1024 and grows the memory on demand.
  ;; deallocate(p, n) rewinds the heap to p when p lies inside the heap, which
  ;; frees p and everything allocated after it (the host frees the input last).
  (global $heap_base i32 (i32.const 1024))
  (global $heap_top (mut i32) (i32.const 1024))

  (func $allocate (export "allocate") (param $size i32) (result i32)
    (local $ptr i32) (local $end i32) (local $need i32)
    ;; align to 8 bytes
    (local.set $ptr (i32.and (i32.add (global.get $heap_top) (i32.const 7)) (i32.const -8)))
    (local.set $end (i32.add (local.get $ptr) (local.get $size)))
    (if (i32.gt_u (local.get $end) (i32.mul (memory.size) (i32.const 65536)))
      (then
        (local.set $need
          (i32.sub
            (i32.shr_u (i32.add (local.get $end) (i32.const 65535)) (i32.const 16))
            (memory.size)))
        (if (i32.eq (memory.grow (local.get $need)) (i32.const -1))
          (then (return (i32.const 0))))))
    (global.set $heap_top (local.get $end))
    (local.get $ptr))

  (func $deallocate (export "deallocate") (param $ptr i32) (param $size i32)
    (if (i32.and
          (i32.ge_u (local.get $ptr) (global.get $heap_base))
          (i32.lt_u (local.get $ptr) (global.get $heap_top)))
      (then (global.set $heap_top (local.get $ptr)))))

  (func (export "run_e") (param $ptr i32) (param $len i32) (param $ident i32)
    (if (i32.and (i32.ge_u (local.get $len) (i32.const 4))
                 (i32.eq (i32.load (local.get $ptr)) (i32.const 0x21646162)))
      (then (call $return_result (i32.const 0xFFFFFF00) (i32.const 1000) (local.get $ident)) (return)))
    (call $return_result (local.get $ptr) (local.get $len) (local.get $ident)))
)
