"""What the API keeps per app: the shared services, the rate limiter and the usage recorder."""

from __future__ import annotations

from dataclasses import dataclass

from redis import Redis
from starlette.requests import HTTPConnection

from bilag.api.limits import DatabaseRateLimiter, RateLimiter, RedisRateLimiter
from bilag.api.token_cache import VerifiedTokens
from bilag.api.usage import DatabaseUsageSink, RedisUsageSink, UsageRecorder
from bilag.identity.context import Services


@dataclass(frozen=True)
class ApiState:
    services: Services
    limiter: RateLimiter
    usage: UsageRecorder
    tokens: VerifiedTokens
    redis: Redis | None = None


def build_api_state(services: Services, usage_flush_seconds: float = 1.0) -> ApiState:
    """Counters live in Redis when `redis_url` is set, otherwise in the database."""
    settings = services.settings
    tokens = VerifiedTokens(services.keys, settings)
    if settings.redis_url:
        redis_client = Redis.from_url(settings.redis_url)
        return ApiState(
            services=services,
            limiter=RedisRateLimiter(redis_client, settings.rate_limit_per_minute),
            usage=UsageRecorder(RedisUsageSink(redis_client), usage_flush_seconds),
            tokens=tokens,
            redis=redis_client,
        )
    return ApiState(
        services=services,
        limiter=DatabaseRateLimiter(services.database, settings.rate_limit_per_minute),
        usage=UsageRecorder(DatabaseUsageSink(services.database), usage_flush_seconds),
        tokens=tokens,
    )


def api_state(connection: HTTPConnection) -> ApiState:
    """The ApiState that `routes.install` put on `app.state.api`."""
    state: ApiState = connection.app.state.api
    return state
