//! `sdk-rust-tour`: a Runnable written with the `atmo` crate (sdk/rust) that uses every capability
//! once per request and answers what it saw as JSON. `SdkRustTest` (atmo-core) runs it through the
//! server against real services.
//!
//! Route `POST /tour/:user?lang=<lang>`, body
//! `{"greeting": "...", "service": "<URL to GET>", "graphql": "<GraphQL endpoint>"}`. It counts the
//! user's visits in the cache, records each visit in the database (queries `add-visit` and
//! `visits-of`) and reads the static file `motd.txt`.

use atmo::json::{self, Value};
use atmo::{cache, db, file, graphql, http, log, req, resp, RunErr, Runnable};

const REPOSITORY: &str = "{ repository(owner: \"suborbital\", name: \"reactr\") { nameWithOwner } }";

struct Tour;

impl Runnable for Tour {
    fn run(&self, input: Vec<u8>) -> Result<Vec<u8>, RunErr> {
        let body = json::parse(&input)?;
        let service = text_of(&body, "service")?;
        let endpoint = text_of(&body, "graphql")?;
        let user = req::url_param("user")?;

        let fetched = http::get(service)?;
        let answer = graphql::query(endpoint, REPOSITORY)?;
        let repository = answer
            .get("data")
            .and_then(|d| d.get("repository"))
            .and_then(|r| r.get("nameWithOwner"))
            .and_then(Value::as_str)
            .unwrap_or("");

        let key = format!("sdk-rust-tour:{}", user);
        let visits = cache::get_string(&key).ok().and_then(|v| v.parse::<i64>().ok()).unwrap_or(0) + 1;
        cache::set(&key, visits.to_string().as_bytes(), 600)?;

        db::insert("add-visit", &[("name", &user)])?;
        let rows = json::parse(&db::select("visits-of", &[("name", &user)])?)?;

        let motd = file::get_static_string("motd.txt")?;
        log::info(&format!("tour of {}, visit {}", user, visits));

        resp::content_type("application/json");
        resp::set_header("X-Tour-Visits", &visits.to_string());
        let out = Value::object()
            .with("user", user)
            .with("method", req::method()?)
            .with("lang", req::query_param("lang")?)
            .with("agent", req::header("x-tour-agent")?)
            .with("greeting", req::body_field("greeting")?)
            .with("service", String::from_utf8_lossy(&fetched).into_owned())
            .with("repository", repository)
            .with("visits", visits)
            .with("rows", rows)
            .with("motd", motd.trim_end());
        Ok(out.to_bytes())
    }
}

fn text_of<'a>(body: &'a Value, key: &str) -> Result<&'a str, RunErr> {
    body.get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| RunErr::new(400, &format!("the body has no string {}", key)))
}

atmo::runnable!(Tour);
