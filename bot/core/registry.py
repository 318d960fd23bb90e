"""The speakers registry: who is meant by a name, a role or an agency's name in a text.

Loaded from `data/speakers.toml`. Matching runs on `fold_chars` copies, so case,
accents, apostrophes and hyphens do not matter and offsets stay those of the text.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.text import fold_chars

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

UNKNOWN = "unknown"

# Words that make a role someone else's: "l'ancien président russe", "vice-président".
_ROLE_BLOCKERS = re.compile(r"(?:ancien|ancienne|ex|former|futur|future|vice|sous|deputy|late)[\s-]*$")
# A role followed by a complement is a longer title: "le chef russe de la diplomatie".
_ROLE_COMPLEMENT = re.compile(r"^\s+(?:de|du|des|d'|of)\b")
# What may stand before a name or role inside the same noun phrase: "le président Poutine".
_DETERMINER = re.compile(
    r"(?:\b(?:le|la|les|l'|du|au|aux|the|son|sa|leur|notre|votre|un|une)\s*)?"
    r"(?:\b(?:president|camarade|monsieur|m\.|mr\.?|leader|dirigeant|marechal)\s+)?$"
)
_PREPOSITION = re.compile(
    r"(?:\b(?:de|du|des|d'|à|au|aux|avec|pour|contre|envers|chez|par|sur|entre|devant|auprès de"
    r"|of|to|with|for|by|from|at|on|about|against|toward|towards)\s*)$"
)
_CAPITALISED_WORD = re.compile(r"^\s+([A-ZÀ-Þ][\w-]*)")


@dataclass(frozen=True)
class Speaker:
    """A person the product follows (Putin, Kim, ...) or a known source (an agency)."""

    id: str
    name: str
    gender: str | None = None
    principal: bool = True
    kind: str = "person"
    names: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    not_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    """Where a text names a registry speaker."""

    start: int  # with its determiner or title: "le président Poutine"
    end: int
    speaker: Speaker
    by_role: bool
    complement: bool  # introduced by a preposition: "à Kim", "du président russe"
    core_start: int  # where the name or role itself starts


def _variant_pattern(variant: str) -> str:
    folded = fold_chars(variant).strip()
    parts = [re.escape(p) for p in re.split(r"[\s-]+", folded) if p]
    body = r"[\s-]+".join(parts).replace("'", r"'\s*")
    return rf"(?<![\w-]){body}(?![\w])"


@dataclass
class SpeakerRegistry:
    speakers: list[Speaker]
    _name_re: re.Pattern[str] = field(init=False, repr=False)
    _role_re: re.Pattern[str] = field(init=False, repr=False)
    _not_name_re: re.Pattern[str] | None = field(init=False, repr=False)
    _by_variant: dict[str, Speaker] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_variant = {}
        names: list[str] = []
        roles: list[str] = []
        not_names: list[str] = []
        for speaker in self.speakers:
            for variant in speaker.names:
                self._by_variant[self._key(variant)] = speaker
                names.append(variant)
            for variant in speaker.roles:
                self._by_variant[self._key(variant)] = speaker
                roles.append(variant)
            not_names.extend(speaker.not_names)
        self._name_re = self._alternation(names)
        self._role_re = self._alternation(roles)
        self._not_name_re = self._alternation(not_names) if not_names else None

    @staticmethod
    def _key(variant: str) -> str:
        return " ".join(re.split(r"[\s-]+", fold_chars(variant).replace("'", "' ").strip())).replace("' ", "'")

    @staticmethod
    def _alternation(variants: list[str]) -> re.Pattern[str]:
        ordered = sorted(set(variants), key=lambda v: -len(v))
        return re.compile("|".join(f"(?:{_variant_pattern(v)})" for v in ordered))

    def _speaker_for(self, matched: str) -> Speaker:
        return self._by_variant[self._key(matched)]

    @property
    def principals(self) -> list[Speaker]:
        return [s for s in self.speakers if s.principal]

    def get(self, speaker_id: str) -> Speaker | None:
        return next((s for s in self.speakers if s.id == speaker_id), None)

    def mentions(self, text: str) -> list[Mention]:
        """Every mention of a registry speaker in `text`, left to right, without overlaps."""
        folded = fold_chars(text)
        if self._not_name_re is not None:
            folded = self._not_name_re.sub(lambda m: " " * len(m.group()), folded)
        found: list[Mention] = []
        for match in self._name_re.finditer(folded):
            if self._surname_of_someone_else(text, match):
                continue
            found.append(self._mention(text, folded, match.start(), match.end(), by_role=False))
        for match in self._role_re.finditer(folded):
            if self._role_is_ours(text, folded, match):
                found.append(self._mention(text, folded, match.start(), match.end(), by_role=True))
        return self._merge(found)

    def _surname_of_someone_else(self, text: str, match: re.Match[str]) -> bool:
        """ "Kim Yung-ho" is not Kim Jong-un: a one-word name followed by a given name that is not ours."""
        if re.search(r"[\s-]", match.group()):
            return False
        following = _CAPITALISED_WORD.match(text[match.end() : match.end() + 40])
        if not following:
            return False
        speaker = self._speaker_for(match.group())
        word = fold_chars(following.group(1))
        own = {part for n in speaker.names for part in re.split(r"[\s-]+", fold_chars(n))}
        return re.split(r"-", word)[0] not in own

    def _role_is_ours(self, text: str, folded: str, match: re.Match[str]) -> bool:
        speaker = self._speaker_for(match.group())
        if _ROLE_BLOCKERS.search(folded[max(0, match.start() - 12) : match.start()]):
            return False
        after = folded[match.end() : match.end() + 40]
        if _ROLE_COMPLEMENT.match(after):
            return False
        following = _CAPITALISED_WORD.match(text[match.end() : match.end() + 40])
        if following:
            word = fold_chars(following.group(1))
            own = {fold_chars(n).split()[0].split("-")[0] for n in speaker.names}
            if word.split("-")[0] not in own:
                return False
        return True

    def _mention(self, text: str, folded: str, start: int, end: int, *, by_role: bool) -> Mention:
        speaker = self._speaker_for(folded[start:end])
        core_start = start
        lead = _DETERMINER.search(folded[max(0, start - 40) : start])
        contracted = False
        if lead and lead.group():
            contracted = lead.group().split()[0] in {"du", "au", "aux"}
            start -= len(lead.group())
        complement = contracted or introduced_by_preposition(text, start)
        return Mention(start, end, speaker, by_role, complement, core_start)

    @staticmethod
    def _merge(found: list[Mention]) -> list[Mention]:
        """Drop overlaps (longest first) and join a role directly followed by its name."""
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        kept: list[Mention] = []
        for mention in found:
            if kept and mention.start < kept[-1].end:
                prev = kept[-1]
                if prev.speaker is mention.speaker and mention.end > prev.end:
                    core = prev.core_start if mention.by_role else mention.core_start
                    kept[-1] = Mention(prev.start, mention.end, prev.speaker, False, prev.complement, core)
                continue
            kept.append(mention)
        merged: list[Mention] = []
        for mention in kept:
            prev = merged[-1] if merged else None
            if (
                prev is not None
                and prev.speaker is mention.speaker
                and prev.by_role
                and 0 <= mention.start - prev.end <= 1
            ):
                merged[-1] = Mention(prev.start, mention.end, prev.speaker, False, prev.complement, mention.core_start)
                continue
            merged.append(mention)
        return merged


def introduced_by_preposition(text: str, start: int) -> bool:
    """Whether the words at `start` follow a preposition ("à Kim", "le porte-parole de Poutine").

    Read on the original text, lower-cased: "à" (a preposition) is not "a" (has).
    """
    before = text[max(0, start - 20) : start].lower().replace("’", "'")
    return bool(_PREPOSITION.search(before))


def load_registry(path: Path) -> SpeakerRegistry:
    """Read `speakers.toml`: principals under [[speaker]], agencies and institutions under [[source]]."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    speakers: list[Speaker] = []
    for entry in data.get("speaker", []):
        speakers.append(
            Speaker(
                id=entry["id"],
                name=entry.get("name", entry["id"]),
                gender=entry.get("gender"),
                names=tuple(entry.get("names", [])),
                roles=tuple(entry.get("roles", [])),
                not_names=tuple(entry.get("not_names", [])),
            )
        )
    for entry in data.get("source", []):
        speakers.append(
            Speaker(
                id=f"other:{entry['name']}",
                name=entry["name"],
                principal=False,
                kind=entry.get("kind", "agency"),
                names=tuple(entry.get("names", [entry["name"]])),
            )
        )
    return SpeakerRegistry(speakers)
