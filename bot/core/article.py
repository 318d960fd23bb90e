"""Reading a scraped article: keep the title once and the body paragraphs, drop page noise.

Offsets always point into the original text, so a quotation found later can be
shown in its place. Nothing is rewritten: noise paragraphs are only skipped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from bot.core.text import fold_chars, normalise

# Whole lines that are page furniture, matched on the folded line.
_NOISE_LINES = re.compile(
    r"""^(?:
        noscript | please\ wait.* | chargement.* | loading.* | veuillez\ patienter.*
      | (?:share|partager|partagez)(?:\ (?:on|sur|via))?\ ?\w* | tweet(?:er)? | email | e-mail | imprimer | print
      | facebook | twitter | linkedin | whatsapp | telegram | x
      | comments? | commentaires? | \d+\ commentaires? | laisser\ un\ commentaire | leave\ a\ (?:comment|reply)
      | reagir | repondre | reply | your\ email\ address\ will\ not\ be\ published.*
      | votre\ adresse\ (?:e-?mail|de\ messagerie)\ ne\ sera\ pas\ publiee.*
      | (?:lire|voir)\ (?:aussi|egalement|plus) .* | read\ (?:more|also).* | a\ lire\ aussi.* | related.*
      | dernieres?\ (?:nouvelles|infos|actualites) | latest\ news | a\ suivre | a\ la\ une | actualites? | news
      | accueil | home | menu | rechercher | recherche | search | connexion | se\ connecter | log\ ?in | sign\ in
      | s'inscrire | sign\ up | contact | plus | more | retour | back | top | haut\ de\ page | fermer | close
      | publicite | advertisement | sponsored | newsletter.* | abonnez-vous.* | subscribe.*
      | \d+\ min(?:utes?)?\ (?:de\ lecture|read) | temps\ de\ lecture.*
      | (?:star|folder_open|access_time|bookmark)(?:_\w+)?(?:\ .*)? | ajouter\ aux\ favoris | add\ to\ favorites
      | (?:mis\ a\ jour|publie|updated|published)\ (?:le\ |on\ )?[\d/.:\s-]+.*
      | tags?\ ?:.* | mots-cles\ ?:.* | source\ ?:\ ?\S+ | (?:credit\ )?photos?\ ?:.* | ©.*
    )$""",
    re.VERBOSE,
)
_DATE_LINE = re.compile(r"^[\d\s./:-]+(?:[ap]m)?$")
# "Sputnik / Kremlin Pool / EPA / Shutterstock ...": a run of credits separated by slashes.
_CREDIT_RUN = re.compile(r"^(?:[A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*){0,2} ?/ ?){2,}")
# "... à PékinReuters": a caption with a credit glued to its last word.
_GLUED_CREDIT = re.compile(r"[a-zà-ÿ](?:Reuters|AFP|AP|EPA|Getty Images|Shutterstock|Sputnik|Xinhua|KCNA)\s*$")
_LOOP_SHINGLE = 8
# A line is a looping caption when at least this share of its 8-word runs occur twice or more in it.
_LOOP_SHARE = 0.5

_FRENCH_WORDS = {
    "le",
    "la",
    "les",
    "des",
    "du",
    "une",
    "et",
    "est",
    "que",
    "qui",
    "dans",
    "pour",
    "pas",
    "sur",
    "avec",
    "a",
    "au",
    "aux",
    "ont",
    "sont",
    "cette",
    "ce",
    "il",
    "elle",
    "nous",
    "vous",
    "de",
}
_ENGLISH_WORDS = {
    "the",
    "and",
    "of",
    "to",
    "is",
    "that",
    "in",
    "for",
    "on",
    "with",
    "was",
    "are",
    "said",
    "he",
    "she",
    "it",
    "his",
    "her",
    "has",
    "have",
    "by",
    "from",
    "this",
    "will",
    "we",
}
# "SadaNews - Le président ..." at the head of a paragraph.
_DATELINE = re.compile(r"^\s*([A-Z][\w.]*(?:[ -][A-Z][\w.]*){0,2})\s[-–—]\s+\S")
# "Par AlAhed avec agences", "By Example Times with agencies".
_BYLINE = re.compile(
    r"^\s*(?:Par|By)\s+(?:la\ rédaction\ (?:de|d')\s*)?([A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*){0,3})"
    r"\s+(?:avec|with)\s+(?:agences|AFP|Reuters|AP|agencies|wires)\s*\.?\s*$",
    re.VERBOSE,
)
_OUTLET_HINT = re.compile(r"news|press|info|media|times|post|tv|radio|journal|daily|agen|herald|tribune", re.I)


@dataclass(frozen=True)
class Paragraph:
    """A kept paragraph: its span in the original text."""

    start: int
    end: int
    text: str
    is_heading: bool  # short, with no sentence-final punctuation


@dataclass
class Article:
    """An article as read: the original text, its title and its body paragraphs."""

    name: str
    text: str
    title: str
    paragraphs: list[Paragraph]
    language: str
    outlet_in_text: str | None
    dropped: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, why)


def _lines(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in re.finditer(r"[^\n\r]+", text):
        start, end = match.span()
        raw = match.group()
        lead = len(raw) - len(raw.lstrip())
        trail = len(raw) - len(raw.rstrip())
        if raw.strip():
            spans.append((start + lead, end - trail))
    return spans


def noise_reason(line: str) -> str | None:
    """Why a line is page noise rather than article text, or None when it is text."""
    folded = " ".join(fold_chars(line).split())
    if not re.search(r"\w", folded):
        return "no words"
    if _NOISE_LINES.match(folded) or _DATE_LINE.match(folded):
        return "page furniture"
    if _CREDIT_RUN.match(line) or _GLUED_CREDIT.search(line):
        return "photo credit"
    words = re.findall(r"\w+", folded)
    shingles = [" ".join(words[i : i + _LOOP_SHINGLE]) for i in range(len(words) - _LOOP_SHINGLE + 1)]
    counts = Counter(shingles)
    if shingles and sum(counts[s] > 1 for s in shingles) >= _LOOP_SHARE * len(shingles):
        return "looping caption"  # a caption that repeats itself; one quotation said twice is not one
    return None


HEADING_MAX_WORDS = 15
QUOTED_HEADING_MAX_WORDS = 10
# A sentence ending inside the closing mark: « ... gagnerons. » / "... win."
_SENTENCE_END_IN_MARKS = re.compile(r"[.!?…]\s*[»”\"]\s*$")


def is_heading(line: str) -> bool:
    """Short, with no sentence-final punctuation; or a short quotation standing alone that does not end a
    sentence inside its marks (a subhead quoting words said below: « "Nous tirerons un bilan en temps voulu" »)."""
    stripped = line.strip()
    words = len(stripped.split())
    if not re.search(r"[.!?…:;»”\"]\s*$", stripped) and words <= HEADING_MAX_WORDS:
        return True
    if not stripped.startswith(("«", "“", '"')):
        return False
    closed = stripped.endswith(("»", "”", '"'))  # « Nous soutiendrons ... Poutine. (reopened below) is speech
    # an unclosed one ending its sentence (`"This is also untrue.`) opens a paragraph of a longer quotation
    return closed and (
        words <= 4 or (words <= QUOTED_HEADING_MAX_WORDS and not _SENTENCE_END_IN_MARKS.search(stripped))
    )


def detect_language(text: str) -> str:
    words = re.findall(r"[a-zà-ÿ']+", text.lower())
    french = sum(w in _FRENCH_WORDS for w in words)
    english = sum(w in _ENGLISH_WORDS for w in words)
    return "en" if english > french else "fr"


def outlet_from_text(paragraphs: list[Paragraph]) -> str | None:
    """The outlet when the text names it in a dateline or a byline; None otherwise."""
    for paragraph in paragraphs[:8]:
        byline = _BYLINE.match(paragraph.text)
        if byline:
            return byline.group(1)
        dateline = _DATELINE.match(paragraph.text)
        if dateline:
            name = dateline.group(1)
            # A place ("Moscou - ...") is not an outlet: ask for a brand-like name.
            if re.search(r"[a-z][A-Z]", name) or _OUTLET_HINT.search(name):
                return name
    return None


def read_article(name: str, text: str) -> Article:
    """Split into paragraphs, drop noise and repeats, keep the title once."""
    paragraphs: list[Paragraph] = []
    dropped: list[tuple[int, int, str]] = []
    seen: set[str] = set()
    for start, end in _lines(text):
        line = text[start:end]
        reason = noise_reason(line)
        key = normalise(line)
        if reason is None and key in seen:
            reason = "repeated"
        if reason is not None:
            dropped.append((start, end, reason))
            continue
        seen.add(key)
        paragraphs.append(Paragraph(start, end, line, is_heading(line)))
    title = paragraphs[0].text if paragraphs else ""
    return Article(
        name=name,
        text=text,
        title=title,
        paragraphs=paragraphs,
        language=detect_language(" ".join(p.text for p in paragraphs)),
        outlet_in_text=outlet_from_text(paragraphs),
        dropped=dropped,
    )
