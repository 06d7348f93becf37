//! ABI exerciser written with the `atmo` crate (sdk/rust): runs the line-based command protocol of
//! testdata/runnables/README.md and reports what every host import returned, generation B.
//!
//! Commands with ordinary arguments go through the crate's API (`req`, `http`, `cache`, `db`, ...),
//! so the expected outputs check the crate as much as the host. What that API cannot express by
//! design (a wrong ident, a slot left pending, method or field numbers outside the ABI, log levels
//! other than the four) goes through the crate's raw layer, `atmo::ffi`.

use atmo::db::{self, QueryType};
use atmo::ffi::{self, raw};
use atmo::http::{Method, Request};
use atmo::log::{self, Level};
use atmo::req::{self, Field};
use atmo::{cache, file, graphql, resp, HostError, RunErr, Runnable};

const MODULE_NAME: &str = "sdk-rust";

static mut INITS: Vec<u8> = Vec::new();

struct Exerciser;

impl Runnable for Exerciser {
    fn init(&self) {
        unsafe { INITS.extend_from_slice(b"init") };
    }

    fn run(&self, input: Vec<u8>) -> Result<Vec<u8>, RunErr> {
        let mut job = Job { out: Vec::new(), body: Vec::new(), last_size: 0 };
        let mut first = true;
        for line in input.split(|&c| c == b'\n') {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            if line.is_empty() {
                continue;
            }
            if !first {
                job.out(b"\n");
            }
            first = false;
            job.exec(line)?;
        }
        Ok(job.out)
    }
}

atmo::runnable!(Exerciser);

struct Job {
    out: Vec<u8>,
    body: Vec<u8>,
    /// The size of the slot the last raw call announced, for a later `ffi` command.
    last_size: i32,
}

fn word(s: &[u8]) -> (&[u8], &[u8]) {
    match s.iter().position(|&c| c == b' ') {
        Some(i) => (&s[..i], &s[i + 1..]),
        None => (s, &s[s.len()..]),
    }
}

fn text(s: &[u8]) -> String {
    String::from_utf8_lossy(s).into_owned()
}

fn is_number(s: &[u8]) -> bool {
    let digits = if s.first() == Some(&b'-') { &s[1..] } else { s };
    !digits.is_empty() && digits.iter().all(|c| c.is_ascii_digit())
}

fn to_int(s: &[u8]) -> i32 {
    text(s).parse::<i64>().map(|n| n as i32).unwrap_or(0)
}

fn field_of(number: i32) -> Option<Field> {
    [Field::Meta, Field::Body, Field::Header, Field::Param, Field::State, Field::Query]
        .iter()
        .copied()
        .find(|f| *f as i32 == number)
}

fn settable_field_of(number: i32) -> Option<Field> {
    field_of(number).filter(|f| *f != Field::Query)
}

fn method_of(number: i32) -> Option<Method> {
    [Method::Get, Method::Head, Method::Options, Method::Post, Method::Put, Method::Patch, Method::Delete]
        .iter()
        .copied()
        .find(|m| *m as i32 == number)
}

fn query_type_of(number: i32) -> Option<QueryType> {
    [QueryType::Insert, QueryType::Select, QueryType::Update, QueryType::Delete]
        .iter()
        .copied()
        .find(|q| *q as i32 == number)
}

/// What a raw slot command did.
enum Slot {
    NotSlot,
    Called(i32),
    ArgError,
}

impl Job {
    fn out(&mut self, bytes: &[u8]) {
        self.out.extend_from_slice(bytes);
    }

    fn out_str(&mut self, s: &str) {
        self.out.extend_from_slice(s.as_bytes());
    }

    /// The line for a slot command's result, as the protocol writes it.
    fn report(&mut self, result: Result<Vec<u8>, HostError>) {
        match result {
            Ok(data) => {
                self.out_str(&format!("rc={} ffi=0 data=", data.len()));
                self.out(&data);
            }
            Err(error) => match error.host_text() {
                Some(message) => self.out_str(&format!("rc={} ffi=0 err={}", error.code(), message)),
                None if error.code() == -1 => self.out_str("rc=-1"),
                None => self.out_str(&format!("rc={} ffi=-1", error.code())),
            },
        }
    }

    fn report_code(&mut self, result: Result<(), HostError>) {
        let code = match result {
            Ok(()) => 0,
            Err(error) => error.code(),
        };
        self.out_str(&format!("rc={}", code));
    }

    /// The method number of a `fetch`: a decimal number as it is, or a name of generation B.
    fn method_number(&mut self, name: &[u8]) -> Option<i32> {
        if is_number(name) {
            return Some(to_int(name));
        }
        match Method::parse(&text(name)) {
            Some(method) => Some(method as i32),
            None => {
                self.out(b"unknown method ");
                self.out(name);
                None
            }
        }
    }

    /// Runs one command line. `Err` is the job's error (the `error` command).
    fn exec(&mut self, line: &[u8]) -> Result<(), RunErr> {
        let (cmd, rest) = word(line);
        match cmd {
            b"badident" => self.exec_raw(rest, ffi::ident() + 1),
            b"nofetch" => {
                match self.raw_slot(rest, ffi::ident()) {
                    Slot::NotSlot => self.out(b"not a slot command"),
                    Slot::ArgError => {}
                    Slot::Called(rc) => self.out_str(&format!("rc={}", rc)),
                }
                Ok(())
            }
            b"pending" => {
                match self.raw_slot(rest, ffi::ident()) {
                    Slot::NotSlot => self.out(b"not a slot command"),
                    Slot::ArgError => {}
                    Slot::Called(first) => {
                        let first_size = self.last_size;
                        let second = match self.raw_slot(rest, ffi::ident()) {
                            Slot::Called(second) => second,
                            _ => 0,
                        };
                        if second == -1 {
                            self.last_size = first_size;
                        }
                        self.out_str(&format!("first={} second={}", first, second));
                    }
                }
                Ok(())
            }
            _ => self.exec_with_sdk(line),
        }
    }

    /// A slot command whose arguments the crate's API cannot express, through `atmo::ffi`.
    fn exec_raw_slot(&mut self, line: &[u8]) {
        if let Slot::Called(rc) = self.raw_slot(line, ffi::ident()) {
            self.report(ffi::slot_result("raw", rc));
        }
    }

    /// A command through the crate's API.
    fn exec_with_sdk(&mut self, line: &[u8]) -> Result<(), RunErr> {
        let (cmd, rest) = word(line);
        match cmd {
            b"fetch" => {
                let (m, url) = word(rest);
                let method = if is_number(m) { method_of(to_int(m)) } else { Method::parse(&text(m)) };
                match method {
                    Some(method) => {
                        let body = std::mem::take(&mut self.body);
                        let result = Request::new(method, &text(url)).body(body).send();
                        self.report(result);
                    }
                    None => self.exec_raw_slot(line),
                }
            }
            b"graphql" => {
                let (endpoint, query) = word(rest);
                let result = graphql::query_raw(&text(endpoint), &text(query));
                self.report(result);
            }
            b"cache_get" => {
                let result = cache::get(&text(rest));
                self.report(result);
            }
            b"static" => {
                let result = file::get_static(&text(rest));
                self.report(result);
            }
            b"field" => {
                let (number, key) = word(rest);
                match field_of(to_int(number)) {
                    Some(field) => {
                        let result = req::field(field, &text(key));
                        self.report(result);
                    }
                    None => self.exec_raw_slot(line),
                }
            }
            b"set_field" => {
                let (number, rest) = word(rest);
                let (key, value) = word(rest);
                match settable_field_of(to_int(number)) {
                    Some(field) => {
                        let result = req::set_field(field, &text(key), value).map(|()| Vec::new());
                        self.report(result);
                    }
                    None => self.exec_raw_slot(line),
                }
            }
            b"db" => {
                let (number, name) = word(rest);
                match query_type_of(to_int(number)) {
                    Some(query_type) => {
                        let result = db::exec(query_type, &text(name));
                        self.report(result);
                    }
                    None => self.exec_raw_slot(line),
                }
            }
            b"cache_set" => {
                let (key, value, ttl) = cache_set_args(rest);
                let result = cache::set(&text(key), value, to_int(ttl));
                self.report_code(result);
            }
            b"var" => {
                let (name, value) = word(rest);
                let result = db::add_var(&text(name), &text(value));
                self.report_code(result);
            }
            b"log" => {
                let (level, message) = word(rest);
                match to_int(level) {
                    1 => log::message(Level::Error, &text(message)),
                    2 => log::message(Level::Warn, &text(message)),
                    3 => log::message(Level::Info, &text(message)),
                    4 => log::message(Level::Debug, &text(message)),
                    other => unsafe { raw::log_msg(message.as_ptr(), ffi::len(message), other, ffi::ident()) },
                }
                self.out(b"ok");
            }
            b"header" => {
                let (key, value) = word(rest);
                resp::set_header(&text(key), &text(value));
                self.out(b"ok");
            }
            b"result" => {
                unsafe { raw::return_result(rest.as_ptr(), ffi::len(rest), ffi::ident()) };
                ffi::set_reported();
                self.out(b"ok");
            }
            b"error" => {
                let (code, message) = word(rest);
                return Err(RunErr::new(to_int(code), &text(message)));
            }
            b"abort" => atmo::abort(&text(rest), MODULE_NAME, 42, 7),
            b"ffi" => self.fetch_slot(),
            b"trap" => std::arch::wasm32::unreachable(),
            b"body" => {
                self.body = rest.to_vec();
                self.out(b"ok");
            }
            b"echo" => self.out(rest),
            b"ident" => self.out_str(&format!("ident={}", ffi::ident())),
            b"inits" => {
                self.out(b"inits=");
                self.out(unsafe { &INITS.clone() });
            }
            _ => {
                self.out(b"unknown command ");
                self.out(cmd);
            }
        }
        Ok(())
    }

    /// `ffi`: fetches the slot into a buffer of the size the last raw call announced.
    fn fetch_slot(&mut self) {
        match ffi::read_slot(self.last_size.max(0) as usize) {
            Ok(data) => {
                self.out(b"ffi=0 data=");
                self.out(&data);
            }
            Err(rc) => self.out_str(&format!("ffi={}", rc)),
        }
    }

    /// A command whose first import gets `ident` (a wrong one); later calls use the real ident.
    fn exec_raw(&mut self, line: &[u8], ident: i32) -> Result<(), RunErr> {
        match self.raw_slot(line, ident) {
            Slot::Called(rc) => {
                self.report(ffi::slot_result("raw", rc));
                return Ok(());
            }
            Slot::ArgError => return Ok(()),
            Slot::NotSlot => {}
        }
        let (cmd, rest) = word(line);
        unsafe {
            match cmd {
                b"ffi" => {
                    let mut buffer: Vec<u8> = Vec::with_capacity(self.last_size.max(0) as usize);
                    let rc = raw::get_ffi_result(buffer.as_mut_ptr(), ident);
                    self.out_str(&format!("ffi={}", rc));
                }
                b"cache_set" => {
                    let (key, value, ttl) = cache_set_args(rest);
                    let rc = raw::cache_set(key.as_ptr(), ffi::len(key), value.as_ptr(), ffi::len(value), to_int(ttl), ident);
                    self.out_str(&format!("rc={}", rc));
                }
                b"var" => {
                    let (name, value) = word(rest);
                    let rc = raw::add_ffi_var(name.as_ptr(), ffi::len(name), value.as_ptr(), ffi::len(value), ident);
                    self.out_str(&format!("rc={}", rc));
                }
                b"log" => {
                    let (level, message) = word(rest);
                    raw::log_msg(message.as_ptr(), ffi::len(message), to_int(level), ident);
                    self.out(b"ok");
                }
                b"header" => {
                    let (key, value) = word(rest);
                    raw::resp_set_header(key.as_ptr(), ffi::len(key), value.as_ptr(), ffi::len(value), ident);
                    self.out(b"ok");
                }
                b"result" => {
                    raw::return_result(rest.as_ptr(), ffi::len(rest), ident);
                    ffi::set_reported();
                    self.out(b"ok");
                }
                b"error" => {
                    let (code, message) = word(rest);
                    raw::return_error(to_int(code), message.as_ptr(), ffi::len(message), ident);
                    // The job stops here without reporting anything else.
                    ffi::set_reported();
                    return Err(RunErr::new(0, ""));
                }
                b"abort" => {
                    let file = MODULE_NAME.as_bytes();
                    raw::return_abort(rest.as_ptr(), ffi::len(rest), file.as_ptr(), ffi::len(file), 42, 7, ident);
                    std::arch::wasm32::unreachable();
                }
                _ => return self.exec_with_sdk(line),
            }
        }
        Ok(())
    }

    /// Calls the import of a slot command with `ident` and does not fetch the slot.
    fn raw_slot(&mut self, line: &[u8], ident: i32) -> Slot {
        let (cmd, rest) = word(line);
        let rc = unsafe {
            match cmd {
                b"fetch" => {
                    let (m, url) = word(rest);
                    let method = match self.method_number(m) {
                        Some(method) => method,
                        None => return Slot::ArgError,
                    };
                    let body = std::mem::take(&mut self.body);
                    raw::fetch_url(method, url.as_ptr(), ffi::len(url), body.as_ptr(), ffi::len(&body), ident)
                }
                b"graphql" => {
                    let (endpoint, query) = word(rest);
                    raw::graphql_query(endpoint.as_ptr(), ffi::len(endpoint), query.as_ptr(), ffi::len(query), ident)
                }
                b"cache_get" => raw::cache_get(rest.as_ptr(), ffi::len(rest), ident),
                b"field" => {
                    let (number, key) = word(rest);
                    raw::request_get_field(to_int(number), key.as_ptr(), ffi::len(key), ident)
                }
                b"static" => raw::get_static_file(rest.as_ptr(), ffi::len(rest), ident),
                b"set_field" => {
                    let (number, rest) = word(rest);
                    let (key, value) = word(rest);
                    raw::request_set_field(to_int(number), key.as_ptr(), ffi::len(key), value.as_ptr(), ffi::len(value), ident)
                }
                b"db" => {
                    let (number, name) = word(rest);
                    raw::db_exec(to_int(number), name.as_ptr(), ffi::len(name), ident)
                }
                _ => return Slot::NotSlot,
            }
        };
        if rc != -1 {
            self.last_size = rc.wrapping_abs();
        }
        Slot::Called(rc)
    }
}

/// `cache_set <key> <value...> <ttl>`: the key is the first word, the ttl the last.
fn cache_set_args(rest: &[u8]) -> (&[u8], &[u8], &[u8]) {
    let (key, rest) = word(rest);
    match rest.iter().rposition(|&c| c == b' ') {
        Some(i) => (key, &rest[..i], &rest[i + 1..]),
        None => (key, &rest[..0], rest),
    }
}
