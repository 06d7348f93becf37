// The FFI slot: a host function that produces data keeps it in the job's slot
// and returns its length; the guest then copies it out with get_ffi_result.
// In generation B a negative return other than -1 is minus the length of an
// error text waiting in the slot.

import { add_ffi_var, get_ffi_result } from "./env";
import { Bytes, utf8 } from "./bytes";
import { currentIdent } from "./ident";
import { HostError, Result } from "./result";

const UNKNOWN = "unknown error returned from host";

/** Turns the return value `rc` of the host function `call` into its data or its error text. */
export function fromSlot(call: string, rc: i32): Result<Bytes> {
  if (rc < 0) {
    return Result.err<Bytes>(errorFromSlot(call, rc));
  }
  const data = new Uint8Array(rc);
  if (get_ffi_result(data.dataStart, currentIdent()) != 0) {
    return Result.err<Bytes>(new HostError(call, -1, "the host returned " + rc.toString()
      + " but had no result to fetch", false));
  }
  return Result.ok(new Bytes(data));
}

/** The error for a negative return value: the host's text, or "unknown error" when it left none. */
export function errorFromSlot(call: string, rc: i32): HostError {
  if (rc == -1) {
    return new HostError(call, rc, UNKNOWN, false);
  }
  const text = new Uint8Array(-rc);
  if (get_ffi_result(text.dataStart, currentIdent()) != 0) {
    return new HostError(call, rc, UNKNOWN + " (" + rc.toString() + ")", false);
  }
  return new HostError(call, rc, new Bytes(text).text(), true);
}

/** Turns a status return (0 = success) of a host function that leaves nothing in the slot into a Result. */
export function fromStatus(call: string, rc: i32): Result<bool> {
  if (rc == 0) {
    return Result.ok(true);
  }
  return Result.err<bool>(new HostError(call, rc, rc == -1 ? UNKNOWN : "failed with code " + rc.toString(),
    false));
}

/**
 * Adds a variable for the next database query (`add_ffi_var`). The host uses the
 * values in the order they were added; the names are for the reader.
 */
export function addVar(name: string, value: string): Result<bool> {
  const n = utf8(name);
  const v = utf8(value);
  return fromStatus("add_ffi_var", add_ffi_var(n.dataStart, n.length, v.dataStart, v.length, currentIdent()));
}
