"""Web pages in: a link fetched, or an .html file given; the page kept under data/articles/ (so that a
rebuild reads it again without the network) and indexed. One page is added once: the same URL (asked,
reached after redirects, or the page's canonical one) or the same text is answered with the article already
there. A page that fails in any way (fetch, no article in it, the index) leaves data/ and the index as they
were."""

from __future__ import annotations

import asyncio
import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path

import httpx

from bot.core.extract import Extractor
from bot.core.meaning import Embedder
from bot.core.sources import SourceInfo
from bot.core.text import fold_chars, word_count
from bot.core.webpage import WebPage, is_page, read_page
from bot.library.fetching import HTML_TYPES, Fetcher
from bot.library.indexing import text_hash
from bot.library.uploads import ingest_upload, keep_and_index
from bot.store.store import ArticleRow, Store, StoredQuotation

_SLUG = re.compile(r"[^a-z0-9]+")
SLUG_CHARS = 60
MIN_ARTICLE_WORDS = 15  # fewer words beside the title: a page of links or a shell filled by scripts, not news


class PageRefused(ValueError):
    """A page we cannot take; `reason` names why (a catalogue key `page.reason.<reason>`)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class AddedPage:
    """The article a page is (`already`: it was indexed before, and nothing changed), and its quotations with
    the ids moderators' commands take."""

    article: ArticleRow
    quotations: list[StoredQuotation]
    already: bool


def same_url(url: str) -> str:
    """A URL as compared for "already indexed": no fragment, lower-case scheme and host, no default port."""
    try:
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError, ValueError):
        return url.strip()
    return str(parsed.copy_with(fragment=None))


def page_file_name(page: WebPage, url: str | None, name: str | None = None) -> str:
    """<words>_<8 hex>.html, the words from a file's name, else the URL's last segment, else the title: readable,
    and two pages never share it."""
    words = Path(name).stem if name else ""
    if not words and url:
        words = httpx.URL(url).path.rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if len(_SLUG.sub("", words.lower())) < 4:
        words = page.title or "page"
    slug = _SLUG.sub("-", fold_chars(words).lower()).strip("-")[:SLUG_CHARS].strip("-") or "page"
    digest = hashlib.sha256((url or page.text).encode()).hexdigest()[:8]
    return f"{slug}_{digest}.html"


async def add_url(
    store: Store,
    data_dir: Path,
    fetcher: Fetcher,
    url: str,
    extractor: Extractor | None = None,
    embedder: Embedder | None = None,
    info: SourceInfo | None = None,
) -> AddedPage:
    """Fetch a link (FetchFailed says why not), keep the page and index it (PageRefused: no article in it);
    `info` is what is known of it beforehand (a feed's outlet and language, an entry's date): it wins."""
    known = await store.article_already_indexed([same_url(url)], None)
    if known is not None:  # asked again: not even fetched
        return AddedPage(known, await store.indexed_quotations(known.file), already=True)
    fetched = await fetcher.fetch(url, HTML_TYPES)
    return await ingest_page(
        store,
        data_dir,
        fetched.body,
        charset=fetched.charset,
        url=fetched.url,
        asked=url,
        info=info,
        extractor=extractor,
        embedder=embedder,
    )


async def add_file(
    store: Store,
    data_dir: Path,
    path: Path,
    extractor: Extractor | None = None,
    embedder: Embedder | None = None,
) -> AddedPage:
    """A page (.html, .htm) or a text (.txt) from disk, kept and indexed as an upload would be (OSError: it
    cannot be read; PageRefused, UploadRefused: why not)."""
    data = path.read_bytes()
    if is_page(path.name):
        return await ingest_page(store, data_dir, data, name=path.name, extractor=extractor, embedder=embedder)
    file, quotations = await ingest_upload(store, data_dir, path.name, data, None, extractor, embedder)
    article = next(row for row in await store.articles() if row.file == file)
    return AddedPage(article, quotations, already=False)


async def ingest_page(
    store: Store,
    data_dir: Path,
    data: bytes,
    *,
    charset: str | None = None,
    url: str | None = None,
    asked: str | None = None,
    name: str | None = None,
    info: SourceInfo | None = None,
    extractor: Extractor | None = None,
    embedder: Embedder | None = None,
) -> AddedPage:
    """Keep a page's bytes under data/articles/ and index it. `charset` is the server's, `url` where the page was
    found (`asked` the link as given), `info` what a moderator said of it (it wins over the page); `name` an
    uploaded file's name, which must be an .html one."""
    if name is not None and not is_page(name):
        raise PageRefused("not_html")
    page = await asyncio.to_thread(read_page, data, charset, url)
    if word_count(page.text) - word_count(page.title or "") < MIN_ARTICLE_WORDS:
        raise PageRefused("no_article")
    urls = {same_url(u) for u in (url, asked, page.canonical_url, info.url if info else None) if u}
    known = await store.article_already_indexed(sorted(urls), text_hash(page.text))
    if known is not None:
        return AddedPage(known, await store.indexed_quotations(known.file), already=True)

    where = (info.url if info and info.url else None) or page.canonical_url or url
    file = page_file_name(page, where, name)
    entry = replace(info or SourceInfo(file=file), file=file, url=where)
    if charset and not (info and info.charset):
        entry = replace(entry, charset=charset)  # the page may not say it itself: a rebuild needs it
    known_of_it = entry if entry != SourceInfo(file=file) else None
    await keep_and_index(store, data_dir, file, data, known_of_it, extractor, embedder)
    added = next(row for row in await store.articles() if row.file == file)
    return AddedPage(added, await store.indexed_quotations(file), already=False)
