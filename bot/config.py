"""Configuration, read once at start from the environment and `.env`, validated with clear errors."""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
_TOKEN = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{30,}$")
_LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
_WEBHOOK_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # what Telegram accepts as a secret token
DEFAULT_USER_AGENT = "Quotebot/0.1 (quotation bot; reads robots.txt)"
_PACKAGE = Path(__file__).resolve().parent
# The bundled articles, sources and registry: inside an installed package (`bot/bundled`, see pyproject.toml),
# else the checkout's `data/` beside `bot/`.
BUNDLED_DATA = next(
    (place for place in (_PACKAGE / "bundled", _PACKAGE.parent / "data") if (place / "speakers.toml").is_file()),
    _PACKAGE.parent / "data",
)


class ConfigError(ValueError):
    """A setting is missing or malformed; the message is one line saying what to do."""


def store_target(value: str, key: str = "QUOTEBOT_DB") -> Path | str:
    """Where the index is: a postgresql:// (or postgres://) URL, kept as a string, else a SQLite file's path.
    A URL of another scheme, or a postgresql URL that cannot be read, is a ConfigError."""
    scheme = re.match(r"^([a-z][a-z0-9+.-]*)://", value, re.I)
    if scheme is None:
        return Path(value)
    if scheme.group(1).lower() not in ("postgresql", "postgres"):
        raise ConfigError(
            f"{key} must be a SQLite file's path or a postgresql:// URL, found a {scheme.group(1)}:// URL"
        )
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 (urlsplit checks the port only when asked for it)
    except ValueError as error:
        raise ConfigError(f"{key} is not a valid postgresql:// URL ({error}): postgresql://USER@HOST:PORT/DB") from None
    if any(c.isspace() for c in value) or (not parts.hostname and "host=" not in parts.query):
        raise ConfigError(f"{key} is not a valid postgresql:// URL (no host): postgresql://USER@HOST:PORT/DB")
    return value


def redacted(target: Path | str) -> str:
    """A store target as messages show it: a URL's password hidden."""
    if isinstance(target, Path):
        return str(target)
    return re.sub(r"^([a-z][a-z0-9+.-]*://[^:@/]*):[^@/]*@", r"\1:***@", target, flags=re.I)


@dataclass(frozen=True)
class Settings:
    db: Path | str  # the index: a SQLite file, or a postgresql:// URL (QUOTEBOT_DB); see `store_target`
    data_dir: Path
    token: str | None
    admin_ids: frozenset[int]
    api_base_url: str | None
    api_file_url: str | None
    log_level: str
    webhook_url: str | None
    webhook_listen: str
    webhook_port: int
    webhook_secret: str | None
    queries_per_minute: int
    meaning: bool = True  # search by meaning when the `semantic` extra is installed (QUOTEBOT_MEANING=off: never)
    cache_dir: Path | None = None  # what the sentence model builds at its first load (QUOTEBOT_CACHE)
    # Fetching pages and feeds (bot/library/fetching.py)
    fetch_user_agent: str = DEFAULT_USER_AGENT  # QUOTEBOT_USER_AGENT
    fetch_timeout: float = 20.0  # seconds for one request, its body included (QUOTEBOT_FETCH_TIMEOUT)
    fetch_max_bytes: int = 5 * 1024 * 1024  # a larger body is refused while it streams (QUOTEBOT_FETCH_MAX_BYTES)
    fetch_host_delay: float = 1.0  # seconds between two requests to one host (QUOTEBOT_FETCH_HOST_DELAY)
    # Loopback, private, link-local or reserved networks fetching may reach anyway: none but in tests
    # (QUOTEBOT_FETCH_PRIVATE=on: all of them; or a list such as 127.0.0.1,::1; default off)
    fetch_private_networks: tuple[IPNetwork, ...] = ()
    alerts_per_hour: int = 3  # alerts a chat gets as cards of their own in an hour (QUOTEBOT_ALERTS_PER_HOUR)
    digest_interval: float = 3600.0  # seconds between digests of the rest (QUOTEBOT_DIGEST_MINUTES)
    feeds_interval: float = 1800.0  # seconds between two rounds of data/feeds.toml (QUOTEBOT_FEEDS_MINUTES)

    def require_token(self) -> str:
        if not self.token:
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather, then put its token in .env "
                "(see .env.example) or in the environment"
            )
        if not _TOKEN.match(self.token):
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN does not look like a bot token (digits, a colon, then 30+ letters): "
                "copy it again from @BotFather"
            )
        return self.token


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=VALUE lines; # comments and blank lines ignored; optional quotes around the value."""
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if "=" not in line:
            raise ConfigError(f"{path}:{number}: expected KEY=VALUE, found {line[:40]!r}")
        key, _, value = line.partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key.strip().removeprefix("export ").strip()] = value
    return values


def default_data_dir() -> Path:
    """./data when there is one (a checkout, a deployment), else the bundled data."""
    here = Path.cwd() / "data"
    return here if (here / "articles").is_dir() else BUNDLED_DATA


def default_cache_dir(get: Callable[[str], str | None]) -> Path:
    """$XDG_CACHE_HOME/quotebot, else ~/.cache/quotebot: shared by every index on the machine."""
    base = get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "quotebot"


def speakers_file(data_dir: Path) -> Path:
    """A data directory's registry, or the bundled one when it has none (a directory of articles only)."""
    own = data_dir / "speakers.toml"
    return own if own.is_file() else BUNDLED_DATA / "speakers.toml"


def load_settings(environ: Mapping[str, str] | None = None, env_file: Path | None = None) -> Settings:
    """Settings from the environment, which wins over `.env` (in the working directory by default)."""
    values = read_env_file(env_file if env_file is not None else Path.cwd() / ".env")
    values.update(os.environ if environ is None else environ)

    def get(key: str) -> str | None:
        value = values.get(key, "").strip()
        return value or None

    admin_ids: set[int] = set()
    for part in (get("ADMIN_IDS") or "").split(","):
        if part.strip():
            if not re.fullmatch(r"-?\d+", part.strip()):
                raise ConfigError(f"ADMIN_IDS must be Telegram user ids separated by commas, found {part.strip()!r}")
            admin_ids.add(int(part))
    log_level = (get("QUOTEBOT_LOG_LEVEL") or "INFO").upper()
    if log_level not in _LOG_LEVELS:
        raise ConfigError(f"QUOTEBOT_LOG_LEVEL must be one of {', '.join(_LOG_LEVELS)}, found {log_level!r}")
    meaning = (get("QUOTEBOT_MEANING") or "auto").lower()
    if meaning not in ("auto", "off"):
        raise ConfigError(f"QUOTEBOT_MEANING must be auto (on when installed) or off, found {meaning!r}")
    for key in ("TELEGRAM_API_BASE_URL", "TELEGRAM_API_FILE_URL", "WEBHOOK_URL"):
        url = get(key)
        if url and not re.match(r"^https?://", url):
            raise ConfigError(f"{key} must start with http:// or https://, found {url!r}")
    if get("WEBHOOK_URL") and not _WEBHOOK_SECRET.match(get("WEBHOOK_SECRET") or ""):
        raise ConfigError(
            "WEBHOOK_SECRET must be set with WEBHOOK_URL (1 to 256 letters, digits, _ or -): "
            "Telegram sends it back with each update, and a request without it is refused"
        )
    private_networks = _networks(get("QUOTEBOT_FETCH_PRIVATE") or "off")
    user_agent = get("QUOTEBOT_USER_AGENT") or DEFAULT_USER_AGENT
    if not re.fullmatch(r"[\x21-\x7e][\x20-\x7e]{0,199}", user_agent):
        raise ConfigError("QUOTEBOT_USER_AGENT must be 1 to 200 printable ASCII characters")
    return Settings(
        db=store_target(get("QUOTEBOT_DB") or "var/quotebot.sqlite3"),
        data_dir=Path(get("QUOTEBOT_DATA") or default_data_dir()),
        token=get("TELEGRAM_BOT_TOKEN"),
        admin_ids=frozenset(admin_ids),
        api_base_url=get("TELEGRAM_API_BASE_URL"),
        api_file_url=get("TELEGRAM_API_FILE_URL"),
        log_level=log_level,
        webhook_url=get("WEBHOOK_URL"),
        webhook_listen=get("WEBHOOK_LISTEN") or "127.0.0.1",
        webhook_port=_int(get("WEBHOOK_PORT") or "8443", "WEBHOOK_PORT", 1, 65535),
        webhook_secret=get("WEBHOOK_SECRET"),
        queries_per_minute=_int(get("QUOTEBOT_QUERIES_PER_MINUTE") or "20", "QUOTEBOT_QUERIES_PER_MINUTE", 1, 10_000),
        meaning=meaning == "auto",
        cache_dir=Path(get("QUOTEBOT_CACHE") or default_cache_dir(get)),
        fetch_user_agent=user_agent,
        fetch_timeout=_seconds(get("QUOTEBOT_FETCH_TIMEOUT") or "20", "QUOTEBOT_FETCH_TIMEOUT", 0.1, 300),
        fetch_max_bytes=_int(
            get("QUOTEBOT_FETCH_MAX_BYTES") or str(5 * 1024 * 1024), "QUOTEBOT_FETCH_MAX_BYTES", 1024, 100 * 1024 * 1024
        ),
        fetch_host_delay=_seconds(get("QUOTEBOT_FETCH_HOST_DELAY") or "1", "QUOTEBOT_FETCH_HOST_DELAY", 0, 600),
        fetch_private_networks=private_networks,
        alerts_per_hour=_int(get("QUOTEBOT_ALERTS_PER_HOUR") or "3", "QUOTEBOT_ALERTS_PER_HOUR", 1, 60),
        digest_interval=60.0 * _int(get("QUOTEBOT_DIGEST_MINUTES") or "60", "QUOTEBOT_DIGEST_MINUTES", 1, 1440),
        feeds_interval=60.0 * _int(get("QUOTEBOT_FEEDS_MINUTES") or "30", "QUOTEBOT_FEEDS_MINUTES", 5, 1440),
    )


def _int(value: str, key: str, low: int, high: int) -> int:
    if not re.fullmatch(r"\d+", value) or not low <= int(value) <= high:
        raise ConfigError(f"{key} must be a whole number from {low} to {high}, found {value!r}")
    return int(value)


def _seconds(value: str, key: str, low: float, high: float) -> float:
    if not re.fullmatch(r"\d+(?:\.\d+)?", value) or not low <= float(value) <= high:
        raise ConfigError(f"{key} must be a number of seconds from {low:g} to {high:g}, found {value!r}")
    return float(value)


def _networks(value: str) -> tuple[IPNetwork, ...]:
    """QUOTEBOT_FETCH_PRIVATE: off (none), on (every address), or addresses and networks separated by commas."""
    if value.lower() == "off":
        return ()
    if value.lower() == "on":
        return (ipaddress.ip_network("0.0.0.0/0"), ipaddress.ip_network("::/0"))
    try:
        return tuple(ipaddress.ip_network(part.strip(), strict=False) for part in value.split(",") if part.strip())
    except ValueError as error:
        raise ConfigError(
            f"QUOTEBOT_FETCH_PRIVATE must be off, on (tests only) or addresses such as 127.0.0.1,::1: {error}"
        ) from error
