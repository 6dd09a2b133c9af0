-- wrk's summary as one machine-readable line, read by bench/load_bench.py:
-- WRK_RESULT requests=N duration_us=N bytes=N p50_us=N p95_us=N max_us=N connect=N read=N write=N timeout=N status=N
-- `status` counts the responses whose status was 400 or more, as wrk does.

function done(summary, latency, requests)
   local errors = summary.errors
   io.write(string.format(
      "WRK_RESULT requests=%d duration_us=%d bytes=%d p50_us=%d p95_us=%d max_us=%d "
         .. "connect=%d read=%d write=%d timeout=%d status=%d\n",
      summary.requests, summary.duration, summary.bytes,
      latency:percentile(50), latency:percentile(95), latency.max,
      errors.connect, errors.read, errors.write, errors.timeout, errors.status))
end
