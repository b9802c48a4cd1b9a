-- wrk script for bench/serverless/run.sh: the same small non-streamed chat request as bench/wrk/chat.lua, to
-- either gateway. MODEL (default fast/bench-1) and, for Portkey, PORTKEY_UPSTREAM (its x-portkey-custom-host).
local model = os.getenv("MODEL") or "fast/bench-1"
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local custom = os.getenv("PORTKEY_UPSTREAM")
if custom and custom ~= "" then
  wrk.headers["x-portkey-provider"] = "openai"
  wrk.headers["x-portkey-custom-host"] = custom
  wrk.headers["Authorization"] = "Bearer sk-bench-not-a-key"
end
wrk.body = '{"model":"' .. model .. '","messages":[{"role":"system","content":"You are terse."},'
  .. '{"role":"user","content":"Say hello in five words."}],"max_tokens":16,"temperature":0}'

function done(summary, latency, requests)
  local s = summary
  io.write(string.format("RESULT requests=%d duration_s=%.3f p50_us=%d p99_us=%d errors=%d\n",
    s.requests, s.duration / 1e6, latency:percentile(50), latency:percentile(99),
    s.errors.connect + s.errors.read + s.errors.write + s.errors.status + s.errors.timeout))
end
