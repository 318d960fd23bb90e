"""Attributing each quotation: who said it, by which cue, and what kind of quotation it is.

Rules, in order, for one quotation (the first that names someone wins):
1. a cue right after the closing mark: « ... », a déclaré X / a-t-il dit / selon X / X said;
2. an incise inside the marks: « ..., a-t-il dit, ... »;
3. the nearest speech verb (or "selon X") before it in the sentence, and that verb's subject;
4. an inverted cue ending the sentence: « ... », à Kumsusan, a précisé RIA Novosti;
5. a paragraph that is only a quotation continues the previous paragraph's speaker;
6. the same words quoted elsewhere in the article with a speaker (a heading reusing them).
A pronoun takes the most recent plausible speaker; a subject naming two people, a
plural pronoun or a disagreement between the parse and the linear reading gives
nobody: when in doubt, do not attribute. An agency's words are the agency's unless it
relays a speaker ("..., a rapporté KCNA, citant Kim").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from bot.core.article import Article
from bot.core.cues import (
    CLAUSE_BOUNDARY,
    COORDINATION_END,
    INVERTED_PRONOUN_CUE,
    NOT_A_SUBJECT,
    PRONOUNS,
    RELAY_MARKER,
    SENTENCE_HEAD_SOURCE,
    SOURCE_PREPOSITION,
    verb_pattern,
)
from bot.core.marks import QuoteSpan
from bot.core.registry import UNKNOWN, Mention, SpeakerRegistry, introduced_by_preposition
from bot.core.sentences import Sentence
from bot.core.text import fold_chars, normalise, word_count

AMBIGUOUS = "ambiguous"
_LONG_QUOTE_WORDS = 3
_SALIENCE_SENTENCES = 4
_DETERMINER_START = re.compile(r"^(?:le|la|les|l'|un|une|des|son|sa|ses|leur|the|a|an|his|her)\b")
_BARE_VERB_BLOCKERS = re.compile(
    r"(?:\b(?:le|la|les|l'|un|une|des|du|de|d'|sa|son|ses|leur|cette|ce|the|a|an|his|her)\s*)$"
)
_FINITE_VERB = {
    "fr": re.compile(r"\b(?:a|ont|avait|avaient|est|sont|etait)\s+(?:\w+\s+){0,2}?\w+(?:e|es|i|is|u|us|t)\b"),
    "en": re.compile(
        r"\b(?:(?:has|have|had|was|were)\s+\w+|(?!(?:need|red|bed|led|fled|speed|seed|united|based)\b)\w{3,}ed)\b"
    ),
}
_INCISE = re.compile(r",\s*(?P<cue>[^,]{2,60}?)\s*,")


@dataclass(frozen=True)
class Attribution:
    speaker: str
    kind: str
    cue: str | None
    cut: tuple[int, int] | None = None  # an incise to take out of the speech: « ..., a-t-il dit, ... »


@dataclass
class _Frame:
    """A sentence as given to the parser: long quotations shrunk to '…'."""

    text: str
    segments: list[tuple[int, int, int]]  # (frame offset, original offset, length)

    def to_original(self, pos: int) -> int | None:
        for frame_at, orig_at, length in self.segments:
            if frame_at <= pos <= frame_at + length:
                return orig_at + (pos - frame_at)
        return None


@dataclass
class _Entity:
    start: int
    end: int
    label: str
    text: str


@dataclass
class _Found:
    """A resolved noun phrase: a speaker id, a pronoun to resolve, ambiguity, or nothing."""

    speaker: str | None = None
    pronoun: str | None = None  # "m" or "f"
    ambiguous: bool = False

    @property
    def empty(self) -> bool:
        return self.speaker is None and self.pronoun is None and not self.ambiguous


def _within(position: int, spans: list[tuple[int, int]], opens: list[int]) -> bool:
    """Whether a position lies inside one of the sorted (open, close) spans."""
    i = bisect.bisect_right(opens, position) - 1
    return i >= 0 and spans[i][0] <= position < spans[i][1]


def _pronoun(word: str) -> _Found:
    """il/elle/he/she point back to someone; ils/elles/they to nobody in particular."""
    gender = PRONOUNS[word]
    return _Found(ambiguous=True) if gender == "plural" else _Found(pronoun=gender)


@dataclass
class ArticleAttributor:
    """Attribution for one article; holds what is shared between its quotations."""

    article: Article
    spans: list[QuoteSpan]
    sentences: list[Sentence]
    registry: SpeakerRegistry
    nlp: Language | None
    results: dict[int, Attribution] = field(default_factory=dict)

    def __post_init__(self) -> None:
        text = self.article.text
        self.language = self.article.language
        self.verbs = verb_pattern(self.language)
        self.after_only = verb_pattern(self.language, after_quote=True)
        masked = list(fold_chars(text))
        for span in self.spans:
            for start, end in span.pieces:
                masked[start:end] = "_" * (end - start)
        self.masked = "".join(masked)
        inside = [(s.open_at, s.close_at) for s in self.spans]  # spans come sorted and do not overlap
        opens = [a for a, _ in inside]
        self.mentions = [m for m in self.registry.mentions(text) if not _within(m.start, inside, opens)]
        self._mention_starts = [m.start for m in self.mentions]
        self._sentence_starts = [s.start for s in self.sentences]
        self.docs: dict[int, tuple[_Frame, Doc]] = {}
        self._entities: dict[int, list[_Entity]] = {}
        self._english_names = self._capitalised_names() if self.language != "fr" else []

    # ---- parsing -------------------------------------------------------------------------

    def _frame(self, sentence: Sentence) -> _Frame:
        text = self.article.text
        parts: list[str] = []
        segments: list[tuple[int, int, int]] = []
        cursor = sentence.start
        length = 0
        for q in sentence.quotes:
            span = self.spans[q]
            if word_count(span.text(text)) <= _LONG_QUOTE_WORDS or span.end > sentence.end:
                continue
            chunk = text[cursor : span.start]
            segments.append((length, cursor, len(chunk)))
            parts.append(chunk)
            length += len(chunk)
            parts.append("…")
            length += 1
            cursor = span.end
        chunk = text[cursor : sentence.end]
        segments.append((length, cursor, len(chunk)))
        parts.append(chunk)
        return _Frame("".join(parts), segments)

    def _parsed(self, sentence_index: int) -> tuple[_Frame, Doc] | None:
        """The parse of one sentence, made on first need: most quotations never ask for it."""
        if self.nlp is None or self.language != "fr":
            return None
        if sentence_index not in self.docs:
            frame = self._frame(self.sentences[sentence_index])
            self.docs[sentence_index] = (frame, self.nlp(frame.text, disable=["ner"]))
        return self.docs[sentence_index]

    def _entities_near(self, start: int) -> list[_Entity]:
        """Person and organisation names in the sentence around an offset."""
        if self.language != "fr":
            return self._english_names
        index = bisect.bisect_right(self._sentence_starts, start) - 1
        if index < 0 or start >= self.sentences[index].end:
            return []
        if index not in self._entities:
            parsed = self._parsed(index)
            found = []
            if parsed is not None and self.nlp is not None:
                frame, doc = parsed
                doc = self.nlp.get_pipe("ner")(doc)  # names are asked for less often than the parse
                for ent in doc.ents:
                    begin, end = frame.to_original(ent.start_char), frame.to_original(ent.end_char)
                    if begin is not None and end is not None and ent.label_ in ("PER", "ORG"):
                        found.append(_Entity(begin, end, ent.label_, ent.text))
            self._entities[index] = found
        return self._entities[index]

    def _capitalised_names(self) -> list[_Entity]:
        """Without an English model, proper names are runs of capitalised words."""
        found = []
        for match in re.finditer(r"(?<![\w.])(?:[A-Z][\w'-]+)(?:\s+[A-Z][\w'-]+)+", self.article.text):
            found.append(_Entity(match.start(), match.end(), "PER", match.group()))
        return found

    # ---- noun phrases ----------------------------------------------------------------------

    def _mentions_in(self, start: int, end: int) -> list[Mention]:
        first = bisect.bisect_left(self._mention_starts, start)
        last = bisect.bisect_right(self._mention_starts, end)
        return [m for m in self.mentions[first:last] if m.end <= end + 1]

    def resolve_np(self, start: int, end: int, *, allow_description: bool = True) -> _Found:
        """Who a noun phrase names: a registry speaker, a pronoun, someone else, or nobody."""
        original = self.article.text[start:end].strip(" ,;:\u00a0")
        folded = self.masked[start:end].strip(" ,;:\u00a0")
        if not re.search(r"\w", folded):
            return _Found()
        if folded in PRONOUNS:
            return _pronoun(folded)
        if re.search(r"\b(?:et|and)\b|&", folded):
            return _Found(ambiguous=True)  # "Poutine et Kim", "le ministre et son adjoint": nobody alone
        np_start = start + len(self.masked[start:end]) - len(self.masked[start:end].lstrip(" ,;:\u00a0"))
        inside = self._mentions_in(start, end)
        # A preposition before the phrase ("selon X", "pour X") introduces it; one inside it
        # ("le porte-parole de X") makes X a complement.
        heads = [m for m in inside if not m.complement or m.start <= np_start]
        ids = {m.speaker.id for m in heads}
        if len(ids) > 1:
            return _Found(ambiguous=True)
        if ids:
            return _Found(speaker=ids.pop())
        for entity in self._entities_near(start):
            if any(m.start < entity.end and entity.start < m.end for m in inside):
                continue  # a registry person is never "someone else"
            if (
                start <= entity.start
                and entity.end <= end
                and not introduced_by_preposition(self.article.text, entity.start)
            ):
                return _Found(speaker=f"other:{entity.text.strip()}")
        if allow_description and (_DETERMINER_START.match(folded) or original[:1].isupper()):
            words = original.split()
            if len(words) <= 8 and words[0].lower() not in ("ce", "cette", "it", "this"):
                return _Found(speaker=f"other:{original}")
        return _Found()

    # ---- subjects of verbs -----------------------------------------------------------------

    def _verb_groups(self, start: int, end: int) -> list[re.Match[str]]:
        """Speech verbs in a stretch of text, a bare form only when not after a determiner."""
        found = []
        for match in self.verbs.finditer(self.masked, start, end):
            if match.group("aux") is None and _BARE_VERB_BLOCKERS.search(
                self.masked[max(0, match.start() - 8) : match.start()]
            ):
                continue
            found.append(match)
        return found

    def _any_verb_before(self, start: int, end: int) -> int | None:
        """Start of the last finite verb group (auxiliary + participle) in a stretch."""
        last = None
        for match in _FINITE_VERB[self.language].finditer(self.masked[start:end]):
            last = start + match.start()
        return last

    def _first_verb(self, start: int, end: int) -> int | None:
        match = _FINITE_VERB[self.language].search(self.masked[start:end])
        return start + match.start() if match else None

    def subject_before(
        self, sentence: Sentence, verb_start: int, depth: int = 0
    ) -> tuple[_Found, tuple[int, int] | None]:
        """The subject of a verb in normal order: the closest clause-initial noun phrase."""
        left_start = sentence.start
        left = self.masked[left_start:verb_start]
        boundaries = list(CLAUSE_BOUNDARY.finditer(left))
        if boundaries:
            left_start += boundaries[-1].end()
            left = self.masked[left_start:verb_start]
        if COORDINATION_END.search(left) and depth < 2:
            earlier = self._any_verb_before(left_start, verb_start - len(COORDINATION_END.search(left).group()))
            if earlier is not None:
                return self.subject_before(sentence, earlier, depth + 1)
        chunks: list[tuple[int, int]] = []
        for piece in reversed(list(re.finditer(r"[^,]+", left))):
            chunks.append((left_start + piece.start(), left_start + piece.end()))
        for start, end in chunks:
            folded = self.masked[start:end].strip()
            if not folded or NOT_A_SUBJECT.match(folded) or folded.startswith("_"):
                continue
            found = self.resolve_np(start, end)
            if found.empty:
                continue  # "Kim, speaking through an interpreter, said": look further left
            return found, (start, end)
        return _Found(), None

    def _parse_subject(self, sentence_index: int, verb_at: int) -> _Found | None:
        """The dependency parse's subject for the verb at `verb_at`, or None when it has none."""
        parsed = self._parsed(sentence_index)
        if parsed is None:
            return None
        frame, doc = parsed
        token = next((t for t in doc if (frame.to_original(t.idx) or -1) >= verb_at), None)
        if token is None:
            return None
        while token.dep_ in ("aux:tense", "aux", "aux:pass") and token.head is not token:
            token = token.head
        for _ in range(3):
            subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubj:pass")]
            if subjects:
                subj = subjects[0]
                if subj.lower_ in ("qui", "who") and token.head is not token:
                    subj = token.head
                start = frame.to_original(subj.left_edge.idx)
                end = frame.to_original(subj.idx + len(subj.text))
                if start is None or end is None or end <= start:
                    return None
                return self.resolve_np(start, end, allow_description=False)
            if token.dep_ in ("conj", "xcomp", "advcl") and token.head is not token:
                token = token.head
                continue
            break
        return None

    # ---- salience ----------------------------------------------------------------------------

    def recent_speaker(self, sentence_index: int, gender: str) -> str:
        """The most recent plausible speaker before a sentence, for a pronoun of `gender`.

        Walks back a few sentences (this paragraph and the previous one). If a sentence
        passed over on the way names another registry person, the pronoun is ambiguous.
        """
        first_paragraph = self.sentences[sentence_index].paragraph - 1
        passed_over: set[str] = set()
        for index in range(sentence_index - 1, max(-1, sentence_index - 1 - _SALIENCE_SENTENCES), -1):
            sentence = self.sentences[index]
            if sentence.paragraph < first_paragraph:
                break
            if self.article.paragraphs[sentence.paragraph].is_heading:
                continue
            candidate = self._speaker_of_sentence(sentence, gender)
            if candidate == AMBIGUOUS:
                return UNKNOWN
            if candidate is not None:
                return UNKNOWN if passed_over - {candidate} else candidate
            passed_over |= {m.speaker.id for m in self._mentions_in(sentence.start, sentence.end) if not m.complement}
        return UNKNOWN

    def _speaker_of_sentence(self, sentence: Sentence, gender: str) -> str | None:
        """Who a past sentence is about: its last attributed quote, else its subject; None if nobody fits."""
        attributed = [
            self.results[q].speaker for q in sentence.quotes if q in self.results and self.results[q].speaker != UNKNOWN
        ]
        if attributed:
            return self._if_gender_fits(attributed[-1], gender) or AMBIGUOUS
        groups = self._verb_groups(sentence.start, sentence.end)
        first = self._first_verb(sentence.start, sentence.end)
        starts = [v for v in (first, groups[0].start() if groups else None) if v is not None]
        found = self.subject_before(sentence, min(starts))[0] if starts else self._root_subject(sentence)
        if found is None or found.pronoun or found.empty:
            return None
        if found.ambiguous or found.speaker is None:
            return AMBIGUOUS
        return self._if_gender_fits(found.speaker, gender)

    def _root_subject(self, sentence: Sentence) -> _Found | None:
        """The parse's subject of a sentence's main verb (for verbs with no auxiliary)."""
        if self.nlp is None or self.language != "fr":
            return None
        index = self.sentences.index(sentence)
        parsed = self._parsed(index)
        if parsed is None:
            return None
        frame, doc = parsed
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubj:pass")] if root is not None else []
        if not subjects:
            return None
        subject = subjects[0]
        start, end = frame.to_original(subject.left_edge.idx), frame.to_original(subject.idx + len(subject.text))
        if start is None or end is None:
            return None
        return self.resolve_np(start, end, allow_description=False)

    def _if_gender_fits(self, speaker_id: str, gender: str) -> str | None:
        speaker = self.registry.get(speaker_id)
        if speaker is not None and speaker.gender and speaker.gender != gender:
            return None
        return speaker_id

    def _settle(self, found: _Found, sentence_index: int) -> str:
        if found.ambiguous or found.empty:
            return UNKNOWN
        if found.pronoun:
            return self.recent_speaker(sentence_index, found.pronoun)
        assert found.speaker is not None
        return found.speaker

    def _relay(self, speaker: str, sentence: Sentence, after: int) -> str:
        """An agency relaying a registry speaker's words passes them on to that speaker."""
        source = self.registry.get(speaker)
        if source is None or source.kind != "agency":
            return speaker
        relayed = set()
        for mention in self._mentions_in(after, sentence.end):
            if not mention.speaker.principal:
                continue
            before = fold_chars(self.article.text[max(sentence.start, mention.start - 40) : mention.start])
            marker = RELAY_MARKER.search(before)
            if not marker:
                continue
            tail = self.masked[mention.end : sentence.end]
            if marker.group().strip() in ("que", "qu'") and not re.match(r"^\s*(?:[.,;]|$)", tail):
                continue  # "KCNA a déclaré que Kim a visité ...": the agency's own narration
            relayed.add(mention.speaker.id)
        return relayed.pop() if len(relayed) == 1 else speaker

    # ---- the rules ---------------------------------------------------------------------------

    def cue_after(self, span: QuoteSpan, sentence: Sentence) -> tuple[_Found, str, int] | None:
        """Rule 1: a cue right after the closing mark."""
        start = span.close_at + 1
        tail = self.masked[start : sentence.end]
        lead = re.match(r"^[\s,;]*(?:-\s*)?", tail)
        assert lead is not None
        at = start + lead.end()
        inverted = INVERTED_PRONOUN_CUE.match(self.masked, at)
        if inverted:
            found = _pronoun(inverted.group("p1") or inverted.group("p2"))
            return found, self.article.text[at : inverted.end()], inverted.end()
        verb = self.verbs.match(self.masked, at) or self.after_only.match(self.masked, at)
        if verb:
            np_end = self._clause_end(verb.end(), sentence.end)
            found = self.resolve_np(verb.end(), np_end)
            return found, self.article.text[at : verb.end()], verb.end()
        source = SOURCE_PREPOSITION.match(self.masked, at)
        if source:
            np_end = self._clause_end(source.end(), sentence.end)
            return self.resolve_np(source.end(), np_end), self.article.text[at : source.end()].strip(), source.end()
        # "« ... », Poutine a déclaré." / English puts the comma inside: "...," Putin said.
        if lead.group().strip().startswith(",") or span.text(self.article.text).rstrip().endswith(","):
            window_end = self._clause_end(at, sentence.end)
            groups = self._verb_groups(at, window_end)
            if groups and groups[0].start() > at and word_count(self.masked[at : groups[0].start()]) <= 6:
                verb = groups[0]
                found = self.resolve_np(at, verb.start())
                if not found.empty:
                    return found, self.article.text[verb.start() : verb.end()], verb.end()
        return None

    def _clause_end(self, start: int, limit: int) -> int:
        match = re.search(r"[,.;:!?()]|\s-\s", self.masked[start:limit])
        return start + match.start() if match else limit

    def incise(self, span: QuoteSpan) -> tuple[_Found, str, tuple[int, int]] | None:
        """Rule 2: « ..., a-t-il dit, ... » — a cue between commas inside the marks.

        Returns who, the cue's words, and the span to cut out of the speech.
        """
        start, end = span.pieces[0]
        folded = fold_chars(self.article.text[start:end])
        for match in _INCISE.finditer(folded):
            cue_at = start + match.start("cue")
            found = self._incise_speaker(match.group("cue"), cue_at)
            if found is not None:
                cue = self.article.text[cue_at : start + match.end("cue")]
                return found, cue, (start + match.start(), start + match.end())
        return None

    def _incise_speaker(self, cue: str, cue_at: int) -> _Found | None:
        inverted = INVERTED_PRONOUN_CUE.fullmatch(cue)
        if inverted:
            return _pronoun(inverted.group("p1") or inverted.group("p2"))
        verb = self.verbs.match(cue)
        if verb is not None:  # "a déclaré Poutine"
            subject_span = (cue_at + verb.end(), cue_at + len(cue)) if verb.end() < len(cue) else None
        else:  # "Putin said"
            trailing = re.search(rf"\s(?:{self.verbs.pattern})$", cue)
            subject_span = (cue_at, cue_at + trailing.start()) if trailing else None
        if subject_span is None:
            return None
        subject = self._resolve_text(*subject_span)
        return subject if subject.speaker else None

    def _resolve_text(self, start: int, end: int) -> _Found:
        """Resolve a stretch that lies inside a quotation (masked text is blank there)."""
        heads = [m for m in self.registry.mentions(self.article.text[start:end]) if not m.complement]
        ids = {m.speaker.id for m in heads}
        if len(ids) == 1:
            return _Found(speaker=ids.pop())
        return _Found(ambiguous=len(ids) > 1)

    def cue_before(self, span: QuoteSpan, sentence: Sentence, sentence_index: int, q: int) -> tuple[str, str] | None:
        """Rule 3: the nearest speech verb or "selon X" before the quotation, and its subject."""
        verbs = [v for v in self._verb_groups(sentence.start, span.open_at) if v.end() <= span.open_at]
        sources = list(SOURCE_PREPOSITION.finditer(self.masked, sentence.start, span.open_at))
        nearest_verb = verbs[-1] if verbs else None
        nearest_source = sources[-1] if sources else None
        if nearest_source and (nearest_verb is None or nearest_source.start() > nearest_verb.start()):
            np_end = self._clause_end(nearest_source.end(), span.open_at)
            found = self.resolve_np(nearest_source.end(), np_end)
            if not found.empty:
                cue = self.article.text[nearest_source.start() : nearest_source.end()].strip()
                return self._settle(found, sentence_index), cue
        head = SENTENCE_HEAD_SOURCE.match(self.masked, sentence.start)
        if head:
            comma = self.masked.find(",", head.end(), span.open_at)
            if comma != -1 and (nearest_verb is None or nearest_verb.start() > comma):
                found = self.resolve_np(head.end(), comma, allow_description=False)
                if found.speaker or found.pronoun:
                    return self._settle(found, sentence_index), self.article.text[sentence.start : head.end()].strip()
        if nearest_verb is None:
            return None
        cue = self.article.text[nearest_verb.start() : nearest_verb.end()]
        verb_text = nearest_verb.group("verb")
        inverted = INVERTED_PRONOUN_CUE.search(self.masked, nearest_verb.start() - 8, nearest_verb.end() + 8)
        if inverted and inverted.start() <= nearest_verb.start() + 2:
            found = _pronoun(inverted.group("p1") or inverted.group("p2"))
            return self._settle(found, sentence_index), cue
        non_finite = nearest_verb.group("aux") is None and re.search(r"(?:ant|er|ire|re|ing)$", verb_text)
        if non_finite:
            # "..., soulignant que « ... »": the speaker of the clause it hangs on.
            earlier = [self.results[p].speaker for p in sentence.quotes if p < q and p in self.results]
            known = [s for s in earlier if s != UNKNOWN]
            if known:
                return known[-1], cue
            previous = verbs[:-1]
            anchor = previous[-1].start() if previous else self._any_verb_before(sentence.start, nearest_verb.start())
            if anchor is None:
                return None
            found, _ = self.subject_before(sentence, anchor)
            return self._checked(found, sentence_index, anchor), cue
        if nearest_verb.group("aux") is None and self._inverted_subject(nearest_verb):
            np_end = self._clause_end(nearest_verb.end(), span.open_at)
            found = self.resolve_np(nearest_verb.end(), np_end, allow_description=False)
            if not found.empty:
                return self._settle(found, sentence_index), cue
        found, _ = self.subject_before(sentence, nearest_verb.start())
        return self._checked(found, sentence_index, nearest_verb.start()), cue

    def _inverted_subject(self, verb: re.Match[str]) -> bool:
        """ ", a déclaré X, « ... »": a verb right after a comma takes its subject after it."""
        before = self.masked[max(0, verb.start() - 3) : verb.start()]
        return before.rstrip().endswith(",") or before.rstrip().endswith("_")

    def _checked(self, linear: _Found, sentence_index: int, verb_at: int) -> str:
        """The linear reading, unless the parse names a different, named speaker."""
        speaker = self._settle(linear, sentence_index)
        principal = self.registry.get(speaker)
        if principal is None or not principal.principal:
            return speaker  # the check only ever takes an attribution to a principal away
        parsed = self._parse_subject(sentence_index, verb_at)
        if parsed is None or parsed.empty or parsed.pronoun:
            return speaker
        if parsed.ambiguous or parsed.speaker != speaker:
            return UNKNOWN
        return speaker

    def sentence_final_cue(self, span: QuoteSpan, sentence: Sentence, sentence_index: int) -> tuple[str, str] | None:
        """Rule 4: an inverted cue closing the sentence ("..., a précisé RIA Novosti.")."""
        later_quotes = [self.spans[p].open_at for p in sentence.quotes if self.spans[p].open_at > span.open_at]
        limit = later_quotes[0] if later_quotes else sentence.end
        for verb in self._verb_groups(span.close_at + 1, limit):
            if not self.masked[max(0, verb.start() - 3) : verb.start()].rstrip().endswith(","):
                continue
            found = self.resolve_np(verb.end(), self._clause_end(verb.end(), limit))
            if found.speaker or found.pronoun:
                return self._relay(self._settle(found, sentence_index), sentence, verb.end()), self.article.text[
                    verb.start() : verb.end()
                ]
        return None

    def is_standalone(self, span: QuoteSpan, sentence: Sentence) -> bool:
        para = self.article.paragraphs[sentence.paragraph]
        outside = self.masked[para.start : span.open_at] + self.masked[span.close_at + 1 : para.end]
        return span.open_at >= para.start and not re.search(r"\w", outside.replace("_", ""))

    def continuation(self, sentence: Sentence) -> str:
        """Rule 5: the previous paragraph's last attributed speaker, if it reported speech."""
        index = sentence.paragraph - 1
        while index >= 0 and self.article.paragraphs[index].is_heading:
            index -= 1
        if index < 0:
            return UNKNOWN
        previous = [
            self.results[q].speaker
            for s in self.sentences
            if s.paragraph == index
            for q in s.quotes
            if q in self.results and self.results[q].speaker != UNKNOWN
        ]
        return previous[-1] if previous else UNKNOWN

    # ---- putting it together ---------------------------------------------------------------

    def attribute_all(self) -> dict[int, Attribution]:
        for sentence_index, sentence in enumerate(self.sentences):
            for q in sentence.quotes:
                self.results[q] = self._attribute(q, sentence, sentence_index)
        self._same_words_elsewhere()
        return self.results

    def _attribute(self, q: int, sentence: Sentence, sentence_index: int) -> Attribution:
        span = self.spans[q]
        text = self.article.text
        before = self.masked[sentence.start : span.open_at].strip()
        starts_sentence = before == "" or before.endswith(":")
        quote_text = span.text(text)
        upper = quote_text[:1].isupper()
        full_shape = starts_sentence and (upper or before.endswith(":"))
        standalone = self.is_standalone(span, sentence)
        heading = self.article.paragraphs[sentence.paragraph].is_heading

        def kind(speaker: str) -> str:
            """full: speech introduced by a cue; scare: a few words nobody is said to say; else partial."""
            if full_shape:
                return "full"
            return "scare" if speaker == UNKNOWN and word_count(quote_text) <= 3 else "partial"

        after = self.cue_after(span, sentence)
        if after is not None and not after[0].empty:
            found, cue, cue_end = after
            speaker = self._relay(self._settle(found, sentence_index), sentence, cue_end)
            return Attribution(speaker, kind(speaker), cue.strip())
        incise = self.incise(span)
        if incise is not None:
            speaker = self._settle(incise[0], sentence_index)
            return Attribution(speaker, kind(speaker), incise[1], incise[2])
        for rule in (
            lambda: self.cue_before(span, sentence, sentence_index, q),
            lambda: self.sentence_final_cue(span, sentence, sentence_index),
        ):
            found_cue = rule()
            if found_cue is not None:
                speaker, cue = found_cue
                return Attribution(speaker, kind(speaker), cue.strip())
        if standalone and not heading:
            return Attribution(self.continuation(sentence), "full", None)
        return Attribution(UNKNOWN, kind(UNKNOWN), None)

    def _same_words_elsewhere(self) -> None:
        """Rule 6: a quotation with no speaker takes the speaker of the same words quoted elsewhere."""
        text = self.article.text
        keys = {q: normalise(self.spans[q].text(text)) for q in self.results}
        for q, result in list(self.results.items()):
            if result.speaker != UNKNOWN:
                continue
            others = {
                self.results[p].speaker
                for p in self.results
                if p != q and keys[p] == keys[q] and self.results[p].speaker != UNKNOWN
            }
            if len(others) == 1:
                self.results[q] = Attribution(others.pop(), "partial" if result.kind == "scare" else result.kind, None)
