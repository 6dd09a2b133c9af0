-- wrk's summary as one machine-readable line, read by bench/load_bench.py:
-- WRK_RESULT requests=N duration_us=N bytes=N p50_us=N p95_us=N max_us=N connect=N read=N write=N timeout=N status=N
-- `status` counts the responses whose status was 400 or more, as wrk does.
-- Paths given after `--` are requested in turn (each thread from a different start), instead of the URL's own.

local paths = {}
local turn = 0

function init(args)
   for _, path in ipairs(args) do
      paths[#paths + 1] = path
   end
   turn = math.random(0, math.max(#paths - 1, 0))
end

function request()
   if #paths == 0 then
      return wrk.format()
   end
   turn = turn + 1
   return wrk.format(nil, paths[turn % #paths + 1])
end

function done(summary, latency, requests)
   local errors = summary.errors
   io.write(string.format(
      "WRK_RESULT requests=%d duration_us=%d bytes=%d p50_us=%d p95_us=%d max_us=%d "
         .. "connect=%d read=%d write=%d timeout=%d status=%d\n",
      summary.requests, summary.duration, summary.bytes,
      latency:percentile(50), latency:percentile(95), latency.max,
      errors.connect, errors.read, errors.write, errors.timeout, errors.status))
end
