-- Loaded by bench/run with `wrk -s`. It only defines done(), so wrk keeps sending its one pre-built
-- request and does not hand responses to Lua: the client's speed is unchanged.
--
-- At the end it prints one line of exact figures (latencies in microseconds, counts as integers), so that
-- bench/run does not have to parse wrk's human-readable summary, whose units change with the values
-- ("870.00us", "1.20ms", "75.3k"). wrk's own summary, including the --latency distribution, is still
-- printed above this line and saved in the results log.
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  io.write(string.format(
    "BENCH-RESULT requests=%d seconds=%.3f rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d " ..
    "bytes=%d non_2xx_3xx=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    summary.bytes, errors.status, errors.connect, errors.read, errors.write, errors.timeout))
end
