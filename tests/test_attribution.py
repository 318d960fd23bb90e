"""Attribution patterns, each on sentences written for the test (not from the samples)."""

from __future__ import annotations

import pytest

from tests.conftest import by_text

PRINCIPALS = {"putin", "kim"}


# ---- cue positions --------------------------------------------------------------------------


def test_cue_after_with_name(quotes) -> None:
    q = by_text(quotes("« Nous allons bâtir un nouveau pont sur le fleuve », a annoncé Vladimir Poutine."), "pont")
    assert (q.speaker, q.kind, q.cue) == ("putin", "full", "a annoncé")


def test_cue_after_with_role_and_inserted_words(quotes) -> None:
    text = "« Notre amitié ne connaît pas de frontières », a pour sa part affirmé le numéro un nord-coréen."
    assert by_text(quotes(text), "amitié").speaker == "kim"


def test_cue_after_with_time_words_before_the_name(quotes) -> None:
    text = "« Les sanctions ont échoué », a estimé jeudi le maître du Kremlin devant la presse."
    assert by_text(quotes(text), "sanctions").speaker == "putin"


def test_cue_before_with_colon_is_a_full_quote(quotes) -> None:
    q = by_text(quotes("Le chef du Kremlin a déclaré : « La coopération militaire va s'intensifier. »"), "coopération")
    assert (q.speaker, q.kind) == ("putin", "full")


def test_partial_quote_inside_the_writers_sentence(quotes) -> None:
    q = by_text(quotes("Kim Jong-un a promis une « riposte sans précédent » aux manœuvres alliées."), "riposte")
    assert (q.speaker, q.kind) == ("kim", "partial")


def test_participle_takes_the_subject_of_its_clause(quotes) -> None:
    text = (
        "Lors du banquet, le président russe a levé son verre aux travailleurs, "
        "estimant que leurs efforts « méritent la gratitude de la nation »."
    )
    assert by_text(quotes(text), "gratitude").speaker == "putin"


def test_coordinated_verbs_share_their_subject(quotes) -> None:
    text = (
        "Kim Jong Un a visité une usine de munitions du chef russe de la logistique et "
        "a affirmé que la production devait « doubler avant l'hiver »."
    )
    assert by_text(quotes(text), "doubler").speaker == "kim"


def test_selon_names_the_source(quotes) -> None:
    assert (
        by_text(quotes("Selon Vladimir Poutine, « rien ne justifie ces sanctions »."), "sanctions").speaker == "putin"
    )


# ---- incises ----------------------------------------------------------------------------------


def test_incise_with_name_is_one_quotation_without_the_incise(quotes) -> None:
    (q,) = quotes("« Nous sommes prêts, a déclaré Poutine, à discuter sans conditions préalables. »")
    assert q.speaker == "putin"
    assert q.text == "Nous sommes prêts à discuter sans conditions préalables."
    assert q.cue == "a déclaré Poutine"


def test_incise_with_pronoun_takes_the_recent_speaker(quotes) -> None:
    text = (
        "Kim Jong-un a inspecté mardi un chantier naval. "
        "« Ce navire, a-t-il affirmé, protégera nos côtes pour des décennies. »"
    )
    q = by_text(quotes(text), "navire")
    assert q.speaker == "kim"
    assert q.text == "Ce navire protégera nos côtes pour des décennies."


# ---- pronouns ---------------------------------------------------------------------------------


def test_pronoun_takes_the_subject_of_the_previous_sentence(quotes) -> None:
    text = "Vladimir Poutine a reçu les ambassadeurs au Kremlin. Il a ajouté : « Nos portes restent ouvertes. »"
    assert by_text(quotes(text), "portes").speaker == "putin"


def test_inverted_pronoun_after_the_quote(quotes) -> None:
    text = (
        "« La récolte sera abondante », a assuré le dirigeant nord-coréen. "
        "« Nos paysans ont travaillé jour et nuit », a-t-il poursuivi."
    )
    assert by_text(quotes(text), "paysans").speaker == "kim"


def test_pronoun_after_someone_else_is_not_putin(quotes) -> None:
    text = (
        "Vladimir Poutine a quitté la salle. Le ministre Sergueï Lavrov a ensuite rencontré la presse. "
        "Il a déclaré : « Les négociations reprendront lundi. »"
    )
    assert by_text(quotes(text), "négociations").speaker not in PRINCIPALS


def test_feminine_pronoun_never_goes_to_a_male_speaker(quotes) -> None:
    text = "Vladimir Poutine a salué les délégués. Elle a déclaré : « Le sommet est un succès. »"
    assert by_text(quotes(text), "sommet").speaker not in PRINCIPALS


def test_plural_pronoun_is_nobody_in_particular(quotes) -> None:
    text = "Poutine et Kim ont visité le port. Ils ont déclaré : « Ce port est stratégique. »"
    assert by_text(quotes(text), "port est").speaker not in PRINCIPALS


def test_impersonal_il_is_not_a_speaker(quotes) -> None:
    text = "Kim Jong-un a présidé la réunion. Il s'agit d'une « étape décisive » selon la presse locale."
    assert by_text(quotes(text), "étape").speaker not in PRINCIPALS


# ---- continuation paragraphs ----------------------------------------------------------------


def test_paragraph_that_is_only_a_quote_continues_the_previous_speaker(quotes) -> None:
    text = (
        "« Le port de Rason sera agrandi », a déclaré Kim Jong-un aux ingénieurs.\n\n"
        "« Les travaux commenceront au printemps et dureront deux ans. »\n\n"
        "Le chantier emploiera des milliers d'ouvriers."
    )
    assert by_text(quotes(text), "printemps").speaker == "kim"


def test_quote_paragraph_after_narration_is_not_attributed(quotes) -> None:
    text = "Vladimir Poutine est arrivé à Pyongyang dans la nuit.\n\n« Bienvenue aux amis de la Corée. »\n\nFin."
    assert by_text(quotes(text), "Bienvenue").speaker not in PRINCIPALS


def test_heading_reusing_a_quote_takes_the_speaker_of_that_quote(quotes) -> None:
    text = (
        "Titre de l'article sur la Défense\n\n"
        "« Voisin fiable »\n\n"
        "Le ministre Andreï Belooussov a qualifié la Chine de « voisin fiable » lors d'une visite à Pékin."
    )
    qs = quotes(text)
    assert [q.speaker for q in qs if "oisin fiable" in q.text] == [qs[-1].speaker, qs[-1].speaker]
    assert qs[0].speaker not in PRINCIPALS


# ---- agencies and other speakers ------------------------------------------------------------


def test_agency_relaying_a_speaker(quotes) -> None:
    text = "« Notre armée est prête à toute éventualité », a rapporté KCNA, citant Kim Jong-un."
    assert by_text(quotes(text), "armée").speaker == "kim"


@pytest.mark.parametrize(
    ("text", "language", "speaker"),
    [
        ('The North Korean leader visited a shipyard on Monday, KCNA said, quoting him as saying the navy must be '
         '"ready for war".', "en", "kim"),
        ("Vladimir Poutine a reçu des étudiants à Moscou. L'agence TASS, le citant, affirme que le pays veut « bâtir "
         "un monde multipolaire ».", "fr", "putin"),
        # the pronoun must fit the one principal named, and one only
        ('Kim Jong Un\'s sister inspected the border, KCNA said, quoting her as saying the South was "a hostile '
         'state".', "en", "other:KCNA"),
        ('Kim Jong Un and Vladimir Putin met in Vostochny, KCNA said, quoting him as saying ties were '
         '"unbreakable".', "en", "other:KCNA"),
    ],
)
def test_an_agency_quoting_him_passes_the_words_to_whom_the_pronoun_names(quotes, text, language, speaker) -> None:
    assert quotes(text, language)[-1].speaker == speaker


def test_agency_narration_is_the_agency(quotes) -> None:
    text = "« Le dirigeant a inspecté une usine de tracteurs à Pyongyang », a rapporté KCNA."
    assert by_text(quotes(text), "tracteurs").speaker == "other:KCNA"


def test_agency_saying_that_kim_did_something_is_the_agency(quotes) -> None:
    text = "« Une nouvelle usine a ouvert », a indiqué KCNA, précisant que Kim a coupé le ruban."
    assert by_text(quotes(text), "usine").speaker == "other:KCNA"


def test_spokesman_is_someone_else(quotes) -> None:
    text = "« Le président n'a pas de projet de voyage », a déclaré le porte-parole du Kremlin, Dmitri Peskov."
    assert by_text(quotes(text), "voyage").speaker.startswith("other:")


def test_someone_speaking_to_kim_is_not_kim(quotes) -> None:
    text = "« Votre visite honore notre pays », a déclaré à Kim Jong-un le président chinois Xi Jinping."
    assert by_text(quotes(text), "visite").speaker.startswith("other:")


def test_minister_named_in_apposition(quotes) -> None:
    text = "Le ministre des Affaires étrangères, Sergueï Lavrov, a qualifié la réunion de « très constructive »."
    assert by_text(quotes(text), "constructive").speaker.startswith("other:")


@pytest.mark.parametrize(
    "text",
    [
        "La porte-parole de Vladimir Poutine a déclaré : « Aucune décision n'a été prise. »",
        "L'ancien président russe Dmitri Medvedev a déclaré : « Aucune décision n'a été prise. »",
        "Kim Yo Jong, la sœur du dirigeant nord-coréen, a déclaré : « Aucune décision n'a été prise. »",
        "Un conseiller de Kim Jong-un a déclaré : « Aucune décision n'a été prise. »",
        "Le vice-président russe a déclaré : « Aucune décision n'a été prise. »",
    ],
)
def test_people_close_to_a_principal_are_not_the_principal(quotes, text: str) -> None:
    assert by_text(quotes(text), "décision").speaker not in PRINCIPALS


def test_two_speakers_as_subject_is_nobody(quotes) -> None:
    text = "Poutine et Kim ont qualifié l'accord d'« historique » lors de la cérémonie."
    assert by_text(quotes(text), "historique").speaker not in PRINCIPALS


def test_scare_quote_without_a_speech_verb(quotes) -> None:
    q = by_text(
        quotes("Pyongyang a envoyé des « volontaires » sur le front, selon les services sud-coréens."), "volontaires"
    )
    assert q.speaker not in PRINCIPALS
    q = by_text(quotes("Kim Jong-un a envoyé des « volontaires » sur le front."), "volontaires")
    assert (q.speaker, q.kind) == ("unknown", "scare")


def test_names_inside_a_quote_do_not_make_it_theirs(quotes) -> None:
    text = "« Poutine et Kim ont déjeuné ensemble au palais », a rapporté Interfax."
    assert by_text(quotes(text), "déjeuné").speaker == "other:Interfax"


# ---- repeated headlines and English ---------------------------------------------------------


def test_repeated_headline_counts_once(quotes) -> None:
    text = (
        'Poutine promet "une aide totale" à Pyongyang\n'
        "Poutine promet « une aide totale » à Pyongyang\n\n"
        "Le président russe a tenu parole."
    )
    qs = quotes(text)
    assert [(q.text, q.speaker) for q in qs] == [("une aide totale", "putin")]


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        ('"We will build a new bridge across the river," Putin said on Tuesday.', "bridge", "putin"),
        ('"Our friendship has no borders," said Kim Jong Un.', "friendship", "kim"),
        ('Russian President Vladimir Putin told reporters: "The sanctions have failed."', "sanctions", "putin"),
        ('"The talks will resume on Monday," Kremlin spokesman Dmitry Peskov said.', "talks", None),
        ('"The leader inspected a tractor plant," KCNA reported.', "tractor", None),
        ('According to the Kremlin, "no decision has been taken".', "decision", None),
    ],
)
def test_english_cues(quotes, text: str, fragment: str, speaker: str | None) -> None:
    q = by_text(quotes(text, "en"), fragment)
    if speaker is None:
        assert q.speaker not in PRINCIPALS
    else:
        assert q.speaker == speaker


def test_english_pronoun_takes_the_previous_speaker(quotes) -> None:
    text = 'North Korean leader Kim Jong Un visited a shipyard on Tuesday. "This ship will guard our coast," he said.'
    assert by_text(quotes(text, "en"), "ship").speaker == "kim"


def test_english_article_language_is_detected(extractor) -> None:
    text = 'Putin meets Kim\n\nThe Russian leader said that "the alliance is strong" and he thanked his host.'
    result = extractor.extract("en.txt", text)
    assert result.article.language == "en"
    assert by_text(result.quotations, "alliance").speaker == "putin"


def test_pour_x_at_the_head_of_the_sentence(quotes) -> None:
    text = "Pour Vladimir Poutine, la visite reste « un symbole fort » de l'amitié."
    assert by_text(quotes(text), "symbole").speaker == "putin"


def test_pour_with_a_place_is_not_a_speaker(quotes) -> None:
    text = "Pour la Corée du Nord, ces manœuvres sont une « provocation »."
    assert by_text(quotes(text), "provocation").speaker not in PRINCIPALS


def test_a_korean_named_kim_is_not_kim_jong_un(quotes) -> None:
    text = (
        "Le ministre Kim Yong-hyun a déclaré : « Nous répondrons avec fermeté. » "
        "Kim Min-seok a ajouté : « Restons unis. »"
    )
    qs = quotes(text)
    assert {q.speaker for q in qs}.isdisjoint(PRINCIPALS)


def test_pronoun_does_not_jump_over_a_sentence_naming_someone_else(quotes) -> None:
    text = (
        "Le président russe a salué la délégation. Selon Kim Jong-un, l'accord change la donne. "
        "« Le monde a changé », a-t-il ajouté."
    )
    assert by_text(quotes(text), "monde").speaker != "putin"


def test_a_registry_person_is_never_other(quotes) -> None:
    for q in quotes("Selon Kim Jong Un, « la paix est proche ». D'après le chef du Kremlin, « rien n'est joué »."):
        assert q.speaker in PRINCIPALS


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Le sommet s'est ouvert.\n\n« Nous bâtirons un pont sur le fleuve. »\nVladimir Poutine\n\nLa suite.", "putin"),
        ("EN:The summit opened.\n\n“We will build a bridge over the river.”\n— Kim Jong-un\n\nMore.", "kim"),
        ("Le sommet s'est ouvert.\n\n« Nous bâtirons un pont sur le fleuve. »\nDmitri Peskov\n", "other:Dmitri Peskov"),
    ],
)
def test_a_name_alone_under_a_quotation_is_its_credit(quotes, text: str, speaker: str) -> None:
    language = "en" if text.startswith("EN:") else None
    assert by_text(quotes(text.removeprefix("EN:"), language), "bridge" if language else "pont").speaker == speaker


def test_a_credit_repeated_under_several_quotations_counts_under_each(quotes) -> None:
    text = (
        "Le sommet s'est ouvert.\n\n« Nous bâtirons un pont. »\nVladimir Poutine\n\nSur la guerre :\n\n"
        "« Nous tiendrons bon. »\nVladimir Poutine\n\nLa suite de l'article."
    )
    assert [by_text(quotes(text), f).speaker for f in ("pont", "bon")] == ["putin", "putin"]


def test_a_line_under_a_quotation_that_is_no_name_credits_nobody(quotes) -> None:
    """A sentence naming a principal under a quotation is no credit: the quotation goes on with Peskov."""
    text = (
        "« Le dialogue continue », a déclaré Dmitri Peskov.\n\n« Nous tiendrons bon. »\n"
        "Vladimir Poutine veut la paix\n"
    )
    assert by_text(quotes(text), "bon").speaker == "other:Dmitri Peskov"
