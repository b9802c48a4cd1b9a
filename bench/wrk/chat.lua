-- wrk script: POST a small non-streamed chat completion, then print one machine-readable result line.
-- The model is taken from the MODEL environment variable (default "fast/bench-1": provider "fast" of the
-- gateway, model "bench-1"); the upstream ignores it.
local model = os.getenv("MODEL") or "fast/bench-1"
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"model":"' .. model .. '","messages":[{"role":"system","content":"You are terse."},'
  .. '{"role":"user","content":"Say hello in five words."}],"max_tokens":16,"temperature":0}'

-- the machine-readable RESULT line, written once for both request scripts (wrk/result.lua, next to this one)
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "result.lua")
