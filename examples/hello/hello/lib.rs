//! `hello`: a Runnable written against the ABI-A Runnable interface (reactr v0.11,
//! suborbital Rust SDK 0.9-0.12), with the bindings written by hand.
//!
//! It answers every job with `hello <input>`.

use std::slice;

extern "C" {
    fn return_result(result_pointer: *const u8, result_size: i32, ident: i32);
}

static mut CURRENT_IDENT: i32 = 0;

/// Allocates `size` bytes for the host to write the job input into.
#[no_mangle]
pub extern "C" fn allocate(size: i32) -> *const u8 {
    let mut buffer: Vec<u8> = Vec::with_capacity(size as usize);
    let pointer = buffer.as_mut_ptr();
    std::mem::forget(buffer);
    pointer as *const u8
}

/// Called by the host after `run_e`; like the SDK it does not free the input buffer.
#[no_mangle]
pub unsafe extern "C" fn deallocate(pointer: *const u8, size: i32) {
    let _ = slice::from_raw_parts(pointer, size as usize);
}

/// Called once per instance by the host; the SDK registers the Runnable here.
#[no_mangle]
pub extern "C" fn init() {}

/// Entry point of one job.
#[no_mangle]
pub unsafe extern "C" fn run_e(pointer: *const u8, size: i32, ident: i32) {
    CURRENT_IDENT = ident;

    let input = slice::from_raw_parts(pointer, size as usize).to_vec();
    let output = run(input);

    return_result(output.as_ptr(), output.len() as i32, CURRENT_IDENT);
}

fn run(input: Vec<u8>) -> Vec<u8> {
    let mut output = b"hello ".to_vec();
    output.extend_from_slice(&input);
    output
}
