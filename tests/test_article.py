"""Reading articles: noise, the title once, offsets, language, outlet from the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.article import read_article
from bot.core.sources import SourcesError, load_sources

PAGE = """Accueil
Partager sur Facebook
Share on twitter
Le sommet de Vladivostok s'ouvre
Le sommet de Vladivostok s'ouvre

Par Le Courrier Asiatique avec agences

12.09.2023
3 min de lecture
Les deux délégations sont arrivées mardi.
Photo : Sputnik
AFP / Getty Images / Pool Des délégués posent devant le port
Le port de la ville, de la baie de la Corne d'Or, vue du port de la ville, de la baie de la Corne d'Or, vue du port
Laisser un commentaire
Your email address will not be published.
"""


def test_noise_is_dropped_and_the_title_kept_once() -> None:
    article = read_article("page.txt", PAGE)
    kept = [p.text for p in article.paragraphs]
    assert article.title == "Le sommet de Vladivostok s'ouvre"
    assert kept.count("Le sommet de Vladivostok s'ouvre") == 1
    assert "Les deux délégations sont arrivées mardi." in kept
    for noise in (
        "Partager sur Facebook",
        "Share on twitter",
        "12.09.2023",
        "3 min de lecture",
        "Photo : Sputnik",
        "Laisser un commentaire",
        "Your email address will not be published.",
    ):
        assert noise not in kept
    assert not any("Getty" in p or "Corne d'Or" in p for p in kept)


def test_paragraph_offsets_point_into_the_original() -> None:
    article = read_article("page.txt", PAGE)
    for paragraph in article.paragraphs:
        assert PAGE[paragraph.start : paragraph.end] == paragraph.text


def test_headline_repeated_with_other_marks_is_one() -> None:
    text = 'Kim salue "un allié"\nKim salue « un allié »\n\nCorps du texte.'
    assert [p.text for p in read_article("t.txt", text).paragraphs] == ['Kim salue "un allié"', "Corps du texte."]


@pytest.mark.parametrize(
    ("first_paragraphs", "outlet"),
    [
        ("Titre\n\nKoreaDaily - Le dirigeant a parlé.", "KoreaDaily"),
        ("Titre\n\nPar Le Courrier Asiatique avec agences\n\nTexte.", "Le Courrier Asiatique"),
        ("Titre\n\nBy Pacific Wire with agencies\n\nText.", "Pacific Wire"),
        ("Titre\n\nMoscou - Le dirigeant a parlé.", None),
        ("Titre\n\nPar Jean Dupont\n\nTexte.", None),
        ("Titre\n\nTexte sans signature.", None),
    ],
)
def test_outlet_only_when_the_text_names_it(first_paragraphs: str, outlet: str | None) -> None:
    assert read_article("t.txt", first_paragraphs).outlet_in_text == outlet


def test_language_detection() -> None:
    assert read_article("t.txt", "Le président a dit que la paix est proche.").language == "fr"
    assert read_article("t.txt", "The president said that the peace is near and he will go.").language == "en"


def test_sources_file_contract(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(
        '[[article]]\nfile = "a.txt"\noutlet = "X"\npublished = "2024-06"\n\n[[article]]\nfile = "b.txt"\n',
        encoding="utf-8",
    )
    sources = load_sources(path)
    assert sources["a.txt"].outlet == "X" and sources["a.txt"].published == "2024-06"
    assert sources["b.txt"].outlet is None and sources["b.txt"].url is None


def test_sources_file_errors_say_where(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text('[[article]]\nfile = "a.txt"\npublished = "June 2024"\n', encoding="utf-8")
    with pytest.raises(SourcesError, match=r"a\.txt"):
        load_sources(path)
    assert load_sources(tmp_path / "missing.toml") == {}


def test_bundled_sources_cover_the_bundled_articles() -> None:
    data = Path(__file__).resolve().parents[1] / "data"
    sources = load_sources(data / "sources.toml")
    assert {p.name for p in (data / "articles").glob("*.txt")} == set(sources)


@pytest.mark.parametrize(
    ("line", "noise"),
    [
        ("star_border 4,5", True),  # an icon's name scraped as text
        ("bookmark Ajouter à ma liste", True),
        ("folder_open Politique", True),
        ('Starmer replied: "We are driving borrowing costs down."', False),  # a name that starts like an icon
        ("Bookmaker odds shifted after the debate.", False),
    ],
)
def test_icon_names_are_furniture_but_words_that_start_like_them_are_not(line: str, noise: bool) -> None:
    kept = [p.text for p in read_article("page.txt", f"Titre\n\n{line}\n\nFin de l'article.").paragraphs]
    assert (line not in kept) is noise
