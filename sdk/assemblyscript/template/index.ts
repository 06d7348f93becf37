// {{name}}: an Atmo Runnable written in AssemblyScript.
//
// Atmo calls `run` once for each request routed to this Runnable. The input
// is the request body; what `run` returns is the response.

import { setRunnable, Bytes, Reply } from "@atmo/sdk";

// The functions Atmo calls into the module. Keep this line as it is.
export { run_e, allocate, deallocate, init, atmo_abi_b } from "@atmo/sdk";

function run(input: Bytes): Reply {
  // input.text() decodes the body as UTF-8; Reply.text answers with text.
  // To fail instead, return Reply.error(400, "what went wrong").
  return Reply.text("hello " + input.text());
}

setRunnable(run);
