// Minimal Node.js host for the test Runnables in this folder.
//
//   node harness.mjs [--abi a|b] [--no-init] [--trace] [--disable cap,cap] [--not-request] \
//        [--repeat N] [--quiet] wasm/<name>.wasm [input ...]
//
// Every input argument is one job (allocate, run_e, deallocate) on the same instance, so
// state kept by the module between jobs is visible. With no input argument one job with
// an empty input runs. Use $'line1\nline2' in bash for multi-line inputs. --repeat runs
// each input N times; --quiet prints only the outcome lines.
//
// Initialisation follows Atmo's order: `_start` (a proc_exit(0)
// inside it counts as normal completion), then `init`; `_initialize` is called when the
// module exports it and no `_start`.
//
// The host imports are fakes with the return conventions of ABI-A (reactr v0.11) or
// ABI-B (reactr HEAD); they do no network or database access:
//   fetch_url     -> body "<METHOD> <url> [<name>:<value> ...] body=<body>"; a URL
//                    containing "/status/<n>" answers with status <n> (error when > 299)
//   graphql_query -> {"data":{"echo":"<query>"}}; an endpoint containing "fail" fails
//   request       -> POST http://example.test/api/thing?name=world&n=2, id req-123,
//                    body {"name":"world","n":"2"}, headers Content-Type and X-Custom,
//                    params id=42, state hello="hello world"
//   static files  -> css/main.css and main.md
//   db_exec       -> queries "insertUser" (insert, 2 vars) and "selectUser" (select, 1 var)
// --disable takes capability names: http, graphql, cache, request, file, db, logger.

import fs from 'node:fs';

const args = process.argv.slice(2);
let abi = 'a';
let runInit = true;
let trace = false;
let isRequest = true;
let repeat = 1;
let quiet = false;
const disabled = new Set();
while (args.length && args[0].startsWith('--')) {
  const opt = args.shift();
  if (opt === '--abi') abi = args.shift().toLowerCase();
  else if (opt === '--no-init') runInit = false;
  else if (opt === '--trace') trace = true;
  else if (opt === '--not-request') isRequest = false;
  else if (opt === '--repeat') repeat = Number(args.shift());
  else if (opt === '--quiet') quiet = true;
  else if (opt === '--disable') args.shift().split(',').forEach((c) => disabled.add(c));
  else throw new Error(`unknown option ${opt}`);
}
if (args.length < 1) {
  console.error('usage: node harness.mjs [--abi a|b] [--no-init] [--trace] [--disable caps] [--not-request] module.wasm [input ...]');
  process.exit(2);
}
const modulePath = args.shift();
const inputs = args.length ? args : [''];
const B = abi === 'b';

const enc = new TextEncoder();
const dec = new TextDecoder();
let memory;
const bytes = (p, n) => new Uint8Array(memory.buffer, p, n).slice();
const str = (p, n) => dec.decode(bytes(p, n));
const say = (line) => { if (!quiet || line.startsWith('outcome: ') || line.startsWith('missing ')) console.log(line); };
const traceCall = (name, argv, ret) => { if (trace) say(`  ${name}(${argv.join(', ')})${ret === undefined ? '' : ' -> ' + ret}`); };

// ---- per-job state ----
let job = null;
function newJob(input) {
  return {
    ident: Math.floor(Math.random() * 0x7fffffff),
    result: null, error: null, slot: null, vars: [], respHeaders: {},
    request: isRequest ? {
      method: 'POST',
      url: 'http://example.test/api/thing?name=world&n=2',
      id: 'req-123',
      body: input,
      headers: B ? { 'content-type': 'application/json', 'x-custom': 'abc' }
        : { 'Content-Type': 'application/json', 'X-Custom': 'abc' },
      params: { id: '42' },
      state: { hello: enc.encode('hello world') },
    } : null,
  };
}
const cache = new Map();
const staticFiles = { 'css/main.css': 'body { color: red; }\n', 'main.md': '## hello' };
const queries = { insertUser: { type: 0, vars: 2 }, selectUser: { type: 1, vars: 1 } };

const okIdent = (id) => job && id === job.ident;
function setSlot(data) { job.slot = typeof data === 'string' ? enc.encode(data) : data; return job.slot.length; }
function errSlot(text) { job.slot = enc.encode(text); return -job.slot.length; }

function fieldGet(type, key) {
  const r = job.request;
  if (!r) return B ? -1 : -2;
  const miss = () => (B ? setSlot('') : -3);
  switch (type) {
    case 0:
      if (key === 'method') return setSlot(r.method);
      if (key === 'url') return setSlot(r.url);
      if (key === 'id') return setSlot(r.id);
      if (key === 'body') return setSlot(r.body);
      return miss();
    case 1: {
      if (r.body.length === 0) return setSlot('');
      let obj;
      try { obj = JSON.parse(dec.decode(r.body)); } catch { return B ? -1 : -5; }
      if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return B ? -1 : -5;
      if (typeof obj[key] !== 'string') return B ? -1 : -5;
      return setSlot(obj[key]);
    }
    case 2: {
      const v = r.headers[B ? key.toLowerCase() : key];
      return v === undefined ? miss() : setSlot(v);
    }
    case 3: return r.params[key] === undefined ? miss() : setSlot(r.params[key]);
    case 4: return r.state[key] === undefined ? miss() : setSlot(r.state[key]);
    case 5:
      if (!B) return -4;
      return setSlot(new URL(r.url).searchParams.get(key) ?? '');
    default: return B ? -1 : -4;
  }
}

function fieldSet(type, key, val) {
  const r = job.request;
  if (!r) return -1;
  switch (type) {
    case 0:
      if (key === 'method') r.method = dec.decode(val);
      else if (key === 'url') r.url = dec.decode(val);
      else if (key === 'body') r.body = val;
      else if (key !== 'id') return errSlot('key not found');
      return setSlot('');
    case 1: {
      if (r.body.length === 0) return setSlot('');
      let obj;
      try { obj = JSON.parse(dec.decode(r.body)); } catch (e) { return errSlot(`failed to unmarshal body: ${e.message}`); }
      obj[key] = dec.decode(val);
      const sorted = Object.fromEntries(Object.keys(obj).sort().map((k) => [k, obj[k]]));
      r.body = enc.encode(JSON.stringify(sorted));
      return setSlot('');
    }
    case 2: r.headers[key] = dec.decode(val); return setSlot('');
    case 3: r.params[key] = dec.decode(val); return setSlot('');
    case 4: r.state[key] = val; return setSlot('');
    default: return errSlot('invalid field type');
  }
}

function fetchUrl(method, url, body) {
  const names = B ? ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'] : [null, 'GET', 'POST', 'PATCH', 'DELETE'];
  const m = names[method];
  if (!m) return -2;
  if (B && disabled.has('http')) return errSlot('capability is not enabled');
  const pieces = url.split('::');
  const headers = [];
  for (const p of pieces.slice(1)) {
    const kv = p.split(':');
    if (kv.length !== 2) return -2;
    headers.push(`${kv[0]}:${kv[1]}`);
  }
  if (body.length && !headers.some((h) => h.startsWith('Content-Type:'))) headers.push('Content-Type:application/octet-stream');
  const st = /\/status\/(\d+)/.exec(pieces[0]);
  const status = st ? Number(st[1]) : 200;
  const text = `${m} ${pieces[0]}${headers.map((h) => ' ' + h).join('')} body=${dec.decode(body)}`;
  if (status > 299) return B ? errSlot(`${status}: ${text}`) : -status;
  return setSlot(text);
}

function graphql(endpoint, query) {
  if (B && disabled.has('graphql')) return errSlot('capability is not enabled');
  if (endpoint.includes('fail')) return B ? errSlot('non-200 HTTP response code; failed') : -1;
  return setSlot(`{"data":{"echo":${JSON.stringify(query)}}}`);
}

function dbExec(type, name) {
  const vars = job.vars; job.vars = [];
  if (disabled.has('db')) return errSlot('capability is not enabled');
  const q = queries[name];
  if (!q) return errSlot('query not found');
  if (type < 0 || type > 3) return errSlot('query type invalid');
  if (q.type !== type) return errSlot('query type incorrect');
  if (vars.length !== q.vars) return errSlot(`number of variables incorrect: expected ${q.vars} variables, got ${vars.length}`);
  if (type === 0) return setSlot('{"lastInsertID":1,"rowsAffected":0}');
  return setSlot(JSON.stringify([{ uuid: vars[0][1], email: 'someone@example.test' }]));
}

// ---- env imports ----
const env = {
  return_result(p, n, id) {
    traceCall('return_result', [p, n, id]);
    if (!okIdent(id)) return;
    say(`return_result: ${str(p, n)}`);
    if (job.result === null) job.result = bytes(p, n);
  },
  return_error(code, p, n, id) {
    traceCall('return_error', [code, p, n, id]);
    if (!okIdent(id)) return;
    say(`return_error: ${code} ${str(p, n)}`);
    if (job.error === null) job.error = { code, message: str(p, n) };
  },
  return_abort(mp, ml, fp, fl, line, col, id) {
    traceCall('return_abort', [mp, ml, fp, fl, line, col, id]);
    if (!okIdent(id)) return;
    const message = `runnable abort: ${str(mp, ml)}; file: ${str(fp, fl)}, line: ${line}, col: ${col}`;
    say(`return_abort: ${message}`);
    if (job.error === null) job.error = { code: -1, message };
  },
  get_ffi_result(p, id) {
    let rc = -1;
    if (okIdent(id) && job.slot !== null) {
      new Uint8Array(memory.buffer, p, job.slot.length).set(job.slot);
      job.slot = null;
      rc = 0;
    }
    traceCall('get_ffi_result', [p, id], rc);
    return rc;
  },
  add_ffi_var(np, nl, vp, vl, id) {
    if (!okIdent(id)) return -1;
    job.vars.push([str(np, nl), str(vp, vl)]);
    traceCall('add_ffi_var', [np, nl, vp, vl, id], 0);
    return 0;
  },
  fetch_url(method, up, ul, bp, bl, id) {
    const rc = !okIdent(id) || job.slot !== null ? -1 : fetchUrl(method, str(up, ul), bytes(bp, bl));
    traceCall('fetch_url', [method, up, ul, bp, bl, id], rc);
    return rc;
  },
  graphql_query(ep, el, qp, ql, id) {
    const rc = !okIdent(id) || job.slot !== null ? -1 : graphql(str(ep, el), str(qp, ql));
    traceCall('graphql_query', [ep, el, qp, ql, id], rc);
    return rc;
  },
  cache_set(kp, kl, vp, vl, ttl, id) {
    let rc = -1;
    if (okIdent(id)) {
      if (B && disabled.has('cache')) rc = -2;
      else { cache.set(str(kp, kl), bytes(vp, vl)); rc = 0; }
    }
    traceCall('cache_set', [kp, kl, vp, vl, ttl, id], rc);
    return rc;
  },
  cache_get(kp, kl, id) {
    let rc = -1;
    if (okIdent(id) && job.slot === null) {
      const v = cache.get(str(kp, kl));
      if (B && disabled.has('cache')) rc = errSlot('capability is not enabled');
      else if (v === undefined) rc = B ? errSlot('key not found') : -2;
      else rc = setSlot(v);
    }
    traceCall('cache_get', [kp, kl, id], rc);
    return rc;
  },
  log_msg(p, n, level, id) {
    traceCall('log_msg', [p, n, level, id]);
    if (!okIdent(id) || disabled.has('logger')) return;
    const tag = { 1: 'E', 2: 'W', 4: 'D' }[level] ?? 'I';
    say(`log: (${tag}) ${str(p, n)}`);
  },
  request_get_field(type, kp, kl, id) {
    let rc = -1;
    if (okIdent(id) && job.slot === null) rc = B && disabled.has('request') ? -1 : fieldGet(type, str(kp, kl));
    traceCall('request_get_field', [type, kp, kl, id], rc);
    return rc;
  },
  request_set_field(type, kp, kl, vp, vl, id) {
    let rc = -1;
    if (okIdent(id) && job.slot === null) {
      rc = disabled.has('request') ? errSlot('capability is not enabled') : fieldSet(type, str(kp, kl), bytes(vp, vl));
    }
    traceCall('request_set_field', [type, kp, kl, vp, vl, id], rc);
    return rc;
  },
  resp_set_header(kp, kl, vp, vl, id) {
    traceCall('resp_set_header', [kp, kl, vp, vl, id]);
    if (okIdent(id) && job.request) job.respHeaders[str(kp, kl)] = str(vp, vl);
  },
  get_static_file(np, nl, id) {
    let rc = -1;
    if (okIdent(id) && job.slot === null) {
      let name = str(np, nl).replace(/^static\//, '').replace(/^\//, '').replace(/^\.\//, '');
      if (disabled.has('file')) rc = B ? errSlot('capability is not enabled') : -2;
      else if (staticFiles[name] === undefined) rc = B ? errSlot(`failed to ReadFile: open ${name}: file does not exist`) : -3;
      else rc = setSlot(staticFiles[name]);
    }
    traceCall('get_static_file', [np, nl, id], rc);
    return rc;
  },
  db_exec(type, np, nl, id) {
    const rc = !okIdent(id) || job.slot !== null ? -1 : dbExec(type, str(np, nl));
    traceCall('db_exec', [type, np, nl, id], rc);
    return rc;
  },
};
for (const name of Object.keys(env)) {
  const f = env[name];
  env[`${name}_swift`] = (...a) => f(...a.slice(0, f.length));
}

// ---- WASI preview1 (no args, no environment, no files) ----
class ProcExit extends Error { constructor(code) { super(`proc_exit(${code})`); this.code = code; } }
const wasi = {
  proc_exit(code) { throw new ProcExit(code); },
  fd_write(fd, iovs, iovsLen, nwritten) {
    const dv = new DataView(memory.buffer);
    let total = 0;
    for (let i = 0; i < iovsLen; i++) {
      const p = dv.getUint32(iovs + i * 8, true);
      const n = dv.getUint32(iovs + i * 8 + 4, true);
      (fd === 2 ? process.stderr : process.stdout).write(bytes(p, n));
      total += n;
    }
    dv.setUint32(nwritten, total, true);
    return 0;
  },
  environ_sizes_get(cnt, size) { const dv = new DataView(memory.buffer); dv.setUint32(cnt, 0, true); dv.setUint32(size, 0, true); return 0; },
  environ_get() { return 0; },
  args_sizes_get(cnt, size) { const dv = new DataView(memory.buffer); dv.setUint32(cnt, 0, true); dv.setUint32(size, 0, true); return 0; },
  args_get() { return 0; },
  random_get(p, n) { crypto.getRandomValues(new Uint8Array(memory.buffer, p, n)); return 0; },
  clock_time_get(id, prec, out) { new DataView(memory.buffer).setBigUint64(out, process.hrtime.bigint(), true); return 0; },
};
const wasiProxy = new Proxy(wasi, { get: (t, k) => t[k] ?? (() => 52 /* ENOSYS */) });

// ---- run ----
const mod = await WebAssembly.compile(fs.readFileSync(modulePath));
const importObject = { env: {}, wasi_snapshot_preview1: wasiProxy };
for (const imp of WebAssembly.Module.imports(mod)) {
  if (imp.module === 'env') {
    if (!(imp.name in env)) { say(`missing import: env.${imp.name}`); process.exit(1); }
    importObject.env[imp.name] = env[imp.name];
  } else if (imp.module !== 'wasi_snapshot_preview1') {
    say(`missing import: ${imp.module}.${imp.name}`); process.exit(1);
  }
}
const instance = await WebAssembly.instantiate(mod, importObject);
const ex = instance.exports;
memory = ex.memory;
if (!memory) { say('missing export: memory'); process.exit(1); }
if (runInit) {
  if (ex._start) {
    try { ex._start(); say('init: _start returned'); } catch (e) {
      if (e instanceof ProcExit && e.code === 0) say('init: _start exited with 0');
      else throw e;
    }
  } else if (ex._initialize) { ex._initialize(); say('init: _initialize returned'); }
  if (ex.init) { ex.init(); say('init: init returned'); }
}
for (const name of ['run_e', 'allocate']) {
  if (!ex[name]) { say(`missing required FFI function: ${name}`); process.exit(1); }
}
for (const input of inputs.flatMap((i) => Array(repeat).fill(i))) {
  const data = enc.encode(input);
  job = newJob(data);
  say(`--- job ident=${job.ident} input=${JSON.stringify(input)}`);
  const p = ex.allocate(data.length);
  new Uint8Array(memory.buffer, p, data.length).set(data);
  let trap = null;
  try { ex.run_e(p, data.length, job.ident); } catch (e) { trap = e; }
  if (ex.deallocate) ex.deallocate(p, data.length);
  if (Object.keys(job.respHeaders).length) say(`resp_headers: ${JSON.stringify(job.respHeaders)}`);
  if (job.error) say(`outcome: error ${JSON.stringify(job.error)}`);
  else if (trap) say(`outcome: trap ${trap.message}`);
  else say(`outcome: result ${JSON.stringify(job.result === null ? null : dec.decode(job.result))}`);
}
