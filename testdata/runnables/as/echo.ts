// echo-as: returns its input unchanged. The input `__abort__` makes it throw
// instead, which AssemblyScript turns into an abort, reported through
// return_abort (then the module traps). Like every AssemblyScript Runnable it
// exports neither init nor _start: its top-level code runs in the start section.

import { return_result } from "./lib/env";
import { setIdent } from "./lib/runnable";

export { allocate, deallocate } from "./lib/runnable";

const abortInput = String.UTF8.encode("__abort__");

export function run_e(ptr: usize, len: i32, ident: i32): void {
  setIdent(ident);
  if (len == abortInput.byteLength && memory.compare(ptr, changetype<usize>(abortInput), <usize>len) == 0) {
    throw new Error("echo abort");
  }
  return_result(ptr, len, ident);
}
