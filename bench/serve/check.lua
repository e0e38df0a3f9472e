-- wrk script for bench/serve/run.sh: POST /api/check with a fixture .docx as a multipart form.
-- Each thread stops after `per_thread` responses, so a run is a fixed number of checks; the
-- counters are globals, which wrk reads from every thread in done().
local file = os.getenv("OMTALE_BENCH_FILE")
local per_thread = tonumber(os.getenv("OMTALE_BENCH_PER_THREAD") or "100")
local handle = assert(io.open(file, "rb"))
local bytes = handle:read("*a")
handle:close()
local boundary = "omtale-bench-boundary"
wrk.method = "POST"
wrk.path = "/api/check"
wrk.headers["Content-Type"] = "multipart/form-data; boundary=" .. boundary
wrk.body = "--" .. boundary .. "\r\n"
    .. "Content-Disposition: form-data; name=\"file\"; filename=\"udkast.docx\"\r\n"
    .. "Content-Type: application/octet-stream\r\n\r\n"
    .. bytes .. "\r\n--" .. boundary .. "--\r\n"

local threads = {}
function setup(thread)
    table.insert(threads, thread)
end

responses = 0
failures = 0
function response(status, headers, body)
    responses = responses + 1
    if status ~= 200 then failures = failures + 1 end
    if responses >= per_thread then wrk.thread:stop() end
end

function done(summary, latency, requests)
    local total, bad = 0, 0
    for _, thread in ipairs(threads) do
        total = total + thread:get("responses")
        bad = bad + thread:get("failures")
    end
    -- (wrk runs out its -d duration after the threads stop, so its duration is no throughput.)
    io.write(string.format("checks=%d non200=%d socket_errors=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f\n",
        total, bad, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
        latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
