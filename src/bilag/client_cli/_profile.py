"""Where the settings come from: an option, then its environment variable, then the profile that
`login` wrote beside the token file (`tokens.profile.json`, mode 0600, like the tokens)."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any


def default_token_file() -> Path:
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "bilag-client" / "tokens.json"


def profile_path(token_file: Path) -> Path:
    return token_file.with_name(f"{token_file.stem}.profile.json")


@dataclass
class Profile:
    """What `login` remembers, so that later commands need no options."""

    base_url: str | None = None
    client_id: str | None = None
    client_secret: str | None = None
    api_key: str | None = None
    organization: int | None = None

    @classmethod
    def load(cls, path: Path) -> Profile:
        try:
            data: Any = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except ValueError as error:
            raise ValueError(f"{path} is not valid JSON ({error}); log in again") from None
        if not isinstance(data, dict):
            raise ValueError(f"{path} is not a profile; log in again")
        known = {field.name for field in fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in known})

    def save(self, path: Path) -> None:
        """Replace the file atomically, readable by its owner only."""
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            os.fchmod(descriptor, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                json.dump(asdict(self), handle, indent=2)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
