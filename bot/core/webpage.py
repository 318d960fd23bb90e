"""A news page as HTML bytes in, the article out: its main text, title, date, site name, canonical URL and
language, read by trafilatura (navigation, share buttons, related links and cookie banners left out; the
date by htmldate, from the metadata or, failing that, from the text such as a byline).

The text is what the reader and the extractor see, and what quotation offsets refer to: the title on the
first line (as in a .txt article), then the main text's paragraphs. The same bytes always give the same text,
so a rebuild from the kept page finds the same offsets.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from html import unescape
from urllib.parse import urlsplit

import trafilatura
from trafilatura.settings import Document

from bot.core.sources import LANGUAGES

HTML_SUFFIXES = (".html", ".htm")
_SNIFFED_BYTES = 4096  # where a page's <meta charset> must be (the HTML standard says 1024; some are late)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_HTML_LANG = re.compile(r"""<html[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3})""", re.I)
_META_LANG = re.compile(
    r"""<meta[^>]+(?:property=["']og:locale["']|http-equiv=["']content-language["'])[^>]*content=["']([A-Za-z]{2,3})""",
    re.I,
)
_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ")
_SITE_NAME_WORDS = 6  # a "title - site" suffix longer than this is not a site name
# The WHATWG encoding standard reads these labels as windows-1252: Python's latin-1 would turn the quotes,
# dashes and euro sign of a French page (0x80-0x9f) into control characters.
_AS_WINDOWS_1252 = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii", "cp819", "ibm819"}


@dataclass(frozen=True)
class WebPage:
    text: str  # the title, a blank line, then the main text: what the extractor reads
    title: str | None
    published: str | None  # YYYY-MM-DD
    site_name: str | None
    canonical_url: str | None
    language: str | None  # one of the languages the engine reads, when the page says it


def is_page(name: str) -> bool:
    return name.lower().endswith(HTML_SUFFIXES)


def decode_html(data: bytes, declared: str | None = None) -> str:
    """The page as text: a byte order mark, else the charset the server declared, else the page's own
    <meta charset>, else UTF-8 when it is valid, else windows-1252 (what browsers fall back to in the West)."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace").lstrip("\ufeff")
    meta = _META_CHARSET.search(data[:_SNIFFED_BYTES])
    for label in (declared, meta.group(1).decode("ascii") if meta else None):
        codec = _encoding(label)
        if codec is not None:
            return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _encoding(label: str | None) -> str | None:
    """Python's codec for a charset label, or None when it has none (an unknown label is ignored)."""
    if not label:
        return None
    label = label.strip().lower()
    if label in _AS_WINDOWS_1252:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def read_page(data: bytes, charset: str | None = None, url: str | None = None) -> WebPage:
    """The article in a page (`charset` as the server declared it, `url` where it was found)."""
    html = decode_html(data, charset)
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        deduplicate=False,
        date_extraction_params={"extensive_search": True, "original_date": True},
    )
    if not isinstance(document, Document):  # nothing it could call an article
        return WebPage("", _title_tag(html), None, None, None, _language(html))
    title = _clean(document.title)
    body = (document.text or "").strip()
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    if title and lines and lines[0] == title:
        lines = lines[1:]
    text = "\n\n".join(([title] if title else []) + lines) if lines else ""
    return WebPage(
        text=text,
        title=title,
        published=document.date or None,
        site_name=_site_name(document, html, title, url),
        canonical_url=document.url or None,
        language=_language(html),
    )


def _clean(value: str | None) -> str | None:
    return " ".join(value.split()) if value and value.strip() else None


def _title_tag(html: str) -> str | None:
    match = _TITLE_TAG.search(html)
    return _clean(unescape(match.group(1))) if match else None


def _site_name(document: Document, html: str, title: str | None, url: str | None) -> str | None:
    """The site's own name (og:site_name, JSON-LD publisher), else a short suffix of <title>, else the host name
    trafilatura falls back to when given the URL."""
    name = _clean(document.sitename)
    hosts = {document.hostname or "", urlsplit(url or "").netloc, urlsplit(url or "").hostname or ""}
    if name and name.removeprefix("www.") not in {host.removeprefix("www.") for host in hosts}:
        return name
    return _site_from_title(html, title) or name


def _site_from_title(html: str, title: str | None) -> str | None:
    """ "Article title - Site Name" in <title> when the page names its site nowhere else."""
    tag = _title_tag(html)
    if not tag or not title or not tag.startswith(title):
        return None
    rest = tag[len(title) :]
    for separator in _TITLE_SEPARATORS:
        if rest.startswith(separator):
            name = rest[len(separator) :].strip()
            return name if name and len(name.split()) <= _SITE_NAME_WORDS else None
    return None


def _language(html: str) -> str | None:
    """The language the page declares (<html lang>, og:locale, Content-Language) when the engine reads it."""
    head = html[: _SNIFFED_BYTES * 4]
    for pattern in (_HTML_LANG, _META_LANG):
        match = pattern.search(head)
        if match and match.group(1).lower() in LANGUAGES:
            return match.group(1).lower()
    return None
