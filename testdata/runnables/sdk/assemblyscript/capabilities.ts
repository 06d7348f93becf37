// sdk-assemblyscript-capabilities: a Runnable written with the AssemblyScript SDK
// that uses every capability once and answers JSON, for the server test
// (atmo-core SdkAssemblyScriptTest). Route: POST /tour/:name with a JSON body
//
//   {"api": "<base URL of an HTTP server>", "graphql": "<GraphQL endpoint>",
//    "counter": "<cache key>"}
//
// It GETs <api>/greet?name=<name>, asks the GraphQL server for the repository
// suborbital/<name>, counts calls in the cache under <counter> (read as a body
// field), echoes the URL, its query parameter `lang`, the header X-Trace and a
// state value it sets and reads back, reads the static
// file greeting.txt, logs a line, records the visit in the database (queries
// add-visit and count-visits) and answers all of it as one JSON object.
// A failed host call fails the request with status 502 and the host's text.

import {
  setRunnable, Bytes, Reply, JsonValue, parseJson, http, graphql, cache, file, log, db, request, response,
} from "@atmo/sdk";

export { run_e, allocate, deallocate, init, atmo_abi_b } from "@atmo/sdk";

function run(input: Bytes): Reply {
  const parsed = parseJson(input.text());
  if (parsed.isErr) return Reply.error(400, "the body must be JSON: " + parsed.error.message);
  const config = parsed.value;
  const name = request.param("name");
  if (name.isErr) return Reply.fail(name.error);
  const who = name.value;

  const headers = new Map<string, string>();
  headers.set("X-Sdk", "assemblyscript");
  const greeting = http.get(config.get("api").asString() + "/greet?name=" + who, headers);
  if (greeting.isErr) return Reply.fail(greeting.error, 502);

  const query = "{ repository(owner: \"suborbital\", name: \"" + who + "\") { name nameWithOwner } }";
  const repository = graphql.query(config.get("graphql").asString(), query);
  if (repository.isErr) return Reply.fail(repository.error, 502);
  const repositoryJson = repository.value.json();
  if (repositoryJson.isErr) return Reply.fail(repositoryJson.error, 502);

  const key = request.bodyField("counter").valueOr("");
  const previous = cache.get(key);
  const count = previous.isOk ? I32.parseInt(previous.value.text()) + 1 : 1;
  const stored = cache.set(key, count.toString(), 600);
  if (stored.isErr) return Reply.fail(stored.error);

  const greetingFile = file.getStatic("greeting.txt");
  if (greetingFile.isErr) return Reply.fail(greetingFile.error);

  log.info("tour of " + who + ", call " + count.toString());

  const added = db.insert("add-visit", [who]);
  if (added.isErr) return Reply.fail(added.error);
  const visits = db.select("count-visits", [who]);
  if (visits.isErr) return Reply.fail(visits.error);
  const rows = visits.value.json();
  if (rows.isErr) return Reply.fail(rows.error);

  const stateSet = request.setState("seen", "tour of " + who);
  if (stateSet.isErr) return Reply.fail(stateSet.error);
  const method = request.method();
  response.setHeader("X-Tour", who);
  return Reply.json(JsonValue.object()
    .setString("name", who)
    .setString("method", method.valueOr("?"))
    .setString("url", request.url().valueOr("?"))
    .setString("lang", request.query("lang").valueOr("?"))
    .setString("trace", request.header("x-trace").valueOr("?"))
    .setString("seen", request.state("seen").valueOr("?"))
    .setString("greeting", greeting.value.text())
    .set("repository", repositoryJson.value.get("data").get("repository"))
    .setNumber("calls", count)
    .setString("static", greetingFile.value.text())
    .setNumber("visits", rows.value.at(0).get("visits").asNumber(-1)));
}

setRunnable(run);
