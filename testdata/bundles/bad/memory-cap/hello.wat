;; Asks for 1100 pages (68.75 MiB) of memory at start, over the default cap of 64 MiB (1024 pages).
(module
  (memory (export "memory") 1100)
  (func (export "allocate") (param i32) (result i32) (i32.const 1024))
  (func (export "run_e") (param i32 i32 i32)))
