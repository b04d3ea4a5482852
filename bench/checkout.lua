-- Loaded by bench/checkout with `wrk -s`: every request is POST /api/orders with the body in BENCH_ORDER_BODY,
-- the customer's access token in BENCH_TOKEN and, unless BENCH_IDEMPOTENCY=0, an Idempotency-Key of its own
-- ("<BENCH_RUN>-<thread>-<n>": unique across threads and runs, so that every request places an order).
-- Prints the same BENCH-RESULT line as wrk-report.lua at the end.
local body = os.getenv("BENCH_ORDER_BODY")
local token = os.getenv("BENCH_TOKEN")
local run = os.getenv("BENCH_RUN") or tostring(os.time())
local keyed = os.getenv("BENCH_IDEMPOTENCY") ~= "0"

wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. token

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

local counter = 0
local prefix = run
function init(args)
  prefix = run .. "-" .. tostring(thread_number or 0)
end

function request()
  if not keyed then
    return wrk.format()
  end
  counter = counter + 1
  local headers = {}
  for name, value in pairs(wrk.headers) do
    headers[name] = value
  end
  headers["Idempotency-Key"] = prefix .. "-" .. counter
  return wrk.format(nil, nil, headers)
end

dofile(os.getenv("BENCH_DIR") .. "/wrk-report.lua")
