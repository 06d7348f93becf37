//! Database queries. A Runnable runs only the queries the Directive declares under
//! `connections.database.queries`, by name, with positional variables (`$1`, `$2`, ... in
//! PostgreSQL, `?` in MySQL). Each call answers JSON: a select the array of rows as objects keyed
//! by column name; an insert `{"lastInsertID":<n>,"rowsAffected":0}`; an update or delete
//! `{"lastInsertID":0,"rowsAffected":<n>}`.
//!
//! ```ignore
//! let rows = atmo::db::select("selectUserWithUUID", &[("uuid", "1234")])?;
//! let users = atmo::json::parse(&rows)?;
//! atmo::db::insert("insertUser", &[("email", "ada@example.com"), ("name", "Ada")])?;
//! ```

use crate::error::HostError;
use crate::ffi::{self, raw};

/// The kind of a declared query, numbered as the host expects; it must match the declaration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryType {
    Insert = 0,
    Select = 1,
    Update = 2,
    Delete = 3,
}

/// Adds a variable for the next [`exec`]. The host uses the values in the order they were added;
/// the names are only for the reader.
pub fn add_var(name: &str, value: &str) -> Result<(), HostError> {
    let rc = unsafe {
        raw::add_ffi_var(
            name.as_ptr(),
            ffi::len(name.as_bytes()),
            value.as_ptr(),
            ffi::len(value.as_bytes()),
            ffi::ident(),
        )
    };
    ffi::code_result("add_ffi_var", rc)
}

/// Runs the declared query `name` with the variables added since the last query.
pub fn exec(query_type: QueryType, name: &str) -> Result<Vec<u8>, HostError> {
    let rc = unsafe { raw::db_exec(query_type as i32, name.as_ptr(), ffi::len(name.as_bytes()), ffi::ident()) };
    ffi::slot_result("db_exec", rc)
}

fn run(query_type: QueryType, name: &str, vars: &[(&str, &str)]) -> Result<Vec<u8>, HostError> {
    for (var, value) in vars {
        add_var(var, value)?;
    }
    exec(query_type, name)
}

/// Runs the declared insert `name` with `vars` (name, value) in order.
pub fn insert(name: &str, vars: &[(&str, &str)]) -> Result<Vec<u8>, HostError> {
    run(QueryType::Insert, name, vars)
}

/// Runs the declared select `name` with `vars` in order; answers a JSON array of rows.
pub fn select(name: &str, vars: &[(&str, &str)]) -> Result<Vec<u8>, HostError> {
    run(QueryType::Select, name, vars)
}

/// Runs the declared update `name` with `vars` in order.
pub fn update(name: &str, vars: &[(&str, &str)]) -> Result<Vec<u8>, HostError> {
    run(QueryType::Update, name, vars)
}

/// Runs the declared delete `name` with `vars` in order.
pub fn delete(name: &str, vars: &[(&str, &str)]) -> Result<Vec<u8>, HostError> {
    run(QueryType::Delete, name, vars)
}
