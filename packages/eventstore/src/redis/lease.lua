-- Take the lease when free, or extend it when `holder` already has it.
-- KEYS[1] = lease key; ARGV[1] = holder, ARGV[2] = ttl in ms. Returns 1 when held by holder.
local current = redis.call('GET', KEYS[1])
if current == false or current == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
