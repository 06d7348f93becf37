// Guest-side plumbing in the style of the AssemblyScript SDK: the ident of the
// current job, allocate/deallocate on the AssemblyScript heap, and an abort
// handler (selected with `--use abort=lib/runnable/runnableAbort`) that reports
// AssemblyScript aborts through return_abort.

import { return_abort } from "./env";

let currentIdent: i32 = 0;

export function setIdent(ident: i32): void {
  currentIdent = ident;
}

export function getIdent(): i32 {
  return currentIdent;
}

export function allocate(size: i32): usize {
  return heap.alloc(<usize>size);
}

export function deallocate(ptr: usize, size: i32): void {
  heap.free(ptr);
}

export function runnableAbort(message: string | null, fileName: string | null, lineNumber: u32, columnNumber: u32): void {
  const msg = String.UTF8.encode(message !== null ? message : "");
  const file = String.UTF8.encode(fileName !== null ? fileName : "");
  return_abort(
    changetype<usize>(msg), msg.byteLength,
    changetype<usize>(file), file.byteLength,
    lineNumber, columnNumber, currentIdent,
  );
}
