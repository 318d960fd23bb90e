"""Moderators' uploads: check a file, save it under data/articles/, index it; nothing kept if that fails."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from bot.core.extract import Extractor
from bot.core.meaning import Embedder
from bot.core.sources import SourceInfo, load_sources
from bot.library.indexing import index_directory
from bot.store.store import Store, StoredQuotation

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
        for key in ("file", "outlet", "url", "published", "language", "charset"):
            value = getattr(entry, key)
            if value:
                escaped = value.replace("\\", "\\\\").replace('"', '\\"')
                lines.append(f'{key} = "{escaped}"')
        lines.append("")
    temporary = sources_path.with_suffix(".toml.tmp")
    temporary.write_text("\n".join(lines), encoding="utf-8")
    temporary.replace(sources_path)


async def ingest_upload(
    store: Store,
    data_dir: Path,
    name: str | None,
    data: bytes,
    caption: str | None,
    extractor: Extractor | None = None,
    embedder: Embedder | None = None,
) -> tuple[str, list[StoredQuotation]]:
    """Check, save and index a moderator's article; returns its file name and its quotations with their ids."""
    text = check_upload(name, data)
    info = parse_caption(caption)
    file = safe_article_name(name)
    await keep_and_index(store, data_dir, file, text.encode("utf-8"), info, extractor, embedder)
    return file, await store.indexed_quotations(file)


async def keep_and_index(
    store: Store,
    data_dir: Path,
    file: str,
    content: bytes,
    info: SourceInfo | None,
    extractor: Extractor | None,
    embedder: Embedder | None,
) -> None:
    """Write an article under data/articles/ (and what is known of it to sources.toml), then index data/;
    if the index does not take it (disk full, read-only, a broken sources.toml), data/ is left as it was."""
    target = data_dir / "articles" / file
    sources_path = data_dir / "sources.toml"
    previous_article = target.read_bytes() if target.exists() else None
    previous_sources = sources_path.read_bytes() if sources_path.exists() else None
    try:
        temporary = target.with_name(target.name + ".tmp")
        temporary.write_bytes(content)
        temporary.replace(target)
        if info is not None:
            write_source_entry(sources_path, file, info)
        await index_directory(store, data_dir, extractor, embedder=embedder)
    except BaseException:
        restore_file(target, previous_article)
        restore_file(sources_path, previous_sources)
        raise


def restore_file(path: Path, content: bytes | None) -> None:
    try:
        if content is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(content)
    except OSError:
        pass  # the disk refuses even this: the index is still whole, and the next build reads data/ again
