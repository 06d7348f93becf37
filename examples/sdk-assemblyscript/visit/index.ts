// visit: greets the :name of the route, asks another service for a message,
// counts the visits of that name in the cache, logs a line and answers JSON.

import { setRunnable, Bytes, Reply, JsonValue, http, cache, log, request } from "@atmo/sdk";

export { run_e, allocate, deallocate, init, atmo_abi_b } from "@atmo/sdk";

function run(input: Bytes): Reply {
  // the body names the service to ask: {"service": "http://..."}
  const body = input.json();
  if (body.isErr) return Reply.error(400, "expected a JSON body: " + body.error.message);
  const name = request.param("name").valueOr("stranger");

  const message = http.get(body.value.get("service").asString());
  if (message.isErr) return Reply.fail(message.error, 502);

  // a missing key (the first visit) is an error result: count from 1
  const key = "visits:" + name;
  const previous = cache.get(key);
  const visits = previous.isOk ? I32.parseInt(previous.value.text()) + 1 : 1;
  const stored = cache.set(key, visits.toString());
  if (stored.isErr) return Reply.fail(stored.error);

  log.info("visit " + visits.toString() + " of " + name);
  return Reply.json(JsonValue.object()
    .setString("hello", name)
    .setString("message", message.value.text())
    .setNumber("visits", visits));
}

setRunnable(run);
