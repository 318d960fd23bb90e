"""Feeds (issue 13, part 3): data/feeds.toml, and rounds against a site on 127.0.0.1 through the real fetcher,
the real extractor and a real SQLite file: RSS and Atom, duplicates, conditional requests, a server that
ignores them, broken XML, a 500, robots.txt; each failing feed reported once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import load_settings, speakers_file
from bot.core.feeds import FeedsError, FeedSource, FeedUnreadable, load_feeds, read_feed
from bot.core.registry import load_registry
from bot.library import Library
from tests.conftest import DATA
from tests.feed_site import Item, Resource, atom, news_page, rss

PRINCIPAL = load_registry(DATA / "speakers.toml").principals[1]
DAY = "2026-11-20"


def page(n: int, day: str = "2026-11-20") -> bytes:
    return news_page(
        f"Pyongyang inaugure l'ouvrage numéro {n}",
        day,
        f"L'ouvrage numéro {n}, construit en trois ans sur le fleuve Taedong, doit servir toute la capitale.",
        f"« L'ouvrage {n} apportera la prospérité à chaque foyer de la capitale », a déclaré {PRINCIPAL.name} "
        "devant les ouvriers réunis pour la cérémonie d'inauguration.",
        "Les ingénieurs ont travaillé jour et nuit pendant les derniers mois du chantier, selon la presse officielle.",
    )


def environment(tmp_path: Path, data: Path) -> dict[str, str]:
    return {
        "QUOTEBOT_DB": str(tmp_path / "q.sqlite3"),
        "QUOTEBOT_DATA": str(data),
        "QUOTEBOT_MEANING": "off",
        "QUOTEBOT_FETCH_PRIVATE": "127.0.0.1",
        "QUOTEBOT_FETCH_HOST_DELAY": "0",
        "QUOTEBOT_FETCH_TIMEOUT": "5",
    }


def write_feeds(data: Path, *feeds: tuple[str, str, str]) -> None:
    lines = [
        f'[[feed]]\nurl = "{url}"\noutlet = "{outlet}"\nlanguage = "{language}"\n' for url, outlet, language in feeds
    ]
    (data / "feeds.toml").write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture
async def library(tmp_path: Path, data_dir: Path):
    settings = load_settings(environment(tmp_path, data_dir), env_file=tmp_path / "no.env")
    lib = await Library.open(settings, load_registry(speakers_file(data_dir)))
    yield lib
    await lib.close()


def articles(tmp_path: Path) -> list[tuple[str, str | None, str | None]]:
    connection = sqlite3.connect(tmp_path / "q.sqlite3")
    try:
        rows = connection.execute("SELECT url, outlet, published FROM articles WHERE file LIKE '%.html' ORDER BY url")
        return [tuple(row) for row in rows]
    finally:
        connection.close()


# ---- feeds.toml and feed bytes ---------------------------------------------------------------------


def test_the_shipped_feeds_toml_polls_nothing_and_shows_how() -> None:
    assert load_feeds(DATA / "feeds.toml") == []
    assert "[[feed]]" in (DATA / "feeds.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[[feed]]\nurl = "ftp://x/feed"\n', "needs a url"),
        ('[[feed]]\noutlet = "X"\n', "needs a url"),
        ('[[feed]]\nurl = "https://x/feed"\nlanguage = "de"\n', "language must be"),
        ('[[feed]]\nurl = "https://x/feed"\nenabled = "yes"\n', "enabled must be"),
        ("[[feed]\n", "feeds.toml"),
    ],
)
def test_a_malformed_feeds_toml_says_where(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "feeds.toml").write_text(content, encoding="utf-8")
    with pytest.raises(FeedsError, match=message):
        load_feeds(tmp_path / "feeds.toml")


def test_feeds_toml_entries_enabled_or_not(tmp_path: Path) -> None:
    (tmp_path / "feeds.toml").write_text(
        '[[feed]]\nurl = "https://a/rss"\noutlet = "A"\nlanguage = "fr"\n\n'
        '[[feed]]\nurl = "https://b/rss"\nenabled = false\n\n[[feed]]\nurl = "https://a/rss"\n',
        encoding="utf-8",
    )
    assert load_feeds(tmp_path / "feeds.toml") == [FeedSource("https://a/rss", "A", "fr")]


def test_rss_and_atom_entries_each_once_with_their_dates() -> None:
    items = [Item("urn:a-1", "https://x/a1", "Un", "2026-11-20"), Item("urn:a-2", "https://x/a2", "Deux", "2026-11-21")]
    for data in (rss([*items, items[0]]), atom([*items, items[0]])):
        entries = read_feed(data, "https://x/feed")
        assert [(e.key, e.link, e.title, e.published) for e in entries] == [
            ("urn:a-1", "https://x/a1", "Un", "2026-11-20"),
            ("urn:a-2", "https://x/a2", "Deux", "2026-11-21"),
        ]


def test_broken_feed_xml_is_read_as_far_as_it_goes() -> None:
    broken = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>X</title><item><title>Un & deux</title>'
        b"<link>https://x/a1</link><guid>urn:1</guid></item><item><title>Trois</title><link>https://x/a3</link></item>"
    )  # an unescaped &, the channel and the feed never closed
    entries = read_feed(broken, "https://x/feed")
    assert [(e.key, e.title) for e in entries] == [("urn:1", "Un & deux"), ("https://x/a3", "Trois")]
    empty = b'<?xml version="1.0"?><rss version="2.0"><channel><title>X</title></channel></rss>'
    assert read_feed(empty, "https://x/feed") == []  # well-formed with no entry: only empty


@pytest.mark.parametrize(
    "data",
    [
        b"<html><body>Pas un flux</body></html>",
        b"\x00\x01garbage",
        b"",
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>X &nbsp; <item><title>Un<link>https://x/1',
    ],
)
def test_bytes_that_are_no_feed_are_unreadable(data: bytes) -> None:
    with pytest.raises(FeedUnreadable):
        read_feed(data, "https://x/feed")


# ---- rounds ----------------------------------------------------------------------------------------


async def test_rss_and_atom_entries_are_added_once_then_only_new_ones(library, feed_site, tmp_path, data_dir) -> None:
    for n in (1, 2, 3):
        feed_site.serve(f"/monde/{n}.html", Resource(page(n), "text/html; charset=utf-8"))
    one, two, three = (Item(f"urn:{n}", feed_site.url(f"/monde/{n}.html"), f"N{n}", f"2026-11-2{n}") for n in (1, 2, 3))
    feed_site.serve("/rss.xml", Resource(rss([one, two, one]), etag='"r1"'))  # a duplicate entry
    feed_site.serve("/atom.xml", Resource(atom([two]), "application/atom+xml"))  # the same page as another feed's
    write_feeds(
        data_dir, (feed_site.url("/rss.xml"), "La Gazette", "fr"), (feed_site.url("/atom.xml"), "Le Veilleur", "fr")
    )

    first = await library.poll_feeds()
    assert (first.feeds, first.added, first.failed) == (2, 2, [])
    assert articles(tmp_path) == [
        (feed_site.url("/monde/1.html"), "La Gazette", "2026-11-21"),
        (feed_site.url("/monde/2.html"), "La Gazette", "2026-11-22"),
    ]
    assert feed_site.asked("/monde/1.html") == 1 and feed_site.asked("/monde/2.html") == 1

    # nothing changed: the RSS server answers 304 to our ETag, the Atom one ignores it but its bytes hash the same
    # (the entries seen are forgotten here, to tell that the Atom feed is not even read again)
    connection = sqlite3.connect(tmp_path / "q.sqlite3")
    with connection:
        connection.execute("DELETE FROM feed_entries")
    connection.close()
    second = await library.poll_feeds()
    assert (second.entries, second.added) == (0, 0)
    asked_for_rss = [etag for path, etag, _ in feed_site.requests if path == "/rss.xml"]
    assert asked_for_rss == [None, '"r1"']  # the second time with its ETag (answered 304)
    assert feed_site.asked("/monde/1.html") == 1 and feed_site.asked("/monde/2.html") == 1

    # a new entry: only that one is fetched
    feed_site.serve("/atom.xml", Resource(atom([three, two]), "application/atom+xml"))
    third = await library.poll_feeds()
    assert (third.entries, third.added) == (2, 1)  # the second was forgotten above, but its page is indexed
    assert [feed_site.asked(f"/monde/{n}.html") for n in (1, 2, 3)] == [1, 1, 1]
    # new bytes, no new entry: the entries seen are remembered
    feed_site.serve("/atom.xml", Resource(atom([two, three]), "application/atom+xml"))
    assert (await library.poll_feeds()).entries == 0
    assert (feed_site.url("/monde/3.html"), "Le Veilleur", "2026-11-23") in articles(tmp_path)
    statuses = {s.feed.url: s.state for s in await library.feed_statuses()}
    assert all(state.last_success and not state.failing for state in statuses.values())


async def test_a_failing_feed_is_reported_once_and_the_others_go_on(library, feed_site, tmp_path, data_dir) -> None:
    feed_site.serve("/monde/1.html", Resource(page(1), "text/html; charset=utf-8"))
    good = feed_site.serve(
        "/rss.xml", Resource(rss([Item("urn:1", feed_site.url("/monde/1.html"), "Un", "2026-11-20")]))
    )
    broken = feed_site.serve("/broken.xml", Resource(b"<rss><channel><item><title>Un", status=500))
    bad = feed_site.serve("/bad.xml", Resource(b"<html><body><p>Maintenance</p></body></html>", "text/xml"))
    private = feed_site.serve("/private/rss.xml", Resource(rss([])))
    write_feeds(data_dir, *((url, "X", "fr") for url in (broken, bad, private, good)))

    first = await library.poll_feeds()
    assert first.added == 1  # the good feed, after three that failed
    reasons = {s.feed.url: (s.state.last_error, s.state.last_error_status) for s in first.failed}
    assert reasons == {broken: ("status", 500), bad: ("unreadable", None), private: ("robots", None)}
    assert {s.feed.url for s in first.to_report} == {broken, bad, private}
    assert feed_site.asked("/private/rss.xml") == 0  # robots.txt said no: not even asked

    second = await library.poll_feeds()
    assert {s.feed.url for s in second.failed} == {broken, bad, private} and second.to_report == []
    assert feed_site.asked("/broken.xml") == 2 and feed_site.asked("/rss.xml") == 2  # polled again all the same

    feed_site.serve("/broken.xml", Resource(rss([])))  # it recovers...
    third = await library.poll_feeds()
    assert broken not in {s.feed.url for s in third.failed} and third.to_report == []
    feed_site.serve("/broken.xml", Resource(b"erreur", status=500))  # ...and fails again: told again
    fourth = await library.poll_feeds()
    assert [s.feed.url for s in fourth.to_report] == [broken]
    statuses = {s.feed.url: s.state for s in await library.feed_statuses()}
    assert statuses[broken].failing and statuses[broken].last_success is not None
    assert not statuses[good].failing


async def test_an_entry_whose_page_fails_leaves_the_index_as_it_was(library, feed_site, tmp_path, data_dir) -> None:
    feed_site.serve("/monde/1.html", Resource(page(1), "text/html; charset=utf-8"))
    items = [
        Item("urn:pdf", feed_site.url("/monde/doc.pdf"), "PDF", "2026-11-20"),
        Item("urn:404", feed_site.url("/monde/absent.html"), "Absent", "2026-11-20"),
        Item("urn:1", feed_site.url("/monde/1.html"), "Un", "2026-11-20"),
    ]
    feed_site.serve("/monde/doc.pdf", Resource(b"%PDF-1.4 " + b"0" * 100, "application/pdf"))
    write_feeds(data_dir, (feed_site.serve("/rss.xml", Resource(rss(items))), "La Gazette", "fr"))
    summary = await library.poll_feeds()
    assert (summary.entries, summary.added, summary.failed) == (3, 1, [])
    assert [url for url, _, _ in articles(tmp_path)] == [feed_site.url("/monde/1.html")]
    assert len(list((data_dir / "articles").glob("*.html"))) == 1  # what failed left nothing in data/
    await library.poll_feeds()  # the feed did not change: nothing asked again
    assert feed_site.asked("/monde/doc.pdf") == 1 and feed_site.asked("/monde/absent.html") == 1


def test_quotebot_feeds_once_runs_one_round_for_cron(feed_site, tmp_path, data_dir, monkeypatch, capsys) -> None:
    feed_site.serve("/monde/1.html", Resource(page(1), "text/html; charset=utf-8"))
    good = feed_site.serve(
        "/rss.xml", Resource(rss([Item("urn:1", feed_site.url("/monde/1.html"), "Un", "2026-11-20")]))
    )
    broken = feed_site.serve("/broken.xml", Resource(b"erreur", status=500))
    write_feeds(data_dir, (good, "La Gazette", "fr"), (broken, "Le Veilleur", "fr"))
    for key, value in environment(tmp_path, data_dir).items():
        monkeypatch.setenv(key, value)
    monkeypatch.chdir(tmp_path)
    assert main(["feeds", "--once"]) == 1  # one feed failed: cron mails the output
    out = capsys.readouterr().out
    assert "2 feeds asked, 1 new entries, 1 pages added, 1 feeds failed" in out
    assert f"{broken} (Le Veilleur): last success never; failing since" in out and "status 500" in out
    assert main(["feeds", "--once"]) == 1
    assert "0 new entries, 0 pages added" in capsys.readouterr().out
    assert articles(tmp_path) == [(feed_site.url("/monde/1.html"), "La Gazette", "2026-11-20")]
    (data_dir / "feeds.toml").write_text("[[feed]]\nurl = 3\n", encoding="utf-8")
    assert main(["feeds"]) == 2
    assert "needs a url" in capsys.readouterr().err


def test_a_feed_in_its_servers_charset() -> None:
    data = rss([Item("urn:1", "https://x/1", "Déclaration à Pyongyang", DAY)]).replace(b' encoding="utf-8"', b"")
    latin = data.decode("utf-8").encode("windows-1252")
    (entry,) = read_feed(latin, "https://x/feed", "application/rss+xml; charset=windows-1252")
    assert entry.title == "Déclaration à Pyongyang"
