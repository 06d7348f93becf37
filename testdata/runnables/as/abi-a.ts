// abi-a-as: ABI exerciser for ABI-A (reactr v0.11): imports the 12 ABI-A functions.
// See lib/exerciser.ts and testdata/runnables/README.md for the command protocol.

import { runJob, recordInit } from "./lib/exerciser";
import { setIdent } from "./lib/runnable";

export { allocate, deallocate } from "./lib/runnable";

// top-level code runs in the module's start section
recordInit("start-section");

function noExtra(cmd: string, rest: string): bool {
  return false;
}

export function run_e(ptr: usize, len: i32, ident: i32): void {
  setIdent(ident);
  runJob(ptr, len, ident, false, "abi-a-as", noExtra, noExtra);
}
