-- wrk script of the benchmark suite: POSTs one fixed body on every request and prints one
-- machine-readable summary line starting with "BENCH".
--   WRK_BODY_BYTES  body of that many 'x' bytes (default 16)
--   WRK_BODY_FILE   or the contents of this file
--   WRK_CONTENT_TYPE  Content-Type of the request (default text/plain)
local file = os.getenv("WRK_BODY_FILE")
if file and file ~= "" then
  local f = assert(io.open(file, "rb"))
  wrk.body = f:read("*a")
  f:close()
else
  wrk.body = string.rep("x", tonumber(os.getenv("WRK_BODY_BYTES") or "16"))
end
wrk.method = "POST"
wrk.headers["Content-Type"] = os.getenv("WRK_CONTENT_TYPE") or "text/plain"

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d connect=%d read=%d write=%d timeout=%d status=%d " ..
    "p50=%d p90=%d p99=%d p999=%d max=%d mean=%.1f\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.timeout, e.status,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), latency.max, latency.mean))
end
