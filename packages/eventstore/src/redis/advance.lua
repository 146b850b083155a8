-- Moves a checkpoint forward only: a follower that lost its lease while paused must not write
-- an older position over the new holder's. KEYS[1] = checkpoints hash; ARGV = name, position.
local current = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
if tonumber(ARGV[2]) > current then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
  return 1
end
return 0
