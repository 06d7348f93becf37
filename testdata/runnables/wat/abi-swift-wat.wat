;; abi-swift-wat: ABI exerciser that calls the host only through the `<name>_swift`
;; imports, which take the parameters of `<name>` followed by two extra i32 (the
;; Swift calling convention's self and error registers, ignored by the host; this
;; module passes 0 and 0). Same line-based command protocol as the other exercisers
;; (testdata/runnables/README.md). Like Swift Runnables, allocate(size) reserves
;; size + 1 bytes.
;;
;; This file is the ABI-B variant (imports all 15 twins, exports `_start`, HEAD
;; Swift style). build.sh derives abi-a-swift-wat from it: the blocks marked as
;; B-only (between the B-BEGIN and B-END marker comments) are dropped and the lines
;; commented out with the A marker are enabled, giving the 12 ABI-A twins and an
;; `init` export (Swift <= 0.12 style).
(module
  (import "env" "return_result_swift" (func $return_result (param i32 i32 i32 i32 i32)))
  (import "env" "return_error_swift" (func $return_error (param i32 i32 i32 i32 i32 i32)))
  (import "env" "get_ffi_result_swift" (func $get_ffi_result (param i32 i32 i32 i32) (result i32)))
  (import "env" "fetch_url_swift" (func $fetch_url (param i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "env" "graphql_query_swift" (func $graphql_query (param i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "env" "cache_set_swift" (func $cache_set (param i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "env" "cache_get_swift" (func $cache_get (param i32 i32 i32 i32 i32) (result i32)))
  (import "env" "log_msg_swift" (func $log_msg (param i32 i32 i32 i32 i32 i32)))
  (import "env" "request_get_field_swift" (func $request_get_field (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "env" "resp_set_header_swift" (func $resp_set_header (param i32 i32 i32 i32 i32 i32 i32)))
  (import "env" "get_static_file_swift" (func $get_static_file (param i32 i32 i32 i32 i32) (result i32)))
  (import "env" "return_abort_swift" (func $return_abort (param i32 i32 i32 i32 i32 i32 i32 i32 i32)))
  ;;B-BEGIN
  (import "env" "add_ffi_var_swift" (func $add_ffi_var (param i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "env" "request_set_field_swift" (func $request_set_field (param i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "env" "db_exec_swift" (func $db_exec (param i32 i32 i32 i32 i32 i32) (result i32)))
  ;;B-END

  (memory (export "memory") 1)

  ;; ---- constant strings ----
  (data (i32.const 1040) "_start")
  (data (i32.const 1046) "init")
  (data (i32.const 1050) "GET")
  (data (i32.const 1053) "HEAD")
  (data (i32.const 1057) "OPTIONS")
  (data (i32.const 1064) "POST")
  (data (i32.const 1068) "PUT")
  (data (i32.const 1071) "PATCH")
  (data (i32.const 1076) "DELETE")
  (data (i32.const 1082) "fetch")
  (data (i32.const 1087) "unknown method ")
  (data (i32.const 1102) "graphql")
  (data (i32.const 1109) "cache_get")
  (data (i32.const 1118) "field")
  (data (i32.const 1123) "static")
  (data (i32.const 1129) "set_field")
  (data (i32.const 1138) "db")
  (data (i32.const 1140) "ffi=")
  (data (i32.const 1144) " ")
  (data (i32.const 1145) "=")
  (data (i32.const 1146) "rc=")
  (data (i32.const 1149) "data")
  (data (i32.const 1153) "err")
  (data (i32.const 1156) "badident")
  (data (i32.const 1164) "nofetch")
  (data (i32.const 1171) "not a slot command")
  (data (i32.const 1189) "pending")
  (data (i32.const 1196) "first=")
  (data (i32.const 1202) " second=")
  (data (i32.const 1210) "ffi")
  (data (i32.const 1213) "cache_set")
  (data (i32.const 1222) "log")
  (data (i32.const 1225) "ok")
  (data (i32.const 1227) "header")
  (data (i32.const 1233) "var")
  (data (i32.const 1236) "body")
  (data (i32.const 1240) "result")
  (data (i32.const 1246) "error")
  (data (i32.const 1251) "abort")
  (data (i32.const 1256) "abi-swift-wat")
  (data (i32.const 1269) "abi-a-swift-wat")
  (data (i32.const 1284) "trap")
  (data (i32.const 1288) "ident")
  (data (i32.const 1293) "ident=")
  (data (i32.const 1299) "inits")
  (data (i32.const 1304) "inits=")
  (data (i32.const 1310) "echo")
  (data (i32.const 1314) "unknown command ")
  (data (i32.const 1330) "\0a")
  ;; buffer of the `inits` command
  (global $inits_ptr i32 (i32.const 1344))

  ;; 1 for the ABI-B variant (method numbers, error slots), 0 for ABI-A
  ;;B-BEGIN
  (global $abi_b i32 (i32.const 1))
  ;;B-END
  ;;A (global $abi_b i32 (i32.const 0))

  ;; ---- allocator ----
  ;; Bump allocator above the constants; deallocate(p, n) rewinds the heap to p when
  ;; p lies inside it, freeing the input and every buffer allocated during the job.
  (global $heap_base i32 (i32.const 4096))
  (global $heap_top (mut i32) (i32.const 4096))

  (func $alloc (param $size i32) (result i32)
    (local $ptr i32) (local $end i32)
    (local.set $ptr (i32.and (i32.add (global.get $heap_top) (i32.const 7)) (i32.const -8)))
    (local.set $end (i32.add (local.get $ptr) (local.get $size)))
    (if (i32.gt_u (local.get $end) (i32.mul (memory.size) (i32.const 65536)))
      (then
        (if (i32.eq
              (memory.grow
                (i32.sub
                  (i32.shr_u (i32.add (local.get $end) (i32.const 65535)) (i32.const 16))
                  (memory.size)))
              (i32.const -1))
          (then unreachable))))
    (global.set $heap_top (local.get $end))
    (local.get $ptr))

  (func (export "allocate") (param $size i32) (result i32)
    (call $alloc (i32.add (local.get $size) (i32.const 1))))

  (func (export "deallocate") (param $ptr i32) (param $size i32)
    (if (i32.and
          (i32.ge_u (local.get $ptr) (global.get $heap_base))
          (i32.lt_u (local.get $ptr) (global.get $heap_top)))
      (then (global.set $heap_top (local.get $ptr)))))

  (func $copy (param $dst i32) (param $src i32) (param $n i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (i32.store8 (local.get $dst) (i32.load8_u (local.get $src)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 1)))
        (local.set $src (i32.add (local.get $src) (i32.const 1)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next))))

  ;; ---- initialisation record (for the `inits` command) ----
  (global $inits_len (mut i32) (i32.const 0))

  (func $record_init (param $p i32) (param $n i32)
    (if (global.get $inits_len)
      (then
        (i32.store8 (i32.add (global.get $inits_ptr) (global.get $inits_len)) (i32.const 44))
        (global.set $inits_len (i32.add (global.get $inits_len) (i32.const 1)))))
    (call $copy (i32.add (global.get $inits_ptr) (global.get $inits_len)) (local.get $p) (local.get $n))
    (global.set $inits_len (i32.add (global.get $inits_len) (local.get $n))))

  ;;B-BEGIN
  (func (export "_start") (call $record_init (i32.const 1040) (i32.const 6) (; "_start" ;)))
  ;;B-END
  ;;A (func (export "init") (call $record_init (i32.const 1046) (i32.const 4) (; "init" ;)))

  ;; ---- per-job state ----
  (global $ident (mut i32) (i32.const 0))
  (global $bad_ident_next (mut i32) (i32.const 0))
  (global $out_ptr (mut i32) (i32.const 0))
  (global $out_len (mut i32) (i32.const 0))
  (global $out_cap (mut i32) (i32.const 0))
  (global $body_ptr (mut i32) (i32.const 0))
  (global $body_len (mut i32) (i32.const 0))
  (global $last_size (mut i32) (i32.const 0))
  (global $reported (mut i32) (i32.const 0))
  (global $stopped (mut i32) (i32.const 0))
  (global $rc (mut i32) (i32.const 0))

  ;; the ident for the next import (ident + 1 once after `badident`)
  (func $id (result i32)
    (if (global.get $bad_ident_next)
      (then
        (global.set $bad_ident_next (i32.const 0))
        (return (i32.add (global.get $ident) (i32.const 1)))))
    (global.get $ident))

  ;; ---- output ----
  (func $out (param $p i32) (param $n i32)
    (local $cap i32) (local $bigger i32)
    (if (i32.gt_u (i32.add (global.get $out_len) (local.get $n)) (global.get $out_cap))
      (then
        (local.set $cap (i32.shl (global.get $out_cap) (i32.const 1)))
        (block $enough
          (loop $double
            (br_if $enough (i32.ge_u (local.get $cap) (i32.add (global.get $out_len) (local.get $n))))
            (local.set $cap (i32.shl (local.get $cap) (i32.const 1)))
            (br $double)))
        (local.set $bigger (call $alloc (local.get $cap)))
        (call $copy (local.get $bigger) (global.get $out_ptr) (global.get $out_len))
        (global.set $out_ptr (local.get $bigger))
        (global.set $out_cap (local.get $cap))))
    (call $copy (i32.add (global.get $out_ptr) (global.get $out_len)) (local.get $p) (local.get $n))
    (global.set $out_len (i32.add (global.get $out_len) (local.get $n))))

  (func $out_int (param $v i32)
    (local $p i32) (local $u i32)
    ;; digits are written backwards into the scratch area ending at 1024
    (local.set $p (i32.const 1024))
    (local.set $u (select (i32.sub (i32.const 0) (local.get $v)) (local.get $v) (i32.lt_s (local.get $v) (i32.const 0))))
    (loop $digit
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p) (i32.add (i32.const 48) (i32.rem_u (local.get $u) (i32.const 10))))
      (local.set $u (i32.div_u (local.get $u) (i32.const 10)))
      (br_if $digit (local.get $u)))
    (if (i32.lt_s (local.get $v) (i32.const 0))
      (then
        (local.set $p (i32.sub (local.get $p) (i32.const 1)))
        (i32.store8 (local.get $p) (i32.const 45))))
    (call $out (local.get $p) (i32.sub (i32.const 1024) (local.get $p))))

  ;; ---- parsing ----
  ;; $word splits (p, n) at the first space: the word goes to $w_p/$w_n, the text
  ;; after the space to $r_p/$r_n (empty when there is no space).
  (global $w_p (mut i32) (i32.const 0))
  (global $w_n (mut i32) (i32.const 0))
  (global $r_p (mut i32) (i32.const 0))
  (global $r_n (mut i32) (i32.const 0))

  (func $word (param $p i32) (param $n i32)
    (local $i i32)
    (global.set $w_p (local.get $p))
    (block $found
      (loop $scan
        (if (i32.ge_u (local.get $i) (local.get $n))
          (then
            (global.set $w_n (local.get $n))
            (global.set $r_p (i32.add (local.get $p) (local.get $n)))
            (global.set $r_n (i32.const 0))
            (return)))
        (br_if $found (i32.eq (i32.load8_u (i32.add (local.get $p) (local.get $i))) (i32.const 32)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $scan)))
    (global.set $w_n (local.get $i))
    (global.set $r_p (i32.add (i32.add (local.get $p) (local.get $i)) (i32.const 1)))
    (global.set $r_n (i32.sub (i32.sub (local.get $n) (local.get $i)) (i32.const 1))))

  (func $eq (param $a i32) (param $an i32) (param $b i32) (param $bn i32) (result i32)
    (local $i i32)
    (if (i32.ne (local.get $an) (local.get $bn)) (then (return (i32.const 0))))
    (block $differ
      (loop $next
        (if (i32.ge_u (local.get $i) (local.get $an)) (then (return (i32.const 1))))
        (br_if $differ
          (i32.ne
            (i32.load8_u (i32.add (local.get $a) (local.get $i)))
            (i32.load8_u (i32.add (local.get $b) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.const 0))

  (func $is_number (param $p i32) (param $n i32) (result i32)
    (local $i i32) (local $c i32)
    (if (i32.and (i32.gt_u (local.get $n) (i32.const 0)) (i32.eq (i32.load8_u (local.get $p)) (i32.const 45)))
      (then (local.set $i (i32.const 1))))
    (if (i32.eq (local.get $i) (local.get $n)) (then (return (i32.const 0))))
    (loop $next
      (local.set $c (i32.load8_u (i32.add (local.get $p) (local.get $i))))
      (if (i32.or (i32.lt_u (local.get $c) (i32.const 48)) (i32.gt_u (local.get $c) (i32.const 57)))
        (then (return (i32.const 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (local.get $n))))
    (i32.const 1))

  (func $to_int (param $p i32) (param $n i32) (result i32)
    (local $i i32) (local $c i32) (local $v i32) (local $negative i32)
    (if (i32.and (i32.gt_u (local.get $n) (i32.const 0)) (i32.eq (i32.load8_u (local.get $p)) (i32.const 45)))
      (then
        (local.set $negative (i32.const 1))
        (local.set $i (i32.const 1))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $c (i32.load8_u (i32.add (local.get $p) (local.get $i))))
        (br_if $done (i32.or (i32.lt_u (local.get $c) (i32.const 48)) (i32.gt_u (local.get $c) (i32.const 57))))
        (local.set $v (i32.add (i32.mul (local.get $v) (i32.const 10)) (i32.sub (local.get $c) (i32.const 48))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (if (result i32) (local.get $negative)
      (then (i32.sub (i32.const 0) (local.get $v)))
      (else (local.get $v))))

  ;; HTTP method name or number -> fetch_url method number of this generation; -1000 if unknown
  (func $method_number (param $p i32) (param $n i32) (result i32)
    (if (call $is_number (local.get $p) (local.get $n))
      (then (return (call $to_int (local.get $p) (local.get $n)))))
    (if (global.get $abi_b)
      (then
        (if (call $eq (local.get $p) (local.get $n) (i32.const 1050) (i32.const 3) (; "GET" ;)) (then (return (i32.const 0))))
        (if (call $eq (local.get $p) (local.get $n) (i32.const 1053) (i32.const 4) (; "HEAD" ;)) (then (return (i32.const 1))))
        (if (call $eq (local.get $p) (local.get $n) (i32.const 1057) (i32.const 7) (; "OPTIONS" ;)) (then (return (i32.const 2))))
        (if (call $eq (local.get $p) (local.get $n) (i32.const 1064) (i32.const 4) (; "POST" ;)) (then (return (i32.const 3))))
        (if (call $eq (local.get $p) (local.get $n) (i32.const 1068) (i32.const 3) (; "PUT" ;)) (then (return (i32.const 4))))
        (if (call $eq (local.get $p) (local.get $n) (i32.const 1071) (i32.const 5) (; "PATCH" ;)) (then (return (i32.const 5))))
        (if (call $eq (local.get $p) (local.get $n) (i32.const 1076) (i32.const 6) (; "DELETE" ;)) (then (return (i32.const 6)))))
      (else
        (if (call $eq (local.get $p) (local.get $n) (i32.const 1050) (i32.const 3) (; "GET" ;)) (then (return (i32.const 1))))
        (if (call $eq (local.get $p) (local.get $n) (i32.const 1064) (i32.const 4) (; "POST" ;)) (then (return (i32.const 2))))
        (if (call $eq (local.get $p) (local.get $n) (i32.const 1071) (i32.const 5) (; "PATCH" ;)) (then (return (i32.const 3))))
        (if (call $eq (local.get $p) (local.get $n) (i32.const 1076) (i32.const 6) (; "DELETE" ;)) (then (return (i32.const 4))))))
    (i32.const -1000))

  ;; ---- slot-producing commands ----
  ;; $slot_call runs one without fetching the slot and returns 0 (not a slot
  ;; command), 1 (called; the import's return value is in $rc) or 2 (argument
  ;; error, already reported).
  (func $slot_call (param $p i32) (param $n i32) (result i32)
    (local $cmd_p i32) (local $cmd_n i32) (local $a_p i32) (local $a_n i32) (local $method i32)
    (call $word (local.get $p) (local.get $n))
    (local.set $cmd_p (global.get $w_p))
    (local.set $cmd_n (global.get $w_n))
    (local.set $p (global.get $r_p))
    (local.set $n (global.get $r_n))
    (block $called
      (if (call $eq (local.get $cmd_p) (local.get $cmd_n) (i32.const 1082) (i32.const 5) (; "fetch" ;))
        (then
          (call $word (local.get $p) (local.get $n))
          (local.set $method (call $method_number (global.get $w_p) (global.get $w_n)))
          (if (i32.eq (local.get $method) (i32.const -1000))
            (then
              (call $out (i32.const 1087) (i32.const 15) (; "unknown method " ;))
              (call $out (global.get $w_p) (global.get $w_n))
              (return (i32.const 2))))
          (global.set $rc
            (call $fetch_url (local.get $method) (global.get $r_p) (global.get $r_n)
              (global.get $body_ptr) (global.get $body_len) (call $id) (i32.const 0) (i32.const 0)))
          (global.set $body_len (i32.const 0))
          (br $called)))
      (if (call $eq (local.get $cmd_p) (local.get $cmd_n) (i32.const 1102) (i32.const 7) (; "graphql" ;))
        (then
          (call $word (local.get $p) (local.get $n))
          (global.set $rc
            (call $graphql_query (global.get $w_p) (global.get $w_n) (global.get $r_p) (global.get $r_n)
              (call $id) (i32.const 0) (i32.const 0)))
          (br $called)))
      (if (call $eq (local.get $cmd_p) (local.get $cmd_n) (i32.const 1109) (i32.const 9) (; "cache_get" ;))
        (then
          (global.set $rc (call $cache_get (local.get $p) (local.get $n) (call $id) (i32.const 0) (i32.const 0)))
          (br $called)))
      (if (call $eq (local.get $cmd_p) (local.get $cmd_n) (i32.const 1118) (i32.const 5) (; "field" ;))
        (then
          (call $word (local.get $p) (local.get $n))
          (global.set $rc
            (call $request_get_field (call $to_int (global.get $w_p) (global.get $w_n))
              (global.get $r_p) (global.get $r_n) (call $id) (i32.const 0) (i32.const 0)))
          (br $called)))
      (if (call $eq (local.get $cmd_p) (local.get $cmd_n) (i32.const 1123) (i32.const 6) (; "static" ;))
        (then
          (global.set $rc (call $get_static_file (local.get $p) (local.get $n) (call $id) (i32.const 0) (i32.const 0)))
          (br $called)))
      ;;B-BEGIN
      (if (call $eq (local.get $cmd_p) (local.get $cmd_n) (i32.const 1129) (i32.const 9) (; "set_field" ;))
        (then
          (call $word (local.get $p) (local.get $n))
          (local.set $a_p (global.get $w_p))
          (local.set $a_n (global.get $w_n))
          (call $word (global.get $r_p) (global.get $r_n))
          (global.set $rc
            (call $request_set_field (call $to_int (local.get $a_p) (local.get $a_n))
              (global.get $w_p) (global.get $w_n) (global.get $r_p) (global.get $r_n)
              (call $id) (i32.const 0) (i32.const 0)))
          (br $called)))
      (if (call $eq (local.get $cmd_p) (local.get $cmd_n) (i32.const 1138) (i32.const 2) (; "db" ;))
        (then
          (call $word (local.get $p) (local.get $n))
          (global.set $rc
            (call $db_exec (call $to_int (global.get $w_p) (global.get $w_n))
              (global.get $r_p) (global.get $r_n) (call $id) (i32.const 0) (i32.const 0)))
          (br $called)))
      ;;B-END
      (return (i32.const 0)))
    (if (i32.ne (global.get $rc) (i32.const -1))
      (then
        (global.set $last_size
          (select (i32.sub (i32.const 0) (global.get $rc)) (global.get $rc)
            (i32.lt_s (global.get $rc) (i32.const 0))))))
    (i32.const 1))

  ;; fetches the slot into a buffer of $last_size bytes; reports "ffi=<r>[ <label>=<bytes>]"
  (func $fetch_slot (param $label_p i32) (param $label_n i32)
    (local $buffer i32) (local $r i32)
    (local.set $buffer (call $alloc (i32.add (global.get $last_size) (i32.const 1))))
    (local.set $r (call $get_ffi_result (local.get $buffer) (call $id) (i32.const 0) (i32.const 0)))
    (call $out (i32.const 1140) (i32.const 4) (; "ffi=" ;))
    (call $out_int (local.get $r))
    (if (i32.eqz (local.get $r))
      (then
        (call $out (i32.const 1144) (i32.const 1) (; " " ;))
        (call $out (local.get $label_p) (local.get $label_n))
        (call $out (i32.const 1145) (i32.const 1) (; "=" ;))
        (call $out (local.get $buffer) (global.get $last_size)))))

  (func $report_slot (param $rc i32)
    (call $out (i32.const 1146) (i32.const 3) (; "rc=" ;))
    (call $out_int (local.get $rc))
    (if (i32.ge_s (local.get $rc) (i32.const 0))
      (then
        (call $out (i32.const 1144) (i32.const 1) (; " " ;))
        (call $fetch_slot (i32.const 1149) (i32.const 4) (; "data" ;))
        (return)))
    (if (i32.and (global.get $abi_b) (i32.lt_s (local.get $rc) (i32.const -1)))
      (then
        (call $out (i32.const 1144) (i32.const 1) (; " " ;))
        (call $fetch_slot (i32.const 1153) (i32.const 3) (; "err" ;)))))

  ;; ---- one command line ----
  (func $exec_line (param $line_p i32) (param $line_n i32)
    (local $cmd_p i32) (local $cmd_n i32) (local $p i32) (local $n i32)
    (local $status i32) (local $first_rc i32) (local $first_size i32)
    (local $a_p i32) (local $a_n i32) (local $i i32)
    (call $word (local.get $line_p) (local.get $line_n))
    (local.set $cmd_p (global.get $w_p))
    (local.set $cmd_n (global.get $w_n))
    (local.set $p (global.get $r_p))
    (local.set $n (global.get $r_n))

    (if (call $eq (local.get $cmd_p) (local.get $cmd_n) (i32.const 1156) (i32.const 8) (; "badident" ;))
      (then
        (global.set $bad_ident_next (i32.const 1))
        (call $exec_line (local.get $p) (local.get $n))
        (global.set $bad_ident_next (i32.const 0))
        (return)))

    (if (call $eq (local.get $cmd_p) (local.get $cmd_n) (i32.const 1164) (i32.const 7) (; "nofetch" ;))
      (then
        (local.set $status (call $slot_call (local.get $p) (local.get $n)))
        (if (i32.eqz (local.get $status)) (then (call $out (i32.const 1171) (i32.const 18) (; "not a slot command" ;))))
        (if (i32.eq (local.get $status) (i32.const 1))
          (then
            (call $out (i32.const 1146) (i32.const 3) (; "rc=" ;))
            (call $out_int (global.get $rc))))
        (return)))

    (if (call $eq (local.get $cmd_p) (local.get $cmd_n) (i32.const 1189) (i32.const 7) (; "pending" ;))
      (then
        (local.set $status (call $slot_call (local.get $p) (local.get $n)))
        (if (i32.eqz (local.get $status)) (then (call $out (i32.const 1171) (i32.const 18) (; "not a slot command" ;))))
        (if (i32.eq (local.get $status) (i32.const 1))
          (then
            (local.set $first_rc (global.get $rc))
            (local.set $first_size (global.get $last_size))
            (drop (call $slot_call (local.get $p) (local.get $n)))
            (if (i32.eq (global.get $rc) (i32.const -1))
              (then (global.set $last_size (local.get $first_size))))
            (call $out (i32.const 1196) (i32.const 6) (; "first=" ;))
            (call $out_int (local.get $first_rc))
            (call $out (i32.const 1202) (i32.const 8) (; " second=" ;))
            (call $out_int (global.get $rc))))
        (return)))

    (local.set $status (call $slot_call (local.get $line_p) (local.get $line_n)))
    (if (i32.eq (local.get $status) (i32.const 1))
      (then
        (call $report_slot (global.get $rc))
        (return)))
    (if (i32.eq (local.get $status) (i32.const 2)) (then (return)))

    (if (call $eq (local.get $cmd_p) (local.get $cmd_n) (i32.const 1210) (i32.const 3) (; "ffi" ;))
      (then
        (call $fetch_slot (i32.const 1149) (i32.const 4) (; "data" ;))
        (return)))

    (if (call $eq (local.get $cmd_p) (local.get $cmd_n) (i32.const 1213) (i32.const 9) (; "cache_set" ;))
      (then
        ;; key = first word; ttl = after the last space; value = in between
        (call $word (local.get $p) (local.get $n))
        (local.set $a_p (global.get $w_p))
        (local.set $a_n (global.get $w_n))
        (local.set $p (global.get $r_p))
        (local.set $n (global.get $r_n))
        (local.set $i (local.get $n))
        (block $found
          (loop $scan
            (br_if $found (i32.eqz (local.get $i)))
            (local.set $i (i32.sub (local.get $i) (i32.const 1)))
            (br_if $found (i32.eq (i32.load8_u (i32.add (local.get $p) (local.get $i))) (i32.const 32)))
            (br $scan)))
        ;; now either i is the index of the last space, or i = 0 and there is no space
        (if (i32.eqz (i32.and
                       (i32.lt_u (local.get $i) (local.get $n))
                       (i32.eq (i32.load8_u (i32.add (local.get $p) (local.get $i))) (i32.const 32))))
          (then
            ;; no space: empty value, ttl = whole rest
            (global.set $rc
              (call $cache_set (local.get $a_p) (local.get $a_n) (local.get $p) (i32.const 0)
                (call $to_int (local.get $p) (local.get $n)) (call $id) (i32.const 0) (i32.const 0))))
          (else
            (global.set $rc
              (call $cache_set (local.get $a_p) (local.get $a_n) (local.get $p) (local.get $i)
                (call $to_int
                  (i32.add (i32.add (local.get $p) (local.get $i)) (i32.const 1))
                  (i32.sub (i32.sub (local.get $n) (local.get $i)) (i32.const 1)))
                (call $id) (i32.const 0) (i32.const 0)))))
        (call $out (i32.const 1146) (i32.const 3) (; "rc=" ;))
        (call $out_int (global.get $rc))
        (return)))

    (if (call $eq (local.get $cmd_p) (local.get $cmd_n) (i32.const 1222) (i32.const 3) (; "log" ;))
      (then
        (call $word (local.get $p) (local.get $n))
        (call $log_msg (global.get $r_p) (global.get $r_n) (call $to_int (global.get $w_p) (global.get $w_n))
          (call $id) (i32.const 0) (i32.const 0))
        (call $out (i32.const 1225) (i32.const 2) (; "ok" ;))
        (return)))

    (if (call $eq (local.get $cmd_p) (local.get $cmd_n) (i32.const 1227) (i32.const 6) (; "header" ;))
      (then
        (call $word (local.get $p) (local.get $n))
        (call $resp_set_header (global.get $w_p) (global.get $w_n) (global.get $r_p) (global.get $r_n)
          (call $id) (i32.const 0) (i32.const 0))
        (call $out (i32.const 1225) (i32.const 2) (; "ok" ;))
        (return)))

    ;;B-BEGIN
    (if (call $eq (local.get $cmd_p) (local.get $cmd_n) (i32.const 1233) (i32.const 3) (; "var" ;))
      (then
        (call $word (local.get $p) (local.get $n))
        (global.set $rc
          (call $add_ffi_var (global.get $w_p) (global.get $w_n) (global.get $r_p) (global.get $r_n)
            (call $id) (i32.const 0) (i32.const 0)))
        (call $out (i32.const 1146) (i32.const 3) (; "rc=" ;))
        (call $out_int (global.get $rc))
        (return)))
    ;;B-END

    (if (call $eq (local.get $cmd_p) (local.get $cmd_n) (i32.const 1236) (i32.const 4) (; "body" ;))
      (then
        ;; the input stays allocated for the whole job, so point into it
        (global.set $body_ptr (local.get $p))
        (global.set $body_len (local.get $n))
        (call $out (i32.const 1225) (i32.const 2) (; "ok" ;))
        (return)))

    (if (call $eq (local.get $cmd_p) (local.get $cmd_n) (i32.const 1240) (i32.const 6) (; "result" ;))
      (then
        (call $return_result (local.get $p) (local.get $n) (call $id) (i32.const 0) (i32.const 0))
        (global.set $reported (i32.const 1))
        (call $out (i32.const 1225) (i32.const 2) (; "ok" ;))
        (return)))

    (if (call $eq (local.get $cmd_p) (local.get $cmd_n) (i32.const 1246) (i32.const 5) (; "error" ;))
      (then
        (call $word (local.get $p) (local.get $n))
        (call $return_error (call $to_int (global.get $w_p) (global.get $w_n)) (global.get $r_p) (global.get $r_n)
          (call $id) (i32.const 0) (i32.const 0))
        (global.set $stopped (i32.const 1))
        (return)))

    (if (call $eq (local.get $cmd_p) (local.get $cmd_n) (i32.const 1251) (i32.const 5) (; "abort" ;))
      (then
        ;;B-BEGIN
        (call $return_abort (local.get $p) (local.get $n) (i32.const 1256) (i32.const 13) (; "abi-swift-wat" ;) (i32.const 42) (i32.const 7) (call $id) (i32.const 0) (i32.const 0))
        ;;B-END
        ;;A (call $return_abort (local.get $p) (local.get $n) (i32.const 1269) (i32.const 15) (; "abi-a-swift-wat" ;) (i32.const 42) (i32.const 7) (call $id) (i32.const 0) (i32.const 0))
        unreachable))

    (if (call $eq (local.get $cmd_p) (local.get $cmd_n) (i32.const 1284) (i32.const 4) (; "trap" ;))
      (then unreachable))

    (if (call $eq (local.get $cmd_p) (local.get $cmd_n) (i32.const 1288) (i32.const 5) (; "ident" ;))
      (then
        (call $out (i32.const 1293) (i32.const 6) (; "ident=" ;))
        (call $out_int (global.get $ident))
        (return)))

    (if (call $eq (local.get $cmd_p) (local.get $cmd_n) (i32.const 1299) (i32.const 5) (; "inits" ;))
      (then
        (call $out (i32.const 1304) (i32.const 6) (; "inits=" ;))
        (call $out (global.get $inits_ptr) (global.get $inits_len))
        (return)))

    (if (call $eq (local.get $cmd_p) (local.get $cmd_n) (i32.const 1310) (i32.const 4) (; "echo" ;))
      (then
        (call $out (local.get $p) (local.get $n))
        (return)))

    (call $out (i32.const 1314) (i32.const 16) (; "unknown command " ;))
    (call $out (local.get $cmd_p) (local.get $cmd_n)))

  (func (export "run_e") (param $ptr i32) (param $len i32) (param $ident i32)
    (local $end i32) (local $line_end i32) (local $line_n i32) (local $first i32)
    (global.set $ident (local.get $ident))
    (global.set $bad_ident_next (i32.const 0))
    (global.set $out_cap (i32.const 256))
    (global.set $out_ptr (call $alloc (global.get $out_cap)))
    (global.set $out_len (i32.const 0))
    (global.set $body_len (i32.const 0))
    (global.set $last_size (i32.const 0))
    (global.set $reported (i32.const 0))
    (global.set $stopped (i32.const 0))
    (local.set $first (i32.const 1))
    (local.set $end (i32.add (local.get $ptr) (local.get $len)))
    (block $done
      (loop $next_line
        (br_if $done (i32.ge_u (local.get $ptr) (local.get $end)))
        (br_if $done (global.get $stopped))
        ;; find the end of the line
        (local.set $line_end (local.get $ptr))
        (block $eol
          (loop $scan
            (br_if $eol (i32.ge_u (local.get $line_end) (local.get $end)))
            (br_if $eol (i32.eq (i32.load8_u (local.get $line_end)) (i32.const 10)))
            (local.set $line_end (i32.add (local.get $line_end) (i32.const 1)))
            (br $scan)))
        (local.set $line_n (i32.sub (local.get $line_end) (local.get $ptr)))
        ;; drop a trailing carriage return
        (if (i32.and (i32.gt_u (local.get $line_n) (i32.const 0))
                     (i32.eq (i32.load8_u (i32.sub (local.get $line_end) (i32.const 1))) (i32.const 13)))
          (then (local.set $line_n (i32.sub (local.get $line_n) (i32.const 1)))))
        (if (local.get $line_n)
          (then
            (if (i32.eqz (local.get $first)) (then (call $out (i32.const 1330) (i32.const 1) (; "\n" ;))))
            (local.set $first (i32.const 0))
            (call $exec_line (local.get $ptr) (local.get $line_n))))
        (local.set $ptr (i32.add (local.get $line_end) (i32.const 1)))
        (br $next_line)))
    (if (i32.eqz (i32.or (global.get $stopped) (global.get $reported)))
      (then
        (call $return_result (global.get $out_ptr) (global.get $out_len) (global.get $ident)
          (i32.const 0) (i32.const 0)))))
)
