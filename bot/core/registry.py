"""The speakers registry: who is meant by a name, a role or an agency's name in a text.

Loaded from `data/speakers.toml`. Matching runs on `fold_chars` copies, so case,
accents, apostrophes and hyphens do not matter and offsets stay those of the text.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rapidfuzz import fuzz

from bot.core.text import fold_chars

# A given name this close (rapidfuzz ratio) to one of a speaker's own, of at least this many letters, is theirs
# misspelt: « Georgia » for « Giorgia » (« Jong-il » is not « Jong-un »: 71).
GIVEN_NAME_TYPO_RATIO = 85
GIVEN_NAME_MIN_CHARS = 5

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

UNKNOWN = "unknown"

# Words that make a role someone else's: "l'ancien président russe", "vice-président".
_ROLE_BLOCKERS = re.compile(r"(?:ancien|ancienne|ex|former|futur|future|vice|sous|deputy|late)[\s-]*$")
# A role followed by a complement is a longer title: "le chef russe de la diplomatie"; an age is not
# one (« le dirigeant nord-coréen de 40 ans »).
# The infinitives of the narrative « Et le président russe d'ajouter : « ... » » (folded text).
NARRATIVE_INFINITIVES = (
    r"(?:ajouter|affirmer|conclure|lancer|declarer|souligner|insister|preciser|expliquer|rappeler|repondre|repliquer"
    r"|retorquer|assurer|commenter|poursuivre|rencherir|resumer|marteler|ironiser|s'exclamer|plaisanter|avertir"
    r"|prevenir|dire|promettre|reconnaitre|admettre|estimer|juger|noter|observer|relever|tonner|trancher|glisser"
    r"|enchainer|confier|lacher|asener|temperer|nuancer|interroger|demander)"
)
# A complement after a role makes it another office (« de la Défense », « de premier plan »); not an age (« de 70
# ans ») nor the narrative infinitive right before its colon or quotation (« Et le président russe d'ajouter : »).
_ROLE_COMPLEMENT = re.compile(
    rf"^\s+(?:de|du|des|d'|of)\b(?!\s*\d+\s*ans\b)(?!(?<=d'|de)\s*{NARRATIVE_INFINITIVES}\s*[:,]?\s*[\"«“„‹])"
)
# What may stand before a name or role inside the same noun phrase: "le président Poutine".
_DETERMINER = re.compile(
    r"(?:\b(?:le|la|les|l'|du|au|aux|the|son|sa|leur|notre|votre|un|une)\s*)?"
    r"(?:\b(?:president|camarade|monsieur|m\.|mr\.?|leader|dirigeant|marechal)\s+)?$"
)
_PREPOSITION = re.compile(
    r"(?:\b(?:de|du|des|d'|à|au|aux|avec|pour|contre|envers|chez|par|sur|entre|devant|auprès de"
    r"|of|to|with|for|by|from|at|on|about|against|toward|towards)\s*)$"
)
# A name never runs over a line break: "... des Macron ⏎ Lula critique" is no "Macron Lula".
_CAPITALISED_WORD = re.compile(r"^[^\S\n]+([A-ZÀ-Þ][\w-]*)")
POSSESSIVE = re.compile(r"['’]s?(?=\s)")  # "Meloni's office", "the leaders’ talks"
# Days around the start of a term in which its holder is « le nouveau président », "the president-elect".
NEW_HOLDER_DAYS = 120
# A name used as a noun's modifier, as English does: "Milei supporter Jane Doe", "a Biden aide", "the Meloni
# government said". The noun (someone of theirs, or their side) is the phrase's head, not the name.
_MODIFIED_HEAD = re.compile(
    r"[^\S\n]+(?:supporters?|aides?|advis[eo]rs?|spokes(?:man|woman|person|men|women|people)|allies|ally|critics?"
    r"|loyalists?|voters?|officials?|staffers?|campaign|administration|government|camp|team|envoys?|backers?"
    r"|opponents?|rivals?)\b"
)
_WORD_BEFORE = re.compile(r"(?<![\w'’-])([\w-]+)[^\S\n]+$")
# Honorifics before a surname, by gender: "M. Dupont" is a man, "Mme Dupont" a woman.
_HONORIFIC = re.compile(
    r"(?<![\w-])(?:(?P<m>m\.|monsieur|mr\.?|sir|lord)|(?P<f>mme|madame|mlle|mrs\.?|ms\.?|miss|dame|lady))\s+$"
)
# Titles a head of state or government is named by: "le président Lula", "Prime Minister Modi".
_LEADER_TITLE = re.compile(
    r"(?<![\w-])(?:president|presidente|premier\ ministre|premiere\ ministre|prime\ minister|chancelier|chanceliere"
    r"|chancellor|camarade|comrade|dirigeant|dirigeante|leader|marechal|chef|cheffe|pm|reis|sultan|roi|king|reine"
    r"|queen|emir|cheikh|sheikh)\s+$"
)
# Nouns of a person who is not a head of state or government: a minister, an adviser, a relative.
PERSON_NOUNS = (
    r"(?:ministre|minister|secretaire|secretary|ambassadeur|ambassadrice|ambassador|envoye|envoy"
    r"|depute|deputee|senateur|senatrice|senator|maire|mayor|gouverneur|governor|juge|judge|general|amiral|admiral"
    r"|professeur|professor|prof|docteur|doctor|dr\.?|chercheur|chercheuse|researcher|analyste|analyst"
    r"|journaliste|journalist|ecrivain|ecrivaine|auteur|autrice|author|economiste|economist|avocat|avocate|lawyer"
    r"|porte-parole|spokesman|spokeswoman|spokesperson|conseiller|conseillere|adviser|advisor|commissaire"
    r"|commissioner|directeur|directrice|director|representant|representante|representative|candidat|candidate"
    r"|s(?:oe|œ)ur|frere|pere|mere|fils|fille|epouse|mari|femme|oncle|tante|cousin|cousine|neveu|niece|grand-pere"
    r"|grand-mere|sister|brother|father|mother|son|daughter|wife|husband|uncle|aunt|nephew|niece|grandfather"
    r"|grandmother|widow|veuve)"
)
# Titles and kin words that make a surname another person's: "le ministre Kim", "sa sœur Kim".
_OTHER_PERSON_TITLE = re.compile(rf"(?<![\w-]){PERSON_NOUNS}\s+$")


@dataclass(frozen=True)
class Term:
    """A period in office, from `start` to `end` (either open)."""

    start: date | None = None
    end: date | None = None

    def holds(self, when: date | None) -> bool:
        """Whether the term covers `when`; an undated article means now, so only an open term does."""
        if when is None:
            return self.end is None
        return (self.start is None or self.start <= when) and (self.end is None or when < self.end)


ALWAYS = (Term(),)


@dataclass(frozen=True)
class Role:
    """A description that names one person while they hold it ("le président turc")."""

    text: str
    terms: tuple[Term, ...] = ALWAYS
    own_period: bool = False  # held for a period of its own, not for the whole `in_office`


@dataclass(frozen=True)
class Speaker:
    """A person the product follows (a principal) or a known source (an agency, an institution)."""

    id: str
    name: str
    gender: str | None = None
    principal: bool = True
    kind: str = "person"
    names: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    not_names: tuple[str, ...] = ()
    # For front ends only (the engine never reads them): (language, value) pairs, first one the default.
    commands: tuple[tuple[str, str], ...] = ()  # the bot command that searches this person's words
    display_names: tuple[tuple[str, str], ...] = ()  # how replies name this person

    def command(self, language: str) -> str:
        """The command menus in this language show for this person (another language's, else the id)."""
        return dict(self.commands).get(language) or (self.commands[0][1] if self.commands else self.id)

    @property
    def every_command(self) -> tuple[str, ...]:
        """Every command that searches this person, whatever the user's language."""
        return tuple(dict.fromkeys(command for _, command in self.commands)) or (self.id,)

    def display_name(self, language: str) -> str:
        """This person's name as a reader of this language writes it (else the registry's `name`)."""
        return dict(self.display_names).get(language) or self.name


@dataclass(frozen=True)
class Mention:
    """Where a text names a registry speaker."""

    start: int  # with its determiner or title: "le président Poutine"
    end: int
    speaker: Speaker
    by_role: bool
    complement: bool  # introduced by a preposition: "à Kim", "du président russe"
    core_start: int  # where the name or role itself starts
    possessor: bool = False  # "X's office": X owns the phrase's head, is not it


# « chef de l'État » is also written « chef d'État »: a role in either spelling matches both.
_OF_THE_STATE = re.compile(r"\bde l'\s*etat\b")


def _variant_pattern(variant: str) -> str:
    folded = fold_chars(variant).strip()
    parts = [re.escape(p) for p in re.split(r"[\s-]+", folded) if p]
    body = r"[\s-]+".join(parts).replace("'", r"'\s*")
    body = body.replace(r"de[\s-]+l'\s*etat", r"(?:de[\s-]+l'\s*|d'\s*)etat")
    return rf"(?<![\w-]){body}(?![\w])"


@dataclass
class SpeakerRegistry:
    speakers: list[Speaker]
    _name_re: re.Pattern[str] = field(init=False, repr=False)
    _role_re: re.Pattern[str] = field(init=False, repr=False)
    _not_name_re: re.Pattern[str] | None = field(init=False, repr=False)
    _bare_surnames: list[tuple[str, Speaker]] = field(init=False, repr=False)
    _by_name: dict[str, Speaker] = field(init=False, repr=False)
    _by_role: dict[str, list[tuple[Speaker, tuple[Term, ...]]]] = field(init=False, repr=False)
    _by_title: dict[str, list[tuple[Speaker, tuple[Term, ...]]]] = field(init=False, repr=False)
    _by_nationality: dict[str, list[tuple[Speaker, tuple[Term, ...]]]] = field(init=False, repr=False)
    _initials_re: list[tuple[Speaker, re.Pattern[str]]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_name = {}
        self._by_role = {}
        self._by_title = {}
        self._by_nationality = {}
        names: list[str] = []
        roles: list[str] = []
        not_names: list[str] = []
        for speaker in self.speakers:
            for variant in speaker.names:
                self._by_name[self._key(variant)] = speaker
                names.append(variant)
            for role in speaker.roles:
                self._by_role.setdefault(self._key(role.text), []).append((speaker, role.terms))
                roles.append(role.text)
                for title in bare_titles(role.text) if speaker.principal else []:
                    self._by_title.setdefault(title, []).append((speaker, role.terms))
                # only roles held for the whole term: « le dirigeant russe » in 2010 is not the Prime Minister
                nationality = role_nationality(role.text) if speaker.principal and not role.own_period else None
                if nationality is not None:
                    self._by_nationality.setdefault(nationality, []).append((speaker, role.terms))
            not_names.extend(speaker.not_names)
        self._name_re = self._alternation(names)
        self._role_re = self._alternation(roles)
        self._not_name_re = self._alternation(not_names) if not_names else None
        self._bare_surnames = [(fold_chars(n), s) for s in self.speakers for n in s.names if not re.search(r"[\s-]", n)]
        # a principal's initials, of the full name only ("Kim Jongun" would give "KJ"), not followed by a
        # capitalised word ("KJ Apa", « VVP Group » are other names)
        self._initials_re = [
            (s, re.compile(rf"(?<![\w'’.-]){initials}(?![\w'’-])(?!\s+[A-ZÀ-Þ])"))
            for s in self.speakers
            if s.principal and (initials := _initials_of(s.name)) is not None and initials not in COMMON_ABBREVIATIONS
        ]

    @staticmethod
    def _key(variant: str) -> str:
        key = " ".join(re.split(r"[\s-]+", fold_chars(variant).replace("'", "' ").strip())).replace("' ", "'")
        return _OF_THE_STATE.sub("d'etat", key)

    @staticmethod
    def _alternation(variants: list[str]) -> re.Pattern[str]:
        ordered = sorted(set(variants), key=lambda v: -len(v))
        return re.compile("|".join(f"(?:{_variant_pattern(v)})" for v in ordered))

    def _speaker_for(self, matched: str) -> Speaker:
        return self._by_name[self._key(matched)]

    def role_holder(self, role: str, when: date | None, named: Collection[str] = ()) -> Speaker | None:
        """Who a role names at a date: the one registry person holding it then, else nobody (see `_holders`)."""
        holders = self._holders(self._by_role.get(self._key(role), []), when, named)
        return holders[0] if len(holders) == 1 else None

    def title_holders(self, title: str, when: date | None, named: Collection[str] = ()) -> list[Speaker]:
        """The principals whose role has this bare title ("premier ministre", "president") at a date."""
        return self._holders(self._by_title.get(title, []), when, named)

    def leader_of(self, nationality: str, when: date | None, named: Collection[str] = ()) -> Speaker | None:
        """Whom « le dirigeant israélien », "the British leader" names: the one principal holding a role of
        that nationality at a date (« Premier ministre israélien », "British Prime Minister"), else nobody."""
        entries = [
            entry
            for own, held in self._by_nationality.items()
            if nationality == own or (nationality.startswith(own) and len(nationality) - len(own) <= 2)
            for entry in held
        ]
        holders = self._holders(entries, when, named)
        return holders[0] if len(holders) == 1 else None

    def new_title_holders(self, title: str, when: date) -> list[Speaker]:
        """The principals whose term of a role with this bare title starts within `NEW_HOLDER_DAYS` of a date,
        before or after it (« le nouveau président », "the president-elect")."""
        return list(
            {
                s.id: s
                for s, terms in self._by_title.get(title, [])
                if any(t.start is not None and abs((t.start - when).days) <= NEW_HOLDER_DAYS for t in terms)
            }.values()
        )

    def former_title_holders(self, title: str, when: date | None) -> list[Speaker]:
        """The principals who held a role with this bare title before a date and not at it (« l'ancien
        président »); in an undated article, whoever has a term of it that ended."""
        entries = self._by_title.get(title, [])
        return list(
            {
                s.id: s
                for s, terms in entries
                if any(t.end is not None and (when is None or t.end <= when) for t in terms)
                and (when is None or not any(t.holds(when) for t in terms))
            }.values()
        )

    @staticmethod
    def _holders(
        entries: list[tuple[Speaker, tuple[Term, ...]]], when: date | None, named: Collection[str]
    ) -> list[Speaker]:
        """Who held a role or title at a date. An undated article (`when` None) is read as current unless it
        names (`named`, speaker ids) people who held it at some time: then those (an undated report of Biden
        and Lula at the White House: « le président américain » is Biden, not today's holder)."""
        holders = {s.id: s for s, terms in entries if any(t.holds(when) for t in terms)}
        if when is None:
            named_ever = {s.id: s for s, _ in entries if s.id in named}
            if named_ever:
                return list(named_ever.values())
        return list(holders.values())

    @property
    def principals(self) -> list[Speaker]:
        return [s for s in self.speakers if s.principal]

    def get(self, speaker_id: str) -> Speaker | None:
        return next((s for s in self.speakers if s.id == speaker_id), None)

    def principal_named(self, word: str) -> Speaker | None:
        """The principal whose id or command is this word ("putin", "poutine"), case aside."""
        wanted = word.strip().lower().removeprefix("/")
        return next((s for s in self.principals if wanted in (s.id.lower(), *s.every_command)), None)

    def mentions(self, text: str, when: date | None = None, quoted: Sequence[tuple[int, int]] = ()) -> list[Mention]:
        """Every mention of a registry speaker in `text`, left to right, without overlaps.

        A bare surname names the last person named with it: after « Kim Yo-jong » or "Kim Hong-kyun",
        "Kim said" is not the principal until the principal's own full name comes again. A name inside
        quotation marks (`quoted`, (start, end) ranges) is the speaker's way of naming someone (« Fritze Merz »,
        a nickname): it names nobody new for the writer's bare surnames after it.
        """
        folded = fold_chars(text)
        surname_uses: list[tuple[int, str, str]] = []  # (offset, speaker id, "own" | "other" | "bare")
        if self._not_name_re is not None:
            for match in self._not_name_re.finditer(folded):
                surname_uses += [(match.start(), s.id, "other") for s in self._surname_owners(match.group())]
            folded = self._not_name_re.sub(lambda m: " " * len(m.group()), folded)
        found: list[Mention] = []
        for match in self._name_re.finditer(folded):
            speaker = self._speaker_for(match.group())
            if self._surname_of_someone_else(text, folded, match, speaker):
                if not _loose_capital_after(text, match.end()):  # "Background of Starmer Born on ...": unsure
                    surname_uses.append((match.start(), speaker.id, "other"))
                continue
            surname_uses.append((match.start(), speaker.id, "own" if re.search(r"[\s-]", match.group()) else "bare"))
            found.append(self._mention(text, folded, match.start(), match.end(), speaker, by_role=False))
        surname_uses = [u for u in surname_uses if u[2] != "other" or not any(a <= u[0] < b for a, b in quoted)]
        someone_elses = _bare_surnames_after_someone_else(surname_uses)
        found = [m for m in found if m.core_start not in someone_elses]
        named = {m.speaker.id for m in found}
        for match in self._role_re.finditer(folded):
            holder = self.role_holder(match.group(), when, named)
            if holder is not None and self._role_is_ours(text, folded, match, holder):
                found.append(self._mention(text, folded, match.start(), match.end(), holder, by_role=True))
        found += self._initials(text, folded, surname_uses, quoted)
        return self._merge(found)

    def _initials(
        self, text: str, folded: str, uses: list[tuple[int, str, str]], quoted: Sequence[tuple[int, int]]
    ) -> list[Mention]:
        """A principal's initials standing alone after their full name (« NS cite Victor Hugo » in a live report
        after « Nicolas Sarkozy »): that principal. Never before the full name, never inside quotation marks."""
        found: list[Mention] = []
        for speaker, initials in self._initials_re:
            first_full = min((at for at, sid, how in uses if sid == speaker.id and how == "own"), default=None)
            if first_full is None:
                continue
            for match in initials.finditer(text, first_full + 1):
                if not any(a <= match.start() < b for a, b in quoted):
                    found.append(self._mention(text, folded, match.start(), match.end(), speaker, by_role=False))
        return found

    def _surname_owners(self, name: str) -> list[Speaker]:
        """The speakers whose bare surname is part of another person's name (« Kim » of « Kim Yo-jong »)."""
        parts = set(re.split(r"[\s-]+", fold_chars(name)))
        return [s for surname, s in self._bare_surnames if surname in parts]

    def _surname_of_someone_else(self, text: str, folded: str, match: re.Match[str], speaker: Speaker) -> bool:
        """A bare surname is the principal's only when nothing makes it another person's.

        Someone else: a given name that is not ours, before or after it ("Samuel Kim", "Kim
        Yung-ho"); a title of another person ("le ministre Kim", "sa sœur", "Professor Kim");
        an honorific of the other gender ("Mme Macron" for a man).
        """
        if re.search(r"[\s-]", match.group()) or text[max(0, match.start() - 1) : match.start()] == "-":
            return False  # a full name; or a pair of names, "the Modi-Biden talks"
        own = {part for n in speaker.names for part in re.split(r"[\s-]+", fold_chars(n))}
        following = _CAPITALISED_WORD.match(text[match.end() : match.end() + 40])
        if following and re.split(r"-", fold_chars(following.group(1)))[0] not in own:
            return True
        before = folded[max(0, match.start() - 40) : match.start()]
        honorific = _HONORIFIC.search(before)
        if honorific:
            gender = "f" if honorific.group("f") else "m"
            return speaker.gender is not None and speaker.gender != gender
        if _LEADER_TITLE.search(before):
            return False
        if _OTHER_PERSON_TITLE.search(before):
            return True
        given = _WORD_BEFORE.search(text[max(0, match.start() - 40) : match.start()])
        if given is None or not given.group(1)[:1].isupper():
            return False
        word = fold_chars(given.group(1)).split("-")[-1]  # "the Modi-Joe Biden talks": Joe
        first = _WORD_BEFORE.search(text[max(0, match.start() - 80) : match.start() - len(given.group())])
        if first is not None and fold_chars(first.group(1)) in own:
            return False  # a middle name: "Keir Rodney Starmer"
        return word not in own and not _common_word(text, given.group(1)) and not _misspelt(word, own)

    def _role_is_ours(self, text: str, folded: str, match: re.Match[str], speaker: Speaker) -> bool:
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

    def _mention(self, text: str, folded: str, start: int, end: int, speaker: Speaker, *, by_role: bool) -> Mention:
        core_start = start
        lead = _DETERMINER.search(folded[max(0, start - 40) : start])
        contracted = False
        if lead and lead.group():
            contracted = lead.group().split()[0] in {"du", "au", "aux"}
            start -= len(lead.group())
        # A possessor is not the head of its phrase: "Meloni's office said" is the office speaking.
        possessive = POSSESSIVE.match(text, end) is not None or _MODIFIED_HEAD.match(text, end) is not None
        complement = contracted or possessive or introduced_by_preposition(text, start)
        return Mention(start, end, speaker, by_role, complement, core_start, possessive)

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
                    kept[-1] = Mention(
                        prev.start, mention.end, prev.speaker, False, prev.complement, core, mention.possessor
                    )
                continue
            kept.append(mention)
        merged: list[Mention] = []
        for mention in kept:
            last = merged[-1] if merged else None
            if (
                last is not None
                and last.speaker is mention.speaker
                and last.by_role
                and 0 <= mention.start - last.end <= 1
            ):
                merged[-1] = Mention(
                    last.start, mention.end, last.speaker, False, last.complement, mention.core_start, mention.possessor
                )
                continue
            merged.append(mention)
        return merged


def _loose_capital_after(text: str, end: int) -> bool:
    """A single capitalised word after a surname, not shaped like a given name ("Kim Yo-jong", "Kim Yo Jong"):
    a heading run on ("Starmer Born on ..."), too weak to say that another person was named."""
    following = _CAPITALISED_WORD.match(text[end : end + 40])
    if following is None:
        return False
    rest = text[end + following.end() : end + following.end() + 20]
    return "-" not in following.group(1) and not re.match(r"\s+[A-ZÀ-Þ]", rest)


def _bare_surnames_after_someone_else(uses: list[tuple[int, str, str]]) -> set[int]:
    """Offsets of bare surnames whose last full use before them was another person's."""
    last: dict[str, str] = {}
    someone_elses: set[int] = set()
    for offset, speaker_id, use in sorted(uses):
        if use == "bare":
            if last.get(speaker_id) == "other":
                someone_elses.add(offset)
        else:
            last[speaker_id] = use
    return someone_elses


# Titles a role is shortened to once its holder is named: « le Premier ministre », "the President".
BARE_TITLES = (
    "president", "presidente", "premier ministre", "premiere ministre", "prime minister", "chancelier",
    "chanceliere", "chancellor", "chef de l'etat", "cheffe de l'etat", "chef du gouvernement",
    "cheffe du gouvernement", "dirigeant", "dirigeante", "leader", "numero un",
)  # fmt: skip
# "The PM continued": the bare title it stands for (« le chef d'État » bare is any head of state: not one)
TITLE_ABBREVIATIONS = {"pm": "prime minister"}


def bare_titles(role: str) -> list[str]:
    """The bare titles a role contains: « Premier ministre israélien » -> ["premier ministre"]."""
    folded = " ".join(fold_chars(role).split())
    return [t for t in BARE_TITLES if re.search(rf"(?<![\w'-]){re.escape(t)}(?![\w'-])", folded)]


def _initials_of(name: str) -> str | None:
    """The initials of a full name of two or three parts (« Nicolas Sarkozy » -> "NS"), or None."""
    parts = [p for p in re.split(r"[\s-]+", name) if p]
    if not 2 <= len(parts) <= INITIALS_MAX or not all(p[:1].isupper() for p in parts):
        return None
    return "".join(fold_chars(p[0]).upper() for p in parts)


# A full name of at most this many parts has initials a live report may use for it.
INITIALS_MAX = 3
# Initials that stand for something else far more often than for a person ("VP Vance said", « le PS »).
COMMON_ABBREVIATIONS = frozenset(
    "VP PM MP US UK EU UE UN ONU AP PR TV PS LR RN PC NB OK AI IA DG SA SG BP NY LA DC GB".split()
)


def role_nationality(role: str) -> str | None:
    """The nationality a role is made of, a bare title and one adjective: « Premier ministre israélien » ->
    "israelien", "British Prime Minister" -> "british"; None for any other role."""
    folded = " ".join(fold_chars(role).split())
    for title in BARE_TITLES:
        french = re.fullmatch(rf"{re.escape(title)} ([a-z-]+)", folded)
        english = re.fullmatch(rf"([a-z-]+) {re.escape(title)}", folded)
        found = french or english
        if found is not None and found.group(1) not in _NOT_A_NATIONALITY:
            return found.group(1)
    return None


# Words that stand where a nationality does in a role without being one.
_NOT_A_NATIONALITY = frozenset({"the", "le", "la", "vice", "deputy", "former", "ancien", "ex", "supreme", "supreme-"})


def _misspelt(given: str, own: set[str]) -> bool:
    """A given name one slip away from one of ours is ours misspelt (« Georgia Meloni »), not another person's:
    the same first and last letters (« Giorgio » is a man's name beside « Giorgia »), the same length give or
    take one, and at most one letter in seven wrong."""
    return any(
        len(part) >= GIVEN_NAME_MIN_CHARS
        and part[0] == given[:1]
        and part[-1] == given[-1:]
        and abs(len(part) - len(given)) <= 1
        and fuzz.ratio(part, given) >= GIVEN_NAME_TYPO_RATIO
        for part in own
    )


def _common_word(text: str, word: str) -> bool:
    """A capitalised word the article also writes in lower case ("Mais", "Then") is no given name."""
    lower = word.lower()
    return lower in _SENTENCE_OPENERS or re.search(rf"(?<![\w-]){re.escape(lower)}(?![\w-])", text) is not None


# Words that open sentences: never a given name, even when the article has them only capitalised.
_SENTENCE_OPENERS = frozenset(
    """mais et pour selon car donc alors puis ensuite enfin hier aujourd'hui lundi mardi mercredi jeudi vendredi
    samedi dimanche quand lorsque si comme ainsi depuis apres avant pendant lors face but and when then so yet
    while if as meanwhile yesterday today on in at after before since later now also still monday tuesday
    wednesday thursday friday saturday sunday""".split()
)


def introduced_by_preposition(text: str, start: int) -> bool:
    """Whether the words at `start` follow a preposition ("à Kim", "le porte-parole de Poutine").

    Read on the original text, lower-cased: "à" (a preposition) is not "a" (has).
    """
    before = text[max(0, start - 20) : start].lower().replace("’", "'")
    return bool(_PREPOSITION.search(before))


class RegistryError(ValueError):
    """speakers.toml is malformed; the message names the file and the entry."""


def _term_date(value: object, where: str) -> date | None:
    """A term's bound: a TOML date, "YYYY-MM-DD", "YYYY-MM" or a year."""
    if value is None or isinstance(value, date):
        return value
    text = str(value)
    try:
        if re.fullmatch(r"\d{4}", text):
            return date(int(text), 1, 1)
        return date.fromisoformat(text if len(text) > 7 else f"{text}-01")
    except ValueError:
        raise RegistryError(f"{where}: {value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)") from None


def _terms(entries: object, where: str) -> tuple[Term, ...]:
    if entries is None:
        return ALWAYS
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise RegistryError(f"{where}: in_office must be a list of {{ from = ..., until = ... }}")
    return tuple(Term(_term_date(e.get("from"), where), _term_date(e.get("until"), where)) for e in entries) or ALWAYS


def _roles(entry: dict, where: str) -> tuple[Role, ...]:
    """Roles as plain strings (held during `in_office`) or tables with their own from/until."""
    office = _terms(entry.get("in_office"), where)
    roles = []
    for role in entry.get("roles", []):
        if isinstance(role, str):
            roles.append(Role(role, office))
        elif isinstance(role, dict) and isinstance(role.get("name"), str):
            own = Term(_term_date(role.get("from"), where), _term_date(role.get("until"), where))
            roles.append(Role(role["name"], (own,), own_period=True))
        else:
            raise RegistryError(f"{where}: a role is a string or {{ name = ..., from = ..., until = ... }}")
    return tuple(roles)


_COMMAND = re.compile(r"[a-z0-9_]{1,32}")  # what Telegram accepts as a command


def _per_language(
    entry: dict, key: str, where: str, pattern: re.Pattern[str] | None = None
) -> tuple[tuple[str, str], ...]:
    """An optional { fr = "...", en = "..." } table, as (language, value) pairs in the file's order."""
    table = entry.get(key, {})
    if not isinstance(table, dict) or not all(isinstance(v, str) and v.strip() for v in table.values()):
        raise RegistryError(f'{where}: {key} must be a table of texts by language, {{ fr = "...", en = "..." }}')
    for value in table.values():
        if pattern is not None and not pattern.fullmatch(value):
            raise RegistryError(f"{where}: {key}: {value!r} is not a command (a-z, 0-9, _; 32 at most)")
    return tuple((language, value.strip()) for language, value in table.items())


def load_registry(path: Path) -> SpeakerRegistry:
    """Read `speakers.toml`: principals under [[speaker]], agencies and institutions under [[source]]."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise RegistryError(f"{path}: {error}") from None
    speakers: list[Speaker] = []
    for number, entry in enumerate(data.get("speaker", []), start=1):
        where = f"{path}: [[speaker]] number {number}"
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            raise RegistryError(f"{where} has no 'id'")
        where = f"{path}: speaker {entry['id']!r}"
        speakers.append(
            Speaker(
                id=entry["id"],
                name=str(entry.get("name", entry["id"])),
                gender=entry.get("gender"),
                names=tuple(entry.get("names", [])),
                roles=_roles(entry, where),
                not_names=tuple(entry.get("not_names", [])),
                commands=_per_language(entry, "commands", where, _COMMAND),
                display_names=_per_language(entry, "display", where),
            )
        )
    for number, entry in enumerate(data.get("source", []), start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise RegistryError(f"{path}: [[source]] number {number} has no 'name'")
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
