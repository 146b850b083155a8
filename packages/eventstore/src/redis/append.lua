-- Atomic check-and-append to one or more streams and to the global log, after read-only version
-- checks of other streams and keyed conditions (claims, counters, seeds), all or nothing.
-- KEYS[1] = global log, KEYS[1 + i] = stream i (i = 1..n), KEYS[1 + n + j] = checked stream j
-- (j = 1..m), then the keys of the conditions in order.
-- ARGV[1] = n streams, ARGV[2] = m checks, ARGV[3] = c conditions; then per stream: expected
-- ('any' | 'no_stream' | version), event count, stream name; then per check: expected; then per
-- condition its kind and arguments:
--   claim <member> <owner> (1 key: the set's hash)       release <member> <owner> (1 key)
--   counter <delta> <min|''> <max|''> (1 key)
--   seed <claims> <counters> {<member> <owner>}* {<value>}* (keys: marker, one per claim and counter)
-- then 5 fields per event in stream order: type, data, metadata, occurredAt, schema version.
-- Returns {0, version_1 .. version_n, last global position}, {1, index, actual version} for a
-- version that does not match (index > n: check index - n), or {2, condition index}.
-- Every check runs before the first write, so a refusal leaves nothing behind.
local n = tonumber(ARGV[1])
local m = tonumber(ARGV[2])
local c = tonumber(ARGV[3])
local versions = {}
local arg = 4
local function matches(expected, actual)
  return not ((expected == 'no_stream' and actual ~= 0)
    or (expected ~= 'any' and expected ~= 'no_stream' and actual ~= tonumber(expected)))
end
for i = 1, n do
  local actual = redis.call('XLEN', KEYS[i + 1])
  if not matches(ARGV[arg], actual) then return {1, i, actual} end
  versions[i] = actual
  arg = arg + 3
end
for j = 1, m do
  local actual = redis.call('XLEN', KEYS[1 + n + j])
  if not matches(ARGV[arg], actual) then return {1, n + j, actual} end
  arg = arg + 1
end

-- Conditions see each other's effects through these overlays; they are written at the end.
local held = {}      -- held[key][member] = owner, or false once released
local counters = {}  -- counters[key] = value
local seeded = {}    -- seeded[marker key] = true
local function holder(key, member)
  local t = held[key]
  if t ~= nil and t[member] ~= nil then return t[member] end
  return redis.call('HGET', key, member)
end
local function hold(key, member, owner)
  if held[key] == nil then held[key] = {} end
  held[key][member] = owner
end
local function count(key)
  if counters[key] ~= nil then return counters[key] end
  return tonumber(redis.call('GET', key) or '0')
end
local k = 1 + n + m
for i = 1, c do
  local kind = ARGV[arg]
  if kind == 'claim' or kind == 'release' then
    k = k + 1
    local current = holder(KEYS[k], ARGV[arg + 1])
    if kind == 'claim' then
      if current and current ~= ARGV[arg + 2] then return {2, i} end
      hold(KEYS[k], ARGV[arg + 1], ARGV[arg + 2])
    elseif current == ARGV[arg + 2] then
      hold(KEYS[k], ARGV[arg + 1], false)
    end
    arg = arg + 3
  elseif kind == 'counter' then
    k = k + 1
    local value = count(KEYS[k]) + tonumber(ARGV[arg + 1])
    local min, max = ARGV[arg + 2], ARGV[arg + 3]
    if (min ~= '' and value < tonumber(min)) or (max ~= '' and value > tonumber(max)) then
      return {2, i}
    end
    counters[KEYS[k]] = value
    arg = arg + 4
  else -- seed
    local claims, sums = tonumber(ARGV[arg + 1]), tonumber(ARGV[arg + 2])
    local marker = KEYS[k + 1]
    local fresh = not seeded[marker] and redis.call('EXISTS', marker) == 0
    arg = arg + 3
    for s = 1, claims do
      if fresh and not holder(KEYS[k + 1 + s], ARGV[arg]) then
        hold(KEYS[k + 1 + s], ARGV[arg], ARGV[arg + 1])
      end
      arg = arg + 2
    end
    for s = 1, sums do
      local key = KEYS[k + 1 + claims + s]
      if fresh then counters[key] = count(key) + tonumber(ARGV[arg]) end
      arg = arg + 1
    end
    if fresh then seeded[marker] = true end
    k = k + 1 + claims + sums
  end
end
for key, members in pairs(held) do
  for member, owner in pairs(members) do
    if owner then redis.call('HSET', key, member, owner) else redis.call('HDEL', key, member) end
  end
end
for key, value in pairs(counters) do redis.call('SET', key, value) end
for marker in pairs(seeded) do redis.call('SET', marker, '1') end

local position = redis.call('XLEN', KEYS[1])
local field = arg
local result = {0}
arg = 4
for i = 1, n do
  local count = tonumber(ARGV[arg + 1])
  local name = ARGV[arg + 2]
  local version = versions[i]
  for _ = 1, count do
    version = version + 1
    position = position + 1
    redis.call('XADD', KEYS[i + 1], '0-' .. version, 't', ARGV[field], 'd', ARGV[field + 1],
      'm', ARGV[field + 2], 'a', ARGV[field + 3], 'p', position, 'sv', ARGV[field + 4])
    redis.call('XADD', KEYS[1], '0-' .. position, 's', name, 'v', version, 't', ARGV[field],
      'd', ARGV[field + 1], 'm', ARGV[field + 2], 'a', ARGV[field + 3], 'sv', ARGV[field + 4])
    field = field + 5
  end
  result[i + 1] = version
  arg = arg + 3
end
result[n + 2] = position
return result
