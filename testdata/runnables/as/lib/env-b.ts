// Host imports that only ABI-B (reactr HEAD) provides.

@external("env", "add_ffi_var")
export declare function add_ffi_var(namePtr: usize, nameLen: i32, valPtr: usize, valLen: i32, ident: i32): i32;

@external("env", "request_set_field")
export declare function request_set_field(fieldType: i32, keyPtr: usize, keyLen: i32, valPtr: usize, valLen: i32, ident: i32): i32;

@external("env", "db_exec")
export declare function db_exec(queryType: i32, namePtr: usize, nameLen: i32, ident: i32): i32;
