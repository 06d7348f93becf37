//! `echo-request`: answers one line describing the request as the host exposes it:
//! `method=<m> url=<u> id=<id> body=<b> content-type=<ct> param-x=<x>`, from the meta fields
//! `method`, `url`, `id`, `body`, the header `Content-Type` and the URL parameter `x`.
//! A field for which the host returns a negative value is printed as `<absent>`.

#[path = "../lib/abi.rs"]
mod abi;

use abi::RunErr;

fn run(_input: Vec<u8>) -> Result<Vec<u8>, RunErr> {
    let show = |value: Option<String>| value.unwrap_or_else(|| String::from("<absent>"));
    let output = format!(
        "method={} url={} id={} body={} content-type={} param-x={}",
        show(abi::meta("method")),
        show(abi::meta("url")),
        show(abi::meta("id")),
        show(abi::meta("body")),
        show(abi::header("Content-Type")),
        show(abi::url_param("x")),
    );
    Ok(output.into_bytes())
}
