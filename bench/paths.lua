-- Loaded by bench/run with `wrk -s bench/paths.lua URL -- LIST`: sends the paths listed in the file LIST (one per
-- line) in turn, round and round, so that a scenario is measured over many distinct URLs rather than one. The
-- requests are formatted once, in init(); request() only hands the next one out, which keeps the client cheap.
-- done() is bench/wrk-report.lua's: one line of exact figures at the end.
local requests = {}
local next_request = 1

function init(args)
  local list = assert(args[1], "bench/paths.lua needs the file of paths as its argument (wrk ... -- FILE)")
  for path in assert(io.open(list, "r")):lines() do
    if path ~= "" then requests[#requests + 1] = wrk.format("GET", path) end
  end
  assert(#requests > 0, "no paths in " .. list)
end

function request()
  local next = requests[next_request]
  next_request = next_request % #requests + 1
  return next
end

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "wrk-report.lua")
