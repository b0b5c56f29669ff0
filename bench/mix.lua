-- wrk script for bench/load.py: each connection cycles through the addresses given after
-- `--`, and the run ends with the number of answers of each status, and of 503s that came
-- without a Retry-After header.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  paths, counts, no_retry_after, next_path = args, {}, 0, 0
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
  if status == 503 and headers["Retry-After"] == nil then
    no_retry_after = no_retry_after + 1
  end
end

function done(summary, latency, requests)
  local total, missing = {}, 0
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("counts")) do
      total[status] = (total[status] or 0) + n
    end
    missing = missing + thread:get("no_retry_after")
  end
  for status, n in pairs(total) do
    io.write(string.format("status %d: %d\n", status, n))
  end
  io.write(string.format("503 without Retry-After: %d\n", missing))
end
