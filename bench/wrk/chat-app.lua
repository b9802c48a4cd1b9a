-- wrk script: POST a chat completion of an app's typical shape, then print one machine-readable result line.
-- The request carries a ~0.8 KB system prompt and three earlier turns (~2.2 KB of JSON in all) and asks for a stream
-- unless STREAM=0. bench/upstream/FastUpstream.java answers "stream":true with a fixed event stream of -Dchunks=N
-- one-token chunks (default 100) plus the finish and usage chunks, and a non-streamed request with a completion of
-- -Dtokens=N words (default: its short fixed answer). wrk counts a request when the whole answer has arrived.
-- The model is taken from the MODEL environment variable (default "fast/bench-1").
local model = os.getenv("MODEL") or "fast/bench-1"
local stream = (os.getenv("STREAM") or "1") ~= "0"
-- DELAY_MS: each connection waits this long before its next request (a moderate request rate instead of saturation)
local pause = tonumber(os.getenv("DELAY_MS") or "0")
if pause > 0 then
  function delay() return pause end
end
local system = "You are the support assistant of an online bookshop. Answer in a friendly, concise tone. "
  .. "Use the order data you are given and never invent order numbers, prices or delivery dates. If the customer "
  .. "asks about something outside books, orders, payments or deliveries, say politely that you can only help with "
  .. "the shop. When a refund is requested, explain the 30-day policy: unused books in their original condition can "
  .. "be returned within 30 days of delivery for a full refund to the original payment method; e-books can be "
  .. "refunded within 14 days if they were not downloaded. Always end with one short question that moves the "
  .. "conversation forward. Format lists with dashes. Do not use more than 120 words per answer."
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"model":"' .. model .. '",' .. (stream and '"stream":true,' or '') .. '"messages":['
  .. '{"role":"system","content":"' .. system .. '"},'
  .. '{"role":"user","content":"Hi, I ordered two books last week and only one arrived. Order 48213."},'
  .. '{"role":"assistant","content":"Sorry about that! Order 48213 was shipped in two parcels: the first arrived on '
  .. 'Monday, the second (The Left Hand of Darkness) left our warehouse on Wednesday and should arrive by Friday. '
  .. 'Would you like the tracking link for the second parcel?"},'
  .. '{"role":"user","content":"Yes please. And if it does not come by Friday, can I get my money back for it?"}'
  .. '],"max_tokens":300,"temperature":0.3}'

-- the machine-readable RESULT line, written once for both request scripts (wrk/result.lua, next to this one)
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "result.lua")
