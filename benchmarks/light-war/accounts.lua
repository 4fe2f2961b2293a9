-- wrk: every request asks for a random one of the light WAR's 1000 accounts (the UPDATE of one row each).
request = function()
  return wrk.format(nil, "/light/api/accounts/" .. math.random(1, 1000))
end
