// Times the compute Runnable under Node's V8: loads the .wasm with stub imports, runs the
// ABI's invocation protocol (allocate, write the input, run_e, deallocate) and reports
// the median time of the measured runs after the warm-up runs.
//
// usage: node node-run.mjs <module.wasm> <input> [warmup] [runs]
// prints one JSON line: {"engine":"node","medianMs":..,"minMs":..,"runs":..,"result":".."}
import { readFileSync } from "node:fs";

const [file, input = "1", warmupArg = "5", runsArg = "10"] = process.argv.slice(2);
if (!file) {
  console.error("usage: node node-run.mjs <module.wasm> <input> [warmup] [runs]");
  process.exit(2);
}
let memory;
let result = null;
const env = {
  return_result(ptr, len) {
    result = Buffer.from(new Uint8Array(memory.buffer, ptr, len)).toString("utf8");
  },
  return_error(code, ptr, len) {
    throw new Error(`error ${code}: ${Buffer.from(new Uint8Array(memory.buffer, ptr, len))}`);
  },
};
const module = new WebAssembly.Module(readFileSync(file));
const stubs = {};
for (const imp of WebAssembly.Module.imports(module)) {
  stubs[imp.module] ??= {};
  if (imp.module === "env" && env[imp.name]) {
    stubs[imp.module][imp.name] = env[imp.name];
  } else {
    stubs[imp.module][imp.name] = () => 0;
  }
}
const instance = new WebAssembly.Instance(module, stubs);
const ex = instance.exports;
memory = ex.memory;
if (ex._initialize) ex._initialize();
if (ex.init) ex.init();

const bytes = Buffer.from(input, "utf8");
function once() {
  const ptr = ex.allocate(bytes.length);
  new Uint8Array(memory.buffer, ptr, bytes.length).set(bytes);
  ex.run_e(ptr, bytes.length, 1);
  if (ex.deallocate) ex.deallocate(ptr, bytes.length);
}
for (let i = 0; i < Number(warmupArg); i++) once();
const times = [];
for (let i = 0; i < Number(runsArg); i++) {
  const start = process.hrtime.bigint();
  once();
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({
  engine: "node " + process.version,
  medianMs: times[Math.floor(times.length / 2)],
  minMs: times[0],
  runs: times.length,
  result,
}));
