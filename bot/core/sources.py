"""`data/sources.toml`: what is known of each article (outlet, url, date, language, a page's charset).

Every field but `file` may be missing; an article without an entry is still read.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

LANGUAGES = ("fr", "en")  # the languages the engine reads
_DATE = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")


@dataclass(frozen=True)
class SourceInfo:
    file: str
    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # "2025-09-03" or "2024-06"
    language: str | None = None
    charset: str | None = None  # a kept page's charset as its server declared it (a page may not say it itself)


class SourcesError(ValueError):
    """sources.toml is malformed; the message says where."""


def read_toml(path: Path, error: type[ValueError]) -> dict[str, Any]:
    """A TOML file's table; a malformed file raises `error` saying where."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as problem:
        raise error(f"{path}: {problem}") from problem


def load_sources(path: Path) -> dict[str, SourceInfo]:
    if not path.exists():
        return {}
    data = read_toml(path, SourcesError)
    sources: dict[str, SourceInfo] = {}
    for number, entry in enumerate(data.get("article", []), start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
            raise SourcesError(f"{path}: [[article]] number {number} has no 'file'")
        published = entry.get("published")
        if published is not None:
            published = str(published)
            if not _DATE.match(published):
                raise SourcesError(f"{path}: {entry['file']}: published must be YYYY-MM-DD or YYYY-MM")
        language = entry.get("language") or None
        if language is not None and language not in LANGUAGES:
            raise SourcesError(
                f"{path}: {entry['file']}: language must be one of {', '.join(LANGUAGES)}, not {language!r}"
            )
        sources[entry["file"]] = SourceInfo(
            file=entry["file"],
            outlet=entry.get("outlet") or None,
            url=entry.get("url") or None,
            published=published,
            language=language,
            charset=entry.get("charset") or None,
        )
    return sources
