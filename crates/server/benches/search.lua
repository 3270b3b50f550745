-- wrk script: a different search on most requests (two words from a list of
-- words that occur in the example corpus), so the server's per-snapshot
-- search cache rarely helps and the full-text index does the work.
local words = {"attack", "fighters", "Kabul", "Islamic", "State", "province", "officials",
  "police", "killed", "bombing", "group", "report", "UN", "Somalia", "Nigeria", "Pakistan",
  "Taliban", "Shabaab", "leader", "founded", "checkpoint", "mosque", "soldiers", "claimed",
  "responsibility", "estimated", "strength", "militants", "Mogadishu", "Borno", "Lake",
  "Chad", "airport", "suicide", "commander", "security", "government", "civilians",
  "attacks", "members"}
local n = 0
request = function()
  n = n + 1
  local a = words[(n % #words) + 1]
  local b = words[(math.floor(n / #words) % #words) + 1]
  return wrk.format("GET", "/api/v1/search?q=" .. a .. "%20" .. b)
end
