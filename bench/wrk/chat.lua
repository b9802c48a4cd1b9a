-- wrk script: POST a small non-streamed chat completion, then print one machine-readable result line.
-- The model is taken from the MODEL environment variable (default "fast/bench-1": provider "fast" of the
-- gateway, model "bench-1"); the upstream ignores it.
local model = os.getenv("MODEL") or "fast/bench-1"
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"model":"' .. model .. '","messages":[{"role":"system","content":"You are terse."},'
  .. '{"role":"user","content":"Say hello in five words."}],"max_tokens":16,"temperature":0}'

function done(summary, latency, requests)
  local s = summary
  local secs = s.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d duration_s=%.3f rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d mean_us=%.1f "
      .. "err_connect=%d err_read=%d err_write=%d err_status=%d err_timeout=%d\n",
    s.requests, secs, s.requests / secs, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, latency.mean, s.errors.connect, s.errors.read, s.errors.write,
    s.errors.status, s.errors.timeout))
end
