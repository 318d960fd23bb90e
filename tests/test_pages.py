"""Pages and links into the index (bot/library/pages.py), against a news site on 127.0.0.1: what succeeds is
kept (the page's bytes under data/articles/) and indexed once; whatever fails leaves data/ and the index as
they were."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings, load_settings
from bot.core.extract import Extractor
from bot.core.sources import load_sources
from bot.core.webpage import read_page
from bot.library import index_directory
from bot.library.fetching import Fetcher, FetchFailed
from bot.library.pages import AddedPage, PageRefused, add_url, ingest_page
from bot.store import Store
from tests.news_site import PAGES, NewsSite

CANONICAL = "https://www.courrier-ouest-lointain.example/politique/2026/11/14/secheresse-ministre-garnier-mesures"


def settings(tmp_path: Path, **environ: str) -> Settings:
    values = {"QUOTEBOT_FETCH_PRIVATE": "127.0.0.1", "QUOTEBOT_FETCH_HOST_DELAY": "0", "QUOTEBOT_FETCH_TIMEOUT": "1"}
    return load_settings({**values, **environ}, env_file=tmp_path / "no.env")


def snapshot(data_dir: Path) -> dict[str, bytes]:
    return {str(p.relative_to(data_dir)): p.read_bytes() for p in sorted(data_dir.rglob("*")) if p.is_file()}


async def index_state(store: Store) -> tuple[object, ...]:
    return (await store.counts(), [(a.file, a.title) for a in await store.articles()])


@pytest.fixture
async def store(tmp_path: Path, data_dir: Path, extractor: Extractor):
    opened = await Store.open(tmp_path / "index.sqlite3")
    await index_directory(opened, data_dir, extractor)
    yield opened
    await opened.close()


@pytest.fixture
async def fetcher(tmp_path: Path):
    async with Fetcher(settings(tmp_path)) as opened:
        yield opened


async def add(store: Store, data_dir: Path, fetcher: Fetcher, url: str, extractor: Extractor) -> AddedPage:
    return await add_url(store, data_dir, fetcher, url, extractor)


async def test_a_link_is_kept_and_indexed(site: NewsSite, store, data_dir, fetcher, extractor) -> None:
    added = await add(store, data_dir, fetcher, site.url("/ministre-eau.html"), extractor)
    assert not added.already
    article = added.article
    assert article.title == "Sécheresse : la ministre Hélène Garnier promet « des mesures dès cet été »"
    assert (article.outlet, article.published, article.url) == (
        "Le Courrier de l'Ouest-Lointain",
        "2026-11-14",
        CANONICAL,
    )
    texts = [q.text for q in added.quotations]
    assert any(t.startswith("Nous ne laisserons pas les agriculteurs seuls") for t in texts), texts
    assert any(t.startswith("Il faut partager l'eau équitablement") for t in texts), texts
    assert all(q.id > 0 for q in added.quotations)
    kept = data_dir / "articles" / article.file
    assert article.file.endswith(".html") and "secheresse-ministre-garnier-mesures" in article.file
    assert kept.read_bytes() == (PAGES / "ministre-eau.html").read_bytes()  # the page itself, as served
    assert load_sources(data_dir / "sources.toml")[article.file].url == CANONICAL
    # offsets refer to the extracted text, which the kept page gives again
    text = read_page(kept.read_bytes()).text
    for quotation in await store.quotations_of([article.file]):
        assert text[quotation.start : quotation.end] == quotation.text


async def test_one_page_is_added_once(site: NewsSite, store, data_dir, fetcher, extractor) -> None:
    first = await add(store, data_dir, fetcher, site.url("/ministre-eau.html"), extractor)
    again = await add(store, data_dir, fetcher, site.url("/ministre-eau.html"), extractor)
    canonical = await add(store, data_dir, fetcher, CANONICAL + "#commentaires", extractor)  # not even fetched
    tracked = await add(store, data_dir, fetcher, site.url("/ministre-eau.html?utm_source=newsletter"), extractor)
    body = (PAGES / "ministre-eau.html").read_bytes().replace(CANONICAL.encode(), b"https://miroir.example/copie")
    mirrored = await add(store, data_dir, fetcher, site.serve("/miroir.html", body), extractor)
    for answer in (again, canonical, tracked, mirrored):  # the same URL or canonical URL, the same text
        assert answer.already and answer.article == first.article
        assert [q.id for q in answer.quotations] == [q.id for q in first.quotations]
    assert len([p for p in (data_dir / "articles").iterdir() if p.suffix == ".html"]) == 1


async def test_a_page_in_windows_1252_is_read_right_now_and_at_a_rebuild(
    site: NewsSite, store, data_dir, fetcher, extractor
) -> None:
    added = await add(store, data_dir, fetcher, site.url("/hopital-cp1252.html"), extractor)
    assert added.article.title == "Hôpitaux : la ministre Inès Carrel veut « tourner la page des fermetures »"
    assert added.article.outlet == "L’Écho des Vallées"
    kept = (data_dir / "articles" / added.article.file).read_bytes()
    assert "’".encode("windows-1252") in kept and "’".encode() not in kept  # the bytes as served
    assert load_sources(data_dir / "sources.toml")[added.article.file].charset == "windows-1252"
    assert any("ce n’est pas un luxe" in q.text for q in added.quotations), [q.text for q in added.quotations]
    before = await store.quotations_of([added.article.file])
    await index_directory(store, data_dir, extractor, force=True, rebuild=True)  # no network: the kept page
    assert await store.quotations_of([added.article.file]) == before


async def test_a_page_with_no_quotation_is_added_with_none(site: NewsSite, store, data_dir, fetcher, extractor) -> None:
    added = await add(store, data_dir, fetcher, site.url("/sans-citation.html"), extractor)
    assert not added.already and added.quotations == []
    assert added.article.title == "Le marché de Noël ouvrira le 28 novembre"


async def test_a_date_only_in_the_byline(site: NewsSite, store, data_dir, fetcher, extractor) -> None:
    added = await add(store, data_dir, fetcher, site.url("/budget-byline.html"), extractor)
    assert (added.article.published, added.article.outlet) == ("2026-10-03", "La Gazette du Plateau")
    assert added.article.url == site.url("/budget-byline.html")  # no canonical URL: where it was found


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing", "not_found"),
        ("/broken", "status"),
        ("/loop/a", "redirect_loop"),
        ("/slow", "timeout"),
        ("/huge", "too_big"),
        ("/document.pdf", "content_type"),
        ("/private/ministre-eau.html", "robots"),
        ("/redirect?to=http://10.0.0.1/", "address"),
    ],
)
async def test_a_link_that_fails_changes_nothing(
    site: NewsSite, store, data_dir, tmp_path, extractor, path: str, reason: str
) -> None:
    before, state = snapshot(data_dir), await index_state(store)
    async with Fetcher(settings(tmp_path, QUOTEBOT_FETCH_MAX_BYTES=str(2 * 1024 * 1024))) as fetcher:
        with pytest.raises(FetchFailed) as failed:
            await add(store, data_dir, fetcher, site.url(path), extractor)
    assert failed.value.reason == reason
    assert snapshot(data_dir) == before and await index_state(store) == state


@pytest.mark.parametrize("body", [b"", b"<html><body><nav><a href='/'>Accueil</a></nav></body></html>"])
async def test_a_page_with_no_article_is_refused(site: NewsSite, store, data_dir, fetcher, extractor, body) -> None:
    before, state = snapshot(data_dir), await index_state(store)
    with pytest.raises(PageRefused) as refused:
        await add(store, data_dir, fetcher, site.serve("/vide.html", body), extractor)
    assert refused.value.reason == "no_article"
    assert snapshot(data_dir) == before and await index_state(store) == state


async def test_a_page_the_index_cannot_take_leaves_data_as_it_was(site, store, data_dir, fetcher, extractor) -> None:
    sources = data_dir / "sources.toml"
    sources.write_text(sources.read_text(encoding="utf-8") + "\n[[article]]\nfile = 42\n", encoding="utf-8")
    before, state = snapshot(data_dir), await index_state(store)
    with pytest.raises(ValueError, match="has no 'file'"):
        await add(store, data_dir, fetcher, site.url("/ministre-eau.html"), extractor)
    assert snapshot(data_dir) == before and await index_state(store) == state


async def test_an_uploaded_page_and_its_caption(store, data_dir, extractor) -> None:
    from bot.library.uploads import parse_caption

    data = (PAGES / "budget-byline.html").read_bytes()
    info = parse_caption("Gazette du Plateau (édition du soir) | https://gazette.example/budget | 2026-10-02")
    added = await ingest_page(store, data_dir, data, name="budget.html", info=info, extractor=extractor)
    article = added.article
    assert (article.outlet, article.published, article.url) == (  # the moderator's words win
        "Gazette du Plateau (édition du soir)",
        "2026-10-02",
        "https://gazette.example/budget",
    )
    assert any("Chacun contribuera selon ses moyens" in q.text for q in added.quotations)
    with pytest.raises(PageRefused, match="not_html"):
        await ingest_page(store, data_dir, data, name="budget.pdf", extractor=extractor)


async def test_pages_put_in_data_by_hand_are_indexed(tmp_path: Path, data_dir: Path, extractor: Extractor) -> None:
    (data_dir / "articles" / "eau.html").write_bytes((PAGES / "ministre-eau.html").read_bytes())
    store = await Store.open(tmp_path / "hand.sqlite3")
    try:
        await index_directory(store, data_dir, extractor)
        row = next(a for a in await store.articles() if a.file == "eau.html")
        assert (row.outlet, row.published, row.url) == ("Le Courrier de l'Ouest-Lointain", "2026-11-14", CANONICAL)
        assert row.title.startswith("Sécheresse : la ministre Hélène Garnier")
        assert len(await store.indexed_quotations("eau.html")) >= 2
    finally:
        await store.close()


async def test_quotebot_add_takes_links_and_files(
    site: NewsSite, tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    import asyncio

    from bot.cli import main

    monkeypatch.chdir(tmp_path)
    for key, value in {
        "QUOTEBOT_FETCH_PRIVATE": "127.0.0.1",
        "QUOTEBOT_FETCH_HOST_DELAY": "0",
        "QUOTEBOT_MEANING": "off",
    }.items():
        monkeypatch.setenv(key, value)
    text = tmp_path / "usine.txt"
    text.write_text("Une usine\n\n« Cette usine fera la fierté de notre peuple », a déclaré Kim Jong-un.\n", "utf-8")
    db = tmp_path / "cli.sqlite3"
    targets = [site.url("/ministre-eau.html"), str(PAGES / "budget-byline.html"), str(text), site.url("/missing")]
    status = await asyncio.to_thread(main, ["add", "--db", str(db), "--data", str(data_dir), *targets])
    out, err = capsys.readouterr()
    assert status == 1  # one of them failed
    lines = out.splitlines()
    assert len(lines) == 3, out
    assert (
        lines[0].startswith("added secheresse-ministre-garnier-mesures_")
        and "Le Courrier de l'Ouest-Lointain" in lines[0]
    )
    assert "budget-byline" in lines[1] and "2026-10-03" in lines[1] and "La Gazette du Plateau" in lines[1]
    assert lines[2].startswith("added usine.txt: Une usine") and "1 quotations" in lines[2]
    assert f"{site.url('/missing')}: not added: not_found" in err
    again = await asyncio.to_thread(main, ["add", "--db", str(db), "--data", str(data_dir), targets[0]])
    assert again == 0 and capsys.readouterr().out.startswith("already indexed secheresse-ministre-garnier-mesures_")


async def test_the_servers_charset_is_kept_for_a_page_that_says_another(
    site: NewsSite, store, data_dir, fetcher, extractor
) -> None:
    """A page in windows-1252 whose own <meta> says UTF-8 (a CMS misconfigured): the server's header is right,
    and the kept page is read with it again at a rebuild, not with its <meta>."""
    wrong_meta = (PAGES / "hopital-cp1252.html").read_text("utf-8").replace("<head>", '<head><meta charset="utf-8">')
    url = site.serve("/hopital-meta.html", wrong_meta.encode("windows-1252"), "text/html; charset=windows-1252")
    added = await add(store, data_dir, fetcher, url, extractor)
    before = await store.quotations_of([added.article.file])
    assert any("ce n’est pas un luxe" in q.text for q in before), [q.text for q in before]
    await index_directory(store, data_dir, extractor, force=True, rebuild=True)
    assert await store.quotations_of([added.article.file]) == before
