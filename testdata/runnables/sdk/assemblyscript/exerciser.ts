// sdk-assemblyscript: the ABI exerciser of generation B written with the
// AssemblyScript SDK (@atmo/sdk). It speaks the line protocol of
// testdata/runnables/README.md; each command goes through the SDK's own call
// (http.request, cache.get, request.getField, db.exec, ...) and the line shows
// what the SDK made of the host's answer:
//
//   Ok(bytes)                         rc=<length> ffi=0 data=<bytes>
//   Err with the host's error text    rc=<code> ffi=0 err=<text>
//   Err -1 (unknown error)            rc=-1
//   Err without a text to fetch       rc=<code> ffi=-1
//
// which is what the raw exercisers print for the same host answers. Only the
// `nofetch`, `pending` and `ffi` commands, which leave the slot pending on
// purpose, call the host functions of @atmo/sdk/assembly/env directly.
// `badident <command>` runs the whole command with ident + 1 (on a correct host
// its first import fails, so no later import of that command runs).

import {
  setRunnable, onInit, reportResult, reportError, Reply, Bytes, Result, HostError, utf8,
  http, Method, graphql, cache, file, log, db, QueryType, request, response, Field,
  currentIdent, useIdent,
} from "@atmo/sdk";
import {
  fetch_url, graphql_query, cache_get, request_get_field, request_set_field, get_static_file, db_exec,
  get_ffi_result,
} from "@atmo/sdk/assembly/env";

// the line parsing of the other AssemblyScript exercisers (no host calls)
import { word, toInt } from "../../as/lib/exerciser";

export { run_e, allocate, deallocate, init, atmo_abi_b } from "@atmo/sdk";

const MODULE = "sdk-assemblyscript";

// ---- initialisation: top-level code runs in the start section, then the host calls init ----

let inits = "start-section";
onInit(() => {
  inits += ",init";
});

// ---- output: bytes, so that data from the host passes through unchanged ----

class Output {
  data: Uint8Array = new Uint8Array(256);
  length: i32 = 0;

  raw(bytes: Uint8Array): void {
    if (this.length + bytes.length > this.data.length) {
      let capacity = this.data.length * 2;
      while (capacity < this.length + bytes.length) capacity *= 2;
      const bigger = new Uint8Array(capacity);
      bigger.set(this.data.subarray(0, this.length));
      this.data = bigger;
    }
    this.data.set(bytes, this.length);
    this.length += bytes.length;
  }

  text(s: string): void {
    this.raw(utf8(s));
  }

  bytes(): Uint8Array {
    return this.data.subarray(0, this.length);
  }
}

let out = new Output();
let nextBody = "";
let lastSize: i32 = 0;
let stopped = false;

// ---- parsing ----

function isNumber(s: string): bool {
  const start = s.startsWith("-") ? 1 : 0;
  if (start == s.length) return false;
  for (let i = start; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

const METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"];

/** The method number of a name or number, -1000 for an unknown name. */
function methodNumber(m: string): i32 {
  if (isNumber(m)) return toInt(m);
  const i = METHODS.indexOf(m);
  return i < 0 ? -1000 : i;
}

// ---- slot-producing commands ----

/** One slot-producing command with its arguments. */
class SlotCall {
  constructor(public command: string, public a: string, public b: string, public c: string, public n: i32) {}

  /** Through the SDK: the data or the error it reports. */
  viaSdk(): Result<Bytes> {
    if (this.command == "fetch") return http.request(<Method>this.n, this.a, utf8(this.b));
    if (this.command == "graphql") return graphql.query(this.a, this.b);
    if (this.command == "cache_get") return cache.get(this.a);
    if (this.command == "field") return request.getField(<Field>this.n, this.a);
    if (this.command == "static") return file.getStatic(this.a);
    if (this.command == "set_field") return request.setField(<Field>this.n, this.a, this.b);
    return db.exec(<QueryType>this.n, this.a);
  }

  /** Straight to the host, leaving the slot pending: the host function's return value. */
  raw(): i32 {
    const ident = currentIdent();
    const a = utf8(this.a);
    const b = utf8(this.b);
    if (this.command == "fetch") return fetch_url(this.n, a.dataStart, a.length, b.dataStart, b.length, ident);
    if (this.command == "graphql") return graphql_query(a.dataStart, a.length, b.dataStart, b.length, ident);
    if (this.command == "cache_get") return cache_get(a.dataStart, a.length, ident);
    if (this.command == "field") return request_get_field(this.n, a.dataStart, a.length, ident);
    if (this.command == "static") return get_static_file(a.dataStart, a.length, ident);
    if (this.command == "set_field") {
      return request_set_field(this.n, a.dataStart, a.length, b.dataStart, b.length, ident);
    }
    return db_exec(this.n, a.dataStart, a.length, ident);
  }
}

/** Parses a slot-producing command; null when the line is none (or reports an unknown method). */
function slotCall(line: string, report: bool): SlotCall | null {
  const w = word(line);
  const cmd = w.first;
  if (cmd == "fetch") {
    const m = word(w.rest);
    const method = methodNumber(m.first);
    if (method == -1000) {
      if (report) out.text("unknown method " + m.first);
      return new SlotCall("none", "", "", "", 0);
    }
    const body = nextBody;
    nextBody = "";
    return new SlotCall(cmd, m.rest, body, "", method);
  }
  if (cmd == "graphql") {
    const e = word(w.rest);
    return new SlotCall(cmd, e.first, e.rest, "", 0);
  }
  if (cmd == "cache_get" || cmd == "static") return new SlotCall(cmd, w.rest, "", "", 0);
  if (cmd == "field" || cmd == "db") {
    const f = word(w.rest);
    return new SlotCall(cmd, f.rest, "", "", toInt(f.first));
  }
  if (cmd == "set_field") {
    const f = word(w.rest);
    const kv = word(f.rest);
    return new SlotCall(cmd, kv.first, kv.rest, "", toInt(f.first));
  }
  return null;
}

function remember(rc: i32): void {
  if (rc != -1) lastSize = rc < 0 ? -rc : rc;
}

function reportSlot(result: Result<Bytes>): void {
  if (result.isOk) {
    const data = result.value;
    remember(data.length);
    out.text("rc=" + data.length.toString() + " ffi=0 data=");
    out.raw(data.data);
    return;
  }
  const error: HostError = result.error;
  remember(error.code);
  out.text("rc=" + error.code.toString());
  if (error.fromHost) {
    out.text(" ffi=0 err=" + error.message);
  } else if (error.code != -1) {
    out.text(" ffi=-1");
  }
}

/** The `ffi` command: get_ffi_result into a buffer as large as the last slot. */
function fetchSlot(): void {
  const buffer = new Uint8Array(lastSize);
  const r = get_ffi_result(buffer.dataStart, currentIdent());
  out.text("ffi=" + r.toString());
  if (r == 0) {
    out.text(" data=");
    out.raw(buffer);
  }
}

// ---- one command line ----

function status(result: Result<bool>): string {
  return "rc=" + (result.isOk ? "0" : result.error.code.toString());
}

function execLine(line: string): void {
  const w = word(line);
  const cmd = w.first;
  const rest = w.rest;

  if (cmd == "badident") {
    const ident = currentIdent();
    useIdent(ident + 1);
    execLine(rest);
    useIdent(ident);
    return;
  }
  if (cmd == "nofetch" || cmd == "pending") {
    const call = slotCall(rest, true);
    if (call === null) {
      out.text("not a slot command");
    } else if (call.command != "none") {
      const first = call.raw();
      remember(first);
      if (cmd == "nofetch") {
        out.text("rc=" + first.toString());
      } else {
        const second = call.raw();
        remember(second);
        out.text("first=" + first.toString() + " second=" + second.toString());
      }
    }
    return;
  }
  const call = slotCall(line, true);
  if (call !== null) {
    if (call.command != "none") reportSlot(call.viaSdk());
    return;
  }

  if (cmd == "ffi") {
    fetchSlot();
  } else if (cmd == "cache_set") {
    const k = word(rest);
    const i = k.rest.lastIndexOf(" ");
    const value = i < 0 ? "" : k.rest.substring(0, i);
    const ttl = i < 0 ? k.rest : k.rest.substring(i + 1);
    out.text(status(cache.set(k.first, value, toInt(ttl))));
  } else if (cmd == "log") {
    const l = word(rest);
    log.at(toInt(l.first), l.rest);
    out.text("ok");
  } else if (cmd == "header") {
    const h = word(rest);
    response.setHeader(h.first, h.rest);
    out.text("ok");
  } else if (cmd == "var") {
    const v = word(rest);
    out.text(status(db.addVar(v.first, v.rest)));
  } else if (cmd == "body") {
    nextBody = rest;
    out.text("ok");
  } else if (cmd == "result") {
    reportResult(utf8(rest));
    out.text("ok");
  } else if (cmd == "error") {
    const e = word(rest);
    reportError(toInt(e.first), utf8(e.rest));
    stopped = true;
  } else if (cmd == "abort") {
    // AssemblyScript's abort, which the SDK routes to return_abort
    abort(rest, MODULE, 42, 7);
    unreachable();
  } else if (cmd == "trap") {
    unreachable();
  } else if (cmd == "ident") {
    out.text("ident=" + currentIdent().toString());
  } else if (cmd == "inits") {
    out.text("inits=" + inits);
  } else if (cmd == "echo") {
    out.text(rest);
  } else {
    out.text("unknown command " + cmd);
  }
}

function run(input: Bytes): Reply {
  out = new Output();
  nextBody = "";
  lastSize = 0;
  stopped = false;
  const lines = input.text().split("\n");
  let first = true;
  for (let i = 0; i < lines.length && !stopped; i++) {
    let line = lines[i];
    if (line.endsWith("\r")) line = line.substring(0, line.length - 1);
    if (line.length == 0) continue;
    if (!first) out.text("\n");
    first = false;
    execLine(line);
  }
  // after `result` or `error` the SDK sends nothing more
  return Reply.bytes(out.bytes());
}

setRunnable(run);
