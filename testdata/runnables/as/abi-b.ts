// abi-b-as: ABI exerciser for ABI-B (reactr HEAD): imports the 15 ABI-B functions.
// See lib/exerciser.ts and testdata/runnables/README.md for the command protocol.

import { runJob, recordInit, nextIdent, outStr, setRc, utf8, ptr, word, toInt } from "./lib/exerciser";
import { add_ffi_var, request_set_field, db_exec } from "./lib/env-b";
import { setIdent } from "./lib/runnable";

export { allocate, deallocate } from "./lib/runnable";

// top-level code runs in the module's start section
recordInit("start-section");

/** The slot-producing commands of the ABI-B-only imports. */
function slotB(cmd: string, rest: string): bool {
  if (cmd == "set_field") {
    const f = word(rest);
    const kv = word(f.rest);
    const key = utf8(kv.first);
    const value = utf8(kv.rest);
    setRc(request_set_field(toInt(f.first), ptr(key), key.byteLength, ptr(value), value.byteLength, nextIdent()));
    return true;
  }
  if (cmd == "db") {
    const d = word(rest);
    const name = utf8(d.rest);
    setRc(db_exec(toInt(d.first), ptr(name), name.byteLength, nextIdent()));
    return true;
  }
  return false;
}

/** The other commands of the ABI-B-only imports. */
function cmdB(cmd: string, rest: string): bool {
  if (cmd == "var") {
    const v = word(rest);
    const name = utf8(v.first);
    const value = utf8(v.rest);
    const rc = add_ffi_var(ptr(name), name.byteLength, ptr(value), value.byteLength, nextIdent());
    outStr("rc=" + rc.toString());
    return true;
  }
  return false;
}

export function run_e(ptr: usize, len: i32, ident: i32): void {
  setIdent(ident);
  runJob(ptr, len, ident, true, "abi-b-as", slotB, cmdB);
}
