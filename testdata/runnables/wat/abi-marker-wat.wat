;; abi-marker-wat: echo-wat that exports atmo_abi_b, the mark of a module built with Atmo's own SDKs:
;; the host loads it as ABI generation B whatever it is configured as.
(module
  (import "env" "return_result" (func $return_result (param i32 i32 i32)))

  (memory (export "memory") 1)

  (func (export "atmo_abi_b"))

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
    (call $return_result (local.get $ptr) (local.get $len) (local.get $ident)))
)
