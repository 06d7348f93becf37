// @atmo/sdk: write Atmo Runnables in AssemblyScript (Runnable ABI, generation B).
//
// Your index.ts registers a function with setRunnable and re-exports the five
// functions the host calls:
//
//   export { run_e, allocate, deallocate, init, atmo_abi_b } from "@atmo/sdk";

export { Reply, RunFn, setRunnable, onInit, reportResult, reportError,
         run_e, allocate, deallocate, init, atmo_abi_b, atmoAbort } from "./assembly/runnable";
export { Result, HostError } from "./assembly/result";
export { Bytes, utf8 } from "./assembly/bytes";
export { JsonValue, JsonKind, parseJson, quote } from "./assembly/json";
export { http, Method } from "./assembly/http";
export { graphql } from "./assembly/graphql";
export { cache } from "./assembly/cache";
export { file } from "./assembly/file";
export { log, Level } from "./assembly/log";
export { db, QueryType } from "./assembly/db";
export { request, response, Field } from "./assembly/request";
export { currentIdent, useIdent } from "./assembly/ident";
