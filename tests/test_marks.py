"""Finding quotations: every kind of mark, stray marks, quotes over several paragraphs."""

from __future__ import annotations

import pytest

from bot.core.article import read_article
from bot.core.marks import find_quotations


def found(text: str) -> list[str]:
    article = read_article("t.txt", text)
    return [span.text(text) for span in find_quotations(text, article.paragraphs)]


@pytest.mark.parametrize(
    "text",
    [
        "Le ministre a parlé d'une «entente durable» avec ses voisins.",
        "Le ministre a parlé d'une « entente durable » avec ses voisins.",
        "Le ministre a parlé d'une «\u00a0entente durable\u00a0» avec ses voisins.",
        "Le ministre a parlé d'une «\u202fentente durable\u202f» avec ses voisins.",
        "Le ministre a parlé d'une “entente durable” avec ses voisins.",
        "Le ministre a parlé d'une „entente durable“ avec ses voisins.",
        "Le ministre a parlé d'une ‹entente durable› avec ses voisins.",
        'Le ministre a parlé d\'une "entente durable" avec ses voisins.',
    ],
)
def test_every_kind_of_mark(text: str) -> None:
    assert found(text) == ["entente durable"]


def test_offsets_point_at_the_words_between_the_marks() -> None:
    text = "Titre\n\nIl a évoqué « un tournant » pour la région."
    article = read_article("t.txt", text)
    (span,) = find_quotations(text, article.paragraphs)
    assert text[span.start : span.end] == "un tournant"


def test_a_stray_opening_mark_does_not_swallow_the_rest() -> None:
    text = "Il cite « un rapport sans fin. Plus loin, le texte parle de « paix durable » et de « confiance »."
    assert found(text) == ["paix durable", "confiance"]


def test_a_stray_closing_mark_is_ignored() -> None:
    text = "Le texte » finit mal. Ensuite on lit « un accord » signé hier."
    assert found(text) == ["un accord"]


def test_an_odd_straight_mark_spoils_only_itself() -> None:
    text = 'Le rapport de 12" est paru. Le chef a parlé de "progrès réels" cette semaine.'
    assert found(text) == ["progrès réels"]


def test_unbalanced_paragraph_does_not_derail_the_next_one() -> None:
    text = "Il a lancé « une phrase jamais fermée.\n\nAilleurs, on parle de « sécurité » et d'« avenir »."
    assert found(text) == ["sécurité", "avenir"]


def test_quote_reopened_on_each_paragraph_is_one_quotation() -> None:
    text = (
        "Le dirigeant a ajouté : « Nous bâtirons des écoles.\n\n"
        "« Nous ouvrirons des hôpitaux.\n\n"
        "« Et nous tiendrons parole. »\n\nFin du discours."
    )
    (quote,) = found(text)
    assert quote.split("\n") == [
        "Nous bâtirons des écoles.",
        "Nous ouvrirons des hôpitaux.",
        "Et nous tiendrons parole.",
    ]


def test_a_quote_inside_a_quote_stays_in_the_outer_one() -> None:
    text = "Il a dit : « Ce qu'ils appellent “paix” est une reddition. »"
    assert found(text) == ["Ce qu'ils appellent “paix” est une reddition."]


def test_mark_glued_to_an_elided_word() -> None:
    text = "Il a parlé d'un acte qu'\"aucun pays n'accepterait\" selon lui."
    assert found(text) == ["aucun pays n'accepterait"]


@pytest.mark.parametrize("glue", ["qu' »", "qu'»", "d' »"])
def test_a_closing_guillemet_typed_for_an_opening_one_after_an_elided_word(glue: str) -> None:
    text = f"Elle a rappelé {glue}aucun traité ne le prévoit » et que « rien ne presse »."
    assert found(text) == ["aucun traité ne le prévoit", "rien ne presse"]


def test_empty_marks_are_not_quotations() -> None:
    assert found("Un titre « » puis « ... » et enfin rien.") == []


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        ('He called it “a good day". Then he left.', ["a good day"]),
        ('He called it “a good day". She said "no" later.', ["a good day", "no"]),
        ('He called it “a good day”, and "a fair one".', ["a good day", "a fair one"]),
        ('“A "good" day,” he said.', ['A "good" day,']),  # a ” later in the paragraph closes it, not the "
    ],
)
def test_a_curly_quote_closed_by_a_straight_mark(text: str, quotes: list[str]) -> None:
    assert found(text) == quotes


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        ("PM hails ‘new chapter’ of ties", ["new chapter"]),
        ("Modi’s visit didn’t end", []),  # apostrophes
        ("The ‘90s were ‘great’ times", ["great"]),  # an elided year opens nothing that closes
        ("Rock ’n’ roll is ‘dead’, he said", ["dead"]),
        ("“He said ‘no’ to me,” she said.", ["He said ‘no’ to me,"]),  # nested: part of the outer quotation
    ],
)
def test_english_single_quotation_marks(text: str, quotes: list[str]) -> None:
    assert found(text) == quotes


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        (
            'Le sénateur a lancé : "Nous refusons ce que certains appellent "la réforme" du système", '
            "puis il est parti.",
            ['Nous refusons ce que certains appellent "la réforme" du système'],
        ),
        ('"They call it "progress", we call it waste," she said.', ['They call it "progress", we call it waste,']),
        # no outer closer after the inner pair: the first opener was stray, as before
        ('Il parle d\'un "accord et d\'une "trêve" signée hier.', ["trêve"]),
    ],
)
def test_a_straight_quote_inside_a_straight_quote_stays_in_the_outer_one(text: str, quotes: list[str]) -> None:
    assert found(text) == quotes


def test_a_quote_cut_by_a_paragraph_break_in_mid_sentence_goes_on() -> None:
    text = (
        'Titre\n\n"Les élus de la région se sont engagés auprès des\n\n'
        'habitants du littoral", a affirmé la maire.\n\nFin."'
    )
    assert [q.split("\n") for q in found(text)] == [
        ["Les élus de la région se sont engagés auprès des", "habitants du littoral"]
    ]


def test_a_quote_left_open_at_the_end_of_a_sentence_stops_there() -> None:
    text = 'Il a dit : "Nous verrons.\n\nLe lendemain, il a parlé de "paix" devant les élus.'
    assert found(text) == ["paix"]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("He spoke inside No. 10 on Friday. Then he left.", 2),
        ("Le gouvernement a eu recours à l'art. 49 de la Constitution. Le débat a suivi.", 2),
    ],
)
def test_an_abbreviation_before_a_number_ends_no_sentence(text: str, count: int) -> None:
    from bot.core.sentences import split_sentences

    article = read_article("t.txt", text)
    spans = find_quotations(text, article.paragraphs)
    assert len(split_sentences(text, article.paragraphs, spans)) == count


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        (
            "« Nous l'avons vu avec l'opération « Bouclier du Nord ». Nous ferons de même », a-t-il dit.",
            ["Nous l'avons vu avec l'opération « Bouclier du Nord ». Nous ferons de même"],
        ),
        (
            "« Le plan « Horizon » et le programme « Avenir » avancent », a-t-elle assuré.",
            ["Le plan « Horizon » et le programme « Avenir » avancent"],
        ),
        # no outer closer after the inner pair: the first opener was stray, as before
        ("Il parle d'un « accord et d'une « trêve » signée hier.", ["trêve"]),
    ],
)
def test_guillemets_inside_guillemets_stay_in_the_outer_quotation(text: str, quotes: list[str]) -> None:
    assert found(text) == quotes


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        # each quotation opens with one kind of mark and closes with the other
        (
            'Selon lui, “les prix vont baisser" tandis que "les salaires vont monter”.',
            ["les prix vont baisser", "les salaires vont monter"],
        ),
        (
            'Il dit “ce n’est plus la crise". Puis il ajoute que tout “va mieux”.',
            ["ce n’est plus la crise", "va mieux"],
        ),
        # a straight mark inside a curly quotation stays in it
        ('“He said "no" to me,” she said.', ['He said "no" to me,']),
        ('“Il a dit "non”, a-t-elle raconté.', ['Il a dit "non']),
    ],
)
def test_a_quotation_typed_with_one_curly_and_one_straight_mark(text: str, quotes: list[str]) -> None:
    assert found(text) == quotes


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        ("Le ministre a jugé 'inacceptable' la décision de Berlin.", ["inacceptable"]),
        (
            "'Nous voulons avancer sur d'autres sujets', a-t-il dit à l'AFP.",
            ["Nous voulons avancer sur d'autres sujets"],
        ),
        ("L'Allemagne d'aujourd'hui n'est plus celle d'hier.", []),  # apostrophes inside words
        ("The farmers' protest reached the leaders' summit.", []),  # possessives close nothing opened
        ("He called it 'a mistake', and the 'deal' stands.", ["a mistake", "deal"]),
    ],
)
def test_single_straight_apostrophes_as_quotation_marks(text: str, quotes: list[str]) -> None:
    assert found(text) == quotes
