-- wrk script: requests cycle through the paths in the file named by the
-- PATHS environment variable (one a line), e.g. the pages of many
-- entities, so that a server's kept answers help only as far as they hold
-- the working set.
local paths = {}
for line in io.lines(os.getenv("PATHS")) do
  paths[#paths + 1] = line
end
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
