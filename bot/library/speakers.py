"""Speaker ids as the store keeps them (a principal's id, "other:Sergueï Lavrov", "unknown"): read, written and
parsed here only, so that no front end knows their format."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.registry import UNKNOWN, Speaker, SpeakerRegistry

OTHER = "other:"
MAX_NAME_CHARS = 80  # of a name a moderator gives (a speaker's, an outlet's)
# The words a moderator may write for "nobody known" and "someone else" (/speaker ID other NAME).
UNKNOWN_WORDS = ("unknown", "inconnu")
OTHER_WORDS = ("other", "autre")


@dataclass(frozen=True)
class Who:
    """Who a speaker id names: a principal of the registry, someone else by name, or nobody known."""

    principal: Speaker | None = None
    name: str | None = None  # someone else's name (a minister, an agency)

    @property
    def unknown(self) -> bool:
        return self.principal is None and self.name is None


def clean_name(name: str) -> str:
    """A name as a moderator typed it, on one line and of a reasonable length."""
    return " ".join(name.split())[:MAX_NAME_CHARS]


def other_speaker(name: str) -> str:
    """The id of someone who is not a principal."""
    return OTHER + clean_name(name)


def who(speaker_id: str, registry: SpeakerRegistry) -> Who:
    if speaker_id == UNKNOWN:
        return Who()
    if speaker_id.startswith(OTHER):
        return Who(name=speaker_id.removeprefix(OTHER))
    principal = registry.get(speaker_id)
    return Who(principal=principal) if principal is not None and principal.principal else Who(name=speaker_id)


def parse_speaker_argument(words: Sequence[str], registry: SpeakerRegistry) -> str | None:
    """The speaker id a moderator's words name: a principal's id or command, "unknown", or "other" and a
    name; None when they name nobody."""
    if not words:
        return None
    first = words[0].lower()
    if first in OTHER_WORDS:
        name = clean_name(" ".join(words[1:]))
        return other_speaker(name) if name else None
    if len(words) != 1:
        return None
    if first in UNKNOWN_WORDS:
        return UNKNOWN
    principal = registry.principal_named(first)
    return principal.id if principal is not None else None


def speaker_ids(value: str, registry: SpeakerRegistry) -> tuple[str, ...]:
    """The ids a logged value holds (two when a statement mixed a principal and "unknown" before a correction)."""
    parts = tuple(part for part in value.split(", ") if part)
    if all(part == UNKNOWN or part.startswith(OTHER) or registry.get(part) is not None for part in parts):
        return parts
    return (value,)  # a name with a comma in it: one id
