// The Runnable itself: the exports the host calls (run_e, allocate, deallocate,
// init, atmo_abi_b), the function the user registers with setRunnable, and the
// abort handler that reports AssemblyScript aborts to the host.

import { return_abort, return_error, return_result } from "./env";
import { Bytes, utf8 } from "./bytes";
import { currentIdent, useIdent } from "./ident";
import { JsonValue } from "./json";
import { HostError } from "./result";

/** What a Runnable answers: output bytes, or an error with a status code. */
export class Reply {
  private constructor(
    private readonly output: Uint8Array,
    private readonly code: i32,
    private readonly failed: bool,
  ) {}

  /** Answers the text (UTF-8). */
  static text(text: string): Reply {
    return new Reply(utf8(text), 0, false);
  }

  /** Answers the bytes as they are. */
  static bytes(data: Uint8Array): Reply {
    return new Reply(data, 0, false);
  }

  /** Answers the JSON text of a value. */
  static json(value: JsonValue): Reply {
    return new Reply(utf8(value.stringify()), 0, false);
  }

  /** Fails the job with a status code (e.g. 400) and a message; Atmo answers `{"status":code,"message":...}`. */
  static error(code: i32, message: string): Reply {
    return new Reply(utf8(message), code, true);
  }

  /** Fails the job because a host call failed: status `code` (500 unless given) with the error's text. */
  static fail(error: HostError, code: i32 = 500): Reply {
    return Reply.error(code, error.toString());
  }

  get isError(): bool {
    return this.failed;
  }

  /** Sends this reply to the host now; the first reply of a job wins. */
  send(): void {
    if (this.failed) {
      reportError(this.code, this.output);
    } else {
      reportResult(this.output);
    }
  }
}

/** The function that answers a job: it receives the input (a request's body) and returns the reply. */
export type RunFn = (input: Bytes) => Reply;

let runFn: RunFn | null = null;
let initFn: (() => void) | null = null;
let reported = false;

/** Registers the function that answers every job. Call it in your index.ts at top level. */
export function setRunnable(fn: RunFn): void {
  runFn = fn;
}

/** Registers a function the host calls once per instance, before the first job (the `init` export). */
export function onInit(fn: () => void): void {
  initFn = fn;
}

/** Reports the job's output now (`return_result`). The first report of a job wins. */
export function reportResult(output: Uint8Array): void {
  reported = true;
  return_result(output.dataStart, output.length, currentIdent());
}

/** Reports the job's failure now (`return_error`). The first report of a job wins. */
export function reportError(code: i32, message: Uint8Array): void {
  reported = true;
  return_error(code, message.dataStart, message.length, currentIdent());
}

// ---- exports: re-export these five from your index.ts ----

/** Runs one job: the host calls it with the input and the job's ident. */
export function run_e(ptr: usize, len: i32, ident: i32): void {
  useIdent(ident);
  reported = false;
  const input = new Uint8Array(len);
  memory.copy(input.dataStart, ptr, <usize>len);
  const fn = runFn;
  if (fn === null) {
    reportError(500, utf8("no Runnable set: call setRunnable(...) in index.ts"));
    return;
  }
  const reply = fn(new Bytes(input));
  if (!reported) {
    reply.send();
  }
}

/** Gives the host `size` bytes of guest memory for the input. */
export function allocate(size: i32): usize {
  return heap.alloc(<usize>size);
}

/** Frees what allocate gave. */
export function deallocate(ptr: usize, size: i32): void {
  heap.free(ptr);
}

/** Runs the function registered with onInit, once per instance. */
export function init(): void {
  const fn = initFn;
  if (fn !== null) {
    fn();
  }
}

/** Marks the module as speaking generation B of the Runnable ABI. */
export function atmo_abi_b(): void {}

/**
 * AssemblyScript's `abort` (failed assertion, `throw`, out-of-range index):
 * reports it to the host, which fails the job with code -1. The package's
 * asconfig.json selects it with `"use": ["abort=..."]`.
 */
export function atmoAbort(message: string | null = null, fileName: string | null = null, line: u32 = 0,
                          column: u32 = 0): void {
  const text = utf8(message !== null ? message : "");
  const file = utf8(fileName !== null ? fileName : "");
  return_abort(text.dataStart, text.length, file.dataStart, file.length, line, column, currentIdent());
}
