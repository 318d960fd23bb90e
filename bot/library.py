"""What the product does, for any front end (command line, Telegram): index articles, answer queries.

Pure pieces come from `bot.core`; the store from `bot.store`. CPU work (spaCy, rapidfuzz)
is plain synchronous code here; async front ends run it in a worker thread.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from bot.core.article import read_article
from bot.core.extract import Extractor
from bot.core.grouping import GroupItem, group_statements
from bot.core.registry import SpeakerRegistry, load_registry
from bot.core.search import Match, ParsedQuery, Vocabulary, parse_query, score_quotation
from bot.core.sources import SourceInfo, load_sources
from bot.core.text import normalise
from bot.store.store import ArticleRecord, QuotationRecord, StatementRecord, StatementView, Store

CANDIDATES = 100
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class IndexSummary:
    articles: int
    extracted: int  # articles read again because they are new or changed
    removed: int
    quotations: int
    statements: int
    changed: bool
    seconds: float


def article_files(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "articles").glob("*.txt"))


def _content_hash(raw: bytes, source: SourceInfo | None) -> str:
    """Changes when the text or what sources.toml says of it changes."""
    digest = hashlib.sha256(raw)
    digest.update(repr(source).encode())
    return digest.hexdigest()


def index_data(
    store_path: Path, data_dir: Path, extractor: Extractor | None = None, progress: Progress | None = None
) -> IndexSummary:
    """Synchronous entry point for the command line."""
    import asyncio

    async def run() -> IndexSummary:
        store = await Store.open(store_path)
        try:
            return await index_directory(store, data_dir, extractor, progress)
        finally:
            await store.close()

    return asyncio.run(run())


async def index_directory(
    store: Store,
    data_dir: Path,
    extractor: Extractor | None = None,
    progress: Progress | None = None,
    *,
    force: bool = False,
    rebuild: bool = False,
) -> IndexSummary:
    """Bring the index in line with `data_dir`; nothing is written when nothing changed.

    Moderators' corrections are applied again on every build, so they survive it. `force`
    rebuilds the statements even when no article changed (after a speaker correction);
    `rebuild` reads every article again (after a change of the speakers registry).
    Extraction (spaCy) runs in a worker thread: the event loop keeps answering.
    """
    started = time.perf_counter()
    sources = load_sources(data_dir / "sources.toml")
    paths = article_files(data_dir)
    raw = {p.name: p.read_bytes() for p in paths}
    hashes = {name: _content_hash(data, sources.get(name)) for name, data in raw.items()}
    stored = await store.stored_articles()
    counts = await store.counts()
    if stored == hashes and not force:
        return IndexSummary(len(paths), 0, 0, counts["quotations"], counts["statements"], False, 0.0)

    to_extract = [p for p in paths if rebuild or stored.get(p.name) != hashes[p.name]]
    extracted = {p.name for p in to_extract}
    kept = await store.quotations_of(name for name in hashes if name not in extracted)
    extractor = extractor or Extractor(data_dir / "speakers.toml")
    articles: list[ArticleRecord] = []
    quotations: list[QuotationRecord] = list(kept)
    for number, path in enumerate(paths, start=1):
        source = sources.get(path.name)
        text = raw[path.name].decode("utf-8", errors="replace")
        if path in to_extract:
            result = await asyncio.to_thread(extractor.extract, path.name, text, source.language if source else None)
            article = result.article
            quotations.extend(
                QuotationRecord(path.name, q.start, q.end, q.text, normalise(q.text), q.speaker, q.kind, q.cue)
                for q in result.quotations
            )
            title, language, outlet_in_text = article.title, article.language, article.outlet_in_text
        else:
            article = read_article(path.name, text)
            title, language, outlet_in_text = article.title, article.language, article.outlet_in_text
        articles.append(
            ArticleRecord(
                file=path.name,
                content_hash=hashes[path.name],
                title=title,
                outlet=(source.outlet if source and source.outlet else outlet_in_text),
                url=source.url if source else None,
                published=source.published if source else None,
                language=(source.language if source and source.language else language),
            )
        )
        if progress:
            progress(number, len(paths), path.name)

    articles, quotations = apply_corrections(await store.corrections(), articles, quotations)
    published = {a.file: a.published for a in articles}
    items = [GroupItem(q.speaker, q.article_file, published.get(q.article_file), q.text) for q in quotations]
    statements = []
    for members in group_statements(items):
        shown = [i for i in members if not quotations[i].hidden] or members
        canonical = max(shown, key=lambda i: len(quotations[i].text))  # the fullest wording still shown
        statements.append(StatementRecord(quotations[canonical].speaker, quotations[canonical].text, tuple(members)))
    await store.replace_index(articles, quotations, statements, reread=extracted if rebuild else ())
    return IndexSummary(
        articles=len(paths),
        extracted=len(to_extract),
        removed=len(set(stored) - set(hashes)),
        quotations=len(quotations),
        statements=len(statements),
        changed=True,
        seconds=round(time.perf_counter() - started, 3),
    )


def apply_corrections(
    corrections: list[tuple[str, str | None, str, str | None]],
    articles: list[ArticleRecord],
    quotations: list[QuotationRecord],
) -> tuple[list[ArticleRecord], list[QuotationRecord]]:
    """Moderators' corrections over freshly extracted data; the latest correction of a thing wins."""
    outlet: dict[str, str | None] = {}
    fixes: dict[tuple[str, str], dict[str, str | None]] = {}
    for file, norm, name, value in corrections:
        if name == "outlet":
            outlet[file] = value
        elif norm is not None:
            fixes.setdefault((file, norm), {})[name] = value
    articles = [replace(a, outlet=outlet[a.file]) if a.file in outlet else a for a in articles]
    corrected = []
    for quotation in quotations:
        fix = fixes.get((quotation.article_file, quotation.norm), {})
        if fix.get("speaker"):
            quotation = replace(quotation, speaker=fix["speaker"])
        if "hidden" in fix:
            quotation = replace(quotation, hidden=fix["hidden"] == "1")
        corrected.append(quotation)
    return articles, corrected


# ---- moderators' uploads ---------------------------------------------------------------------

MAX_UPLOAD_BYTES = 512 * 1024
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_DATE = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")


class UploadRefused(ValueError):
    """An uploaded file is not an article we can take; `reason` names why (a catalogue key)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def safe_article_name(name: str | None) -> str:
    """A file name that stays inside articles/: no path, no odd characters, ends in .txt."""
    base = Path((name or "article").replace("\\", "/")).name
    stem = _SAFE_NAME.sub("_", base.removesuffix(".txt")).strip("._-")[:80] or "article"
    return f"{stem}.txt"


def check_upload(name: str | None, data: bytes) -> str:
    """The article's text, or UploadRefused: not .txt, empty, too big, binary, not UTF-8."""
    if not (name or "").lower().endswith(".txt"):
        raise UploadRefused("not_txt")
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadRefused("too_big")
    if not data.strip():
        raise UploadRefused("empty")
    if b"\x00" in data:
        raise UploadRefused("binary")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UploadRefused("not_utf8") from error
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t")
    if controls > len(text) // 100 + 2:
        raise UploadRefused("binary")
    return text


def parse_caption(caption: str | None) -> SourceInfo | None:
    """ "outlet | url | date" (each part optional); None when there is no caption."""
    if not caption or not caption.strip():
        return None
    parts = [p.strip() for p in caption.split("|")]
    if len(parts) > 3:
        raise UploadRefused("caption")
    outlet, url, published = [*parts, "", "", ""][:3]
    if url and not re.match(r"^https?://\S+$", url):
        raise UploadRefused("caption")
    if published and not _DATE.match(published):
        raise UploadRefused("caption")
    return SourceInfo(file="", outlet=outlet or None, url=url or None, published=published or None)


def write_source_entry(sources_path: Path, file: str, info: SourceInfo) -> None:
    """Add or replace the [[article]] entry of `file` in sources.toml, keeping the others."""
    entries = load_sources(sources_path)
    entries[file] = replace(info, file=file)
    lines = ["# What is known of each article (see the project README).", ""]
    for entry in entries.values():
        lines.append("[[article]]")
        for key in ("file", "outlet", "url", "published", "language"):
            value = getattr(entry, key)
            if value:
                escaped = value.replace("\\", "\\\\").replace('"', '\\"')
                lines.append(f'{key} = "{escaped}"')
        lines.append("")
    temporary = sources_path.with_suffix(".toml.tmp")
    temporary.write_text("\n".join(lines), encoding="utf-8")
    temporary.replace(sources_path)


async def ingest_upload(
    store: Store, data_dir: Path, name: str | None, data: bytes, caption: str | None, extractor: Extractor | None = None
) -> tuple[str, list[QuotationRecord]]:
    """Check, save and index a moderator's article; returns its file name and quotations."""
    text = check_upload(name, data)
    info = parse_caption(caption)
    file = safe_article_name(name)
    target = data_dir / "articles" / file
    sources_path = data_dir / "sources.toml"
    previous_text = target.read_bytes() if target.exists() else None
    previous_sources = sources_path.read_bytes() if sources_path.exists() else None
    try:
        temporary = target.with_suffix(".txt.tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(target)
        if info is not None:
            write_source_entry(sources_path, file, info)
        await index_directory(store, data_dir, extractor)
    except BaseException:
        # The index did not take it (disk full, read-only): leave data/ as it was.
        _restore(target, previous_text)
        _restore(sources_path, previous_sources)
        raise
    return file, await store.quotations_of([file])


def _restore(path: Path, content: bytes | None) -> None:
    try:
        if content is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(content)
    except OSError:
        pass  # the disk refuses even this: the index is still whole, and the next build reads data/ again


# ---- moderation --------------------------------------------------------------------------------


def parse_target(value: str) -> tuple[str, int] | None:
    """ "12" or "s12": statement 12; "q34": quotation 34."""
    match = re.fullmatch(r"([sSqQ]?)#?(\d{1,9})", value.strip())
    if not match:
        return None
    return ("quotation" if match.group(1).lower() == "q" else "statement"), int(match.group(2))


@dataclass(frozen=True)
class Correction:
    target: str
    before: str
    after: str


async def _quotations_named(store: Store, value: str) -> tuple[str, list[tuple[int, str, str, str, int]]] | None:
    """The quotations a moderator's ID names ("12", "s12", "q34"), with a label for replies and the log."""
    target = parse_target(value)
    rows = await store.quotation_targets(*target) if target else []
    return (f"{target[0]} {target[1]}", rows) if target and rows else None


async def set_hidden(store: Store, moderator: int, value: str, hidden: bool) -> Correction | None:
    found = await _quotations_named(store, value)
    if found is None:
        return None
    label, rows = found
    before = "hidden" if all(r[4] for r in rows) else "shown"
    after = "hidden" if hidden else "shown"
    await store.correct(
        moderator,
        "hide" if hidden else "unhide",
        label,
        "hidden",
        "1" if hidden else "0",
        [(r[0], r[1], r[2]) for r in rows],
        None,
        before,
        after,
    )
    return Correction(label, before, after)


async def set_speaker(
    store: Store, data_dir: Path, moderator: int, value: str, speaker: str, extractor: Extractor | None = None
) -> Correction | None:
    found = await _quotations_named(store, value)
    if found is None:
        return None
    label, rows = found
    before = ", ".join(sorted({r[3] for r in rows}))
    await store.correct(
        moderator, "speaker", label, "speaker", speaker, [(r[0], r[1], r[2]) for r in rows], None, before, speaker
    )
    await index_directory(store, data_dir, extractor, force=True)  # regroup: a statement never mixes speakers
    return Correction(label, before, speaker)


async def set_outlet(store: Store, moderator: int, article: str, outlet: str) -> Correction | None:
    rows = await store.articles()
    found = next((r for r in rows if str(r[0]) == article or r[1] == article), None)
    if found is None:
        return None
    await store.correct(moderator, "outlet", found[1], "outlet", outlet, [], found[1], found[3] or "?", outlet)
    return Correction(found[1], found[3] or "?", outlet)


@dataclass(frozen=True)
class Result:
    statement: StatementView
    match: Match
    best_variant: int  # quotation id of the variant that matched best

    @property
    def outlets(self) -> list[str]:
        seen: dict[str, None] = {}
        for variant in self.statement.variants:
            seen.setdefault(outlet_label(variant.outlet, variant.title), None)
        return list(seen)

    def as_json(self) -> dict[str, object]:
        return {
            "statement": self.statement.id,
            "speaker": self.statement.speaker,
            "text": self.statement.text,
            "score": self.match.score,
            "confident": self.match.confident,
            "outlets": self.outlets,
            "variants": [
                {
                    "article": v.article,
                    "outlet": v.outlet,
                    "url": v.url,
                    "published": v.published,
                    "quote": v.quote,
                }
                for v in self.statement.variants
            ],
        }


def outlet_label(outlet: str | None, title: str) -> str:
    """An outlet's name, or the article's title when the outlet is unknown (never invented)."""
    return outlet if outlet else f"unknown outlet ({title[:60]})"


@dataclass(frozen=True)
class Answer:
    query: str
    parsed: ParsedQuery
    results: list[Result] = field(default_factory=list)

    @property
    def confident(self) -> Result | None:
        return self.results[0] if self.results and self.results[0].match.confident else None

    def as_json(self) -> dict[str, object]:
        return {"query": self.query, "results": [r.as_json() for r in self.results]}


class Searcher:
    """Answers queries from a store; keeps the index's vocabulary while the index is unchanged."""

    VOCABULARY_CHECK_SECONDS = 2.0

    def __init__(self, store: Store, registry: SpeakerRegistry) -> None:
        self.store = store
        self.registry = registry
        self._vocabulary: Vocabulary | None = None
        self._generation = -1
        self._checked_at = 0.0

    @classmethod
    def for_data(cls, store: Store, data_dir: Path) -> Searcher:
        return cls(store, load_registry(data_dir / "speakers.toml"))

    async def vocabulary(self) -> Vocabulary:
        """The index's words, re-read when the index changed (checked every couple of seconds)."""
        now = time.monotonic()
        if self._vocabulary is not None and now - self._checked_at < self.VOCABULARY_CHECK_SECONDS:
            return self._vocabulary
        self._checked_at = now
        generation = await self.store.generation()
        if self._vocabulary is None or generation != self._generation:
            self._vocabulary = Vocabulary(await self.store.vocabulary())
            self._generation = generation
        return self._vocabulary

    def forget_vocabulary(self) -> None:
        """After this process changed the index: read the words again on the next query."""
        self._vocabulary = None

    async def ask(self, query: str, speaker: str | None = None, limit: int = 3) -> Answer:
        parsed = parse_query(query, self.registry)
        speaker = speaker or parsed.speaker
        speakers = [speaker] if speaker else [s.id for s in self.registry.principals]
        vocabulary = await self.vocabulary()
        best: dict[int, tuple[Match, int]] = {}
        for lookup in vocabulary.plan(parsed):
            for candidate in await self.store.candidates(lookup.expression, speakers, CANDIDATES, lookup.ranked):
                scored = score_quotation(parsed, candidate.norm)
                current = best.get(candidate.statement_id)
                if current is None or scored.score > current[0].score:
                    best[candidate.statement_id] = (scored, candidate.quotation_id)
            if any(m.confident for m, _ in best.values()):
                break
        if not best:
            return Answer(query, parsed)
        ranked = sorted(best.items(), key=lambda item: (-item[1][0].score, item[0]))[:limit]
        views = await self.store.statements([statement_id for statement_id, _ in ranked])
        by_id = {view.id: view for view in views}
        results = [
            Result(by_id[statement_id], scored, quotation_id)
            for statement_id, (scored, quotation_id) in ranked
            if statement_id in by_id
        ]
        return Answer(query, parsed, results)
