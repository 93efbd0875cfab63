-- wrk script: each request takes the next path of MIX_PATHS (comma-separated), in turn.
local paths = {}
for path in string.gmatch(os.getenv("MIX_PATHS") or "/", "[^,]+") do
  table.insert(paths, path)
end
local n = 0

request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1], {["X-Forwarded-For"] = "203.0.113.77"})
end
