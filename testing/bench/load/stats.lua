-- wrk done hook: one machine-readable line with the figures run.sh tabulates (latencies in microseconds).
-- errors.status counts responses with an HTTP status above 399; any such response makes run.sh reject the run.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d bytes=%d duration_us=%d status_errors=%d connect_errors=%d read_errors=%d write_errors=%d " ..
    "timeouts=%d p50_us=%d p99_us=%d p999_us=%d max_us=%d\n",
    summary.requests, summary.bytes, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(99), latency:percentile(99.9), latency.max))
end
