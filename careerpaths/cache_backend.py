"""Django's Redis cache backend, made cheaper per operation (profiled on a page-cache hit).

* One redis-py client per connection pool: Django makes a new `redis.Redis` for every cache
  operation, and building one copies its table of about 170 response callbacks, which costs
  more than the round trip to Redis itself. A client is thread-safe and holds no connection of
  its own (it borrows from the pool for each command), so one per pool is the same thing.
* No per-key validation: Django warns about keys that memcached would refuse (long, or with
  spaces or control characters) by walking every character of every key. Redis takes any key.
"""

from __future__ import annotations

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

    def validate_key(self, key: str) -> None:
        pass
