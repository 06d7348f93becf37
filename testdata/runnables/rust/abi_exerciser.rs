//! ABI exerciser in Rust: runs the line-based command protocol described in
//! testdata/runnables/README.md and reports what every host import returned.
//!
//! Built twice from this file (bindings written by hand, like the suborbital crate):
//!   abi-a-rust  (no cfg)          imports the 12 ABI-A functions, exports `init`
//!   abi-b-rust  (`--cfg abi_b`)   imports the 15 ABI-B functions, exports `_start`

use std::mem;
use std::slice;

#[cfg(not(abi_b))]
const MODULE_NAME: &str = "abi-a-rust";
#[cfg(abi_b)]
const MODULE_NAME: &str = "abi-b-rust";

extern "C" {
    fn return_result(ptr: *const u8, len: i32, ident: i32);
    fn return_error(code: i32, ptr: *const u8, len: i32, ident: i32);
    fn get_ffi_result(ptr: *mut u8, ident: i32) -> i32;
    fn fetch_url(method: i32, url: *const u8, url_len: i32, body: *const u8, body_len: i32, ident: i32) -> i32;
    fn graphql_query(endpoint: *const u8, endpoint_len: i32, query: *const u8, query_len: i32, ident: i32) -> i32;
    fn cache_set(key: *const u8, key_len: i32, val: *const u8, val_len: i32, ttl: i32, ident: i32) -> i32;
    fn cache_get(key: *const u8, key_len: i32, ident: i32) -> i32;
    fn log_msg(ptr: *const u8, len: i32, level: i32, ident: i32);
    fn request_get_field(field_type: i32, key: *const u8, key_len: i32, ident: i32) -> i32;
    fn resp_set_header(key: *const u8, key_len: i32, val: *const u8, val_len: i32, ident: i32);
    fn get_static_file(name: *const u8, name_len: i32, ident: i32) -> i32;
    fn return_abort(msg: *const u8, msg_len: i32, file: *const u8, file_len: i32, line: i32, column: i32, ident: i32);
}

#[cfg(abi_b)]
extern "C" {
    fn add_ffi_var(name: *const u8, name_len: i32, val: *const u8, val_len: i32, ident: i32) -> i32;
    fn request_set_field(field_type: i32, key: *const u8, key_len: i32, val: *const u8, val_len: i32, ident: i32) -> i32;
    fn db_exec(query_type: i32, name: *const u8, name_len: i32, ident: i32) -> i32;
}

// ---- exports required by the host ----

/// Like the SDK: leaks a Vec with the requested capacity.
#[no_mangle]
pub extern "C" fn allocate(size: i32) -> *mut u8 {
    let mut buffer: Vec<u8> = Vec::with_capacity(size as usize);
    let pointer = buffer.as_mut_ptr();
    mem::forget(buffer);
    pointer
}

/// ABI-A SDKs never free the input buffer.
#[cfg(not(abi_b))]
#[no_mangle]
pub unsafe extern "C" fn deallocate(pointer: *mut u8, size: i32) {
    let _ = slice::from_raw_parts(pointer, size as usize);
}

/// ABI-B SDKs free the input buffer here (run_e copies the input instead of taking it).
#[cfg(abi_b)]
#[no_mangle]
pub unsafe extern "C" fn deallocate(pointer: *mut u8, size: i32) {
    drop(Vec::from_raw_parts(pointer, 0, size as usize));
}

static mut INITS: Vec<u8> = Vec::new();

fn record_init(name: &[u8]) {
    unsafe {
        if !INITS.is_empty() {
            INITS.push(b',');
        }
        INITS.extend_from_slice(name);
    }
}

#[cfg(not(abi_b))]
#[no_mangle]
pub extern "C" fn init() {
    record_init(b"init");
}

#[cfg(abi_b)]
#[no_mangle]
pub extern "C" fn _start() {
    record_init(b"_start");
}

// ---- per-job state ----

struct Job {
    ident: i32,
    bad_ident_next: bool,
    out: Vec<u8>,
    body: Vec<u8>,
    last_size: i32,
    reported: bool,
    stopped: bool,
}

impl Job {
    fn ident(&mut self) -> i32 {
        if self.bad_ident_next {
            self.bad_ident_next = false;
            self.ident + 1
        } else {
            self.ident
        }
    }

    fn out(&mut self, bytes: &[u8]) {
        self.out.extend_from_slice(bytes);
    }

    fn out_int(&mut self, value: i32) {
        self.out.extend_from_slice(value.to_string().as_bytes());
    }
}

fn word(s: &[u8]) -> (&[u8], &[u8]) {
    match s.iter().position(|&c| c == b' ') {
        Some(i) => (&s[..i], &s[i + 1..]),
        None => (s, &s[s.len()..]),
    }
}

fn is_number(s: &[u8]) -> bool {
    let digits = if s.first() == Some(&b'-') { &s[1..] } else { s };
    !digits.is_empty() && digits.iter().all(|c| c.is_ascii_digit())
}

fn to_int(s: &[u8]) -> i32 {
    let (negative, digits) = if s.first() == Some(&b'-') { (true, &s[1..]) } else { (false, s) };
    let mut value: u32 = 0;
    for &c in digits.iter().take_while(|c| c.is_ascii_digit()) {
        value = value.wrapping_mul(10).wrapping_add((c - b'0') as u32);
    }
    if negative {
        0u32.wrapping_sub(value) as i32
    } else {
        value as i32
    }
}

fn method_number(m: &[u8]) -> Option<i32> {
    if is_number(m) {
        return Some(to_int(m));
    }
    #[cfg(not(abi_b))]
    let (names, first): (&[&[u8]], i32) = (&[b"GET", b"POST", b"PATCH", b"DELETE"], 1);
    #[cfg(abi_b)]
    let (names, first): (&[&[u8]], i32) = (&[b"GET", b"HEAD", b"OPTIONS", b"POST", b"PUT", b"PATCH", b"DELETE"], 0);
    names.iter().position(|n| *n == m).map(|i| i as i32 + first)
}

fn len(s: &[u8]) -> i32 {
    s.len() as i32
}

enum Slot {
    NotSlot,
    Called(i32),
    ArgError,
}

/// Runs a slot-producing command without fetching the slot.
fn slot_call(job: &mut Job, line: &[u8]) -> Slot {
    let (cmd, rest) = word(line);
    let rc = unsafe {
        match cmd {
            b"fetch" => {
                let (m, url) = word(rest);
                let method = match method_number(m) {
                    Some(method) => method,
                    None => {
                        job.out(b"unknown method ");
                        job.out(m);
                        return Slot::ArgError;
                    }
                };
                let body = mem::take(&mut job.body);
                let ident = job.ident();
                fetch_url(method, url.as_ptr(), len(url), body.as_ptr(), len(&body), ident)
            }
            b"graphql" => {
                let (endpoint, query) = word(rest);
                graphql_query(endpoint.as_ptr(), len(endpoint), query.as_ptr(), len(query), job.ident())
            }
            b"cache_get" => cache_get(rest.as_ptr(), len(rest), job.ident()),
            b"field" => {
                let (field_type, key) = word(rest);
                request_get_field(to_int(field_type), key.as_ptr(), len(key), job.ident())
            }
            b"static" => get_static_file(rest.as_ptr(), len(rest), job.ident()),
            #[cfg(abi_b)]
            b"set_field" => {
                let (field_type, rest) = word(rest);
                let (key, value) = word(rest);
                let ident = job.ident();
                request_set_field(to_int(field_type), key.as_ptr(), len(key), value.as_ptr(), len(value), ident)
            }
            #[cfg(abi_b)]
            b"db" => {
                let (query_type, name) = word(rest);
                db_exec(to_int(query_type), name.as_ptr(), len(name), job.ident())
            }
            _ => return Slot::NotSlot,
        }
    };
    if rc != -1 {
        job.last_size = rc.wrapping_abs();
    }
    Slot::Called(rc)
}

/// Fetches the slot into a buffer of `last_size` bytes and reports "ffi=<r>[ <label>=<bytes>]".
fn fetch_slot(job: &mut Job, label: &[u8]) {
    let size = job.last_size.max(0) as usize;
    let mut buffer: Vec<u8> = Vec::with_capacity(size);
    let ident = job.ident();
    let r = unsafe { get_ffi_result(buffer.as_mut_ptr(), ident) };
    job.out(b"ffi=");
    job.out_int(r);
    if r == 0 {
        unsafe { buffer.set_len(size) };
        job.out(b" ");
        job.out(label);
        job.out(b"=");
        job.out(&buffer);
    }
}

fn report_slot(job: &mut Job, rc: i32) {
    job.out(b"rc=");
    job.out_int(rc);
    if rc >= 0 {
        job.out(b" ");
        fetch_slot(job, b"data");
    } else if cfg!(abi_b) && rc < -1 {
        job.out(b" ");
        fetch_slot(job, b"err");
    }
}

fn exec_line(job: &mut Job, line: &[u8]) {
    let (cmd, rest) = word(line);
    match cmd {
        b"badident" => {
            job.bad_ident_next = true;
            exec_line(job, rest);
            job.bad_ident_next = false;
            return;
        }
        b"nofetch" | b"pending" => {
            match slot_call(job, rest) {
                Slot::NotSlot => job.out(b"not a slot command"),
                Slot::ArgError => {}
                Slot::Called(rc) if cmd == b"nofetch" => {
                    job.out(b"rc=");
                    job.out_int(rc);
                }
                Slot::Called(rc) => {
                    let first_size = job.last_size;
                    let rc2 = match slot_call(job, rest) {
                        Slot::Called(rc2) => rc2,
                        _ => 0,
                    };
                    if rc2 == -1 {
                        job.last_size = first_size;
                    }
                    job.out(b"first=");
                    job.out_int(rc);
                    job.out(b" second=");
                    job.out_int(rc2);
                }
            }
            return;
        }
        _ => {}
    }
    match slot_call(job, line) {
        Slot::Called(rc) => return report_slot(job, rc),
        Slot::ArgError => return,
        Slot::NotSlot => {}
    }
    unsafe {
        match cmd {
            b"ffi" => fetch_slot(job, b"data"),
            b"cache_set" => {
                let (key, rest) = word(rest);
                let (value, ttl) = match rest.iter().rposition(|&c| c == b' ') {
                    Some(i) => (&rest[..i], &rest[i + 1..]),
                    None => (&rest[..0], rest),
                };
                let ident = job.ident();
                let rc = cache_set(key.as_ptr(), len(key), value.as_ptr(), len(value), to_int(ttl), ident);
                job.out(b"rc=");
                job.out_int(rc);
            }
            b"log" => {
                let (level, message) = word(rest);
                log_msg(message.as_ptr(), len(message), to_int(level), job.ident());
                job.out(b"ok");
            }
            b"header" => {
                let (key, value) = word(rest);
                resp_set_header(key.as_ptr(), len(key), value.as_ptr(), len(value), job.ident());
                job.out(b"ok");
            }
            #[cfg(abi_b)]
            b"var" => {
                let (name, value) = word(rest);
                let rc = add_ffi_var(name.as_ptr(), len(name), value.as_ptr(), len(value), job.ident());
                job.out(b"rc=");
                job.out_int(rc);
            }
            b"body" => {
                job.body = rest.to_vec();
                job.out(b"ok");
            }
            b"result" => {
                return_result(rest.as_ptr(), len(rest), job.ident());
                job.reported = true;
                job.out(b"ok");
            }
            b"error" => {
                let (code, message) = word(rest);
                return_error(to_int(code), message.as_ptr(), len(message), job.ident());
                job.stopped = true;
            }
            b"abort" => {
                let file = MODULE_NAME.as_bytes();
                return_abort(rest.as_ptr(), len(rest), file.as_ptr(), len(file), 42, 7, job.ident());
                std::arch::wasm32::unreachable();
            }
            b"trap" => std::arch::wasm32::unreachable(),
            b"ident" => {
                job.out(b"ident=");
                let ident = job.ident;
                job.out_int(ident);
            }
            b"inits" => {
                job.out(b"inits=");
                job.out(&INITS.clone());
            }
            b"echo" => job.out(rest),
            _ => {
                job.out(b"unknown command ");
                job.out(cmd);
            }
        }
    }
}

#[no_mangle]
pub unsafe extern "C" fn run_e(pointer: *const u8, size: i32, ident: i32) {
    let input = slice::from_raw_parts(pointer, size as usize).to_vec();
    let mut job = Job {
        ident,
        bad_ident_next: false,
        out: Vec::new(),
        body: Vec::new(),
        last_size: 0,
        reported: false,
        stopped: false,
    };
    let mut first = true;
    for line in input.split(|&c| c == b'\n') {
        if job.stopped {
            break;
        }
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            continue;
        }
        if !first {
            job.out(b"\n");
        }
        first = false;
        exec_line(&mut job, line);
    }
    if !job.stopped && !job.reported {
        return_result(job.out.as_ptr(), len(&job.out), job.ident);
    }
}
