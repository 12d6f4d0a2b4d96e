"""Settings, read from the environment once and then frozen.

Precedence: an explicit keyword to `Settings.from_env(**overrides)` beats the environment, which
beats the defaults below. Every variable is prefixed `BILAG_`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

DEFAULT_DATABASE_URL = "sqlite:///./var/bilag.db"


def _bool(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    redis_url: str | None = None
    base_url: str = "http://127.0.0.1:8000"
    api_audience: str = "https://api.dinero.dk"
    files_dir: Path = Path("./var/files")
    access_token_lifetime: int = 3600
    authorization_code_lifetime: int = 300
    refresh_grace_seconds: int = 30
    rate_limit_per_minute: int = 100
    secret_pepper: str = "bilag-dev-pepper"
    key_rotation_days: int = 90
    secure_cookies: bool | None = None
    bench_endpoints: bool = False  # the benchmarks' bare baseline endpoints (bench/README.md)
    smtp_url: str | None = None  # smtp://user:pass@host:port (or smtps://); unset: outbox only
    sandbox: bool = False  # test controls: clock, faults, test data, reset (docs/decisions.md)
    # Webhooks to loopback, private and link-local addresses; always allowed in sandbox mode.
    webhook_private_targets: bool = False

    @property
    def webhooks_reach_private_addresses(self) -> bool:
        return self.webhook_private_targets or self.sandbox

    @property
    def issuer(self) -> str:
        return self.base_url.rstrip("/")

    @property
    def cookies_secure(self) -> bool:
        if self.secure_cookies is not None:
            return self.secure_cookies
        return self.base_url.startswith("https://")

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, **overrides: object) -> Settings:
        env = dict(os.environ if env is None else env)
        values: dict[str, object] = {}
        text = {
            "database_url": "BILAG_DATABASE_URL",
            "redis_url": "BILAG_REDIS_URL",
            "base_url": "BILAG_BASE_URL",
            "api_audience": "BILAG_API_AUDIENCE",
            "secret_pepper": "BILAG_SECRET_PEPPER",
            "smtp_url": "BILAG_SMTP_URL",
        }
        for name, var in text.items():
            if env.get(var):
                values[name] = env[var]
        numbers = {
            "access_token_lifetime": "BILAG_ACCESS_TOKEN_LIFETIME",
            "authorization_code_lifetime": "BILAG_AUTHORIZATION_CODE_LIFETIME",
            "refresh_grace_seconds": "BILAG_REFRESH_GRACE_SECONDS",
            "rate_limit_per_minute": "BILAG_RATE_LIMIT_PER_MINUTE",
            "key_rotation_days": "BILAG_KEY_ROTATION_DAYS",
        }
        for name, var in numbers.items():
            if env.get(var):
                values[name] = int(env[var])
        if env.get("BILAG_FILES_DIR"):
            values["files_dir"] = Path(env["BILAG_FILES_DIR"])
        flags = {
            "bench_endpoints": "BILAG_BENCH_ENDPOINTS",
            "sandbox": "BILAG_SANDBOX",
            "secure_cookies": "BILAG_SECURE_COOKIES",
            "webhook_private_targets": "BILAG_WEBHOOK_PRIVATE_TARGETS",
        }
        for name, var in flags.items():
            if env.get(var):
                values[name] = _bool(env[var])
        values.update(overrides)
        return replace(cls(), **values)  # type: ignore[arg-type]
