"""Finding quotations by pairing quotation marks in the raw text.

spaCy splits sentences inside quotations, so marks are paired here, per paragraph
and per family of marks. A stray or unbalanced mark is skipped without derailing
the rest; a quotation may run over several paragraphs when, as French and English
typography do, each new paragraph reopens the quote. A quotation inside another
(the speaker quoting someone) stays part of the outer one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.article import Paragraph

# opening mark -> closing marks of its family
_FAMILIES: dict[str, str] = {"«": "»", "“": "”", "„": "“”", "‹": "›", "‚": "‘’"}
_OPENERS = "«“„‹"
_CLOSERS = "»”›"
_STRAIGHT = '"'
# Two apostrophes standing for a double quotation mark, as in older wire copy: ''...''.
_DOUBLE_APOSTROPHE = re.compile(r"(?<!['’])(?:''|’’)(?!['’])")
_MIN_CHARS = 1
_ONE_CHAR_MARK = re.compile(f"[{re.escape(_OPENERS + _CLOSERS + _STRAIGHT)}‘’']")
_SINGLE_STRAIGHT = "'"


@dataclass(frozen=True)
class QuoteSpan:
    """A quotation as found in the text: the content pieces between its marks.

    `pieces` holds one (start, end) per paragraph the quotation runs over, the
    outer spaces trimmed; `open_at` is the opening mark's first character, `close_at` the closing
    mark's last (marks are one character, or two apostrophes '' in older wire copy).
    """

    open_at: int
    close_at: int
    pieces: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]

    def text(self, source: str) -> str:
        return "\n".join(source[s:e] for s, e in self.pieces)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] == "\u00a0"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == "\u00a0"):
        end -= 1
    return start, end


def _straight_role(text: str, i: int, width: int = 1) -> str:
    """Whether a straight mark (" or '') opens, closes, or could do either, from its neighbours."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    opens = before.isspace() or before in "([{'’-–—/\u00a0" or i == 0
    closes = after.isspace() or after in ".,;:!?)]}…-–—\u00a0" or i + width == len(text)
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


@dataclass
class _Open:
    mark: str
    at: int
    pieces: list[tuple[int, int]]
    piece_start: int


def _marks_in(text: str, para: Paragraph) -> list[tuple[int, str, str]]:
    """(offset, mark, role) for every quotation mark in a paragraph."""
    found: list[tuple[int, str, str]] = []
    for match in _DOUBLE_APOSTROPHE.finditer(text, para.start, para.end):
        found.append((match.start(), match.group(), _straight_role(text, match.start(), len(match.group()))))
    for found_mark in _ONE_CHAR_MARK.finditer(text, para.start, para.end):
        i, char = found_mark.start(), found_mark.group()
        if char in _OPENERS or char in _CLOSERS:
            role = "open" if char in _OPENERS or _reversed_opener(text, i) else "close"
            if char == "“":
                role = "both"  # opens an English quote, closes a German „ one
            found.append((i, char, role))
        elif char == _STRAIGHT:
            found.append((i, char, _straight_role(text, i)))
        elif char in "‘’":
            single = _single_curly_role(text, i)
            if single is not None:
                found.append((i, char, single))
        elif char == _SINGLE_STRAIGHT and "'" not in (text[i - 1 : i], text[i + 1 : i + 2]):  # '' is a double mark
            single = _single_straight_role(text, i)
            if single is not None:
                found.append((i, char, single))
    return sorted(found)


def _reversed_opener(text: str, i: int) -> bool:
    """A closing guillemet typed for an opening one, after an elided word: « soulignant qu' »il n'est »."""
    return text[i] == "»" and bool(
        re.search(r"\w['’]\s?$", text[max(0, i - 3) : i]) and re.match(r"\s?\w", text[i + 1 : i + 3])
    )


def _single_curly_role(text: str, i: int) -> str | None:
    """‘ opens and ’ closes an English single quotation ("hails ‘new chapter’"); a ’ inside a word is an
    apostrophe ("Modi’s", "didn’t"), and a ‘ glued to a word before it is not an opening mark."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if text[i] == "‘":
        return "open" if not before.isalnum() and not after.isspace() else None
    return "close" if not after.isalnum() and not before.isspace() else None


def _single_straight_role(text: str, i: int) -> str | None:
    """A straight apostrophe typed as a quotation mark, as some wire copy does ('renforçait la coopération'):
    it opens after a space or an opening bracket and before a letter, and closes after a letter or a full stop
    and before a space or punctuation. Inside a word (« l'Allemagne », "Modi's") it is an apostrophe."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if (before.isspace() or before in "([{«“\"-–—/:\u00a0") and after.isalnum():
        return "open"
    if (before.isalnum() or before in ".,!?…)]") and (after.isspace() or after in ".,;:!?)]}…»”\"-–—\u00a0"):
        return "close"
    return None


def _family(mark: str) -> str:
    if len(mark) == 2:
        return "apostrophes"
    if mark in "«»":
        return "guillemet"
    if mark in "‹›":
        return "single"
    if mark in "‘’":
        return "single curly"
    if mark == _SINGLE_STRAIGHT:
        return "single straight"
    if mark == _STRAIGHT:
        return "straight"
    return "curly"


def _marks_of_family(
    text: str, para: Paragraph, family: str, marks: list[tuple[int, str, str]]
) -> list[tuple[int, str, str]]:
    """A family's marks among a paragraph's `marks`. Curly quotes also take a straight mark typed by hand for one
    of theirs: a closer when no ” closes the quotation in the paragraph, or when an opener follows it (“...\" et
    \"...”: two quotations, each with one mark of each kind); an opener when ” is the next mark after it."""
    if family != "curly":
        return [m for m in marks if _family(m[1]) == family]
    kept: list[tuple[int, str, str]] = []
    for position, (at, mark, role) in enumerate(marks):
        following = marks[position + 1] if position + 1 < len(marks) else None
        if _family(mark) == "curly":
            kept.append((at, mark, role))
        elif mark == _STRAIGHT and role == "close":
            opener_next = following is not None and following[2] in ("open", "either", "both")
            if "”" not in text[at : para.end] or opener_next:
                kept.append((at, mark, _STRAIGHT_CLOSER))
        elif mark == _STRAIGHT and role == "open" and following is not None and following[1] == "”":
            kept.append((at, mark, role))
    return kept


_STRAIGHT_CLOSER = "straight closer"


def _broken_mid_sentence(text: str, para: Paragraph) -> bool:
    """A paragraph that stops on a word or a comma was cut by the page, not by the writer: a
    quotation left open there goes on in the next paragraph, reopened or not."""
    last = text[para.start : para.end].rstrip()
    return bool(last) and (last[-1].isalnum() or last[-1] == ",")


def _opens_on_a_mark(text: str, para: Paragraph, marks: list[tuple[int, str, str]]) -> bool:
    """Whether a paragraph's first character is a mark that opens a quotation, of whichever family."""
    return bool(marks) and marks[0][2] in ("open", "either", "both") and text[para.start : marks[0][0]].strip() == ""


def _nested_pair_end(mark: str, after: list[tuple[int, str, str]]) -> int | None:
    """An opener of the open quotation's own mark inside it is a quotation within it when, after its own
    closer, one more closer is left for the outer one: straight marks cannot show nesting, and French copy
    nests « » in « » (« Tout a été constaté avec l'opération « Bouclier ». Nous irons », a-t-il dit). The
    number of marks after the opener that the nested pair takes, or None."""
    if mark == _STRAIGHT:  # a straight pair right before the outer closer: "... la "shehzada" du parti"
        nested = (
            len(after) >= 2
            and after[0][1] == after[1][1] == _STRAIGHT
            and after[0][2] in ("close", "either")
            and after[1][2] == "close"
        )
        return 1 if nested else None
    if mark != "«":
        return None
    depth = 1
    for position, (_, _, role) in enumerate(after):
        depth += 1 if role == "open" else -1
        if depth == 0:
            rest = after[position + 1 :]
            left_for_outer = sum(1 for m in rest if m[2] == "close") - sum(1 for m in rest if m[2] == "open")
            return position + 1 if left_for_outer >= 1 else None
    return None


def _pairs_for_family(
    text: str, paragraphs: list[Paragraph], family: str, marks_by_paragraph: list[list[tuple[int, str, str]]]
) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    pending: _Open | None = None
    for index, para in enumerate(paragraphs):
        marks = _marks_of_family(text, para, family, marks_by_paragraph[index])
        if pending is not None:
            # The quote was left open at the end of the previous paragraph: it goes on
            # only if this paragraph reopens it with the same kind of mark.
            first = marks[0] if marks else None
            reopens = (
                first is not None
                and first[2] in ("open", "either", "both")
                and (text[para.start : first[0]].strip() == "")
            )
            if reopens and first is not None:
                pending.piece_start = first[0] + len(first[1])
                marks = marks[1:]
            elif _broken_mid_sentence(text, paragraphs[index - 1]):
                pending.piece_start = para.start
            else:
                if _opens_on_a_mark(text, para, marks_by_paragraph[index]):
                    # reopened by a mark of another family, as hand-typed copy mixes " and “: the quotation
                    # ran to its paragraph's end (each paragraph of a long quotation opens, only the last closes)
                    spans.append(QuoteSpan(pending.at, pending.pieces[-1][1] - 1, tuple(pending.pieces)))
                pending = None
        skip_to = 0
        for position, (at, mark, role) in enumerate(marks):
            if position < skip_to:
                continue
            if role == _STRAIGHT_CLOSER and (pending is None or pending.mark != "“"):
                continue
            if family == "curly" and mark == _STRAIGHT and role == "open" and pending is not None:
                continue  # “Il a dit "non”: a hand-typed opener inside an open quotation opens nothing
            if pending is None:
                if role in ("open", "either", "both"):
                    pending = _Open(mark, at, [], at + len(mark))
                continue
            nested = _nested_pair_end(mark, marks[position + 1 :]) if mark == pending.mark and role == "open" else None
            if nested is not None:
                skip_to = position + 1 + nested  # the speaker quoting a word, a name: « l'opération « X » »
                continue
            closes = role in ("close", "either", _STRAIGHT_CLOSER) or (role == "both" and pending.mark == "„")
            if role == "both" and pending.mark == "“":
                closes = False
            if closes:
                pieces = [*pending.pieces, _trim(text, pending.piece_start, at)]
                pieces = [p for p in pieces if p[1] - p[0] >= _MIN_CHARS]
                if pieces:  # close_at is the closing mark's last character
                    spans.append(QuoteSpan(pending.at, at + len(mark) - 1, tuple(pieces)))
                pending = None
            elif role in ("open", "both"):
                pending = _Open(mark, at, [], at + len(mark))  # the earlier opener was stray
        if pending is not None:
            # Left open: remember this paragraph's piece in case the next one reopens.
            pending.pieces.append(_trim(text, pending.piece_start, para.end))
            is_last = index == len(paragraphs) - 1
            if is_last:
                pending = None
    return spans


def find_quotations(text: str, paragraphs: list[Paragraph]) -> list[QuoteSpan]:
    """Every quotation in the kept paragraphs, in text order, outermost only."""
    spans: list[QuoteSpan] = []
    marks_by_paragraph = [_marks_in(text, para) for para in paragraphs]  # read once, paired per family
    for family in ("guillemet", "curly", "single", "single curly", "single straight", "straight", "apostrophes"):
        spans.extend(_pairs_for_family(text, paragraphs, family, marks_by_paragraph))
    spans.sort(key=lambda s: (s.open_at, -s.close_at))
    kept: list[QuoteSpan] = []
    for span in spans:
        if kept and span.open_at < kept[-1].close_at:
            continue  # nested in (or crossing) an earlier quotation
        if not re.search(r"\w", span.text(text)):
            continue
        kept.append(span)
    return kept
