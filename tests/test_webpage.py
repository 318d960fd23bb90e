"""Reading news pages (bot/core/webpage.py): the article's text and what is known of it, out of pages shaped
like real news sites (tests/pages/), whatever their charset."""

from __future__ import annotations

from pathlib import Path

import pytest
import trafilatura

from bot.core.webpage import decode_html, is_page, read_page

PAGES = Path(__file__).resolve().parent / "pages"


def page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def test_a_news_page_gives_its_article_and_nothing_around_it() -> None:
    read = read_page(page("ministre-eau.html"))
    assert read.title == "Sécheresse : la ministre Hélène Garnier promet « des mesures dès cet été »"
    assert read.published == "2026-11-14"  # JSON-LD and article:published_time
    assert read.site_name == "Le Courrier de l'Ouest-Lointain"  # og:site_name
    assert read.canonical_url == (
        "https://www.courrier-ouest-lointain.example/politique/2026/11/14/secheresse-ministre-garnier-mesures"
    )
    assert read.language == "fr"
    assert read.text.split("\n")[0] == read.title  # the title first, as in a .txt article
    assert "« Nous ne laisserons pas les agriculteurs seuls face à la sécheresse" in read.text
    assert "« Il faut partager l'eau équitablement" in read.text
    for furniture in (
        "cookies",
        "Tout accepter",
        "Partager",
        "À lire aussi",
        "nappes phréatiques",
        "Les plus lus",
        "Mentions légales",
        "S'abonner",
        "dataLayer",
    ):
        assert furniture not in read.text, furniture


def test_a_date_only_in_the_byline_and_a_site_named_only_in_the_title() -> None:
    read = read_page(page("budget-byline.html"))
    assert read.published == "2026-10-03"  # « le 3 octobre 2026 », nowhere in the metadata
    assert read.site_name == "La Gazette du Plateau"  # from « … - La Gazette du Plateau »
    assert read.canonical_url is None
    assert "« Chacun contribuera selon ses moyens" in read.text
    assert "J'accepte" not in read.text and "Sur le même sujet" not in read.text


def test_windows_1252_decodes_by_the_servers_charset_or_the_pages_own() -> None:
    utf8 = page("hopital-cp1252.html")
    cp1252 = utf8.decode("utf-8").encode("windows-1252")
    expected = read_page(utf8)
    assert "’" in expected.text and "€" in expected.text and "« Il faut tourner la page" in expected.text
    assert read_page(cp1252, "windows-1252") == expected  # the HTTP header
    assert read_page(cp1252, "ISO-8859-1") == expected  # the label servers often mean windows-1252 by
    with_meta = cp1252.replace(b"<head>", b'<head><meta charset="windows-1252">')
    assert read_page(with_meta) == expected  # the page's own <meta charset>
    assert read_page(cp1252) == expected  # neither: not UTF-8, so windows-1252
    # trafilatura given the bytes guesses the charset itself, and gets this page right too
    assert "’" in trafilatura.extract(cp1252) and "€" in trafilatura.extract(cp1252)


def test_decoding_rules() -> None:
    assert decode_html("é".encode()) == "é"
    assert decode_html("\ufeffé".encode()) == "é"  # a byte order mark wins
    assert decode_html("é".encode("utf-16")) == "é"
    assert decode_html(b"\x80", "no-such-charset") == "€"  # an unknown label is ignored
    assert decode_html('<meta http-equiv="Content-Type" content="text/html; charset=utf-8">é'.encode())[-1] == "é"


@pytest.mark.parametrize("data", [b"", b"\x00\x01\x02", b"<html><body></body></html>", b"%PDF-1.4\n" + bytes(256)])
def test_a_page_with_no_article_has_no_text(data: bytes) -> None:
    assert read_page(data).text == ""


def test_a_page_without_quotation_still_reads() -> None:
    read = read_page(page("sans-citation.html"))
    assert read.title == "Le marché de Noël ouvrira le 28 novembre"
    assert read.published == "2026-11-10" and "grande roue" in read.text


def test_the_same_bytes_give_the_same_text() -> None:
    assert read_page(page("ministre-eau.html")) == read_page(page("ministre-eau.html"))


def test_page_names() -> None:
    assert is_page("a.html") and is_page("B.HTM") and not is_page("a.txt")


def test_quotebot_extract_reads_a_page_as_indexing_does(capsys) -> None:
    import json

    from bot.cli import main

    path = PAGES / "ministre-eau.html"
    assert main(["extract", "--json", str(path)]) == 0
    found = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    text = read_page(path.read_bytes()).text
    assert any(q["quote"].startswith("Nous ne laisserons pas") for q in found), found
    for quotation in found:  # offsets into the extracted text, as the index keeps them
        assert text[quotation["start"] : quotation["end"]] == quotation["quote"]
