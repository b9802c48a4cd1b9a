-- wrk's done() for bench/wrk/chat.lua and chat-app.lua (loaded with dofile): one machine-readable result line,
-- parsed by bench/run.sh, thread-cpu.sh, telemetry-overhead.sh and hotpath/ab.sh.
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
