-- wrk script for s3gateway.sh: replays a presigned PUT with a fixed body of S3PUT_BYTES bytes (default 4096), and
-- reports through stats.lua's done hook.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "stats.lua")
wrk.method = "PUT"
wrk.body = string.rep("x", tonumber(os.getenv("S3PUT_BYTES") or "4096"))
wrk.headers["Content-Type"] = "application/octet-stream"
