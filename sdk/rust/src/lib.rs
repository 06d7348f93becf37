//! `atmo`: write Atmo Runnables in Rust.
//!
//! A Runnable is a type that implements [`Runnable`]; [`runnable!`] turns it into a WebAssembly
//! module that Atmo can run. Inside `run`, the modules of this crate reach the host:
//!
//! | module | what it does |
//! |---|---|
//! | [`req`] | the request: method, URL, id, body, headers, URL and query parameters, body fields, state |
//! | [`resp`] | response headers |
//! | [`http`] | outbound HTTP, every method, with headers and a body |
//! | [`graphql`] | GraphQL queries |
//! | [`cache`] | the shared cache, with a time to live |
//! | [`file`] | static files of the bundle |
//! | [`log`] | log lines at error, warn, info and debug |
//! | [`db`] | the queries declared in the Directive |
//! | [`json`] | parse and build JSON |
//! | [`ffi`] | the raw ABI, for the rare Runnable that needs it |
//!
//! Every host call returns `Result<_, HostError>`; `?` turns a [`HostError`] into a [`RunErr`] with
//! code 500. The module speaks generation B of the Runnable ABI and says so by exporting
//! `atmo_abi_b`, so Atmo runs it the same whatever `atmoVersion` the Directive names.
//!
//! Builds with Rust 1.63 or later for `wasm32-wasi` and `wasm32-unknown-unknown`, with no
//! dependencies.

pub mod cache;
pub mod db;
mod error;
pub mod ffi;
pub mod file;
pub mod graphql;
pub mod http;
pub mod json;
pub mod log;
pub mod req;
pub mod resp;
pub mod runtime;

pub use error::{HostError, RunErr};
pub use runtime::{abort, Runnable};

/// Generates the exports that make a crate a Runnable module: `run_e`, `allocate`, `deallocate`,
/// `init` and the generation-B marker `atmo_abi_b`.
///
/// Give it a unit struct, or a type and a constant value of it:
///
/// ```ignore
/// struct Hello;
/// impl atmo::Runnable for Hello { /* fn run ... */ }
/// atmo::runnable!(Hello);
///
/// struct Greeter { greeting: &'static str }
/// impl atmo::Runnable for Greeter { /* fn run ... */ }
/// atmo::runnable!(Greeter = Greeter { greeting: "hello" });
/// ```
///
/// Use it once per crate, at the top level of `lib.rs`; the crate's type is `cdylib`.
#[macro_export]
macro_rules! runnable {
    ($runnable:ident) => {
        $crate::runnable!($runnable = $runnable);
    };
    ($ty:ty = $value:expr) => {
        static __ATMO_RUNNABLE: $ty = $value;

        #[no_mangle]
        pub unsafe extern "C" fn run_e(pointer: *const u8, size: i32, ident: i32) {
            $crate::runtime::run_e(&__ATMO_RUNNABLE, pointer, size, ident)
        }

        #[no_mangle]
        pub extern "C" fn allocate(size: i32) -> *mut u8 {
            $crate::runtime::allocate(size)
        }

        #[no_mangle]
        pub unsafe extern "C" fn deallocate(pointer: *mut u8, size: i32) {
            $crate::runtime::deallocate(pointer, size)
        }

        #[no_mangle]
        pub extern "C" fn init() {
            $crate::runtime::init(&__ATMO_RUNNABLE)
        }

        /// Marks the module as speaking generation B of the Runnable ABI.
        #[no_mangle]
        pub extern "C" fn atmo_abi_b() {}
    };
}
