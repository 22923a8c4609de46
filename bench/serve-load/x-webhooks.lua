-- wrk script: POSTs pre-signed X webhook deliveries from a file written by `socialsla-loadtest requests`
-- (one "<signature>\t<body>" per line), each thread its own share, never repeating one while the file lasts.
-- wrk -t THREADS -s x-webhooks.lua URL -- FILE THREADS [RATE] [once]
--   THREADS must repeat wrk's -t. "once": each thread stops after its share (else it starts over, and the repeats
--   are duplicates the server acknowledges but does not process again). RATE (requests/s, all threads together): paced open schedule (each thread sends at RATE/threads, whichever
--   connection is free takes the next slot); without it or 0, closed loop (as fast as the connections go).
local ffi = require("ffi")
ffi.cdef [[ typedef struct { long tv_sec; long tv_nsec; } sl_timespec; int clock_gettime(int clk, sl_timespec *tp); ]]
local ts = ffi.new("sl_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts)
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local counter = 0
function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
end

local requests = {}
local n, i, once = 0, 0, false
local interval, start, slot = nil, nil, 0

function init(args)
  local file = assert(args[1], "usage: wrk -t THREADS -s x-webhooks.lua URL -- FILE THREADS [RATE]")
  THREADS = tonumber(args[2] or "1")
  local line_no = 0
  for line in io.lines(file) do
    if line_no % THREADS == tid then
      local tab = line:find("\t", 1, true)
      n = n + 1
      requests[n] = wrk.format("POST", "/api/webhooks/x",
        { ["Content-Type"] = "application/json", ["x-twitter-webhooks-signature"] = line:sub(1, tab - 1) },
        line:sub(tab + 1))
    end
    line_no = line_no + 1
  end
  once = args[4] == "once"
  if args[3] and tonumber(args[3]) > 0 then
    interval = 1000 / (tonumber(args[3]) / THREADS)
    delay = paced_delay
  end
end

function request()
  i = i + 1
  if i > n then
    if once then wrk.thread:stop(); return requests[n] end
    i = 1
  end
  return requests[i]
end

function paced_delay()
  local t = now_ms()
  if not start then start = t end
  slot = slot + 1
  local due = start + slot * interval
  return due > t and math.floor(due - t) or 0
end

function done(summary, latency, requests)
  io.write(string.format("LOAD requests=%d duration_s=%.3f rate=%.1f errors_connect=%d read=%d write=%d timeout=%d status=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout, summary.errors.status))
  for _, p in ipairs({ 50, 90, 99, 99.9 }) do
    io.write(string.format("LOAD p%s_ms=%.2f\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("LOAD max_ms=%.2f mean_ms=%.2f\n", latency.max / 1000, latency.mean / 1000))
end
