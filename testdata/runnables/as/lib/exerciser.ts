// ABI exerciser in AssemblyScript: runs the line-based command protocol described
// in testdata/runnables/README.md and reports what every host import returned.
// The entry files abi-a.ts and abi-b.ts choose the generation; abi-b.ts adds the
// commands of the three ABI-B-only imports through the `extra*` callbacks.

import {
  return_result, return_error, get_ffi_result, fetch_url, graphql_query, cache_set, cache_get,
  log_msg, request_get_field, resp_set_header, get_static_file,
} from "./env";
import { setIdent } from "./runnable";

// ---- output buffer (bytes, so that slot data is passed through unchanged) ----

class ByteBuf {
  data: Uint8Array = new Uint8Array(256);
  length: i32 = 0;

  reserve(n: i32): void {
    if (this.length + n <= this.data.length) return;
    let cap = this.data.length * 2;
    while (cap < this.length + n) cap *= 2;
    const bigger = new Uint8Array(cap);
    memory.copy(bigger.dataStart, this.data.dataStart, <usize>this.length);
    this.data = bigger;
  }

  appendRaw(ptr: usize, n: i32): void {
    this.reserve(n);
    memory.copy(this.data.dataStart + <usize>this.length, ptr, <usize>n);
    this.length += n;
  }

  append(s: string): void {
    const bytes = String.UTF8.encode(s);
    this.appendRaw(changetype<usize>(bytes), bytes.byteLength);
  }
}

// ---- state ----

let initsText = "";
let currentIdent: i32 = 0;
let badIdentNext = false;
let out = new ByteBuf();
let body = new ArrayBuffer(0);
let lastSize: i32 = 0;
let reported = false;
let stopped = false;
let lastRc: i32 = 0;
let abiB = false;
let moduleName = "";

export function recordInit(name: string): void {
  initsText = initsText.length > 0 ? initsText + "," + name : name;
}

/** The ident to pass to the next import (ident + 1 once after `badident`). */
export function nextIdent(): i32 {
  if (badIdentNext) {
    badIdentNext = false;
    return currentIdent + 1;
  }
  return currentIdent;
}

export function outStr(s: string): void {
  out.append(s);
}

/** Called by a slot-producing command of an entry file with the import's return value. */
export function setRc(rc: i32): void {
  lastRc = rc;
}

/** UTF-8 bytes of a string; keep the result in a local while its pointer is in use. */
export function utf8(s: string): ArrayBuffer {
  return String.UTF8.encode(s);
}

export function ptr(b: ArrayBuffer): usize {
  return changetype<usize>(b);
}

// ---- parsing ----

export class Split {
  constructor(public first: string, public rest: string) {}
}

export function word(s: string): Split {
  const i = s.indexOf(" ");
  if (i < 0) return new Split(s, "");
  return new Split(s.substring(0, i), s.substring(i + 1));
}

function isNumber(s: string): bool {
  const start = s.startsWith("-") ? 1 : 0;
  if (start == s.length) return false;
  for (let i = start; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export function toInt(s: string): i32 {
  const negative = s.startsWith("-");
  let v: u32 = 0;
  for (let i = negative ? 1 : 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    v = v * 10 + <u32>(c - 48);
  }
  return negative ? <i32>(0 - v) : <i32>v;
}

const UNKNOWN_METHOD: i32 = -1000;

function methodNumber(m: string): i32 {
  if (isNumber(m)) return toInt(m);
  const names = abiB
    ? ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"]
    : ["", "GET", "POST", "PATCH", "DELETE"];
  for (let i = 0; i < names.length; i++) {
    if (names[i].length > 0 && names[i] == m) return i;
  }
  return UNKNOWN_METHOD;
}

// ---- slot-producing commands ----

const NOT_SLOT = 0;
const CALLED = 1;
const ARG_ERROR = 2;

export type ExtraFn = (cmd: string, rest: string) => bool;

let extraSlot: ExtraFn = (cmd: string, rest: string): bool => false;
let extraCmd: ExtraFn = (cmd: string, rest: string): bool => false;

/** Runs a slot-producing command without fetching the slot; the result is in lastRc. */
function slotCall(line: string): i32 {
  const w = word(line);
  const cmd = w.first;
  const rest = w.rest;
  if (cmd == "fetch") {
    const m = word(rest);
    const method = methodNumber(m.first);
    if (method == UNKNOWN_METHOD) {
      outStr("unknown method " + m.first);
      return ARG_ERROR;
    }
    const url = utf8(m.rest);
    const b = body;
    body = new ArrayBuffer(0);
    lastRc = fetch_url(method, ptr(url), url.byteLength, ptr(b), b.byteLength, nextIdent());
  } else if (cmd == "graphql") {
    const e = word(rest);
    const endpoint = utf8(e.first);
    const query = utf8(e.rest);
    lastRc = graphql_query(ptr(endpoint), endpoint.byteLength, ptr(query), query.byteLength, nextIdent());
  } else if (cmd == "cache_get") {
    const key = utf8(rest);
    lastRc = cache_get(ptr(key), key.byteLength, nextIdent());
  } else if (cmd == "field") {
    const f = word(rest);
    const key = utf8(f.rest);
    lastRc = request_get_field(toInt(f.first), ptr(key), key.byteLength, nextIdent());
  } else if (cmd == "static") {
    const name = utf8(rest);
    lastRc = get_static_file(ptr(name), name.byteLength, nextIdent());
  } else if (!extraSlot(cmd, rest)) {
    return NOT_SLOT;
  }
  if (lastRc != -1) lastSize = lastRc < 0 ? -lastRc : lastRc;
  return CALLED;
}

/** Fetches the slot into a buffer of lastSize bytes and reports "ffi=<r>[ <label>=<bytes>]". */
function fetchSlot(label: string): void {
  const size = lastSize > 0 ? lastSize : 0;
  const buffer = heap.alloc(size > 0 ? <usize>size : 1);
  const r = get_ffi_result(buffer, nextIdent());
  outStr("ffi=" + r.toString());
  if (r == 0) {
    outStr(" " + label + "=");
    out.appendRaw(buffer, size);
  }
  heap.free(buffer);
}

function reportSlot(rc: i32): void {
  outStr("rc=" + rc.toString());
  if (rc >= 0) {
    outStr(" ");
    fetchSlot("data");
  } else if (abiB && rc < -1) {
    outStr(" ");
    fetchSlot("err");
  }
}

// ---- one command line ----

function execLine(line: string): void {
  const w = word(line);
  const cmd = w.first;
  const rest = w.rest;

  if (cmd == "badident") {
    badIdentNext = true;
    execLine(rest);
    badIdentNext = false;
    return;
  }
  if (cmd == "nofetch" || cmd == "pending") {
    const status = slotCall(rest);
    if (status == NOT_SLOT) {
      outStr("not a slot command");
    } else if (status == CALLED) {
      const rc = lastRc;
      if (cmd == "nofetch") {
        outStr("rc=" + rc.toString());
      } else {
        const firstSize = lastSize;
        slotCall(rest);
        const rc2 = lastRc;
        if (rc2 == -1) lastSize = firstSize;
        outStr("first=" + rc.toString() + " second=" + rc2.toString());
      }
    }
    return;
  }
  const status = slotCall(line);
  if (status == CALLED) {
    reportSlot(lastRc);
    return;
  }
  if (status == ARG_ERROR) return;

  if (cmd == "ffi") {
    fetchSlot("data");
  } else if (cmd == "cache_set") {
    const k = word(rest);
    const i = k.rest.lastIndexOf(" ");
    const value = utf8(i < 0 ? "" : k.rest.substring(0, i));
    const ttl = i < 0 ? k.rest : k.rest.substring(i + 1);
    const key = utf8(k.first);
    const rc = cache_set(ptr(key), key.byteLength, ptr(value), value.byteLength, toInt(ttl), nextIdent());
    outStr("rc=" + rc.toString());
  } else if (cmd == "log") {
    const l = word(rest);
    const message = utf8(l.rest);
    log_msg(ptr(message), message.byteLength, toInt(l.first), nextIdent());
    outStr("ok");
  } else if (cmd == "header") {
    const h = word(rest);
    const key = utf8(h.first);
    const value = utf8(h.rest);
    resp_set_header(ptr(key), key.byteLength, ptr(value), value.byteLength, nextIdent());
    outStr("ok");
  } else if (cmd == "body") {
    body = utf8(rest);
    outStr("ok");
  } else if (cmd == "result") {
    const text = utf8(rest);
    return_result(ptr(text), text.byteLength, nextIdent());
    reported = true;
    outStr("ok");
  } else if (cmd == "error") {
    const e = word(rest);
    const message = utf8(e.rest);
    return_error(toInt(e.first), ptr(message), message.byteLength, nextIdent());
    stopped = true;
  } else if (cmd == "abort") {
    // goes through the `--use abort=...` handler, like any AssemblyScript abort;
    // a direct call returns, so trap like a failed assertion would
    setIdent(nextIdent());
    abort(rest, moduleName, 42, 7);
    unreachable();
  } else if (cmd == "trap") {
    unreachable();
  } else if (cmd == "ident") {
    outStr("ident=" + currentIdent.toString());
  } else if (cmd == "inits") {
    outStr("inits=" + initsText);
  } else if (cmd == "echo") {
    outStr(rest);
  } else if (!extraCmd(cmd, rest)) {
    outStr("unknown command " + cmd);
  }
}

export function runJob(inputPtr: usize, inputLen: i32, ident: i32, isAbiB: bool, name: string,
                       slotFn: ExtraFn, cmdFn: ExtraFn): void {
  abiB = isAbiB;
  moduleName = name;
  extraSlot = slotFn;
  extraCmd = cmdFn;
  currentIdent = ident;
  badIdentNext = false;
  out = new ByteBuf();
  body = new ArrayBuffer(0);
  lastSize = 0;
  reported = false;
  stopped = false;

  const input = String.UTF8.decodeUnsafe(inputPtr, <usize>inputLen);
  const lines = input.split("\n");
  let first = true;
  for (let i = 0; i < lines.length && !stopped; i++) {
    let line = lines[i];
    if (line.endsWith("\r")) line = line.substring(0, line.length - 1);
    if (line.length == 0) continue;
    if (!first) outStr("\n");
    first = false;
    execLine(line);
  }
  if (!stopped && !reported) {
    return_result(out.data.dataStart, out.length, currentIdent);
  }
}
