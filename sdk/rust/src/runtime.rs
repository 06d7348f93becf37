//! The Runnable entry point: the [`Runnable`] trait and the functions behind the exports that
//! [`runnable!`](crate::runnable) generates (`run_e`, `allocate`, `deallocate`, `init`,
//! `atmo_abi_b`).

use crate::error::RunErr;
use crate::ffi::{self, raw};

/// A Runnable: one function from the job's input (a request's body) to its output.
///
/// ```ignore
/// struct Hello;
///
/// impl atmo::Runnable for Hello {
///     fn run(&self, input: Vec<u8>) -> Result<Vec<u8>, atmo::RunErr> {
///         Ok([b"hello ".as_slice(), &input].concat())
///     }
/// }
///
/// atmo::runnable!(Hello);
/// ```
pub trait Runnable: Sync {
    /// Runs one job. `Ok` is the output (the response body); `Err` fails the job with a code.
    fn run(&self, input: Vec<u8>) -> Result<Vec<u8>, RunErr>;

    /// Runs once per instance before its first job (when the host calls `init`).
    fn init(&self) {}
}

static mut INITIALISED: bool = false;

/// Behind the `init` export: installs the panic reporter and calls [`Runnable::init`], once.
pub fn init(runnable: &dyn Runnable) {
    unsafe {
        if INITIALISED {
            return;
        }
        INITIALISED = true;
    }
    std::panic::set_hook(Box::new(report_panic));
    runnable.init();
}

/// Behind the `run_e` export: runs one job and reports its outcome to the host.
///
/// # Safety
/// `input` must point to `size` readable bytes, as the host guarantees.
pub unsafe fn run_e(runnable: &dyn Runnable, input: *const u8, size: i32, ident: i32) {
    ffi::begin_job(ident);
    // A host that never calls `init` still gets an initialised Runnable.
    init(runnable);
    // The input is copied: the host frees its buffer with `deallocate` after the job.
    let data = std::slice::from_raw_parts(input, size.max(0) as usize).to_vec();
    let outcome = runnable.run(data);
    if ffi::reported() {
        return;
    }
    match outcome {
        Ok(output) => raw::return_result(output.as_ptr(), ffi::len(&output), ffi::ident()),
        Err(err) => {
            let message = err.message.as_bytes();
            raw::return_error(err.code, message.as_ptr(), ffi::len(message), ffi::ident())
        }
    }
}

/// Behind the `allocate` export: `size` bytes for the host to write the input into.
pub fn allocate(size: i32) -> *mut u8 {
    let mut buffer: Vec<u8> = Vec::with_capacity(size.max(0) as usize);
    let pointer = buffer.as_mut_ptr();
    std::mem::forget(buffer);
    pointer
}

/// Behind the `deallocate` export: frees a buffer that [`allocate`] gave out.
///
/// # Safety
/// `pointer` and `size` must come from one call of [`allocate`], freed only once.
pub unsafe fn deallocate(pointer: *mut u8, size: i32) {
    drop(Vec::from_raw_parts(pointer, 0, size.max(0) as usize));
}

/// Fails the running job with code -1 and the message
/// `runnable abort: <message>; file: <file>, line: <line>, col: <column>`, then traps.
/// A panic does the same with the panic's message and location.
pub fn abort(message: &str, file: &str, line: u32, column: u32) -> ! {
    unsafe {
        raw::return_abort(
            message.as_ptr(),
            ffi::len(message.as_bytes()),
            file.as_ptr(),
            ffi::len(file.as_bytes()),
            line as i32,
            column as i32,
            ffi::ident(),
        );
    }
    ffi::set_reported();
    trap()
}

fn report_panic(info: &std::panic::PanicInfo<'_>) {
    let payload = info.payload();
    let message = if let Some(text) = payload.downcast_ref::<&str>() {
        text
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.as_str()
    } else {
        "panic"
    };
    let (file, line, column) = match info.location() {
        Some(location) => (location.file(), location.line(), location.column()),
        None => ("", 0, 0),
    };
    abort(message, file, line, column)
}

#[cfg(target_arch = "wasm32")]
fn trap() -> ! {
    std::arch::wasm32::unreachable()
}

#[cfg(not(target_arch = "wasm32"))]
fn trap() -> ! {
    std::process::abort()
}
