"""One test or more per rule of `bot.core.attribution.rules`, on sentences written for the test.

The dev registry (`tests/realdev/speakers.toml`) names other leaders as principals, so these tests
also prove that a principal is an edit of a file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.core.attribution import rules
from bot.core.extract import Extractor, Quotation
from bot.core.registry import load_registry
from tests.conftest import ROOT, by_text

DEV_SPEAKERS = ROOT / "tests" / "realdev" / "speakers.toml"


@pytest.fixture(scope="module")
def dev_quotes():
    extractor = Extractor(DEV_SPEAKERS)

    def run(text: str, language: str | None = None, published: str | None = None) -> list[Quotation]:
        return extractor.extract("test.txt", text, language, published).quotations

    return run


def test_readme_lists_the_rules_in_the_codes_order() -> None:
    """The README's list of rules is the code's table of contents."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\d+\. `(\w+)`", readme, flags=re.M)
    declared = [rule.__name__ for rule in (*rules.QUOTE_RULES, *rules.ARTICLE_RULES)]
    assert listed == declared


# ---- name_after_preposition --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "words"),
    [
        ("Giorgia Meloni a déclaré dans un entretien à « Radio Nova » : « Nous tiendrons. »", "fr", "Radio Nova"),
        ("Olaf Scholz a répondu à Jeanne Roy, du « Courrier de l'Ouest », sur la dette.", "fr", "Courrier de l'Ouest"),
        ('Modi said in an interview with "Morning Edition" that the talks had gone well.', "en", "Morning Edition"),
    ],
)
def test_a_name_in_marks_after_a_preposition_is_nobodys_speech(dev_quotes, text, language, words) -> None:
    assert by_text(dev_quotes(text, language, "2023-05-02"), words).speaker == "unknown"


def test_words_after_a_preposition_that_are_not_a_name_stay_the_speakers(dev_quotes) -> None:
    text = "Giorgia Meloni a appelé à « rester unis face aux menaces »."
    assert by_text(dev_quotes(text, "fr", "2023-05-02"), "rester unis").speaker == "meloni"


# ---- cue_after_quote ---------------------------------------------------------------------------


def test_cue_after_names_a_dev_principal(dev_quotes) -> None:
    q = by_text(dev_quotes("« Nous ne céderons rien », a déclaré Giorgia Meloni mardi."), "céderons")
    assert (q.speaker, q.cue) == ("meloni", "a déclaré")


def test_cue_after_with_honorific_is_the_person_not_m(dev_quotes) -> None:
    text = "« La réforme passera », a affirmé M. Erdogan devant la presse."
    assert by_text(dev_quotes(text, published="2023-05-02"), "réforme").speaker == "erdogan"


def test_the_office_of_a_principal_is_not_the_principal(dev_quotes) -> None:
    text = 'Italy "remains a steadfast partner of Kyiv," Meloni\'s office said in a statement.'
    assert by_text(dev_quotes(text, "en"), "steadfast").speaker not in {"meloni", "zelensky"}


# ---- incise_inside_marks ---------------------------------------------------------------------


def test_incise_ending_a_sentence_inside_the_marks_is_one_quotation(dev_quotes) -> None:
    (q,) = dev_quotes("« Nous irons jusqu'au bout, a déclaré Giorgia Meloni. Et nous gagnerons. »")
    assert q.speaker == "meloni"
    assert q.text == "Nous irons jusqu'au bout. Et nous gagnerons."


def test_an_incise_after_a_list_with_commas_is_still_found(dev_quotes) -> None:
    """The comma closing one piece of a list may open the incise: « le travail, la paix, a dit X, »."""
    text = "« Il faut du travail, de la patience et du courage, a affirmé Giorgia Meloni, pour réussir. »"
    (q,) = dev_quotes(text)
    assert (q.speaker, q.text) == ("meloni", "Il faut du travail, de la patience et du courage pour réussir.")


def test_a_verb_that_reports_only_after_words_said_works_in_an_incise(dev_quotes) -> None:
    (q,) = dev_quotes("« Nous tiendrons, a lancé Pedro Sánchez. Les Espagnols le savent. »")
    assert (q.speaker, q.text) == ("sanchez", "Nous tiendrons. Les Espagnols le savent.")
    pieces = dev_quotes('"We will hold, for years, if needed," Keir Starmer countered, "and we will win."', "en")
    assert [q.speaker for q in pieces] == ["starmer", "starmer"]


# ---- term_as_subject -------------------------------------------------------------------------


def test_a_term_that_is_the_subject_of_the_writers_verb_is_nobodys(dev_quotes) -> None:
    text = 'Xi Jinping said the city was calm and "one country, two systems" has served it well.'
    assert by_text(dev_quotes(text, "en"), "one country").speaker == "unknown"


def test_a_fragment_after_the_verb_is_still_the_subjects(dev_quotes) -> None:
    text = "Xi Jinping a promis une « coopération renforcée » à ses voisins."
    assert by_text(dev_quotes(text, published="2024-03-01"), "coopération").speaker == "xi"


def test_a_quote_followed_by_a_place_after_a_is_not_a_term(quotes) -> None:
    text = 'Poutine promet "une aide totale" à Pyongyang'
    assert by_text(quotes(text), "aide totale").speaker == "putin"


# ---- source_before_quote / source_heading_sentence ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # a medium after the speaker's own verb is who reports the words, not who said them
        (
            "« Je comprends vos doutes », aurait dit Olaf Scholz selon le journal allemand, « mais je suis las ».",
            "je suis las",
            "scholz",
        ),
        ("Giorgia Meloni lui aurait répondu selon le quotidien : « Nous ne céderons pas ».", "Nous ne", "meloni"),
        ('Modi replied, according to the newspaper, "We will not back down".', "We will not", "modi"),
        # no speech verb of the sentence's own: the medium's words
        ("Selon le quotidien, « la réforme est enterrée ».", "la réforme", "other"),
        # another speaker's verb after the medium: theirs
        (
            "Giorgia Meloni s'est tue. Selon le journal, le ministre a déclaré : « Nous ne céderons pas ».",
            "Nous ne",
            "other",
        ),
    ],
)
def test_a_medium_after_the_speakers_verb_reports_the_words(dev_quotes, text, words, speaker) -> None:
    assert by_text(dev_quotes(text, None, "2023-05-02"), words).speaker.split(":")[0] == speaker


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ("« Nous verrons », a insisté, pour sa part, le chancelier allemand.", "Nous verrons", "scholz"),
        ("« Nous verrons », a insisté, de son côté, Jean Dupuis.", "Nous verrons", "other"),
        ("« La haine n'a aucune limite », réagit Olaf Scholz, « c'est un scandale ».", "scandale", "scholz"),
        ("« La haine n'a aucune limite », a réagi le porte-parole.", "La haine", "other"),
    ],
)
def test_an_inverted_cue_past_an_aside_and_reagir(dev_quotes, text, words, speaker) -> None:
    assert by_text(dev_quotes(text, "fr", "2023-05-02"), words).speaker.split(":")[0] == speaker


def test_abonder_after_the_quotation_is_a_cue(dev_quotes) -> None:
    text = "« Nous avancerons ensemble », a abondé Olaf Scholz lors de la conférence de presse."
    assert by_text(dev_quotes(text, "fr", "2023-05-02"), "avancerons").speaker == "scholz"


def test_selon_a_principal(dev_quotes) -> None:
    text = "Selon Pedro Sánchez, « la reconnaissance est une question de justice »."
    assert by_text(dev_quotes(text), "justice").speaker == "sanchez"


@pytest.mark.parametrize(
    ("text", "language", "speaker"),
    [
        ('Kim said, according to KCNA, that the new plant was "a model for the whole country".', "en", "kim"),
        ("Kim Jong-un a affirmé, selon KCNA, que l'usine était « un modèle pour tout le pays ».", "fr", "kim"),
        ('The minister said, according to KCNA, that the plant was "a model for the whole country".', "en", "other"),
        ("Selon KCNA, l'usine est « un modèle pour tout le pays ».", "fr", "other"),
    ],
)
def test_an_agency_after_the_speech_verb_reports_the_words(quotes, text, language, speaker) -> None:
    assert quotes(text, language)[0].speaker.split(":")[0] == speaker


def test_pour_a_principal_at_the_head_of_the_sentence(dev_quotes) -> None:
    text = "Pour Lula, « la démocratie a gagné ce dimanche »."
    assert by_text(dev_quotes(text, published="2023-01-09"), "démocratie").speaker == "lula"


# ---- speaker_label_before_quote, quote_then_subject_heading ------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "speaker"),
    [
        ("Giorgia Meloni : « Nous tiendrons nos engagements envers nos alliés »", "fr", "meloni"),
        ("Zelensky, président de l'Ukraine : « Chaque jour compte pour nos soldats. »", "fr", "zelensky"),
        ('Olaf Scholz: "We will stand by our partners for as long as it takes."', "en", "scholz"),
        ("Question : « Que répondez-vous à Giorgia Meloni sur ce point ? »", "fr", "unknown"),
        ("Le ministre des Finances, Jean Dupuis : « Nous tiendrons nos engagements. »", "fr", "other"),
        ("La presse attendait Meloni : « Nous tiendrons nos engagements envers nos alliés »", "fr", "unknown"),
    ],
)
def test_a_speakers_label_before_the_colon(dev_quotes, text, language, speaker) -> None:
    q = dev_quotes(text, language, "2023-05-02")[0]
    assert q.speaker.split(":")[0] == speaker


@pytest.mark.parametrize(
    ("text", "language", "speaker"),
    [
        ("« Nous tiendrons nos engagements envers nos alliés » : Meloni rassure Bruxelles", "fr", "meloni"),
        ('"We will stand by our partners": Scholz reassures Kyiv', "en", "scholz"),
        ("« Nous tiendrons nos engagements envers nos alliés » : Zelensky répond à Meloni", "fr", "zelensky"),
        ("« Traître » : Meloni répond à son rival", "fr", "unknown"),  # a word: who said it is not told
        ("« Nous tiendrons nos engagements envers nos alliés » : Meloni et Scholz signent", "fr", "unknown"),
        ("« Nous tiendrons nos engagements envers nos alliés » : la réponse attendue de Rome", "fr", "unknown"),
        (
            "« Nous tiendrons nos engagements envers nos alliés » : Meloni a cité Scholz devant le Sénat",
            "fr",
            "unknown",
        ),  # another person named after the subject: the words may be theirs
    ],
)
def test_a_headline_quote_then_a_colon_and_who(dev_quotes, text, language, speaker) -> None:
    q = dev_quotes(text, language, "2023-05-02")[0]
    assert q.speaker == speaker


# ---- report_continues --------------------------------------------------------------------------

_SAID = "« Nous tiendrons nos engagements », a déclaré Giorgia Meloni mardi.\n\n"


@pytest.mark.parametrize(
    ("text", "language", "speaker"),
    [
        (_SAID + "La coopération avec Berlin « doit être renforcée dans tous les domaines ».", "fr", "meloni"),
        (
            '"We will keep our commitments," Scholz said on Tuesday. Cooperation with Rome "must grow in every field".',
            "en",
            "scholz",
        ),
        # someone else named, or a cue, or a pronoun in between: the report may be theirs
        (
            _SAID + "Le ministre Jean Dupuis a répondu. La coopération « doit cesser dans tous les domaines ».",
            "fr",
            "unknown",
        ),
        (_SAID + "L'opposition a dénoncé mardi un accord qui « doit cesser dans tous les domaines ».", "fr", "other"),
        (_SAID + "Ils estiment que la coopération « doit cesser dans tous les domaines ».", "fr", "unknown"),
        # a name alone between, no verb: the model's names count too
        (
            _SAID + "Réunion avec Jean Dupuis à Rome. La coopération « doit cesser dans tous les domaines ».",
            "fr",
            "unknown",
        ),
        # a few words in marks are a term; an earlier quotation nobody is said to say passes nothing on
        (_SAID + "La coopération reste un « partenariat stratégique ».", "fr", "unknown"),
        (
            "« Nous tiendrons nos engagements. »\n\nLa coopération « doit être renforcée dans tous les domaines ».",
            "fr",
            "unknown",
        ),
    ],
)
def test_a_report_goes_on_in_the_writers_sentence(dev_quotes, text, language, speaker) -> None:
    q = dev_quotes(text, language, "2023-05-02")[-1]
    assert q.speaker.split(":")[0] == speaker, q


# ---- speech_verb_before ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "speaker"),
    [
        # the completive's subject is a thing: the verb after « et » shares the reporting verb's subject
        (
            "La Première ministre Giorgia Meloni a affirmé que l'alliance était « solide » et s'est dite sûre "
            "qu'elle serait « renforcée encore » cette année.",
            "fr",
            "meloni",
        ),
        (
            "Olaf Scholz a assuré que la relation restait « essentielle » et a promis de « travailler sans relâche ».",
            "fr",
            "scholz",
        ),
        # the completive's subject is a person: the verb after « et » may be theirs
        (
            "Olaf Scholz a assuré que le ministre restait « confiant » et a promis de « travailler sans relâche ».",
            "fr",
            "unknown",
        ),
        (
            "Olaf Scholz a assuré que son homologue restait « confiant » et a promis de « travailler sans relâche ».",
            "fr",
            "unknown",
        ),
    ],
)
def test_a_speech_verb_coordinated_after_a_completive_shares_the_subject(dev_quotes, text, language, speaker) -> None:
    q = dev_quotes(text, language, "2023-05-02")[-1]
    assert q.speaker.split(":")[0] == speaker, q


def test_a_question_in_a_relative_on_the_one_answered_after_an_apposition_is_not_the_answerers(dev_quotes) -> None:
    text = (
        "Olaf Scholz répond à Jeanne Roy, du « Courrier de l'Ouest » qui veut savoir si la coalition est "
        "« durablement fragilisée » par la crise."
    )
    assert by_text(dev_quotes(text, "fr", "2023-05-02"), "durablement").speaker == "unknown"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Giorgia Meloni condemned what she called “a climate of hatred”.", "meloni"),
        # a pronoun opening the sentence: whom it stands for is not said here ("Putin met Kim. He praised what ...")
        ("Giorgia Meloni met Olaf Scholz. She condemned what she called “a climate of hatred”.", "unknown"),
        ("Giorgia Meloni a dénoncé ce qu'elle a qualifié de « climat de haine ».", "meloni"),
        # anyone else named or described between: the pronoun may be theirs
        ("Olaf Scholz criticised Emmanuel Macron for what he called “a climate of hatred”.", "unknown"),
        ("Olaf Scholz criticised Jean Dupont for what he called “a climate of hatred”.", "unknown"),
        ("Olaf Scholz a reçu un ministre, qui a dénoncé ce qu'il a qualifié de « climat de haine ».", "unknown"),
        ("Olaf Scholz spoke. The minister then denounced what he called “a climate of hatred”.", "unknown"),
        # the reviews' cases: someone between, not named by a noun the engine knows
        ("Olaf Scholz met a veteran who denounced what he called “a betrayal by the generals”.", "unknown"),
        ("Olaf Scholz a été interpellé par un étudiant, qui a dénoncé ce qu'il a qualifié de « guerre ».", "unknown"),
        # the pronoun's gender is not the subject's
        ("Giorgia Meloni criticised the plan for what he called “a climate of hatred”.", "unknown"),
    ],
)
def test_what_the_subject_called_is_the_subjects(dev_quotes, text, speaker) -> None:
    assert dev_quotes(text, None, "2024-05-02")[-1].speaker.split(":")[0] == speaker


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ("Giorgia Meloni a décrit la rencontre comme « franche et constructive ».", "franche", "meloni"),
        (
            "Javier Milei a présenté le marché, « attaqué par la gauche », comme « le seul système qui marche ».",
            "le seul système",
            "milei",
        ),
        ("Giorgia Meloni a parlé. Le ministre a présenté la loi comme « indispensable ».", "indispensable", "other"),
        # « présenter » without « comme » says nothing of words
        ("Giorgia Meloni a présenté son plan lors d'une réunion où « rien n'a été décidé ».", "rien", "unknown"),
    ],
)
def test_presenting_or_describing_something_as_words_is_the_subjects(dev_quotes, text, words, speaker) -> None:
    assert by_text(dev_quotes(text, "fr", "2024-05-02"), words).speaker.split(":")[0] == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Olaf Scholz a longuement parlé. Et le chancelier allemand d'ajouter : « Nous tiendrons. »", "scholz"),
        ("Olaf Scholz a longuement parlé. Et Olaf Scholz de conclure : « Nous tiendrons. »", "scholz"),
        # the subject between « Et » and « de » is someone else, or described only
        ("Olaf Scholz a longuement parlé. Et Jean Dupuis d'ajouter : « Nous tiendrons. »", "other"),
        ("Olaf Scholz a longuement parlé. Et son ministre d'ajouter : « Nous tiendrons. »", "other"),
        # a role followed by a complement is another office, not the narrative infinitive
        ("Le chancelier allemand de l'époque a dit : « Nous tiendrons. »", "unknown"),
    ],
)
def test_the_narrative_infinitive_takes_its_subject(dev_quotes, text, speaker) -> None:
    assert dev_quotes(text, "fr", "2023-05-02")[-1].speaker.split(":")[0] == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("« Nous tiendrons. » C'est en ces termes que Giorgia Meloni a décrit la situation.", "meloni"),
        ("« Nous tiendrons. » C'est ce que Giorgia Meloni a déclaré mardi.", "meloni"),
        ("« Nous tiendrons. » C'est en ces termes que le ministre a décrit la position de Giorgia Meloni.", "other"),
    ],
)
def test_the_next_sentence_says_who_in_normal_order(dev_quotes, text, speaker) -> None:
    assert dev_quotes(text, "fr", "2023-05-02")[0].speaker.split(":")[0] == speaker


def test_a_word_talked_about_does_not_take_the_speaker_of_the_same_word_elsewhere(dev_quotes) -> None:
    text = (
        "Olaf Scholz said Merz talks “tünkram” all the time, he said on Tuesday. “Tünkram” is Low German for nonsense."
    )
    quotes = dev_quotes(text, "en", "2023-05-02")
    assert [q.speaker for q in quotes if q.text == "Tünkram"] == ["unknown"]


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # an infinitive after an elided « d' » is a verb, as after « de »
        (
            "Olaf Scholz a parlé. « Je reste », a-t-il rappelé avant d'évoquer « sa conception » du pouvoir.",
            "sa conception",
            "scholz",
        ),
        ("Olaf Scholz a parlé. « Je reste », a-t-il dit avant de rappeler « sa conception » du rôle.", "sa", "scholz"),
        # « d' » before a noun is no verb: « l'idée d'accord » says nothing of words
        ("Olaf Scholz a reçu Jean Dupuis, qui parle d'accord et de « confiance retrouvée ».", "confiance", "unknown"),
    ],
)
def test_an_infinitive_after_an_elided_de_is_a_speech_verb(dev_quotes, text, words, speaker) -> None:
    assert by_text(dev_quotes(text, "fr", "2023-05-02"), words).speaker.split(":")[0] == speaker


def test_a_name_after_a_preposition_and_its_article_is_named_not_said(dev_quotes) -> None:
    text = "Ursula von der Leyen a présenté son collège, avec le « Green Deal » confié à son vice-président."
    assert by_text(dev_quotes(text, "fr", "2019-11-27"), "Green Deal").speaker == "unknown"


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # an adverbial clause with a subject of its own between the verb and the quotation: that clause's words
        (
            "Giorgia Meloni a accusé Olaf Scholz d'être « un lâche » après que ce dernier avait rejeté les « leçons "
            "de morale » de Rome.",
            "leçons",
            "unknown",
        ),
        ('Modi accused Scholz of "cowardice" after the minister had dismissed the "lectures" from Delhi.', "lectures",
         "unknown"),
        # a pronoun subject, or no finite verb, leaves the words the speaker's
        ("Giorgia Meloni a dénoncé, après qu'elle a été critiquée, une « campagne de haine ».", "campagne", "meloni"),
        ("Giorgia Meloni a accusé Olaf Scholz d'être « un lâche ».", "lâche", "meloni"),
    ],
)  # fmt: skip
def test_an_adverbial_clause_with_its_own_subject_keeps_its_words(dev_quotes, text, words, speaker) -> None:
    assert by_text(dev_quotes(text, None, "2023-05-02"), words).speaker.split(":")[0] == speaker


@pytest.mark.parametrize(
    ("text", "language", "speaker"),
    [
        # a participle hangs on the main clause, not on the verb of a time clause inside it
        (
            "Giorgia Meloni a applaudi longuement lorsque Olaf Scholz est entré, avant de déclarer : « Bienvenue. »",
            "fr",
            "meloni",
        ),
        ("Giorgia Meloni a souri quand Olaf Scholz a terminé, déclarant : « Nous sommes prêtes. »", "fr", "meloni"),
        # a time phrase that has ended before the subject leaves the main verb as it is
        ('Before the meeting, Modi thanked the host, saying the countries are "true allies."', "en", "modi"),
    ],
)
def test_a_participle_hangs_on_the_main_clause_not_a_time_clause(dev_quotes, text, language, speaker) -> None:
    assert dev_quotes(text, language, "2023-05-02")[-1].speaker.split(":")[0] == speaker


def test_english_fragment_inside_a_named_subjects_sentence(dev_quotes) -> None:
    text = 'Modi touted "a new chapter" in the partnership after the talks.'
    assert by_text(dev_quotes(text, "en", "2023-06-23"), "new chapter").speaker == "modi"


def test_verb_of_judgement_with_a_fragment_complement(dev_quotes) -> None:
    text = 'She called her rival a "danger to the nation", Giorgia Meloni\'s aides said.'
    assert by_text(dev_quotes(text, "en"), "danger").speaker != "meloni"
    text = 'Giorgia Meloni called her rival a "danger to the nation" on Tuesday.'
    assert by_text(dev_quotes(text, "en"), "danger").speaker == "meloni"


def test_a_verb_that_cued_an_earlier_quote_is_not_reused_for_a_later_fragment(dev_quotes) -> None:
    text = '"My father was a miner," Starmer tells voters, countering critics who paint the "posh lawyer" as aloof.'
    qs = dev_quotes(text, "en", "2024-07-01")
    assert by_text(qs, "miner").speaker == "starmer"
    assert by_text(qs, "posh lawyer").speaker == "unknown"


def test_a_verb_of_denial_does_not_make_the_accusation_the_subjects(dev_quotes) -> None:
    text = 'Rishi Sunak has denied the accusation that he "lied" about the tax figure.'
    assert by_text(dev_quotes(text, "en", "2024-06-06"), "lied").speaker != "sunak"


# ---- quote_sentence_continues / quote_paragraph_continues ---------------------------------------


def test_a_quote_sentence_after_an_attributed_one_goes_on_with_it(dev_quotes) -> None:
    text = (
        '"Europe can die," Emmanuel Macron said on Thursday. "It depends solely on our choices."\n\n'
        "The speech lasted two hours."
    )
    qs = dev_quotes(text, "en", "2024-04-25")
    assert by_text(qs, "solely").speaker == "macron"


def test_a_quote_sentence_after_an_unattributed_one_stays_unknown(dev_quotes) -> None:
    text = 'Observers were "stunned" by the result. "It depends solely on our choices."'
    assert by_text(dev_quotes(text, "en", "2024-04-25"), "solely").speaker == "unknown"


def test_a_pronoun_chain_keeps_its_referent_across_paragraphs(dev_quotes) -> None:
    text = (
        "Emmanuel Macron warned on Thursday that Europe could die.\n\n"
        "In a speech of two hours, he said Europe had relied on others for too long.\n\n"
        '"Our security depends on our own choices," he said.'
    )
    assert by_text(dev_quotes(text, "en", "2024-04-25"), "security").speaker == "macron"


# ---- quotation marks ------------------------------------------------------------------------------


def test_two_apostrophes_are_quotation_marks(dev_quotes) -> None:
    text = "''Nous n'arrêterons pas les combats'', a expliqué Netanyahou. Il a ajouté : ''C'est notre devoir''."
    qs = dev_quotes(text, published="2024-06-01")
    assert [(q.text, q.speaker) for q in qs] == [
        ("Nous n'arrêterons pas les combats", "netanyahu"),
        ("C'est notre devoir", "netanyahu"),
    ]


def test_the_same_words_quoted_twice_by_the_same_speaker_are_one_quotation(dev_quotes) -> None:
    text = (
        "« Trouvons un accord » : la lettre de Trump\n\n"
        "« Trouvons un accord », écrit Donald Trump dans sa lettre. Plus loin : « Trouvons un accord », écrit-il."
    )
    qs = dev_quotes(text, published="2019-10-16")
    assert [q.speaker for q in qs if "accord" in q.text] == ["trump"]


# ---- who is who (registry) -------------------------------------------------------------------------


def test_roles_hold_for_their_years() -> None:
    registry = load_registry(DEV_SPEAKERS)
    import datetime as dt

    assert registry.role_holder("le président français".removeprefix("le "), dt.date(2020, 1, 1)).id == "macron"
    assert registry.role_holder("président français", dt.date(2010, 1, 1)).id == "sarkozy"
    assert registry.role_holder("chancelier allemand", dt.date(2023, 1, 1)).id == "scholz"
    assert registry.role_holder("chancelier allemand", dt.date(2025, 9, 1)).id == "merz"
    assert registry.role_holder("chancelier allemand", dt.date(1990, 1, 1)) is None


def test_a_role_out_of_its_years_is_not_the_principal(quotes, extractor) -> None:
    text = "« Nous resterons vigilants », a déclaré le président russe."
    assert by_text(extractor.extract("t.txt", text, "fr", "2010-03-01").quotations, "vigilants").speaker != "putin"
    assert by_text(extractor.extract("t.txt", text, "fr", "2015-03-01").quotations, "vigilants").speaker == "putin"
    text = "« Notre armée est prête », a déclaré le dirigeant nord-coréen."
    assert by_text(extractor.extract("t.txt", text, "fr", "2000-06-13").quotations, "armée").speaker != "kim"
    # a title of its own period: the State Affairs Commission was created in June 2016
    text = "« Notre armée est prête », a déclaré le président de la Commission des affaires de l'État."
    assert by_text(extractor.extract("t.txt", text, "fr", "2014-03-01").quotations, "armée").speaker != "kim"
    assert by_text(extractor.extract("t.txt", text, "fr", "2023-09-13").quotations, "armée").speaker == "kim"
    # the Party's title changed in January 2021: chairman before, general secretary after
    text = "« Notre armée est prête », a déclaré le secrétaire général du Parti du travail de Corée."
    assert by_text(extractor.extract("t.txt", text, "fr", "2019-03-01").quotations, "armée").speaker != "kim"
    assert by_text(extractor.extract("t.txt", text, "fr", "2023-09-13").quotations, "armée").speaker == "kim"
    text = '"Our army is ready," said the Chairman of the Workers\' Party of Korea.'
    assert by_text(extractor.extract("t.txt", text, "en", "2019-03-01").quotations, "army").speaker == "kim"
    assert by_text(extractor.extract("t.txt", text, "en", "2023-09-13").quotations, "army").speaker != "kim"


@pytest.mark.parametrize("clitic", ["leur a-t-il lancé", "lui a-t-il répondu", "nous a-t-il confié", "m'a-t-il dit"])
def test_an_object_pronoun_before_an_inverted_cue(quotes, clitic: str) -> None:
    text = f"Le président russe a reçu les députés. « Vous aurez ce que vous cherchez », {clitic}."
    q = by_text(quotes(text), "cherchez")
    assert (q.speaker, q.cue) == ("putin", clitic)


def test_se_defendre_reports_after_a_quotation_only(quotes) -> None:
    text = "La Russie a le droit de « protéger ses frontières », s'est défendu le président russe mardi."
    assert by_text(quotes(text), "frontières").speaker == "putin"
    text = "Vladimir Poutine a défendu son bilan en multipliant les exemples, « à la cavalcade »."
    assert by_text(quotes(text), "cavalcade").speaker == "unknown"


def test_a_passive_without_its_agent_is_nobodys_cue(quotes) -> None:
    """« ce qui a été dit », « il n'est écrit nulle part »: nobody speaks there; the sentence's source does."""
    text = (
        "Vladimir Poutine a répondu aux journalistes. Selon lui, contrairement à ce qui a été dit, "
        "« les sanctions ont échoué »."
    )
    assert by_text(quotes(text), "sanctions").speaker == "putin"
    text = "Kim Jong-un a visité l'usine. Il a rappelé qu'il n'est écrit nulle part que le pays doit « plier »."
    assert by_text(quotes(text), "plier").speaker == "kim"
    # the agent of a passive still speaks
    text = "Le texte a été annoncé par Vladimir Poutine : « nous irons jusqu'au bout »."
    assert by_text(quotes(text), "bout").speaker == "putin"


def test_a_verb_reports_both_quotations_around_it_when_a_completive_follows(dev_quotes) -> None:
    text = (
        "Tout en reconnaissant que « la tâche sera longue », M. Starmer a assuré que le travail "
        "commencerait « dès demain »."
    )
    qs = dev_quotes(text, published="2024-07-05")
    assert [by_text(qs, f).speaker for f in ("tâche", "demain")] == ["starmer", "starmer"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Kim Jong-un a affirmé que son armée s'engage à « défendre la patrie ».", "kim"),
        ('Kim Jong-un said that his army vowed to "defend the motherland" at any cost.', "kim"),
        ("Kim Jong-un a affirmé que le ministre Choe Son-hui s'engage à « défendre la patrie ».", "Choe Son-hui"),
    ],
)
def test_a_speakers_own_side_in_their_completive_speaks_through_them(quotes, text: str, speaker: str) -> None:
    """« X a affirmé que son armée s'engage à « ... » »: X's words; a named person in the completive speaks."""
    language = "en" if text.startswith("Kim Jong-un said") else None
    found = by_text(quotes(text, language), "defend" if language else "défendre").speaker
    assert found == speaker if speaker == "kim" else (found.startswith("other:") and speaker in found)


def test_an_unsettled_bare_title_is_unknown_not_someone_else(dev_quotes) -> None:
    """« le président » whom the article does not settle (two presidents named) is nobody we can name:
    never "other:le président", which would say a person other than the principal spoke."""
    text = "Emmanuel Macron a reçu le président américain Joe Biden. « Nous resterons unis », a affirmé le président."
    assert by_text(dev_quotes(text, published="2023-06-08"), "unis").speaker == "unknown"
    text = "Lula a prêté serment mercredi. « Le travail commence », a souligné le nouveau président."
    assert by_text(dev_quotes(text, published="2023-01-02"), "travail").speaker == "lula"


def test_a_pronoun_finds_the_subject_after_an_inverted_verb(quotes) -> None:
    """« Nos troupes ont tenu, a détaillé X. Il a déclaré ... « ... » »: the pronoun is X."""
    text = (
        "Les usines ont tourné tout l'hiver, a détaillé Kim Jong-un dans un message diffusé à l'aube. "
        "Il a déclaré que le pays se portait mieux qu'en 2014, lorsque la crise s'était déroulée « sans accroc »."
    )
    assert by_text(quotes(text), "accroc").speaker == "kim"
    text = (
        "Les usines ont tourné tout l'hiver, a concédé le ministre Choe Son-hui. "
        "Il a déclaré que la crise s'était déroulée « sans accroc »."
    )
    assert by_text(quotes(text), "accroc").speaker != "kim"


def test_a_bare_title_reads_only_what_came_before_it(dev_quotes) -> None:
    """Another holder of the title named further down does not change whom « le président » named."""
    text = (
        "Le président ukrainien Volodymyr Zelensky a parlé vendredi. « Nous sommes différents », a affirmé "
        "le président. Il a remercié le président américain Joe Biden pour son aide."
    )
    assert by_text(dev_quotes(text, published="2022-03-18"), "différents").speaker == "zelensky"
    text = (
        "Le président ukrainien Volodymyr Zelensky a reçu le président américain Joe Biden. "
        "« Nous sommes différents », a affirmé le président."
    )
    assert by_text(dev_quotes(text, published="2022-03-18"), "différents").speaker == "unknown"


def test_a_pronoun_cue_after_a_quotation_names_its_own_sentences_subject_first(quotes) -> None:
    """« X répond « ... », confie-t-il »: the pronoun is X, whatever the sentences before it are about."""
    text = (
        "Sa résidence est gardée comme une forteresse. Vladimir Poutine répond « je me concentre sur mon "
        "travail », confie-t-il. « Le peuple est important », poursuit-il."
    )
    qs = quotes(text)
    assert [by_text(qs, f).speaker for f in ("travail", "peuple")] == ["putin", "putin"]


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        ("Le président russe s'est inquiété des conséquences « tragiques » de ce silence.", "tragiques", "putin"),
        ("Vladimir Poutine s'est notamment élevé contre des sanctions « arbitraires ».", "arbitraires", "putin"),
        ("« Nous tiendrons », s'est emporté le président russe.", "tiendrons", "putin"),
        # the participle alone is an adjective: no cue (« une foule inquiète »)
        ("Vladimir Poutine est arrivé. Une foule inquiète, des banderoles « pour la paix ».", "paix", "unknown"),
    ],
)
def test_reflexive_verbs_of_speech_after_their_auxiliary(quotes, text: str, fragment: str, speaker: str) -> None:
    assert by_text(quotes(text), fragment).speaker == speaker


def test_a_title_in_apposition_to_a_name_is_that_persons(quotes) -> None:
    """« M. X, Président de ..., a dit » is X; a name that only opens the sentence (« Après X, ») is not."""
    text = "M. Vladimir Poutine, Président de la Fédération, a dénoncé des sanctions « arbitraires »."
    assert by_text(quotes(text), "arbitraires").speaker == "putin"
    text = "Après Vladimir Poutine, le ministre Sergueï Lavrov a dénoncé des sanctions « arbitraires »."
    assert by_text(quotes(text), "arbitraires").speaker != "putin"


def test_penser_after_a_quotation_reports_an_opinion(quotes) -> None:
    text = "Vladimir Poutine a reçu la presse. « La guerre est déjà là », pense-t-il."
    assert by_text(quotes(text), "guerre").speaker == "putin"


def test_a_sentence_opening_with_pour_x_is_about_x(quotes) -> None:
    """« Pour le président X, cela n'est pas ... « ... », pense-t-il »: il is X, and the model's slip
    (« n' » taken for a name) names nobody."""
    text = (
        "Les Européens hésitent. Pour le président Kim Jong-un, cela n’est pas une forme de courage. "
        "« La guerre est déjà là », pense-t-il."
    )
    assert by_text(quotes(text), "guerre").speaker == "kim"


def test_a_name_never_runs_over_a_line_break(dev_quotes) -> None:
    """A heading ending in a name and a line opening with the principal's surname are no "given name +
    surname": « ... des Macron ⏎ Lula critique « ... » » is Lula's."""
    text = (
        "Luiz Inacio Lula da Silva a parlé au Monde.\n\nLula solidaire des Macron\n\n"
        "Lula critique « l’extrême grossièreté » du président Jair Bolsonaro."
    )
    assert by_text(dev_quotes(text, published="2019-09-01"), "grossièreté").speaker == "lula"
    # nor does a capitalised word on the next line make a surname someone else's ("Lula ⏎ Macron")
    registry = load_registry(DEV_SPEAKERS)
    import datetime as dt

    named = registry.mentions("Le message de Lula\nMacron a répondu mardi.", dt.date(2019, 9, 1))
    assert "lula" in {m.speaker.id for m in named}


@pytest.mark.parametrize("between", ["Pour beaucoup, cela n’est pas une surprise.", "Cela n’est pas une surprise."])
def test_a_lower_case_slip_of_the_model_is_no_name(quotes, between: str) -> None:
    """The small model takes « n’ » for a name in « cela n’est »; neither it nor « Cela » is anyone: the
    pronoun goes back to Putin."""
    text = f"Vladimir Poutine a reçu la presse. {between} « La guerre est déjà là », pense-t-il."
    assert by_text(quotes(text), "guerre").speaker == "putin"


def test_an_age_after_a_role_keeps_the_role(quotes) -> None:
    """« de 40 ans » is the person's age, not a complement making a longer title (« du Parti »)."""
    text = "Le dirigeant nord-coréen de 40 ans a déclaré : « Nos usines tournent jour et nuit. »"
    assert by_text(quotes(text), "usines").speaker == "kim"
    text = "Le président russe de 71 ans a répondu : « Personne ne nous fera reculer. »"
    assert by_text(quotes(text), "reculer").speaker == "putin"
    text = "Le dirigeant nord-coréen du Parti des travailleurs a déclaré : « Nos usines tournent. »"
    assert by_text(quotes(text), "usines").speaker != "kim"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("« Les négociations avancent », a déclaré le ministre Kim aux journalistes.", "négociations"),
        ("« Les sanctions ne suffisent pas », a estimé Samuel Kim, professeur à Séoul.", "sanctions"),
        ('"The talks are stalled," said Professor Kim, who teaches in Seoul.', "stalled"),
        ("« Mon frère travaille trop », a confié sa sœur Kim à la presse.", "frère"),
        ("« La paix est proche », a assuré Mme Macron lors de la visite.", "paix"),
    ],
)
def test_someone_sharing_a_principals_surname_is_not_the_principal(quotes, dev_quotes, text, fragment) -> None:
    principal_ids = {"putin", "kim", "macron"}
    for run in (quotes, dev_quotes):
        assert by_text(run(text), fragment).speaker not in principal_ids


def test_a_capitalised_opener_before_a_surname_is_not_a_given_name(dev_quotes) -> None:
    text = "Mais Macron a aussitôt affirmé : « Nous tiendrons bon. »"
    assert by_text(dev_quotes(text, published="2023-03-01"), "tiendrons").speaker == "macron"


def test_honorifics_and_titles_before_a_principals_name(dev_quotes) -> None:
    assert by_text(dev_quotes('"We stand ready," said President Lula.', "en", "2024-01-05"), "ready").speaker == "lula"
    text = '"India is ready," Prime Minister Modi told the crowd.'
    assert by_text(dev_quotes(text, "en", "2024-01-05"), "ready").speaker == "modi"


def test_a_broken_registry_is_one_clear_error(tmp_path: Path) -> None:
    from bot.core.registry import RegistryError

    path = tmp_path / "speakers.toml"
    path.write_text('[[speaker]]\nid = "x"\nin_office = [{ from = "hier" }]\n', encoding="utf-8")
    with pytest.raises(RegistryError, match="not a date"):
        load_registry(path)


def test_eval_with_a_missing_or_broken_registry_says_one_line(tmp_path: Path, capsys) -> None:
    from bot.cli import main

    gold = str(ROOT / "tests" / "gold" / "seed_quotes.json")
    assert main(["eval", "--gold", gold, "--speakers", str(tmp_path / "none.toml")]) == 2
    assert capsys.readouterr().err.strip().endswith("no such speakers file")
    broken = tmp_path / "speakers.toml"
    broken.write_text('[[speaker]]\nid = "x\n', encoding="utf-8")
    assert main(["eval", "--gold", gold, "--speakers", str(broken)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"quotebot: {broken}") and "\n" not in err


# ---- bare titles (context.title_holder) ---------------------------------------------------------------


def test_a_bare_title_names_the_principal_just_named(dev_quotes, quotes) -> None:
    text = "Benyamin Netanyahou a rejeté la proposition. Le Premier ministre a ajouté : « Nous ne céderons pas. »"
    assert by_text(dev_quotes(text, published="2024-06-01"), "céderons").speaker == "netanyahu"
    text = 'Rishi Sunak visited a factory on Monday.\n\nThe Prime Minister said: "We have a plan."'
    assert by_text(dev_quotes(text, "en", "2024-06-01"), "plan").speaker == "sunak"
    text = "Vladimir Poutine est arrivé à Pyongyang. Le président a déclaré : « Nous sommes amis. »"
    assert by_text(quotes(text), "amis").speaker == "putin"


@pytest.mark.parametrize(
    "text",
    [
        # someone else holds the same title in the article
        "Le Premier ministre palestinien Mohammed Shtayyeh a rencontré Benyamin Netanyahou. "
        "Le Premier ministre a ajouté : « Nous ne céderons pas. »",
        # the last person named is not the principal
        "Benyamin Netanyahou a rejeté la proposition. Gabriel Attal est arrivé ensuite. "
        "Le Premier ministre a ajouté : « Nous ne céderons pas. »",
        # not in office at the article's date (2024-06: Sunak, not Starmer)
        "Keir Starmer a présenté son programme. Le Premier ministre a ajouté : « Nous ne céderons pas. »",
    ],
)
def test_a_bare_title_in_doubt_names_no_principal(dev_quotes, text) -> None:
    speaker = by_text(dev_quotes(text, published="2024-06-01"), "céderons").speaker
    assert speaker not in {s.id for s in load_registry(DEV_SPEAKERS).principals}


def test_a_bare_title_with_two_principals_holding_it_names_neither(quotes) -> None:
    text = "Vladimir Poutine a rencontré Kim Jong-un à Pékin. Le dirigeant a déclaré : « Nous sommes amis. »"
    assert by_text(quotes(text), "amis").speaker not in {"putin", "kim"}
    text = "Kim Jong-un a reçu Vladimir Poutine. Le président a déclaré : « Nous sommes amis. »"
    assert by_text(quotes(text), "amis").speaker not in {"putin", "kim"}


# ---- inverted_cue_ending_sentence, object pronouns -------------------------------------------------


def test_the_one_cue_ending_a_sentence_covers_its_fragments(dev_quotes) -> None:
    text = "Les deux pays doivent « agir ensemble » et défendre « un ordre stable », a affirmé Xi Jinping."
    qs = dev_quotes(text, published="2025-05-22")
    assert [q.speaker for q in qs] == ["xi", "xi"]


def test_an_object_pronoun_before_the_verb(dev_quotes) -> None:
    text = "Xi Jinping a échangé avec Emmanuel Macron, l'appelant à « défendre les règles du commerce »."
    assert by_text(dev_quotes(text, published="2025-05-22"), "défendre").speaker == "xi"
    text = "L'annonce de Xi Jinping a surpris Emmanuel Macron, selon qui « rien n'est joué »."
    assert by_text(dev_quotes(text, published="2025-05-22"), "joué").speaker != "xi"


# ---- subject_cue_ending_sentence, reported speech going on ---------------------------------------------


def test_a_cue_in_normal_order_ending_the_sentence(dev_quotes) -> None:
    text = 'Emmanuel Macron spoke for two hours. There must be "genuine" ties between our armies, he said.'
    assert by_text(dev_quotes(text, "en", "2024-04-25"), "genuine").speaker == "macron"
    text = "Il faut des liens « véritables » entre nos armées, Emmanuel Macron a ajouté."
    assert by_text(dev_quotes(text, published="2024-04-25"), "véritables").speaker == "macron"


def test_the_verb_before_a_fragment_wins_over_a_cue_ending_the_sentence(dev_quotes) -> None:
    text = 'Critics warned of "genuine" risks to the alliance, Emmanuel Macron said.'
    assert by_text(dev_quotes(text, "en", "2024-04-25"), "genuine").speaker != "macron"


def test_a_quote_sentence_goes_on_with_a_report_of_speech_before_it(dev_quotes) -> None:
    text = (
        "Emmanuel Macron spoke at the Sorbonne. Democracy was under threat, Macron said. "
        '"We must never forget that freedom cannot be taken for granted."'
    )
    assert by_text(dev_quotes(text, "en", "2024-04-25"), "freedom").speaker == "macron"
    text = 'Democracy was under threat, critics say. "We must never forget that freedom cannot be taken for granted."'
    assert by_text(dev_quotes(text, "en", "2024-04-25"), "freedom").speaker not in {"macron"}


def test_a_verb_after_but_is_a_new_clause_not_the_earlier_quotes_cue(dev_quotes) -> None:
    text = 'She praised voters who are "worried about the war", but urged them not to "fall into the trap".'
    text = "Giorgia Meloni spoke on Saturday. " + text
    assert by_text(dev_quotes(text, "en", "2024-09-08"), "fall into").speaker == "meloni"


# ---- documents that speak for a person (context.document_author) -----------------------------------------


def test_a_document_speaks_for_its_author(dev_quotes, quotes) -> None:
    text = "« Trouvons un bon accord », indique la lettre de Donald Trump publiée mercredi."
    assert by_text(dev_quotes(text, published="2019-10-16"), "accord").speaker == "trump"
    text = (
        'Joe Biden dropped his bid on Sunday. "I believe it is in the best interest of my party," the statement says.'
    )
    assert by_text(dev_quotes(text, "en", "2024-07-21"), "best interest").speaker == "biden"
    text = (
        "Vladimir Poutine a écrit à son homologue. "
        "« Nous resterons unis », indique la déclaration du président publiée par ses services."
    )
    assert by_text(quotes(text), "unis").speaker == "putin"


@pytest.mark.parametrize("label", ["Les premiers mots de Kim Jong-un", "La réponse du dirigeant nord-coréen"])
def test_someones_words_as_a_label_before_a_colon(quotes, label: str) -> None:
    text = f"Le sommet s'est ouvert à Pyongyang. {label} : « Notre amitié est indestructible »."
    assert by_text(quotes(text), "amitié").speaker == "kim"
    text = "Le sommet s'est ouvert. La réponse de Séoul à Kim Jong-un : « Notre amitié est indestructible »."
    assert by_text(quotes(text), "amitié").speaker != "kim"


def test_a_document_whose_author_is_unclear_names_nobody(dev_quotes) -> None:
    text = (
        "Recep Tayyip Erdogan a reçu un courrier. "
        "« Trouvons un bon accord », indique la lettre adressée à Erdogan par un diplomate."
    )
    assert by_text(dev_quotes(text, published="2019-10-16"), "accord").speaker == "unknown"


def test_a_conjunction_before_the_name_opening_a_sentence(dev_quotes) -> None:
    text = (
        "Mais Netanyahou persiste et signe. "
        "Dans sa lettre datée du 17 août, il somme Macron de « remplacer la faiblesse par l'action »."
    )
    assert by_text(dev_quotes(text, published="2025-08-20"), "faiblesse").speaker == "netanyahu"


# ---- whose verb: relatives, passives, reported reports (product registry: the traps that swap) -----------


@pytest.mark.parametrize(
    ("text", "language", "fragment", "speaker"),
    [
        (
            "Kim Jong-un a reçu un message de Vladimir Poutine, qui y salue « une amitié invincible ».",
            "fr",
            "amitié",
            "putin",
        ),
        ('Putin thanked Kim, who pledged "unconditional support" for the war.', "en", "unconditional", "kim"),
        ("Son homologue, qui a assuré vouloir « avancer vite », a quitté Moscou.", "fr", "avancer", "unknown"),
        ('"We will always be together," Putin was told by Kim.', "en", "together", "kim"),
        ('"We will always be together," Putin was told.', "en", "together", "unknown"),
        ('Putin said Kim had told him that the North "stands firmly with Russia".', "en", "stands", "kim"),
        ('Kim Jong-un said Putin had promised "full support" to Pyongyang.', "en", "full support", "putin"),
        ("Kim Jong-un estime que la Russie mérite « un soutien total ».", "fr", "soutien", "kim"),
        # a report of a message over several sentences: « Il y exprime ... » goes on with its writer
        (
            "Kim Jong-un a adressé un message à Vladimir Poutine. Il y exprime « sa profonde gratitude ».",
            "fr",
            "gratitude",
            "kim",
        ),
        ('KCNA quoted Kim as saying the country would "never forget" the support.', "en", "never forget", "kim"),
        # the parse makes « M. » the head of « M. Poutine »: the honorific is not someone else
        (
            "Lors d'une conférence de presse, M. Poutine a répondu : « Nous n'avons rien à cacher. »",
            "fr",
            "cacher",
            "putin",
        ),
    ],
)
def test_whose_verb_it_is(quotes, text, language, fragment, speaker) -> None:
    assert by_text(quotes(text, language), fragment).speaker == speaker


# ---- named_as_a_term --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "fragment"),
    [
        ('Asked if he was used to being addressed as "prime minister," Keir Starmer said he was.', "en", "prime"),
        ("Recep Tayyip Erdogan, surnommé « le Sultan » par ses adversaires, a répondu sèchement.", "fr", "Sultan"),
        ('Margaret Thatcher, known as "the Iron Lady", was quoted by Rishi Sunak.', "en", "Iron Lady"),
    ],
)
def test_a_name_someone_is_given_is_a_term(dev_quotes, text, language, fragment) -> None:
    assert by_text(dev_quotes(text, language, "2024-07-06"), fragment).speaker == "unknown"


def test_the_active_verb_of_naming_keeps_its_subjects_words(dev_quotes) -> None:
    text = 'Giorgia Meloni called her rival a "danger to the nation" on Tuesday.'
    assert by_text(dev_quotes(text, "en", "2024-07-06"), "danger").speaker == "meloni"


def test_a_quotation_over_paragraphs_is_scored_by_paragraph_when_the_gold_splits_it() -> None:
    from bot.core.evaluate import GoldQuote, score

    gold = [
        GoldQuote("a.txt", "Second, we will win.", "netanyahu", "full"),
        GoldQuote("a.txt", "And third, we will rebuild,", "netanyahu", "full"),
    ]
    both = Quotation("a.txt", "Second, we will win.\nAnd third, we will rebuild,", "netanyahu", "full", 0, 50, None)
    result = score([both], gold, {"netanyahu"})
    assert (result.true_positives, result.false_attributions) == (2, [])
    whole = [GoldQuote("a.txt", "Second, we will win.\nAnd third, we will rebuild,", "netanyahu", "full")]
    assert score([both], whole, {"netanyahu"}).true_positives == 1


# ---- cue_in_next_sentence, appositions, the subject right before its verb ----------------------------------


def test_a_quotation_named_by_the_next_sentence(dev_quotes) -> None:
    text = "Rome, 29 mars (LaPresse) – « Je n'ai jamais dit cela. » C'est ce qu'a déclaré Giorgia Meloni samedi."
    assert by_text(dev_quotes(text, published="2025-03-29"), "jamais dit").speaker == "meloni"
    text = '"We will stay the course." That is what Keir Starmer said on Friday.'
    assert by_text(dev_quotes(text, "en", "2024-07-06"), "course").speaker == "starmer"
    text = "« Je n'ai jamais dit cela. » Le débat a ensuite repris, a déclaré Giorgia Meloni."
    assert by_text(dev_quotes(text, published="2025-03-29"), "jamais dit").speaker == "unknown"


def test_an_inverted_subject_with_its_apposition(dev_quotes) -> None:
    text = "« Nous irons de l'avant », a déclaré la cheffe du parti, Giorgia Meloni, lors du congrès."
    assert by_text(dev_quotes(text, published="2025-03-29"), "avant").speaker == "meloni"
    text = "« Nous irons de l'avant », a déclaré le porte-parole, Pietro Rossi, lors du congrès."
    assert by_text(dev_quotes(text, published="2025-03-29"), "avant").speaker != "meloni"


def test_the_name_right_before_its_verb_is_the_subject(dev_quotes, quotes) -> None:
    text = 'Asked if he was used to being addressed as "prime minister," Keir Starmer said: "It is important."'
    assert by_text(dev_quotes(text, "en", "2024-07-06"), "important").speaker == "starmer"
    text = 'Keir Starmer said he was happy being called "Keir," adding "it is important to them".'
    assert by_text(dev_quotes(text, "en", "2024-07-06"), "important to them").speaker == "starmer"
    text = "Poutine et Kim ont qualifié l'accord d'« historique » lors de la cérémonie."
    assert by_text(quotes(text), "historique").speaker not in {"putin", "kim"}


def test_a_title_someone_else_holds_in_the_article_names_no_principal(quotes) -> None:
    text = 'The South Korean president said Kim was "reckless". The President added: "We will respond."'
    assert by_text(quotes(text, "en"), "respond").speaker not in {"putin", "kim"}
    text = "Vladimir Poutine a reçu le président ukrainien Volodymyr Zelensky. Le président a déclaré : « Parlons. »"
    assert by_text(quotes(text), "Parlons").speaker not in {"putin", "kim"}


def test_a_title_next_to_the_holders_name_is_theirs(dev_quotes) -> None:
    text = 'Prime Minister Narendra Modi spoke in Gujarat. "We will win here," the Prime Minister said.'
    assert by_text(dev_quotes(text, "en", "2024-05-01"), "win here").speaker == "modi"


def test_a_pronoun_takes_the_main_clauses_subject_not_a_subordinate_ones(quotes) -> None:
    text = 'Putin was asked whether Kim had promised troops. "No," he replied.'
    assert by_text(quotes(text, "en"), "No").speaker != "kim"
    text = "Poutine et Kim ont signé le traité. « C'est historique », a-t-il dit."
    assert by_text(quotes(text), "historique").speaker not in {"putin", "kim"}


@pytest.mark.parametrize(
    ("between", "speaker"),
    [
        ("Les deux dirigeants se sont ensuite entretenus pendant deux heures.", "meloni"),  # plural: not « elle »
        ("Le ministre Jean Dupuis a salué son arrivée.", "meloni"),  # a man: not « elle »
        ("La ministre Jeanne Dupuis a salué son arrivée.", "other"),  # a woman may be « elle »
    ],
)
def test_a_pronoun_skips_a_description_it_cannot_stand_for(dev_quotes, between, speaker) -> None:
    said = "« Nous tiendrons nos engagements », a-t-elle déclaré."
    text = f"Giorgia Meloni est arrivée mardi à Berlin. {between}\n\n{said}"
    assert by_text(dev_quotes(text, "fr", "2023-05-02"), "engagements").speaker.split(":")[0] == speaker


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ('Scholz praises "a new chapter" and pledges "full support" for Kyiv.', "en"),
        ('Scholz condemns the "reckless escalation" on the border.', "en"),
        ("Olaf Scholz a vanté les « immenses progrès » de la coalition.", "fr"),
        ("Olaf Scholz a parlé d'un « tournant historique » pour l'Europe.", "fr"),
        ("Olaf Scholz y souligne « l'importance du partenariat » et se dit « prêt à poursuivre le dialogue ».", "fr"),
    ],
)
def test_every_fragment_of_a_named_subjects_speech_verbs_is_theirs(dev_quotes, text, language) -> None:
    found = dev_quotes(text, language, "2023-05-02")
    assert found and all(q.speaker == "scholz" for q in found), found


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Olaf Scholz a quitté la salle. « Je ne reviendrai pas », s'est-il indigné.", "scholz"),
        ("Giorgia Meloni a salué l'accord. « C'est une victoire », s'est-elle félicitée.", "meloni"),
        ("Scholz et Meloni ont signé. « C'est une victoire », se sont-ils félicités.", "unknown"),
    ],
)
def test_an_inverted_reflexive_cue(dev_quotes, text, speaker) -> None:
    q = dev_quotes(text, "fr", "2023-05-02")[0]
    assert (q.speaker, q.cue is not None) == (speaker, True)


def test_a_short_fragment_opening_the_reported_clause_is_the_speakers(dev_quotes) -> None:
    text = 'Scholz had claimed that "independent officials" have costed the plan.'
    assert dev_quotes(text, "en", "2023-05-02")[0].speaker == "scholz"
    text = 'Scholz said the city did not give in and "one country, two systems" has allowed it to prosper.'
    assert dev_quotes(text, "en", "2023-05-02")[0].speaker == "unknown"  # a term, mid-clause


def test_a_pronoun_finds_the_subject_after_an_opening_participle(dev_quotes) -> None:
    text = (
        "Stressing that the world is uncertain, Scholz said Germany wanted stability.\n\n"
        '"Both countries can do more together," he said.'
    )
    assert by_text(dev_quotes(text, "en", "2023-05-02"), "Both countries").speaker == "scholz"


def test_a_participle_after_a_fragment_cued_by_another_verb_is_the_subjects(dev_quotes) -> None:
    text = (
        "À Berlin, Olaf Scholz a souligné que l'Europe faisait face à une « crise majeure », soulignant que "
        "« la réponse doit être commune et rapide »."
    )
    assert {q.speaker for q in dev_quotes(text, "fr", "2023-05-02")} == {"scholz"}


@pytest.mark.parametrize("cue", ["a-t-il confié à la presse", "a fait remarquer Olaf Scholz", "a confié Olaf Scholz"])
def test_more_verbs_of_saying(dev_quotes, cue) -> None:
    text = f"Olaf Scholz est arrivé mardi. « La réponse doit être commune », {cue}."
    assert by_text(dev_quotes(text, "fr", "2023-05-02"), "commune").speaker == "scholz"


@pytest.mark.parametrize(
    ("text", "language", "speaker"),
    [
        (
            "Saluant « l'immense courage » du peuple ukrainien, le chancelier Olaf Scholz a promis de l'aide.",
            "fr",
            "scholz",
        ),
        (
            "Après avoir salué « l'immense courage » des Ukrainiens, Olaf Scholz a déclaré que l'aide continuerait.",
            "fr",
            "scholz",
        ),
        ('Praising the "immense courage" of Ukrainians, Scholz promised more help.', "en", "scholz"),
        ('After hailing the "immense courage" of Ukrainians, Scholz and Meloni promised more help.', "en", "unknown"),
        ("Saluant « l'immense courage » des Ukrainiens, le ministre Jean Dupuis a promis de l'aide.", "fr", "other"),
    ],
)
def test_an_opening_participle_takes_the_main_clauses_subject(dev_quotes, text, language, speaker) -> None:
    assert dev_quotes(text, language, "2023-05-02")[0].speaker.split(":")[0] == speaker


@pytest.mark.parametrize(
    ("text", "language", "speaker"),
    [
        (
            "Olaf Scholz était à Kiev. « Nous poursuivrons l'effort », a-t-il insisté en référence aux armes, "
            "« et nous en parlerons ce soir ».",
            "fr",
            "scholz",
        ),
        ('"We will keep going," Scholz said on Tuesday, "and we will talk about it tonight."', "en", "scholz"),
        # a new clause with its own verb between: not the same quotation resumed
        (
            "« Nous poursuivrons l'effort », a déclaré Olaf Scholz, que Jean Dupuis a contredit, « et vite ».",
            "fr",
            "unknown",
        ),
    ],
)
def test_a_quotation_resumes_after_its_cue(dev_quotes, text, language, speaker) -> None:
    assert dev_quotes(text, language, "2023-05-02")[-1].speaker.split(":")[0] == speaker


def test_a_fragment_after_that_and_an_article_is_the_speakers(dev_quotes) -> None:
    text = 'Scholz on Thursday declared that a "new chapter" has been opened with Rome.'
    assert dev_quotes(text, "en", "2023-05-02")[0].speaker == "scholz"


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        # a relative clause about another person, with a verb that is not one of speech: not the main verb's
        ("Vladimir Poutine a répondu à Kim Jong-un, qui l'avait appelé « cher camarade ».", "camarade", "unknown"),
        ("Vladimir Poutine a répondu à Jean Dupuis, qui l'avait appelé « cher camarade ».", "camarade", "unknown"),
        (
            "Vladimir Poutine a salué les soldats comme des « héros » qui n'ont pas peur de la « caste politique ».",
            "caste",
            "putin",
        ),
        # a cue followed by a colon introduces the next quotation, not the one before it
        (
            "Répondant à Kim Jong-un, qui avait évoqué une « alliance invincible », Vladimir Poutine a déclaré : "
            "« Nous sommes prêts. »",
            "alliance",
            "kim",
        ),
        (
            "Répondant à Kim Jong-un, qui avait évoqué une « alliance invincible », Vladimir Poutine a déclaré : "
            "« Nous sommes prêts. »",
            "prêts",
            "putin",
        ),
        (
            "Kim Jong-un a reçu une lettre de Vladimir Poutine, dans laquelle le président russe affirme que "
            "« l'amitié entre nos peuples est éternelle ».",
            "amitié",
            "putin",
        ),
        ('"We will always stand with you," Kim told Putin, who replied: "Thank you, comrade."', "comrade", "putin"),
    ],
)
def test_two_principals_in_one_sentence(quotes, text, fragment, speaker) -> None:
    language = "en" if text.startswith('"') else "fr"
    assert by_text(quotes(text, language), fragment).speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a bare surname names the last person named with it
        ('Kim Yo Jong, the sister of the leader, issued a statement. "Seoul will pay dearly," Kim said.', "other"),
        ('Minister Cho Tae-yul met Kim Hong-kyun on Tuesday. "It is a provocation," Kim said.', "other"),
        ('"It is a provocation," said Kim Hong-kyun, an official. Kim added: "We will respond."', "other"),
        ('Kim Yo Jong issued a statement. Later, Kim Jong Un spoke at a rally. "We will win," Kim said.', "kim"),
        ('"We will win," Kim said at a rally in Pyongyang.', "kim"),
    ],
)
def test_a_bare_surname_is_the_last_person_named_with_it(quotes, text, speaker) -> None:
    assert quotes(text, "en")[-1].speaker.split(":")[0] == speaker


@pytest.mark.parametrize(
    "text",
    [
        'Keir Rodney Starmer was raised in Surrey. "We had a donkey," Starmer has joked.',  # a middle name
        'Ten points on the Modi-Joe Biden meeting. Biden said it was "a good discussion".',  # a pair of names
        'Background of Starmer Born on 2 September 1962. "We had a donkey," Starmer has joked.',  # a run-on heading
    ],
)
def test_what_does_not_make_a_surname_someone_elses(dev_quotes, text) -> None:
    assert dev_quotes(text, "en", "2023-05-02")[-1].speaker in {"starmer", "biden"}


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Scholz sent a letter to Meloni on Monday. "We will always stand with you," the letter reads.', "scholz"),
        ('Meloni sent a message to Scholz. "I am confident that we will agree," the message read.', "meloni"),
        ('Meloni spoke at the rally. "We will always stand with you," read a banner behind her.', "other"),
    ],
)
def test_what_a_document_reads(dev_quotes, text, speaker) -> None:
    assert dev_quotes(text, "en", "2023-05-02")[0].speaker.split(":")[0] == speaker


@pytest.mark.parametrize(
    ("text", "language", "speaker"),
    [
        (
            "Olaf Scholz a écrit à Meloni. Il cite des faits qui, selon lui, « constituent une plaie » pour l'Europe.",
            "fr",
            "scholz",
        ),
        ('Meloni wrote to Scholz. The incidents, according to her, "are a wound" for Europe.', "en", "meloni"),
        ("Olaf Scholz, le chancelier, a, lui, appelé à « respecter » les institutions.", "fr", "scholz"),  # emphatic
    ],
)
def test_a_source_pronoun_points_back(dev_quotes, text, language, speaker) -> None:
    assert dev_quotes(text, language, "2023-05-02")[0].speaker == speaker


@pytest.mark.parametrize(
    ("opening", "speaker"),
    [
        ("M. Erdogan, interrompu par un journaliste alors qu'il répondait à M. Peres, a quitté la salle.", "erdogan"),
        ("Recep Tayyip Erdogan, le président turc, a quitté la salle.", "erdogan"),
        ("Erdogan, Scholz et Meloni ont quitté la salle.", "unknown"),  # three people: « il » is none of them
    ],
)
def test_a_pronoun_takes_a_name_opening_the_sentence_before_its_apposition(dev_quotes, opening, speaker) -> None:
    text = f"{opening}\n\n« Je ne reviendrai pas », s'est-il indigné."
    assert by_text(dev_quotes(text, "fr", "2023-05-02"), "reviendrai").speaker == speaker


# ---- speech verbs in their less usual shapes ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        # an infinitive after « de » is a verb, not a noun after a determiner
        (
            "« Nous tiendrons », a assuré Olaf Scholz, avant de saluer la « patience » des Allemands.",
            "patience",
            "scholz",
        ),
        ("Giorgia Meloni a pris la parole afin de dénoncer un « chantage » inacceptable.", "chantage", "meloni"),
        # a verb that speaks through its object and a preposition
        ("Pedro Sánchez a appelé ses ministres à « garder le cap » malgré la crise.", "garder", "sanchez"),
        (
            "Lula a parlé dimanche. Il critique ce budget, qu'il taxe d'ailleurs de « cadeau aux riches ».",
            "cadeau",
            "lula",
        ),
        # an inverted cue with its auxiliary, the quotation right after its subject
        (
            "Le pays attendait ce contrat, s'est félicité le président Lula « Nous avons tenu parole. »",
            "parole",
            "lula",
        ),
    ],
)
def test_speech_verbs_in_their_less_usual_shapes(dev_quotes, text, fragment, speaker) -> None:
    assert by_text(dev_quotes(text, "fr", "2023-05-02"), fragment).speaker == speaker


def test_selon_and_a_pronoun_then_more_words_is_the_pronouns_source(dev_quotes) -> None:
    text = (
        "Luiz Inacio Lula da Silva a parlé devant l'Assemblée. "
        "Le pays est menacé selon lui par une « minorité bruyante »."
    )
    assert by_text(dev_quotes(text, "fr", "2023-05-02"), "minorité").speaker == "lula"


# ---- clause_before_colon ---------------------------------------------------------------------


def test_a_colon_closing_a_clause_announces_its_subjects_words(dev_quotes) -> None:
    (q,) = dev_quotes("Pedro Sánchez n'a pas reculé : « Nous garderons le cap jusqu'au bout. »")
    assert q.speaker == "sanchez"
    (q,) = dev_quotes("Giorgia Meloni s'est montrée confiante : le pays « sortira plus fort de cette crise ».")
    assert q.speaker == "meloni"


def test_a_colon_after_someone_else_a_document_or_a_question_is_not_the_subjects(dev_quotes) -> None:
    for text in (
        "Pedro Sánchez a reçu un appel d'Emmanuel Macron : « Nous serons à vos côtés. »",
        "Pedro Sánchez a relu la lettre envoyée mardi : « Nous serons à vos côtés. »",
        "Pedro Sánchez a été interpellé par une étudiante : « Pourquoi avez-vous attendu si longtemps ? »",
        "Pedro Sánchez a été accueilli par une banderole : « Bienvenue aux amis du peuple. »",
        "Pedro Sánchez a visité une école qui affichait sur sa façade : « Le savoir libère. »",
    ):
        (q,) = dev_quotes(text)
        assert q.speaker != "sanchez", text


# ---- quoted_predicate, completive_of_quoted_words ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        ("Olaf Scholz « n'entend pas céder » sur ce point.", "céder", "scholz"),
        (
            "Après un long silence, la présidente de la Commission Ursula von der Leyen « regrette » ce choix.",
            "regrette",
            "von_der_leyen",
        ),
        ("Pedro Sánchez était en campagne. Il « compte bien gagner » en juillet.", "gagner", "sanchez"),
        # a noun in the marks is no predicate: the words are a term
        ("Olaf Scholz « homme de compromis » est arrivé à Rome.", "compromis", "unknown"),
        # a subject nobody can name leaves the words unknown
        ("Il « compte bien gagner » en juillet.", "gagner", "unknown"),
    ],
)
def test_a_quotation_opening_on_its_subjects_verb_is_the_subjects(dev_quotes, text, fragment, speaker) -> None:
    assert by_text(dev_quotes(text, "fr", "2023-05-02"), fragment).speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Giorgia Meloni « veut croire » que l'été « apportera la paix ».", "meloni"),
        # someone else named in the completive speaks for himself, or not at all
        ("Giorgia Meloni « veut croire » que Scholz « finira par céder ».", "unknown"),
        # a verb in the completive makes it a clause of its own, with its own subject
        ("Giorgia Meloni « veut croire » que les Allemands ont dit « oui à la paix ».", "other"),
    ],
)
def test_a_quotation_in_the_completive_of_quoted_words_is_the_same_speakers(dev_quotes, text, speaker) -> None:
    assert dev_quotes(text, "fr", "2023-05-02")[-1].speaker.split(":")[0] == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Giorgia Meloni, en visite à Paris, a salué Emmanuel Macron « pour son courage ».", "meloni"),
        ("Giorgia Meloni, en visite à Paris, salue Emmanuel Macron « pour son courage ».", "meloni"),
        ("La ministre, en visite à Brasilia, a remercié le président Lula « pour son accueil ».", "other"),
        ("Giorgia Meloni, selon son entourage, a répondu aux journalistes « nous verrons bien ».", "meloni"),
    ],
)
def test_whom_a_speaker_addresses_after_the_verb_is_not_the_speaker(dev_quotes, text, speaker) -> None:
    """« X, en visite, a salué Y « ... » »: the subject stands before the verb, whatever the comma; Y is whom
    X addresses."""
    assert dev_quotes(text, "fr", "2023-05-02")[-1].speaker.split(":")[0] == speaker


# ---- same_words_elsewhere ----------------------------------------------------------------------

_BODY = (
    "\n\nLe chancelier a reçu mardi ses homologues à Berlin. « Il n'y aura aucune concession sur ce point », a "
    "déclaré Olaf Scholz devant la presse.\n"
)


@pytest.mark.parametrize(
    ("heading", "body", "speaker"),
    [
        ("« Aucune concession »", _BODY, "scholz"),
        # one word is a term many could use; words two speakers quoted are nobody's in particular
        ("« Concession »", _BODY, "unknown"),
        (
            "« Aucune concession »",
            _BODY + "« Aucune concession ne sera faite », a répondu Giorgia Meloni.\n",
            "unknown",
        ),
    ],
)
def test_a_headings_words_take_the_speaker_of_the_quotation_they_are_part_of(dev_quotes, heading, body, speaker):
    assert dev_quotes(heading + body, "fr", "2023-05-02")[0].speaker == speaker


# ---- inverted_cue_ending_sentence --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the cue covers the chain of quotations before it, whatever follows it in the sentence
        (
            "Cette réunion « a permis d'avancer » pour « trouver un accord », s'est félicité Olaf Scholz devant la "
            "presse, estimant que Berlin avait joué son « rôle ».",
            "scholz",
        ),
        (
            "Le sommet « n'a rien donné » et « rien ne changera », a regretté Giorgia Meloni, ajoutant qu'elle "
            "« attendait mieux ».",
            "meloni",
        ),
        # a speech verb between the quotation and the cue: the cue reports only what follows that verb
        (
            "La réunion « a permis d'avancer », a dit Jean Dupuis, pour « trouver un accord », s'est félicité Olaf "
            "Scholz.",
            "other",
        ),
    ],
)
def test_an_inverted_cue_covers_the_quotations_before_it(dev_quotes, text, speaker) -> None:
    assert dev_quotes(text, "fr", "2023-05-02")[0].speaker.split(":")[0] == speaker


# ---- someone else's label ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a description ends before its verb; « à » is no verb
        ("Une population épuisée a parlé de « lassitude ».", "other:Une population épuisée"),
        ("Le candidat à la mairie a dénoncé une « trahison ».", "other:Le candidat à la mairie"),
        # the subject a pronoun goes back to, in a sentence with no speech
        (
            "L'adolescent sera envoyé à la campagne. « Il n'y avait rien à manger », a-t-il raconté.",
            "other:L'adolescent",
        ),
    ],
)
def test_a_description_is_the_phrase_before_its_verb(dev_quotes, text, speaker) -> None:
    assert dev_quotes(text, "fr", "2023-05-02")[-1].speaker == speaker


def test_neither_a_name_in_quoted_words_nor_an_adverbial_is_the_subject(dev_quotes) -> None:
    text = (
        "Sous les applaudissements, ce dirigeant, déjà surnommé « le beau Carlos », a appelé les siens à « tenir bon »."
    )
    assert dev_quotes(text, "fr", "2023-05-02")[-1].speaker not in ("other:Carlos", "other:Sous les applaudissements")


# ---- session 2026-12-02: titles said of someone, quotations in a subordinate clause, gerund openings ---------


def test_a_title_said_of_the_holder_without_a_determiner_is_not_someone_elses(dev_quotes) -> None:
    text = (
        "Luiz Inácio Lula da Silva a prêté serment mercredi comme 39e président du Brésil. Le syndicaliste, "
        "devenu président pour la troisième fois, a salué la foule. « Nous reconstruirons ce pays », a déclaré "
        "le président après la cérémonie. « La faim reculera », a ajouté le nouveau président."
    )
    quotations = dev_quotes(text, "fr", "2023-01-02")
    assert by_text(quotations, "reconstruirons").speaker == "lula"
    assert by_text(quotations, "faim").speaker == "lula"
    text = 'Joe Biden was sworn in as the 46th president on Wednesday. "We will heal," the President said.'
    assert by_text(dev_quotes(text, "en", "2021-01-20"), "heal").speaker == "biden"


def test_a_pronoun_after_someone_elses_quotation_in_a_subordinate_clause_is_not_theirs(dev_quotes) -> None:
    text = (
        'Narendra Modi spoke about his travels. He recalled how Joe Biden once told him of a "deep friendship". '
        'He said: "I invited him to Gujarat and he came."'
    )
    quotations = dev_quotes(text, "en", "2023-06-01")
    assert by_text(quotations, "deep friendship").speaker == "biden"
    assert by_text(quotations, "Gujarat").speaker != "biden"
    text = (
        "Lula da Silva s'est élevé contre les sanctions. Il a jugé inacceptable « l'agression contre nos juges ». "
        "Il a ajouté : « Nous résisterons. »"
    )
    assert by_text(dev_quotes(text, "fr", "2025-09-23"), "résisterons").speaker == "lula"


def test_a_gerund_opening_a_sentence_describes_nobody(dev_quotes) -> None:
    text = (
        "Tout en reconnaissant que « le chemin sera long », M. Starmer a assuré que le travail commencerait "
        "« immédiatement ».\n\n« Nous reconstruirons le pays brique par brique », a-t-il poursuivi."
    )
    assert by_text(dev_quotes(text, "fr", "2024-07-06"), "brique").speaker == "starmer"


def test_a_circumstance_after_the_verb_is_not_the_subject(dev_quotes) -> None:
    text = "Xi Jinping a appelé Emmanuel Macron. « Il faut avancer », a affirmé lors de cet échange M. Xi."
    assert by_text(dev_quotes(text, "fr", "2025-05-22"), "avancer").speaker == "xi"


def test_the_title_of_a_work_is_nobodys_speech(dev_quotes) -> None:
    text = (
        "Emmanuel Macron a visité l'exposition « Trésors du royaume d'Abomey » au musée. "
        "« C'est notre histoire commune », a-t-il déclaré."
    )
    quotations = dev_quotes(text, "fr", "2024-05-01")
    assert by_text(quotations, "Abomey").speaker != "macron"
    assert by_text(quotations, "histoire commune").speaker == "macron"
    text = 'Keir Starmer praised the documentary "The Long Road Home" on Monday. "It moved me," he said.'
    quotations = dev_quotes(text, "en", "2025-02-01")
    assert by_text(quotations, "Long Road").speaker != "starmer"
    assert by_text(quotations, "moved me").speaker == "starmer"


def test_an_inverted_cue_of_an_earlier_quotation_introduces_no_later_one(dev_quotes) -> None:
    text = (
        "Pour Emmanuel Macron, rien ne change. « Nous tiendrons », a-t-il déclaré lors d'une visite "
        "à la « ferme des Quatre-Vents » près de Lyon."
    )
    quotations = dev_quotes(text, "fr", "2024-05-01")
    assert by_text(quotations, "tiendrons").speaker == "macron"
    assert by_text(quotations, "Quatre-Vents").speaker != "macron"


def test_a_principals_given_name_misspelt_is_still_the_principal(dev_quotes) -> None:
    text = "La Première ministre Georgia Meloni a reçu la presse. « Ce fut une bonne journée », a déclaré Meloni."
    assert by_text(dev_quotes(text, "fr", "2025-01-09"), "bonne journée").speaker == "meloni"
    for other in ("Arianna Meloni", "Giorgio Meloni"):  # a sister; a given name that is not hers
        text = f"{other} a reçu la presse. « Ce fut une bonne journée », a déclaré Meloni."
        assert by_text(dev_quotes(text, "fr", "2025-01-09"), "bonne journée").speaker != "meloni", other


@pytest.mark.parametrize("cue", ["avait-il lâché", "aurait-il confié", "avait-il ensuite ajouté", "a-t-il relevé"])
def test_an_inverted_pluperfect_or_conditional_cue(dev_quotes, cue: str) -> None:
    text = f"Emmanuel Macron a reçu la presse. « Je parle avec tout le monde, vous savez », {cue}."
    assert by_text(dev_quotes(text, "fr", "2024-05-01"), "tout le monde").speaker == "macron"


def test_claiming_words_is_saying_them(dev_quotes) -> None:
    text = "Emmanuel Macron a reçu la presse. Le président français a revendiqué « un discours de vérité »."
    assert by_text(dev_quotes(text, "fr", "2024-05-01"), "discours de vérité").speaker == "macron"


def test_a_sentence_opening_on_a_subordinate_clause_is_about_its_main_clauses_subject(dev_quotes) -> None:
    text = (
        "Alors que la trêve décrétée par ses voisins peine à tenir, le président ukrainien Volodymyr Zelensky "
        "s'est adressé à la nation.\n\n« Nous tiendrons », a-t-il martelé."
    )
    assert by_text(dev_quotes(text, "fr", "2023-01-07"), "tiendrons").speaker == "zelensky"
    text = (
        "As the opposition leader Kemi Badenoch pressed him, Prime Minister Keir Starmer remained calm.\n\n"
        '"We will not give up," he said.'
    )
    assert by_text(dev_quotes(text, "en", "2025-01-15"), "give up").speaker == "starmer"


def test_a_deputys_title_is_not_the_holders(dev_quotes) -> None:
    text = (
        "Deputy Prime Minister Angela Rayner faced questions on Wednesday. The opposition leader said Keir Starmer "
        'should sack her, but the Prime Minister said he was "very proud of her work".'
    )
    assert by_text(dev_quotes(text, "en", "2025-09-03"), "proud of her").speaker == "starmer"


def test_a_time_phrase_opening_a_sentence_is_not_its_subject(dev_quotes) -> None:
    text = (
        "Two days after her party lost the regional vote, Chancellor Angela Merkel took responsibility. "
        'She said there would be no return to "uncontrolled" arrivals.'
    )
    assert by_text(dev_quotes(text, "en", "2016-09-19"), "uncontrolled").speaker == "merkel"
    text = (
        "Quelques heures après la libération de la journaliste, la présidente du Conseil Giorgia Meloni a "
        "reçu la presse. Elle a parlé d'un « travail diplomatique complexe »."
    )
    assert by_text(dev_quotes(text, "fr", "2025-01-09"), "diplomatique").speaker == "meloni"


def test_an_undated_article_gives_a_role_to_the_holder_it_names(dev_quotes) -> None:
    said = "« Nous sommes sur la même longueur d'onde », a déclaré le président américain."
    assert by_text(dev_quotes(f"Joe Biden a reçu Lula à la Maison Blanche. {said}", "fr"), "onde").speaker == "biden"
    assert by_text(dev_quotes(said, "fr"), "onde").speaker == "trump"  # nobody named: today's holder
    both = f"Donald Trump a critiqué Joe Biden. {said}"
    assert by_text(dev_quotes(both, "fr"), "onde").speaker not in {"trump", "biden"}
    assert by_text(dev_quotes(both, "fr", "2022-06-01"), "onde").speaker == "biden"  # a date decides
    bare = "« Nous sommes sur la même longueur d'onde », a déclaré le président."
    assert by_text(dev_quotes(f"Donald Trump a critiqué Joe Biden. {bare}", "fr"), "onde").speaker not in {
        "trump",
        "biden",
    }  # the bare title as the role: two holders named, so nobody


def test_an_undated_article_about_a_former_holder_gives_her_role_and_title(dev_quotes) -> None:
    text = (
        "Angela Merkel ne sera bientôt plus la chancelière allemande. Elle a reçu Emmanuel Macron.\n\n"
        "« Le dialogue continue », a déclaré la chancelière allemande. Plus discrète qu'Emmanuel Macron, "
        "la chancelière a jugé la rencontre « très utile »."
    )
    quotes = dev_quotes(text, "fr")
    assert by_text(quotes, "dialogue").speaker == "merkel"  # her role, though her term has ended
    assert by_text(quotes, "utile").speaker == "merkel"  # her bare title, Macron passed over
    alone = dev_quotes("« Le dialogue continue », a déclaré la chancelière.", "fr")
    assert by_text(alone, "dialogue").speaker != "merkel"  # nobody named: not a former holder


def test_the_company_a_subject_keeps_is_not_the_subject(dev_quotes) -> None:
    text = (
        "« Nous ne réussirons qu'ensemble », a estimé Olaf Scholz au cours d'une conférence de presse avec "
        "Giorgia Meloni."
    )
    assert by_text(dev_quotes(text, "fr", "2023-06-08"), "ensemble").speaker == "scholz"
    text = '"We will only succeed together," said Olaf Scholz alongside Giorgia Meloni.'
    assert by_text(dev_quotes(text, "en", "2023-06-08"), "together").speaker == "scholz"


def test_a_pronoun_cue_closing_a_sentence_after_the_writers_words(dev_quotes) -> None:
    text = "Olaf Scholz a reçu la presse.\n\n« Il faut identifier les défis » pour mieux les résoudre, a-t-il ajouté."
    assert by_text(dev_quotes(text, "fr", "2023-06-08"), "identifier").speaker == "scholz"


def test_proposing_words_is_saying_them(dev_quotes) -> None:
    text = "Emmanuel Macron a proposé un « agenda positif pour nos relations » à son hôte."
    assert by_text(dev_quotes(text, "fr", "2023-04-06"), "agenda positif").speaker == "macron"


def test_an_infinitives_own_subject_after_pour_or_for(dev_quotes) -> None:
    text = (
        "Une conférence de presse a suivi. Elle a été l'occasion pour le président Emmanuel Macron de remercier "
        "son hôte : « Merci d'être à Paris ce soir », avant de lui redire sa « solidarité »."
    )
    quotations = dev_quotes(text, "fr", "2023-02-08")
    assert by_text(quotations, "Merci").speaker == "macron"
    assert by_text(quotations, "solidarité").speaker == "macron"
    text = 'The dinner was a chance for Keir Starmer to say to his guest: "You honour us tonight."'
    assert by_text(dev_quotes(text, "en", "2025-01-15"), "honour").speaker == "starmer"


def test_a_pronoun_cue_names_first_the_speaker_quoted_earlier_in_its_sentence(dev_quotes) -> None:
    text = (
        'Xi Jinping had spoken first. "Our partnership matters", said Keir Starmer, noting that both nations '
        '"have faced hard winters and will face more", he underscored.'
    )
    assert by_text(dev_quotes(text, "en", "2025-01-15"), "hard winters").speaker == "starmer"
    text = (
        "Xi Jinping a parlé le premier. « Nous resterons unis », a déclaré Emmanuel Macron, rappelant que la "
        "France « ne lâchera rien », a-t-il insisté."
    )
    assert by_text(dev_quotes(text, "fr", "2024-05-06"), "lâchera").speaker == "macron"
    text = (
        "Emmanuel Macron est arrivé à midi. « Bienvenue », a lancé le maire de la ville, rappelant que la "
        "commune « attendait ce jour », a-t-il ajouté."
    )
    assert by_text(dev_quotes(text, "fr", "2024-05-06"), "attendait").speaker != "macron"  # the mayor's


def test_an_agency_after_the_quotation_reports_the_verbs_subject(dev_quotes) -> None:
    text = "Xi Jinping a reçu les cadres. Le président chinois a appelé à « ouvrir davantage le pays », selon Xinhua."
    assert by_text(dev_quotes(text, "fr", "2024-03-01"), "ouvrir").speaker == "xi"
    # the agency's own words: no speech verb opens them, or a relative clause stands between
    text = "Xi Jinping a visité l'usine, où les ouvriers « travaillent jour et nuit », selon Xinhua."
    assert by_text(dev_quotes(text, "fr", "2024-03-01"), "jour et nuit").speaker != "xi"
    text = "Xi Jinping a salué ceux qui « travaillent jour et nuit », selon Xinhua."
    assert by_text(dev_quotes(text, "fr", "2024-03-01"), "jour et nuit").speaker != "xi"


@pytest.mark.parametrize("verb", ["s'est engagé", "s'est exclamé", "s'est indigné"])
def test_a_reflexive_speech_verb_in_the_past(dev_quotes, verb: str) -> None:
    text = f"Luiz Inácio Lula da Silva {verb} dimanche devant le Congrès « à reconstruire le pays »."
    assert by_text(dev_quotes(text, "fr", "2023-01-01"), "reconstruire").speaker == "lula"


def test_a_gerund_after_an_inverted_subject_ends_it(dev_quotes) -> None:
    text = (
        "« L'amitié entre nos pays n'a jamais été aussi forte », a tweeté Joe Biden en partageant une vidéo "
        "de la visite du Premier ministre Narendra Modi."
    )
    assert by_text(dev_quotes(text, "fr", "2023-06-25"), "amitié").speaker == "biden"


def test_a_pronoun_in_a_clause_hanging_on_the_main_clause_names_its_subject(dev_quotes) -> None:
    text = (
        "Xi Jinping a présenté ses condoléances au Royaume-Uni après le décès de la reine, qu'il a qualifié de "
        "« grande perte pour le peuple britannique »."
    )
    assert by_text(dev_quotes(text, "fr", "2022-09-09"), "grande perte").speaker == "xi"
    text = "Xi Jinping a reçu Joe Biden, dont il a salué « l'esprit d'ouverture »."
    assert by_text(dev_quotes(text, "fr", "2023-11-15"), "ouverture").speaker == "xi"
    text = "Emmanuel Macron a reçu une délégation, qu'elle a qualifiée de « décisive »."  # « elle » is not him
    assert by_text(dev_quotes(text, "fr", "2023-11-15"), "décisive").speaker != "macron"


def test_the_press_reporting_a_quotation_a_speech_verb_opens_is_not_its_speaker(dev_quotes) -> None:
    text = (
        "Dans son émission de radio, Narendra Modi a assuré aux familles des victimes qu'elles « obtiendront "
        "justice », rapportent les médias locaux."
    )
    assert by_text(dev_quotes(text, "fr", "2025-04-27"), "justice").speaker == "modi"
    text = "Narendra Modi a visité la région. Les habitants « vivent dans la peur », rapportent les médias locaux."
    assert by_text(dev_quotes(text, "fr", "2025-04-27"), "peur").speaker != "modi"
    text = "Narendra Modi a rencontré les familles, qui « attendent des actes », rapporte la presse locale."
    assert by_text(dev_quotes(text, "fr", "2025-04-27"), "actes").speaker != "modi"


def test_what_someone_should_say_is_not_their_speech(quotes) -> None:
    text = (
        "Vladimir Poutine est arrivé. Il est temps pour Vladimir Poutine de dire « stop » à la guerre, "
        "estime l'éditorial."
    )
    assert by_text(quotes(text), "stop").speaker != "putin"


def test_the_clause_of_an_earlier_quotations_cue_going_on_into_a_later_one(dev_quotes) -> None:
    text = (
        'Underlining that "the world trusts us", Prime Minister Narendra Modi said Friday while "we are not '
        'neutral" in any war.'
    )
    assert by_text(dev_quotes(text, "en", "2025-01-10"), "not neutral").speaker == "modi"


def test_a_quoted_subhead_refers_to_the_section_below_it(dev_quotes) -> None:
    text = (
        "Emmanuel Macron a salué Angela Merkel. « Merci pour tout », a-t-il dit.\n\n"
        "« Nous tirerons un bilan en temps voulu »\n\n"
        "La chancelière a répondu : « Cette coopération me réjouit et nous tirerons un bilan en temps voulu. »"
    )
    quotations = dev_quotes(text, "fr", "2021-05-31")
    subhead = next(q for q in quotations if q.text == "Nous tirerons un bilan en temps voulu")
    assert subhead.speaker != "macron"
    # a quotation standing alone that ends a sentence inside its marks is speech going on, not a subhead
    text = "Emmanuel Macron a salué Angela Merkel. « Merci pour tout », a-t-il dit.\n\n« Nous nous reverrons bientôt. »"
    assert by_text(dev_quotes(text, "fr", "2021-05-31"), "reverrons").speaker == "macron"


def test_a_bare_title_passes_over_registry_people_who_do_not_hold_it(dev_quotes) -> None:
    said = "« Nous avançons de manière pratique », a expliqué le chef de l'État."
    text = f"Emmanuel Macron, Friedrich Merz et leurs ministres se sont réunis à Toulon. {said}"
    assert by_text(dev_quotes(text, "fr", "2025-08-29"), "pratique").speaker == "macron"
    # a name the registry does not know may be the holder: in doubt
    text = f"Emmanuel Macron a reçu Frank-Walter Steinmeier à Toulon. {said}"
    assert by_text(dev_quotes(text, "fr", "2025-08-29"), "pratique").speaker != "macron"


@pytest.mark.parametrize("cue", ["a renchéri", "renchérit"])
def test_renchérir_after_a_quotation(dev_quotes, cue: str) -> None:
    text = f"Narendra Modi a salué l'accord. « L'Europe et l'Inde ont fait l'histoire », {cue} Ursula von der Leyen."
    assert by_text(dev_quotes(text, "fr", "2026-01-27"), "histoire").speaker == "von_der_leyen"


def test_a_circumstance_opening_a_sentence_is_not_its_subject(dev_quotes) -> None:
    text = (
        "Les deux hommes avaient déjà pu se parler à Rio. Entre un Joe Biden sur le départ et des Européens "
        "tétanisés par le retour à la Maison Blanche de Donald Trump, Xi Jinping est apparu au centre du jeu. "
        "« Notre position reste inchangée », a-t-il assuré."
    )
    assert by_text(dev_quotes(text, "fr", "2024-11-20"), "inchangée").speaker == "xi"


def test_a_quotation_paragraph_after_reported_speech_continues_its_speaker(dev_quotes) -> None:
    text = (
        "In a long interview, Narendra Modi said India's standing in the world had grown.\n\n"
        '"The world trusts us. What we say is clear."\n\n'
        "Officials declined to comment."
    )
    assert by_text(dev_quotes(text, "en", "2025-01-10"), "trusts us").speaker == "modi"


@pytest.mark.parametrize("verb", ["s'en est réjoui", "s'en est félicité"])
def test_a_reflexive_cue_with_en_between(dev_quotes, verb: str) -> None:
    text = f"Les deux présidents ont affiché leur proximité. Emmanuel Macron {verb} : « Je remercie Joe Biden. »"
    assert by_text(dev_quotes(text, "fr", "2022-12-01"), "remercie").speaker == "macron"


def test_a_counterpart_holds_the_possessors_title_in_the_country_named(dev_quotes) -> None:
    text = (
        "Joe Biden a reçu Emmanuel Macron. « La France est notre amie », lance le président américain. "
        "« Vive l'amitié », lui répond son homologue français."
    )
    assert by_text(dev_quotes(text, "fr", "2022-12-02"), "amitié").speaker == "macron"
    text = 'Joe Biden met the press. "We compete, we do not fight," said his Chinese counterpart.'
    assert by_text(dev_quotes(text, "en", "2023-11-15"), "compete").speaker == "xi"


def test_a_counterpart_of_someone_else_or_of_a_title_nobody_holds_is_nobody(dev_quotes) -> None:
    minister = (
        "Emmanuel Macron a reçu le ministre allemand Boris Pistorius. « Nous avançons », a déclaré son "
        "homologue français."
    )
    assert by_text(dev_quotes(minister, "fr", "2024-05-01"), "avançons").speaker != "macron"  # a minister's
    chancellor = "Olaf Scholz a accueilli la presse. « Nous avançons », a déclaré son homologue français."
    assert by_text(dev_quotes(chancellor, "fr", "2023-05-01"), "avançons").speaker != "macron"  # no chancelier
    text = "Joe Biden est arrivé à Brasilia. « Nous avançons », a déclaré son homologue brésilien."
    assert by_text(dev_quotes(text, "fr", "2023-05-01"), "avançons").speaker == "lula"
    assert by_text(dev_quotes(text, "fr", "2010-05-01"), "avançons").speaker != "lula"  # Biden not president then


def test_a_comma_closing_the_subjects_apposition_is_no_inverted_cue(dev_quotes) -> None:
    text = (
        "« Nous tiendrons nos engagements », a déclaré Recep Tayyip Erdogan à Athènes.\n\n"
        "Le chancelier autrichien, Karl Nehammer, a pour sa part rappelé l'importance pour Ankara et Vienne "
        "d'avancer ensemble. « Il faut des solutions communes », a-t-il affirmé."
    )
    assert by_text(dev_quotes(text, "fr", "2023-05-02"), "communes").speaker == "other:Karl Nehammer"


def test_an_adverb_between_an_english_subject_and_its_verb_keeps_the_subject(dev_quotes) -> None:
    text = (
        '"We will not wait," said Olaf Scholz in Berlin. He further urged his partners to act. "Europe must move now."'
    )
    assert by_text(dev_quotes(text, "en", "2023-05-02"), "move now").speaker == "scholz"


def test_a_capitalised_bare_title_is_no_unknown_name_before_the_next_one(dev_quotes) -> None:
    text = (
        "Prime Minister Narendra Modi spoke in Varanasi.\n\n"
        'The Prime Minister also hit out at his critics. "They stand with the corrupt," said the Prime Minister.'
    )
    assert by_text(dev_quotes(text, "en", "2016-12-22"), "corrupt").speaker == "modi"


def test_a_question_reported_right_after_the_marks_is_the_askers(dev_quotes) -> None:
    text = 'Narendra Modi spoke in Varanasi. "Whose report card is this?" questioned Modi.'
    assert by_text(dev_quotes(text, "en", "2016-12-22"), "report card").speaker == "modi"
    text = 'Joe Biden met the press. "Who pays for it?" asked the former senator Bernie Sanders.'
    assert by_text(dev_quotes(text, "en", "2023-05-02"), "pays").speaker == "other:Bernie Sanders"


def test_dont_opens_a_relative_whose_own_subject_speaks(dev_quotes) -> None:
    text = (
        "Olaf Scholz s'est exprimé à Berlin. Le chancelier soutient Robert Habeck, ministre de l'Économie, "
        "dont il vante la « ténacité »."
    )
    assert by_text(dev_quotes(text, "fr", "2023-05-02"), "ténacité").speaker == "scholz"


def test_a_name_in_a_complement_does_not_stand_between_a_title_and_its_holder(dev_quotes) -> None:
    text = (
        "Emmanuel Macron est interrogé sur la nomination de Gérald Darmanin. « La présomption d'innocence "
        "vaut pour tous », répond le chef de l'Etat."
    )
    assert by_text(dev_quotes(text, "fr", "2020-07-14"), "présomption").speaker == "macron"
    agent = 'Giorgia Meloni was received by Mark Rutte in The Hague. "We agree on migration," said the prime minister.'
    assert by_text(dev_quotes(agent, "en", "2023-05-02"), "migration").speaker != "meloni"  # the agent may be him


def test_a_reflexive_verb_in_the_pluperfect_reports(dev_quotes) -> None:
    text = "La veille, Olaf Scholz s'était engagé à « tenir la ligne » face à Moscou."
    assert by_text(dev_quotes(text, "fr", "2023-05-02"), "tenir").speaker == "scholz"


def test_a_relative_or_participle_set_off_by_commas_is_not_the_subject(dev_quotes) -> None:
    text = (
        "Xi Jinping, que Joe Biden a plusieurs fois traité de « dictateur », a ajouté : « Nous voulons la stabilité. »"
    )
    assert by_text(dev_quotes(text, "fr", "2024-04-26"), "stabilité").speaker == "xi"
    text = (
        "Defence Minister Ursula von der Leyen, nominated to lead the European Commission, said she would "
        'present her "plan" soon.'
    )
    assert by_text(dev_quotes(text, "en", "2019-07-03"), "plan").speaker == "von_der_leyen"


def test_a_list_bullet_is_no_part_of_the_subject(dev_quotes) -> None:
    text = (
        "Le Premier ministre, Pedro Sánchez, a tenu une conférence de presse.\n\n"
        "• Le Premier ministre a martelé que l'Espagne tiendrait bon. « Nous ne reculerons pas »."
    )
    assert by_text(dev_quotes(text, "fr", "2024-01-18"), "reculerons").speaker == "sanchez"


def test_a_pronoun_after_a_coordination_is_the_sentences_first_subject(dev_quotes) -> None:
    text = (
        "Giorgia Meloni a reçu la presse.\n\nOlaf Scholz ajoute qu'il a parlé avec Robert Habeck et il évoque "
        "une « confiance totale »."
    )
    assert by_text(dev_quotes(text, "fr", "2023-05-02"), "confiance").speaker == "scholz"
    other = (
        "Emmanuel Macron a reçu la presse. Robert Habeck a écrit à Olaf Scholz et il évoque une « confiance totale »."
    )
    assert by_text(dev_quotes(other, "fr", "2023-05-02"), "confiance").speaker == "unknown"  # Habeck or Scholz


def test_a_place_after_a_french_article_is_no_name_between_a_title_and_its_holder(dev_quotes) -> None:
    text = (
        "Brasília – Le président Luiz Inácio Lula da Silva est rentré et s'est dirigé vers le Palais Planalto. "
        "Le président a reçu la presse. « Nous avons beaucoup travaillé », a-t-il déclaré."
    )
    assert by_text(dev_quotes(text, "fr", "2023-06-25"), "travaillé").speaker == "lula"


def test_a_sentence_whose_subject_is_a_title_does_not_go_on_with_the_last_speaker(dev_quotes) -> None:
    text = (
        "Keir Starmer faced Kemi Badenoch in the Commons.\n\n"
        "“They want me to answer questions,” Badenoch replied.\n\n"
        "The prime minister hit back: “She wants to swap sides.”"
    )
    assert by_text(dev_quotes(text, "en", "2025-03-19"), "swap sides").speaker != "other:Badenoch"


def test_the_pm_is_the_prime_minister(dev_quotes) -> None:
    text = 'Prime Minister Narendra Modi spoke in Varanasi. "We will not stop," the PM said.'
    assert by_text(dev_quotes(text, "en", "2016-12-22"), "stop").speaker == "modi"


@pytest.mark.parametrize(
    "text",
    [
        "Le dirigeant d'extrême droite a dénoncé une « trahison ».",
        "« Nous tiendrons », a affirmé le chef du gouvernement brésilien.",
        'The prime minister of the island said it was a "betrayal".',
    ],
)
def test_a_title_the_registry_does_not_list_is_doubt_never_someone_else(dev_quotes, text) -> None:
    assert dev_quotes(text, None, "2023-05-02")[0].speaker == "unknown"


def test_shouting_right_after_the_marks_reports(dev_quotes) -> None:
    text = "Jair Bolsonaro a quitté la tribune. « Taisez-vous ! », a-t-il crié aux manifestants."
    assert by_text(dev_quotes(text, "fr", "2021-06-21"), "Taisez").speaker == "bolsonaro"
    text = "« Dehors ! » a hurlé Jair Bolsonaro devant la presse."
    assert by_text(dev_quotes(text, "fr", "2021-06-21"), "Dehors").speaker == "bolsonaro"


def test_a_pronoun_passes_over_a_speaker_of_the_other_gender(dev_quotes) -> None:
    text = (
        "Volodymyr Zelensky a donné une conférence de presse dans le métro.\n\n"
        "« Avez-vous peur ? », lui a demandé une journaliste.\n\n"
        "« Je n'ai pas le droit d'avoir peur », a-t-il répondu."
    )
    quotes = dev_quotes(text, "fr", "2022-03-13")
    assert by_text(quotes, "droit").speaker == "zelensky"
    assert by_text(quotes, "Avez-vous").speaker == "other:une journaliste"
    someone_asked = (
        "Olaf Scholz a parlé à Berlin.\n\n« Que ferez-vous ? », a demandé une journaliste à Emmanuel Macron.\n\n"
        "« Nous tiendrons », a-t-il répondu."
    )
    assert by_text(dev_quotes(someone_asked, "fr", "2023-05-02"), "tiendrons").speaker == "unknown"  # not Scholz


def test_a_former_holders_title_names_the_former_holder_the_article_names(dev_quotes) -> None:
    text = "Donald Trump a félicité Javier Milei. « Vous allez réussir », a déclaré l'ex-président."
    assert by_text(dev_quotes(text, "fr", "2023-11-21"), "réussir").speaker == "trump"
    text = 'Donald Trump called Javier Milei. "You will succeed," the former president said.'
    assert by_text(dev_quotes(text, "en", "2023-11-21"), "succeed").speaker == "trump"
    current = "Joe Biden a reçu Lula. « Nous avançons », a déclaré l'ancien président."
    assert by_text(dev_quotes(current, "fr", "2023-05-02"), "avançons").speaker == "unknown"  # both in office


def test_a_demonstrative_description_points_back_like_a_pronoun(dev_quotes) -> None:
    text = (
        "Rishi Sunak est devenu Premier ministre mardi. Cet ancien banquier promet « stabilité et unité » "
        "aux Britanniques."
    )
    assert by_text(dev_quotes(text, "fr", "2022-10-25"), "stabilité").speaker == "sunak"
    text = "Giorgia Meloni a reçu la presse. Cet ancien banquier promet « stabilité et unité »."
    assert by_text(dev_quotes(text, "fr", "2023-05-02"), "stabilité").speaker != "meloni"  # « cet »: a man


def test_a_clause_opening_on_a_pronoun_is_no_description(dev_quotes) -> None:
    text = (
        "Nick est membre du parti. Il aurait voté pour lui si l'élection était allée au bout. "
        "« Il a une dure tâche », estime-t-il."
    )
    assert by_text(dev_quotes(text, "fr", "2022-10-25"), "dure tâche").speaker == "other:Nick"


def test_a_possessor_the_model_names_is_not_the_speaker(dev_quotes) -> None:
    text = 'Keir Starmer met the press. Rachel Reeves’s spokesman said: "Those figures are wrong."'
    speaker = by_text(dev_quotes(text, "en", "2025-03-19"), "figures").speaker
    assert speaker.startswith("other:") and speaker.endswith("spokesman")


def test_a_subhead_between_does_not_use_up_the_pronouns_reach(dev_quotes) -> None:
    text = (
        "Jair Bolsonaro s'est emporté devant la presse.\n\n"
        "« Vous faites un journalisme pourri », a-t-il crié.\n\n"
        "Le masque, jamais\n\n"
        "« Je vais où je veux », a-t-il poursuivi."
    )
    assert by_text(dev_quotes(text, "fr", "2021-06-21"), "où je veux").speaker == "bolsonaro"


def test_a_title_two_named_people_hold_goes_to_the_one_just_speaking(dev_quotes) -> None:
    text = (
        "Recep Tayyip Erdogan a reçu Luiz Inácio Lula da Silva à Ankara.\n\n"
        "Luiz Inácio Lula da Silva a déclaré que la paix était possible.\n\n"
        "« Nous devons parler à tous », a souligné le chef de l'État."
    )
    assert by_text(dev_quotes(text, "fr", "2024-02-16"), "parler à tous").speaker == "lula"
    both = (
        "Recep Tayyip Erdogan a reçu Luiz Inácio Lula da Silva à Ankara.\n\n"
        "Luiz Inácio Lula da Silva a parlé de la paix avec Recep Tayyip Erdogan.\n\n"
        "« Nous devons parler à tous », a souligné le chef de l'État."
    )
    assert by_text(dev_quotes(both, "fr", "2024-02-16"), "parler à tous").speaker == "unknown"


# ---- the twelfth session's patterns (from the eleventh and twelfth real sets' misses) ----------------


def test_an_opening_participle_leaves_the_main_clause_subject_for_the_next_pronoun(dev_quotes) -> None:
    text = (
        "Closing the summit, Prime Minister Keir Starmer rejects any talk of a deal with the opposition. "
        "He tells voters not to believe “those rumours about my cabinet.”"
    )
    assert by_text(dev_quotes(text, "en", "2025-03-01"), "rumours").speaker == "starmer"
    text = (
        "Interrogée sur la réforme, la présidente du Conseil Giorgia Meloni écarte tout recul. "
        "Elle dit vouloir « aller jusqu'au bout »."
    )
    assert by_text(dev_quotes(text, "fr", "2024-03-01"), "jusqu'au bout").speaker == "meloni"


def test_a_later_quotation_after_the_cue_goes_on_when_nobody_else_is_named(dev_quotes) -> None:
    text = (
        "Keir Starmer spoke in Leeds. “We will fix the roads,” he says, but once the budget passes, "
        "“every town will see the difference.”"
    )
    assert by_text(dev_quotes(text, "en", "2025-03-01"), "every town").speaker == "starmer"
    text = (
        "Keir Starmer spoke in Leeds. “We will fix the roads,” he says, but the mayor of Leeds, Jane Doe, "
        "answers that “every town will see the difference.”"
    )
    assert by_text(dev_quotes(text, "en", "2025-03-01"), "every town").speaker != "starmer"


def test_concludes_after_a_quotation_is_a_cue(dev_quotes) -> None:
    text = "Keir Starmer closed the debate. “The hard part is behind us,” he concludes."
    assert by_text(dev_quotes(text, "en", "2025-03-01"), "hard part").speaker == "starmer"


def test_paragraphs_of_one_quotation_reopened_by_another_kind_of_mark(dev_quotes) -> None:
    """Hand-typed copy mixes " and “: each paragraph of a long quotation opens, only the last closes."""
    text = (
        "Giorgia Meloni answered the critics.\n\n"
        '“We kept every promise," she said.\n\n'
        '"We cut taxes for families.\n\n'
        '"That is not enough.\n\n'
        '“And we will do more next year."\n\n'
        "The opposition walked out."
    )
    quotes = dev_quotes(text, "en", "2024-03-01")
    for words in ("cut taxes", "not enough", "do more"):
        assert by_text(quotes, words).speaker == "meloni", words


def test_a_sentence_opened_by_a_principal_reports_the_paragraph_after_it(dev_quotes) -> None:
    text = (
        "Giorgia Meloni said the vote showed what her party had been saying for years.\n\n"
        "“The country wants stability and it has chosen it.”"
    )
    assert by_text(dev_quotes(text, "en", "2024-03-01"), "stability").speaker == "meloni"
    text = (
        "Giorgia Meloni said the vote showed what Elly Schlein had been saying for years.\n\n"
        "“The country wants stability and it has chosen it.”"
    )
    assert by_text(dev_quotes(text, "en", "2024-03-01"), "stability").speaker == "unknown"


def test_a_speech_verb_in_a_closed_relative_does_not_report_the_main_clause(dev_quotes) -> None:
    text = (
        "L'élection de Javier Milei, qui se décrit comme un « libertarien », est vue par ses adversaires "
        "comme un « saut dans le vide » pour le pays."
    )
    quotes = dev_quotes(text, "fr", "2023-12-10")
    assert by_text(quotes, "saut dans le vide").speaker != "milei"
    assert by_text(quotes, "libertarien").speaker == "milei"


def test_a_name_that_modifies_a_noun_is_not_the_speaker(dev_quotes) -> None:
    text = "“Nothing works here any more,” said Milei supporter Ana Gómez, a student."
    assert by_text(dev_quotes(text, "en", "2023-11-20"), "Nothing works").speaker != "milei"
    text = "“The deal is done,” a Starmer aide told reporters."
    assert by_text(dev_quotes(text, "en", "2025-03-01"), "deal is done").speaker != "starmer"
    text = "“The deal is done,” Starmer told reporters."
    assert by_text(dev_quotes(text, "en", "2025-03-01"), "deal is done").speaker == "starmer"


def test_a_short_first_paragraph_does_not_make_the_whole_match_the_second() -> None:
    from bot.core.evaluate import GoldQuote, score

    second = "We do not spend money on weapons to send abroad. We already have what we need."
    gold = [GoldQuote("a.txt", "This is untrue.", "meloni", "full"), GoldQuote("a.txt", second, "meloni", "full")]
    both = Quotation("a.txt", f"This is untrue.\n{second}", "meloni", "full", 0, 100, None)
    assert score([both], gold, {"meloni"}).true_positives == 2


def test_an_unclosed_quoted_line_ending_a_sentence_is_no_heading() -> None:
    from bot.core.article import is_heading

    assert not is_heading('"This is also untrue.')
    assert is_heading('"Un accord"')


def test_a_present_tense_ending_in_re_is_no_infinitive(dev_quotes) -> None:
    text = "Nicolas Sarkozy déclare son « attachement » au pays dans une lettre."
    assert by_text(dev_quotes(text, "fr", "2012-04-05"), "attachement").speaker == "sarkozy"
    text = "Emmanuel Macron assure « qu'il n'y aura pas de hausse »."
    assert by_text(dev_quotes(text, "fr", "2023-04-05"), "hausse").speaker == "macron"


def test_an_english_bare_title_followed_by_any_word_is_still_the_holders(dev_quotes) -> None:
    text = (
        "President Biden took questions, a chance to hear the president speak freely, and said he would run for "
        'president again.\n\n"We are stronger than ever," the president said.'
    )
    assert by_text(dev_quotes(text, "en", "2024-07-11"), "stronger than ever").speaker == "biden"
    text = 'President Biden met the Brazilian president Lula.\n\n"We are stronger than ever," the president said.'
    assert by_text(dev_quotes(text, "en", "2024-07-11"), "stronger than ever").speaker == "unknown"


def test_a_dateline_and_an_opening_with_leave_the_subject_to_the_next_pronoun(dev_quotes) -> None:
    text = (
        "BUENOS AIRES: With prices that have tripled, the economist Javier Milei has won the vote. "
        "He has vowed to “close the central bank” within a year."
    )
    assert by_text(dev_quotes(text, "en", "2023-11-20"), "central bank").speaker == "milei"


def test_a_pronoun_goes_back_through_a_sentence_that_only_points_back(dev_quotes) -> None:
    text = (
        "Javier Milei has shaken the country.\n\n"
        "“Freedom!” was his one word throughout a campaign in which he toured every province.\n\n"
        "He has vowed to “close the central bank” within a year."
    )
    assert by_text(dev_quotes(text, "en", "2023-11-20"), "central bank").speaker == "milei"
    text = (
        "Javier Milei has shaken the country.\n\n"
        "“Freedom!” was her one word throughout a campaign in which she toured every province.\n\n"
        "He has vowed to “close the central bank” within a year."
    )
    assert by_text(dev_quotes(text, "en", "2023-11-20"), "central bank").speaker == "unknown"


def test_a_cleft_opening_names_its_subject_after_que(dev_quotes) -> None:
    text = (
        "C'est confiant que François Hollande aborde la rentrée. « Nous avons tenu bon, "
        "confie-t-il au Monde. Et nous continuerons. »"
    )
    assert by_text(dev_quotes(text, "fr", "2015-09-01"), "tenu bon").speaker == "hollande"


def test_a_participle_right_after_the_marks_qualifies_the_quoted_words(dev_quotes) -> None:
    text = (
        "Ursula von der Leyen a présenté son plan, avec le « Pacte vert » confié à son adjoint Jean Dupont. "
        "Elle a appelé les députés à agir « ensemble »."
    )
    quotes = dev_quotes(text, "fr", "2020-01-15")
    assert by_text(quotes, "Pacte vert").speaker == "unknown"
    assert by_text(quotes, "ensemble").speaker == "von_der_leyen"


def test_a_sentence_whose_speech_verb_hangs_on_its_main_verb_is_its_subjects(dev_quotes) -> None:
    text = (
        "La présidente élue de la Commission, l'Allemande Ursula von der Leyen, a présenté mercredi au Parlement "
        "son équipe de vingt membres (sans Belge) et son programme, choisissant d'évoquer d'abord le climat, "
        "avec le « Pacte vert » confié aux mains de son adjoint Jean Dupont."
        "\n\nDans un long discours, elle a appelé les députés à « voter vite »."
    )
    assert by_text(dev_quotes(text, "fr", "2020-01-15"), "voter vite").speaker == "von_der_leyen"


def test_the_new_president_is_the_holder_whose_term_just_began(dev_quotes) -> None:
    text = "Lula a salué Javier Milei lors de la cérémonie. « Il n'y a pas d'argent », a déclaré le nouveau président."
    assert by_text(dev_quotes(text, "fr", "2023-12-10"), "pas d'argent").speaker == "milei"
    text = "Lula a salué Javier Milei lors de la cérémonie. « Il n'y a pas d'argent », a déclaré le président."
    assert by_text(dev_quotes(text, "fr", "2023-12-10"), "pas d'argent").speaker == "unknown"


def test_a_principal_opening_a_sentence_does_not_report_another_speakers_verb(dev_quotes) -> None:
    text = (
        "Giorgia Meloni said the minister had announced his resignation on Monday.\n\n"
        "“I am leaving because I was not heard.”"
    )
    assert by_text(dev_quotes(text, "en", "2024-03-01"), "not heard").speaker != "meloni"


def test_a_later_quotation_after_a_main_clause_of_someone_else_is_not_the_cues(dev_quotes) -> None:
    text = (
        "Keir Starmer spoke in Leeds. “We will fix the roads,” he says, but critics disagree, calling the plan "
        "“a fantasy for the next election.”"
    )
    assert by_text(dev_quotes(text, "en", "2025-03-01"), "fantasy").speaker != "starmer"


def test_an_english_bare_title_before_another_name_is_not_the_holders(dev_quotes) -> None:
    text = (
        "Reporters asked about the visit of the president Lai Ching-te. President Biden answered them.\n\n"
        '"We are stronger than ever," the president said.'
    )
    assert by_text(dev_quotes(text, "en", "2023-11-15"), "stronger than ever").speaker == "unknown"


def test_a_nickname_inside_the_marks_leaves_the_bare_surname_to_the_principal(dev_quotes) -> None:
    text = (
        "Friedrich Merz et Olaf Scholz se sont affrontés. « Fritze Merz raconte des bêtises », a dit Olaf Scholz. "
        "« Nous verrons qui raconte des bêtises », a répondu Merz."
    )
    assert by_text(dev_quotes(text, "fr", "2024-12-16"), "Nous verrons").speaker == "merz"
    text = "Friedrich Merz est arrivé. Fritze Merz, son cousin, parle. « Nous verrons », a répondu Merz."
    assert by_text(dev_quotes(text, "fr", "2024-12-16"), "Nous verrons").speaker != "merz"


def test_a_sentence_opening_on_a_coordination_and_its_verb_keeps_the_subject_before(dev_quotes) -> None:
    text = "Emmanuel Macron a reconnu des erreurs. Il a fait un mea culpa. Et admis avoir été « trop pressé »."
    assert by_text(dev_quotes(text, "fr", "2021-12-15"), "trop pressé").speaker == "macron"
    text = (
        "Emmanuel Macron a reconnu des erreurs. La ministre Jeanne Dupont a fait un mea culpa. "
        "Et admis avoir été « trop pressée »."
    )
    assert by_text(dev_quotes(text, "fr", "2021-12-15"), "trop pressée").speaker != "macron"


# ---- a relative opened by where / où (speech_verb_before, through the subject of its verb) ------------------


def test_a_relative_on_someone_elses_words_does_not_give_them_to_the_main_subject(dev_quotes) -> None:
    """The pronoun of "X commented on Y's remarks, where he said" may be either man: never X by default."""
    text = (
        "Chancellor Olaf Scholz on Monday answered questions on President Emmanuel Macron's latest remarks "
        "where he had said “Europe could die”."
    )
    assert by_text(dev_quotes(text, "en", "2023-04-10"), "Europe could die").speaker == "unknown"
    text = (
        "Le chancelier Olaf Scholz a répondu lundi aux questions sur les propos d'Emmanuel Macron, où il "
        "affirmait que l'Europe pouvait « mourir »."
    )
    assert by_text(dev_quotes(text, "fr", "2023-04-10"), "mourir").speaker == "unknown"


def test_a_relative_opened_by_where_or_ou_is_the_sentence_subjects(dev_quotes) -> None:
    """« X a publié une vidéo, dans laquelle il dénonce « ... » », "X was received by Y in Rome, where he
    pleaded for “...”": the relative goes on with the main clause's subject, a name it passes included."""
    text = "Le président Lula a publié une vidéo, dans laquelle il dénonce « une attaque contre la démocratie »."
    assert by_text(dev_quotes(text, "fr", "2023-01-09"), "attaque").speaker == "lula"
    text = (
        "Le Premier ministre espagnol Pedro Sánchez a été reçu lundi par le président chinois Xi Jinping à Pékin, "
        "où il a plaidé pour « une relation équilibrée »."
    )
    assert by_text(dev_quotes(text, "fr", "2024-09-09"), "relation équilibrée").speaker == "sanchez"
    text = "Prime Minister Narendra Modi flew to Tokyo, where he hailed a “special strategic partnership”."
    assert by_text(dev_quotes(text, "en", "2023-05-20"), "special strategic").speaker == "modi"


# ---- a bare title after the verb, with where or to whom after it (cue_after_quote, title_holder) -----------


def test_a_bare_title_followed_by_where_or_to_whom_is_still_the_title(dev_quotes) -> None:
    text = (
        "Le président brésilien Lula a réuni ses ministres lundi. « Le salaire minimum augmentera », a déclaré "
        "le chef de l'État à la sortie du Conseil."
    )
    assert by_text(dev_quotes(text, "fr", "2023-03-06"), "salaire minimum").speaker == "lula"
    text = "Lula a réuni ses ministres lundi. « Le salaire augmentera », a promis le président à la presse."
    assert by_text(dev_quotes(text, "fr", "2023-03-06"), "salaire").speaker == "lula"


def test_a_title_heading_something_is_not_cut_to_the_bare_title(dev_quotes) -> None:
    """« le président à la tête de la commission » is whoever chairs it, not the head of state."""
    text = (
        "Le président brésilien Lula a réuni ses ministres lundi. « Le budget tiendra », a déclaré le président "
        "à la tête de la commission des finances."
    )
    assert by_text(dev_quotes(text, "fr", "2023-03-06"), "budget").speaker != "lula"


def test_the_president_running_again_holds_the_title(dev_quotes) -> None:
    text = "Nicolas Sarkozy a réuni ses partisans. « Vous êtes venus », a lancé le président-candidat à la foule."
    assert by_text(dev_quotes(text, "fr", "2012-04-15"), "Vous êtes venus").speaker == "sarkozy"
    text = "François Hollande a réuni ses partisans. « Vous êtes venus », a lancé le président-candidat à la foule."
    assert by_text(dev_quotes(text, "fr", "2012-04-15"), "Vous êtes venus").speaker != "hollande"  # not in office


def test_a_former_holders_title_leaves_the_bare_title_to_the_holder(dev_quotes) -> None:
    """ "former President X" before "the president" names nobody who holds the title now."""
    text = (
        "President Joe Biden spoke in Scranton on Saturday. He won it from former President Donald Trump in 2020. "
        "The president called the new law a “historic win” for workers."
    )
    assert by_text(dev_quotes(text, "en", "2023-06-17"), "historic win").speaker == "biden"
    text = (
        "Le président français Emmanuel Macron était à Rouen. Il y a dîné avec l'ex-président François Hollande. "
        "« Nous tiendrons », a affirmé le président."
    )
    assert by_text(dev_quotes(text, "fr", "2023-06-17"), "Nous tiendrons").speaker == "macron"


def test_an_inversion_typed_avait_t_il_is_still_an_inverted_cue(dev_quotes) -> None:
    text = "Javier Milei a répondu aux économistes. « Lisez l'autre partie de la bibliothèque », leur avait-t-il dit."
    assert by_text(dev_quotes(text, "fr", "2023-11-20"), "bibliothèque").speaker == "milei"


def test_chef_d_etat_is_the_same_role_as_chef_de_l_etat(dev_quotes) -> None:
    text = "Javier Milei était à Madrid. « Nous baisserons les impôts », avait ajouté le chef d'État argentin."
    assert by_text(dev_quotes(text, "fr", "2024-05-20"), "baisserons").speaker == "milei"
    # bare, « le chef d'État » is any head of state: « X a reçu le chef d'État turc. « ... », a dit le chef d'État »
    text = "Javier Milei a reçu le chef d'État turc. « Nous tiendrons », a dit le chef d'État."
    assert by_text(dev_quotes(text, "fr", "2024-05-20"), "tiendrons").speaker != "milei"


# ---- quote_paragraph_continues: a list of quotations under words announced as someone's -------------------


def test_a_list_of_quotations_under_announced_words_is_the_announced_persons(dev_quotes) -> None:
    text = (
        "Giorgia Meloni a tenu jeudi sa conférence de presse de fin d'année.\n\n"
        "Suivez en direct les principales déclarations de Giorgia Meloni.\n\n"
        "> L'économie\n\n"
        '- "La croissance reviendra".\n\n'
        "- Une réforme fiscale sera présentée en mars\n\n"
        '- "Nous baisserons les impôts"'
    )
    quotes = dev_quotes(text, "fr", "2023-12-28")
    assert [by_text(quotes, q).speaker for q in ("croissance", "impôts")] == ["meloni", "meloni"]
    text = (
        "President Lula spoke to reporters in Brasília on Friday.\n\n"
        "These are the main remarks of the president:\n\n"
        "- “Brazil will grow again.”\n\n"
        "- “We will not raise taxes.”"
    )
    quotes = dev_quotes(text, "en", "2023-03-10")
    assert [by_text(quotes, q).speaker for q in ("grow again", "raise taxes")] == ["lula", "lula"]


def test_a_list_after_a_paragraph_naming_someone_else_is_not_the_announced_persons(dev_quotes) -> None:
    text = (
        "Les principales déclarations de Lula.\n\n"
        "Le ministre Fernando Haddad a présenté le budget.\n\n"
        "- « Le déficit sera nul »"
    )
    assert by_text(dev_quotes(text, "fr", "2023-03-10"), "déficit").speaker != "lula"


def test_a_participle_after_a_bare_title_is_no_other_holder(dev_quotes) -> None:
    """« le chef de l'État confronté à une crise » is the holder described, not « le chef de l'État belge »."""
    text = (
        "Emmanuel Macron a tenu une conférence de presse. Un exercice difficile pour le chef de l'État confronté "
        "à une crise. « Nous tiendrons », a déclaré le chef de l'État."
    )
    assert by_text(dev_quotes(text, "fr", "2023-05-10"), "Nous tiendrons").speaker == "macron"


# ---- cue_after_quote: subject inversion after the marks is an incise, whatever the verb --------------------


def test_an_inversion_after_the_marks_is_an_incise_whatever_its_verb(dev_quotes) -> None:
    text = "Lula a répondu aux questions lundi. « La situation n'est pas la meilleure », a-t-il minimisé."
    assert by_text(dev_quotes(text, "fr", "2023-03-06"), "situation").speaker == "lula"
    text = "Giorgia Meloni était à Rome mardi. « Rien n'est encore joué », tempère-t-elle."
    assert by_text(dev_quotes(text, "fr", "2023-03-07"), "Rien n'est").speaker == "meloni"


def test_an_impersonal_inversion_after_the_marks_names_nobody(dev_quotes) -> None:
    """« est-il écrit », « paraît-il »: the il of an impersonal verb is no speaker."""
    text = "Lula a signé le traité lundi. « Les deux pays coopéreront », est-il écrit dans le communiqué."
    assert by_text(dev_quotes(text, "fr", "2023-03-06"), "coopéreront").speaker != "lula"
    text = "Lula a signé le traité lundi. « Il était très ému », paraît-il."
    assert by_text(dev_quotes(text, "fr", "2023-03-06"), "très ému").speaker != "lula"


def test_a_pronoun_does_not_go_back_past_a_sentence_opening_on_someone_else(dev_quotes) -> None:
    """« Le candidat X s'est, lui, rendu à Recife. « ... », a-t-il lancé »: X, whom the registry does not know,
    may be the « il »; never the principal named before him."""
    text = (
        "Lula était à Brasília dimanche. « Nous tiendrons », a-t-il lancé devant ses partisans venus en masse.\n\n"
        "Le candidat du « front large », Ciro Gomes, s’est, lui, rendu à Fortaleza, un bastion de son parti. "
        "« Les jeunes vont voter », a-t-il lancé sur la scène."
    )
    assert by_text(dev_quotes(text, "fr", "2022-10-02"), "jeunes vont voter").speaker != "lula"


def test_a_pronoun_opening_a_reported_completive_is_the_reporters(dev_quotes) -> None:
    """« Y a indiqué qu'il souhaitait « ... » »: Y's, whom the registry does not know, never the principal of the
    sentence before."""
    text = (
        "Xi Jinping a salué la visite du ministre. De son côté, Karl Brenner a indiqué qu'il souhaitait "
        "« développer davantage » la coopération."
    )
    assert by_text(dev_quotes(text, "fr", "2022-11-04"), "développer").speaker != "xi"
    text = "Le président chinois a reçu Olaf Scholz vendredi. Olaf Scholz a indiqué qu'il souhaitait « avancer vite »."
    assert by_text(dev_quotes(text, "fr", "2022-11-04"), "avancer vite").speaker == "scholz"


# ---- clause_before_colon ---------------------------------------------------------------------------------


def test_the_subjects_own_speech_before_a_colon_does_not_hide_the_subject(dev_quotes) -> None:
    """« X a été clair dans son discours : « ... » »: his own speech says his words (« la lettre de Y : » would not)."""
    text = "Lula a été très clair dans son discours d'investiture : « Nous reconstruirons le pays »."
    assert by_text(dev_quotes(text, "fr", "2023-01-01"), "reconstruirons").speaker == "lula"


def test_a_negation_after_a_bare_title_leaves_the_title(dev_quotes) -> None:
    text = "Lula est arrivé lundi à Rome. Le président n'a pas mâché ses mots : « C'est inacceptable »."
    assert by_text(dev_quotes(text, "fr", "2023-06-19"), "inacceptable").speaker == "lula"


def test_a_manner_after_ete_is_no_passive_but_a_participle_is(dev_quotes) -> None:
    text = "Lula a été très clair lundi : « Nous reconstruirons le pays »."
    assert by_text(dev_quotes(text, "fr", "2023-01-02"), "reconstruirons").speaker == "lula"
    text = "Lula a été vivement interpellé lundi : « Pourquoi reconstruire le pays ? »"
    assert by_text(dev_quotes(text, "fr", "2023-01-02"), "reconstruire").speaker != "lula"


def test_a_leader_by_nationality_is_the_one_principal_of_that_nationality(dev_quotes) -> None:
    """« le dirigeant israélien », "the British leader": the principal whose role has that nationality, when
    the article has named them."""
    text = "Benjamin Netanyahou s'est exprimé mardi. « L'Iran veut un empire », a affirmé le dirigeant israélien."
    assert by_text(dev_quotes(text, "fr", "2017-12-05"), "empire").speaker == "netanyahu"
    text = "Rishi Sunak visited Belfast on Friday. The British leader said he was “very proud” of the deal."
    assert by_text(dev_quotes(text, "en", "2023-03-10"), "very proud").speaker == "sunak"


def test_a_leader_by_nationality_not_yet_named_is_nobody(dev_quotes) -> None:
    text = "« L'Iran veut un empire », a affirmé le dirigeant israélien devant la presse."
    assert by_text(dev_quotes(text, "fr", "2017-12-05"), "empire").speaker != "netanyahu"


def test_a_mediums_name_is_nobody_who_could_hold_the_title(dev_quotes) -> None:
    """« lors d'une conférence du quotidien Jerusalem Post »: a newspaper's name is no person who might be « le
    Premier ministre » in the next sentence."""
    text = (
        "Benyamin Netanyahou a parlé mercredi lors d'une conférence du quotidien Jerusalem Post. « L'Iran veut "
        "un empire », a affirmé le Premier ministre."
    )
    assert by_text(dev_quotes(text, "fr", "2017-12-06"), "empire").speaker == "netanyahu"


def test_an_inverted_pronoun_cue_followed_by_a_gerund_covers_the_quotations_before(dev_quotes) -> None:
    text = (
        "Pedro Sánchez a publié une lettre mercredi. « J'ai besoin de réfléchir » afin de décider « si je dois "
        "rester », a-t-il écrit, en indiquant qu'il parlerait lundi."
    )
    quotes = dev_quotes(text, "fr", "2024-04-24")
    assert [by_text(quotes, q).speaker for q in ("besoin de réfléchir", "si je dois")] == ["sanchez", "sanchez"]


def test_avancer_after_the_marks_reports_speech(dev_quotes) -> None:
    text = "Emmanuel Macron a écrit aux Français. « Rien n'est acquis », avance encore le président français."
    assert by_text(dev_quotes(text, "fr", "2024-06-23"), "Rien n'est acquis").speaker == "macron"


def test_a_participle_after_the_marks_with_a_registry_subject_is_an_incise(dev_quotes) -> None:
    """« « ... », s'est énervé M. X »: whatever the verb, an auxiliary and a participle right after the marks and a
    comma, with a registry person after them, report that person's words."""
    text = "« Tu parles comme un militant, pas comme un journaliste », s'est énervé M. Erdogan devant la presse."
    assert by_text(dev_quotes(text, "fr", "2018-01-05"), "militant").speaker == "erdogan"
    text = "« Nous resterons unis », avait tonné la veille Giorgia Meloni."
    assert by_text(dev_quotes(text, "fr", "2023-01-05"), "unis").speaker == "meloni"


def test_an_english_statement_with_no_comma_before_its_cue(dev_quotes) -> None:
    """ "“...” PM Modi said." as some copy types it: a statement opening its sentence, then who said it."""
    text = '"A New India will be our democracy\'s biggest strength" PM Modi said.'
    assert by_text(dev_quotes(text, "en", "2017-08-15"), "New India").speaker == "modi"
    text = 'Modi spoke for an hour. "We are with them in their struggles" he said.'
    assert by_text(dev_quotes(text, "en", "2017-08-15"), "struggles").speaker == "modi"
    # a term inside the writer's sentence is no statement: "the “reforms” Modi announced"
    text = 'The "reforms" Modi announced were late.'
    assert by_text(dev_quotes(text, "en", "2017-08-15"), "reforms").speaker != "modi"


def test_s_est_dite_reports_her_words_but_a_bare_dite_names(dev_quotes) -> None:
    text = "Ursula von der Leyen s'est dite jeudi « satisfaite » de l'accord."
    assert by_text(dev_quotes(text, "fr", "2023-12-07"), "satisfaite").speaker == "von_der_leyen"
    text = "Ursula von der Leyen a présenté jeudi la loi dite « Omnibus » aux députés."
    assert by_text(dev_quotes(text, "fr", "2023-12-07"), "Omnibus").speaker != "von_der_leyen"


def test_a_principals_initials_after_their_full_name_are_theirs(dev_quotes) -> None:
    """Live reports shorten a name to its initials (« NS ») once it has been written in full."""
    text = "Nicolas Sarkozy est arrivé à la Concorde.\n\n16h01 : « Nous allons gagner », a lancé NS."
    assert by_text(dev_quotes(text, "fr", "2012-04-15"), "gagner").speaker == "sarkozy"
    text = "16h01 : « Nous allons gagner », a lancé NS.\n\nNicolas Sarkozy est arrivé à la Concorde."
    assert by_text(dev_quotes(text, "fr", "2012-04-15"), "gagner").speaker != "sarkozy"


def test_initials_that_are_a_common_abbreviation_name_nobody(quotes) -> None:
    """ "VP" after « Vladimir Poutine » is a vice-president far more often than him."""
    text = 'Vladimir Putin spoke on Monday. "We will respond," VP Vance said on Tuesday.'
    assert by_text(quotes(text, "en"), "respond").speaker != "putin"


@pytest.mark.parametrize("adverb", ["surtout", "d'abord", "toujours", "lui-même"])
def test_an_adverb_between_the_auxiliary_and_the_speech_verb_keeps_the_auxiliary(dev_quotes, adverb) -> None:
    """« Il a surtout détaillé « ... » »: the verb has its auxiliary, so its subject, not the clause before."""
    text = f"Emmanuel Macron a écrit aux Français. Il a {adverb} détaillé les enjeux, « une seule question »."
    assert by_text(dev_quotes(text, "fr", "2024-06-23"), "une seule question").speaker == "macron"


# ---- an adversarial review of this session's rules: none of these words is a principal's -------------------

_NOT_A_PRINCIPALS_WORDS = [
    (
        "fr",
        "2023-05-01",
        ("Vladimir Poutine s'est promené dans la foule. « Rentrez chez vous ! », a-t-il entendu crier."),
        "Rentrez",
    ),
    (
        "fr",
        "2023-05-01",
        ("Vladimir Poutine a demandé au ministre s'il y aurait des retards. « Non, aucun », s'est-il vu répondre."),
        "aucun",
    ),
    (
        "fr",
        "2023-05-01",
        ("Vladimir Poutine n'a rien dit. « Je ne céderai jamais », aurait-il pu déclarer, mais il s'est tu."),
        "céderai",
    ),
    (
        "fr",
        "2023-05-01",
        ("Vladimir Poutine a reçu une lettre d'un soldat. « Je veux rentrer chez moi », a-t-il lu devant les caméras."),
        "rentrer",
    ),
    (
        "fr",
        "2019-05-01",
        ("Kim Jong-un a visité une usine. « Gloire au Maréchal ! », a-t-il découvert sur une banderole."),
        "Gloire",
    ),
    (
        "fr",
        "2023-05-01",
        ("Des manifestants ont hué le cortège. « Poutine assassin ! », a entendu Vladimir Poutine depuis sa voiture."),
        "assassin",
    ),
    (
        "fr",
        "2019-05-01",
        "Un général a présenté son rapport. « Tout est prêt », a écouté Kim Jong-un, impassible.",
        "Tout est prêt",
    ),
    (
        "fr",
        "2023-05-01",
        "« Il n'y aura pas de paix », a ignoré Vladimir Poutine, face au chahut des députés.",
        "pas de paix",
    ),
    (
        "fr",
        "2019-05-01",
        ("Kim Jong-un a été accueilli en héros à Pyongyang : « Vive le Maréchal, vive la patrie ! »"),
        "Vive le",
    ),
    (
        "fr",
        "2023-05-01",
        "Vladimir Poutine a été reçu en grande pompe à Pékin : « Bienvenue à notre vieil ami ! »",
        "Bienvenue",
    ),
    (
        "fr",
        "2023-05-01",
        "Vladimir Poutine a été longuement applaudi : « Merci, merci président ! »",
        "Merci",
    ),
    (
        "fr",
        "2023-05-01",
        ("Les réactions après les déclarations de Vladimir Poutine :\n\n« C'est inacceptable et dangereux. »"),
        "inacceptable",
    ),
    (
        "fr",
        "2023-05-01",
        "Les commentaires sur les propos de Vladimir Poutine :\n\n« Il ment comme il respire. »",
        "ment comme",
    ),
    (
        "en",
        "2023-05-01",
        ("Reactions to Putin's remarks:\n\n“This is pure propaganda.”\n\n“We will keep supporting Ukraine.”"),
        "supporting",
    ),
    (
        "fr",
        "2010-05-01",
        (
            "Vladimir Poutine a assisté à la cérémonie. Le président Dmitri Medvedev a ensuite pris "
            "la parole. « La Russie doit se moderniser », a affirmé le dirigeant russe."
        ),
        "moderniser",
    ),
    (
        "en",
        "2009-05-01",
        ("Prime Minister Vladimir Putin was abroad. “We are ready for a reset,” the Russian leader told Barack Obama."),
        "reset",
    ),
    (
        "fr",
        "2020-05-01",
        (
            "Kim Jong-un a supervisé un tir. Sa sœur Kim Yo-jong a publié un communiqué. « Séoul "
            "paiera », a prévenu la dirigeante nord-coréenne."
        ),
        "Séoul paiera",
    ),
    (
        "fr",
        "2023-05-01",
        (
            "Vladimir Poutine a assisté au match. « Nous méritions de gagner », a commenté le "
            "président de la Fédération."
        ),
        "méritions",
    ),
    (
        "en",
        "2022-05-01",
        ("Former President Donald Trump praised Vladimir Putin on Tuesday. “He's a genius,” the president said."),
        "genius",
    ),
    (
        "en",
        "2023-05-01",
        (
            "Former President Dmitry Medvedev attacked the West, a day after Vladimir Putin spoke. "
            "“Europe will freeze,” the president wrote."
        ),
        "freeze",
    ),
    (
        "fr",
        "2024-03-01",
        (
            "Joe Biden a critiqué Vladimir Poutine mardi. « Il ne gagnera pas », a lancé le "
            "président-candidat lors d'un meeting."
        ),
        "gagnera",
    ),
    (
        "fr",
        "2022-04-01",
        (
            "Vladimir Poutine a téléphoné à Emmanuel Macron. « Parlons franchement », a déclaré le "
            "président à la sortie de l'Élysée."
        ),
        "franchement",
    ),
    (
        "fr",
        "2023-05-01",
        "Le « cessez-le-feu », avancé par Sergueï Lavrov, séduit Vladimir Poutine.",
        "cessez-le-feu",
    ),
    (
        "en",
        "2023-05-01",
        "“The Gulag Archipelago” Putin said he had never read.",
        "Gulag",
    ),
    (
        "en",
        "2019-05-01",
        "Kim Jong-un visited the site. Actor KJ Apa said “I loved the movie.”",
        "loved the movie",
    ),
]


_NOT_A_PRINCIPALS_WORDS_SECOND_REVIEW = [
    (
        "fr",
        (
            "Voici les principales déclarations de Vladimir Poutine lors de sa conférence de "
            "presse.\n\nSur l'Ukraine\n\n« Nos objectifs restent inchangés. »\n\nSur les "
            "sanctions, la réponse de son porte-parole\n\n« Elles ne nous font rien. »"
        ),
        "ne nous font rien",
    ),
    (
        "fr",
        (
            "Les principales déclarations de Vladimir Poutine :\n\n« Nous vaincrons. "
            "»\n\nDmitri Peskov, porte-parole du Kremlin\n\n« Aucun sommet n'est prévu. »"
        ),
        "Aucun sommet",
    ),
    (
        "fr",
        (
            "Les principales déclarations de Vladimir Poutine :\n\n« Nous vaincrons. »\n\nPour "
            "son ministre des Affaires étrangères\n\n« L'Occident a perdu la raison. »"
        ),
        "perdu la raison",
    ),
    (
        "en",
        ("Putin met the Indian prime minister on Friday. The latter said the talks were “productive”."),
        "productive",
    ),
    (
        "en",
        "Putin received Lukashenko in Moscow. The latter said they were “brothers”.",
        "brothers",
    ),
    (
        "fr",
        ("Vladimir Poutine a commenté l'interview d'Emmanuel Macron, où il affirmait « ne rien exclure »."),
        "exclure",
    ),
    (
        "en",
        ("Putin responded to the interview the French president gave on TV, where he said Europe must “wake up”."),
        "wake up",
    ),
    (
        "fr",
        (
            "Vladimir Poutine a évoqué la tribune publiée par l'ancien président, où il "
            "dénonçait « une faute historique »."
        ),
        "faute historique",
    ),
    (
        "fr",
        ("Vladimir Poutine a lu la lettre que lui a adressée un soldat, où il raconte « l'enfer des tranchées »."),
        "enfer des tranchées",
    ),
    (
        "en",
        "Putin attacked Biden's speech in Warsaw, in which he called him “a butcher”.",
        "butcher",
    ),
    (
        "fr",
        ("Vladimir Poutine a téléphoné au chancelier allemand, qui a indiqué qu'il souhaitait « une trêve rapide »."),
        "trêve rapide",
    ),
    (
        "fr",
        (
            "Vladimir Poutine a parlé au téléphone avec le chef d'État turc. « La paix est "
            "proche », a assuré le chef d'État."
        ),
        "paix est proche",
    ),
    (
        "fr",
        ("Vladimir Poutine a envoyé un message à Xi Jinping. « Merci, cher ami », a répondu le chef d'État."),
        "cher ami",
    ),
    (
        "fr",
        ("Vladimir Poutine a parlé aujourd'hui. 'C'est faux', a répondu l'opposant. 'Il ment', a-t-il ajouté."),
        "Il ment",
    ),
    (
        "en",
        "“Peace now” Putin said at the rally was a slogan on protesters' signs.",
        "Peace now",
    ),
    (
        "en",
        "“Killer” Putin said, repeating Biden's word, was unfair.",
        "Killer",
    ),
    (
        "en",
        "Putin quoted, in his speech, Stalin: “Not one step back.”",
        "Not one step",
    ),
    (
        "fr",
        "Vladimir Poutine a parlé. « Il bluffe », avance-t-il, en citant un général.",
        "bluffe",
    ),
    (
        "fr",
        ("Vladimir Poutine a reçu le rapport. « L'armée avance », a-t-il avancé, citant le ministre."),
        "armée avance",
    ),
]


_NOT_A_PRINCIPALS_WORDS_BEFORE_THIS_SESSION = [
    ("fr", "Vladimir Poutine a reçu un message d'Alexandre Loukachenko. « Nous sommes ensemble », a écrit ce dernier.",
     "ensemble"),
    ("fr", "Vladimir Poutine a été félicité par le roi Charles. « Merci », a répondu ce dernier.", "Merci"),
    ("fr", "Vladimir Poutine a dit : « Le plan de paix est mort. » Le ministre a rétorqué : « Le plan de paix vit "
     "toujours. »", "vit toujours"),
    ("en", "Putin said: “The peace plan is dead.” The minister shot back: “The peace plan is alive.”", "is alive"),
    ("fr", "Vladimir Poutine a été très directement interpellé : « Et Boutcha ? »", "Boutcha"),
    ("fr", "Vladimir Poutine s'est vu demander : « Et Boutcha ? »", "Boutcha"),
    ("en", "Putin met ex-President Nazarbayev. “Kazakhstan stands with Russia,” the president said.", "Kazakhstan"),
]  # fmt: skip



# A third review (of the coordinated verb, names after a preposition, the relative on the one answered, "what he
# called", a medium after the verb): the lies it found, new and older, mended before landing.
_NOT_A_PRINCIPALS_WORDS_THIRD_REVIEW = [
    (
        "fr",
        "2024-06-19",
        (
            "Vladimir Poutine est arrivé à Pyongyang, où Sergueï Lavrov a affirmé que l'amitié était « "
            "indestructible » et s'est dit convaincu qu'elle serait « éternelle »."
        ),
        'éternelle',
    ),
    (
        "fr",
        "2024-06-19",
        (
            "Vladimir Poutine a affirmé que l'amitié était « indestructible » et s'est dite convaincue "
            "qu'elle serait « éternelle »."
        ),
        'éternelle',
    ),
    (
        "fr",
        "2024-06-19",
        "Vladimir Poutine s'est exprimé sur la télévision d'État « Rossiya 1 » dimanche.",
        'Rossiya 1',
    ),
    (
        "en",
        "2024-06-19",
        'Vladimir Putin told state broadcaster "Rossiya 1" that the West had lost.',
        'Rossiya 1',
    ),
    (
        "fr",
        "2024-06-19",
        'Vladimir Poutine a évoqué le groupe « Wagner » lors de sa conférence.',
        'Wagner',
    ),
    (
        "fr",
        "2024-06-19",
        (
            'Vladimir Poutine répond à Jeanne Roy, correspondante à Moscou du quotidien régional « Ouest-Est '
            "», qui veut savoir s'il viendra : « Irez-vous à Séoul ? »"
        ),
        'Irez-vous à Séoul ?',
    ),
    (
        "fr",
        "2024-06-19",
        (
            'Vladimir Poutine répond à Jeanne Roy, correspondante à Moscou du quotidien régional « Ouest-Est '
            "», qui veut savoir s'il viendra : « Irez-vous à Séoul ? »"
        ),
        'Ouest-Est',
    ),
    (
        "fr",
        "2024-06-19",
        (
            'Vladimir Poutine répond à une journaliste du « Monde », qui veut savoir si la guerre finira : « '
            'Quand la guerre finira-t-elle ? »'
        ),
        'Monde',
    ),
    (
        "fr",
        "2024-06-19",
        (
            'Vladimir Poutine répond à une journaliste du « Monde », qui veut savoir si la guerre finira : « '
            'Quand la guerre finira-t-elle ? »'
        ),
        'Quand la guerre finira-t-elle ',
    ),
    (
        "fr",
        "2024-06-19",
        (
            'Vladimir Poutine répond à Jeanne Roy, 34 ans, du « Monde », qui lui demande : « Regrettez-vous '
            'la guerre ? »'
        ),
        'Monde',
    ),
    (
        "fr",
        "2024-06-19",
        (
            'Kim Jong-un répond à Vladimir Poutine, son invité, qui veut savoir si « la coopération militaire'
            ' ira plus loin ».'
        ),
        'la coopération militaire ira p',
    ),
    (
        "en",
        "2024-06-19",
        (
            'Vladimir Putin replied to a reporter from the BBC who wanted to know whether "sanctions are '
            'working".'
        ),
        'sanctions are working',
    ),
    (
        "en",
        "2024-06-19",
        'Vladimir Putin met a veteran who denounced what he called "a betrayal by the generals".',
        'a betrayal by the generals',
    ),
    (
        "en",
        "2024-06-19",
        'Vladimir Putin was heckled by a soldier, who denounced what he called "a pointless war".',
        'a pointless war',
    ),
    (
        "fr",
        "2024-06-19",
        (
            "Vladimir Poutine a été interpellé par un étudiant, qui a dénoncé ce qu'il a qualifié de « guerre"
            ' absurde ».'
        ),
        'guerre absurde',
    ),
    (
        "fr",
        "2024-06-19",
        (
            "Vladimir Poutine a été critiqué par le gouvernement japonais, qui a dénoncé ce qu'il a qualifié "
            'de « provocation inacceptable ».'
        ),
        'provocation inacceptable',
    ),
    (
        "en",
        "2024-06-19",
        'Vladimir Putin listened as a priest blessed what he called "a holy union".',
        'a holy union',
    ),
    (
        "en",
        "2024-06-19",
        'Putin met Kim. He praised what he called "a new era".',
        'a new era',
    ),
    (
        "fr",
        "2024-06-19",
        "Vladimir Poutine a promis la paix, mais selon le quotidien, « personne n'y croit à Moscou ».",
        "personne n'y croit à Moscou",
    ),
    (
        "fr",
        "2024-06-19",
        "Vladimir Poutine a longuement parlé ; selon le journal, « rien de neuf n'a été dit ».",
        "rien de neuf n'a été dit",
    ),
    (
        "fr",
        "2024-06-19",
        (
            'Vladimir Poutine aurait déclaré à Kim Jong-un, selon le quotidien, « nous ne vous abandonnerons '
            'pas ».'
        ),
        'nous ne vous abandonnerons pas',
    ),
    (
        "fr",
        "2024-06-19",
        (
            'Vladimir Poutine a déclaré la guerre finie, mais selon la presse locale, « les combats '
            'continuent ».'
        ),
        'les combats continuent',
    ),
    (
        "fr",
        "2024-06-19",
        (
            "Vladimir Poutine a quitté la salle lorsque Sergueï Lavrov a affirmé que l'amitié était « "
            "indestructible » et s'est dit convaincu qu'elle serait « éternelle »."
        ),
        'indestructible',
    ),
    (
        "fr",
        "2024-06-19",
        (
            "Vladimir Poutine a quitté la salle lorsque Sergueï Lavrov a affirmé que l'amitié était « "
            "indestructible » et s'est dit convaincu qu'elle serait « éternelle »."
        ),
        'éternelle',
    ),
    (
        "fr",
        "2024-06-19",
        (
            "Vladimir Poutine a été accueilli par Kim Jong-un, qui a affirmé que l'amitié était « "
            "indestructible » et s'est dit convaincu qu'elle serait « éternelle »."
        ),
        'éternelle',
    ),
    (
        "fr",
        "2024-06-19",
        (
            "Vladimir Poutine est arrivé à Pyongyang, où l'ambassadeur a affirmé que l'amitié était « "
            "indestructible » et s'est dit convaincu qu'elle serait « éternelle »."
        ),
        'indestructible',
    ),
    (
        "fr",
        "2024-06-19",
        (
            "Vladimir Poutine est arrivé à Pyongyang, où l'ambassadeur a affirmé que l'amitié était « "
            "indestructible » et s'est dit convaincu qu'elle serait « éternelle »."
        ),
        'éternelle',
    ),
    (
        "en",
        "2024-06-19",
        (
            'Vladimir Putin arrived in Pyongyang, where Sergei Lavrov said the friendship was "unbreakable" '
            'and said he was sure it would be "eternal".'
        ),
        'eternal',
    ),
    (
        "en",
        "2024-06-19",
        (
            'Vladimir Putin arrived in Pyongyang, where Sergei Lavrov said the friendship was "unbreakable" '
            'and said he was sure it would be "eternal".'
        ),
        'unbreakable',
    ),
    (
        "en",
        "2024-06-19",
        'Kim Jong-un met Vladimir Putin. He praised what he called "a new era".',
        'a new era',
    ),
    (
        "en",
        "2024-06-19",
        'Vladimir Putin was thanked by a factory worker who praised what he called "our eternal friend".',
        'our eternal friend',
    ),
    (
        "fr",
        "2024-06-19",
        (
            "Vladimir Poutine a répondu à un blogueur militaire, qui a dénoncé ce qu'il a qualifié de « "
            'trahison des élites ».'
        ),
        'trahison des élites',
    ),
    (
        "fr",
        "2024-06-19",
        'Kim Jong-un répond à un journaliste russe qui veut savoir si « les usines tournent à plein ».',
        'les usines tournent à plein',
    ),
    (
        "en",
        "2024-06-19",
        (
            'Vladimir Putin responded to NBC\'s Moscow correspondent, who wanted to know whether "the '
            'sanctions hurt".'
        ),
        'the sanctions hurt',
    ),
    (
        "fr",
        "2024-06-19",
        "Vladimir Poutine a répondu aux questions ; selon le quotidien, « il a esquivé l'essentiel ».",
        "il a esquivé l'essentiel",
    ),
    (
        "en",
        "2024-06-19",
        'Vladimir Putin promised victory, but according to the newspaper, "the army is exhausted".',
        'the army is exhausted',
    ),
    (
        "fr",
        "2024-06-19",
        (
            'Kim Jong-un a salué Vladimir Poutine, mais selon le quotidien sud-coréen, « Pyongyang veut '
            'surtout des devises ».'
        ),
        'Pyongyang veut surtout des dev',
    ),
    (
        "fr",
        "2024-06-19",
        (
            'Vladimir Poutine a évoqué la guerre et promis la victoire, mais selon les médias russes, « '
            "l'armée est épuisée »."
        ),
        "l'armée est épuisée",
    ),
    (
        "fr",
        "2024-06-19",
        "Vladimir Poutine aurait dit, selon le journal, que la guerre était « perdue d'avance ».",
        "perdue d'avance",
    ),
    (
        "fr",
        "2024-06-19",
        (
            'Vladimir Poutine a parlé à Kim Jong-un ; selon le quotidien, « les deux hommes se sont disputés '
            '».'
        ),
        'les deux hommes se sont disput',
    ),
    (
        "fr",
        "2024-06-19",
        (
            "Vladimir Poutine souriait quand Sergueï Lavrov a affirmé que l'amitié était « indestructible » "
            "et s'est dit convaincu qu'elle serait « éternelle »."
        ),
        'indestructible',
    ),
    (
        "fr",
        "2024-06-19",
        (
            "Vladimir Poutine souriait quand Sergueï Lavrov a affirmé que l'amitié était « indestructible » "
            "et s'est dit convaincu qu'elle serait « éternelle »."
        ),
        'éternelle',
    ),
    (
        "fr",
        "2024-06-19",
        (
            "C'est Sergueï Lavrov, et non Vladimir Poutine, qui a affirmé que l'amitié était « indestructible"
            " » et s'est dit convaincu qu'elle serait « éternelle »."
        ),
        'éternelle',
    ),
]

# A fourth review (the narrative infinitive, « d' » infinitives, « C'est ce que X ... » in normal order, names after
# their kind, time clauses): the lies it found, new and older, mended before landing.
_NOT_A_PRINCIPALS_WORDS_FOURTH_REVIEW = [
    (
        "fr",
        "2024-06-19",
        (
            "Vladimir Poutine a répondu à une question sur l'Ukraine. Et Poutine de laisser à Lavrov le soin "
            "d'expliquer : « Nous ne négocierons pas sous la menace. »"
        ),
        'Nous ne négocierons pas sous l',
    ),
    (
        "fr",
        "2024-06-19",
        (
            "Le chef du Kremlin a salué les troupes. Et le chef russe de Wagner d'ajouter : « Nous sommes "
            'prêts. »'
        ),
        'Nous sommes prêts.',
    ),
    (
        "fr",
        "2024-06-19",
        (
            'Au sommet, un dirigeant russe de premier plan a pris la parole. Et ce dirigeant russe de premier'
            " plan d'assurer : « La Russie tiendra parole. »"
        ),
        'La Russie tiendra parole.',
    ),
    (
        "fr",
        "2024-06-19",
        'Un dirigeant russe de premier plan a déclaré : « La Corée est notre alliée. »',
        'La Corée est notre alliée.',
    ),
    (
        "fr",
        "2024-06-19",
        'Le chef russe de guerre Evgueni Prigojine a déclaré : « Nos hommes sont épuisés. »',
        'Nos hommes sont épuisés.',
    ),
    (
        "fr",
        "2024-06-19",
        "Vladimir Poutine a laissé à Sergueï Lavrov le soin d'expliquer : « Nous ne reculerons pas. »",
        'Nous ne reculerons pas.',
    ),
    (
        "fr",
        "2024-06-19",
        (
            "Vladimir Poutine a chargé Dmitri Peskov d'annoncer aux journalistes : « La visite est reportée. "
            '»'
        ),
        'La visite est reportée.',
    ),
    (
        "fr",
        "2024-06-19",
        (
            "Vladimir Poutine a reproché à Volodymyr Zelensky d'affirmer « que la Russie veut tout l'Ukraine "
            '».'
        ),
        "que la Russie veut tout l'Ukra",
    ),
    (
        "fr",
        "2024-06-19",
        "Vladimir Poutine a refusé d'expliquer la formule de Lavrov, « une alliance sans limites ».",
        'une alliance sans limites',
    ),
    (
        "fr",
        "2024-06-19",
        "Vladimir Poutine a évité d'évoquer « la guerre totale » annoncée la veille par Dmitri Medvedev.",
        'la guerre totale',
    ),
    (
        "fr",
        "2024-06-19",
        (
            "Vladimir Poutine a permis à Kim Jong-un d'affirmer devant les caméras : « Nous sommes "
            'invincibles. »'
        ),
        'Nous sommes invincibles.',
    ),
    (
        "fr",
        "2024-06-19",
        (
            "« Un homme de paix et de parole ». C'est en ces termes que Vladimir Poutine a été décrit par "
            'Sergueï Lavrov.'
        ),
        'Un homme de paix et de parole',
    ),
    (
        "fr",
        "2024-06-19",
        (
            "« La Russie a perdu la guerre ». C'est ce que Vladimir Poutine n'a jamais dit, selon Dmitri "
            'Peskov.'
        ),
        'La Russie a perdu la guerre',
    ),
    (
        "fr",
        "2024-06-19",
        (
            "« Nous enverrons des soldats ». C'est ce que Kim Jong-un aurait dû répondre à Vladimir Poutine, "
            'estime un analyste.'
        ),
        'Nous enverrons des soldats',
    ),
    (
        "fr",
        "2024-06-19",
        (
            "« Nous ne sommes pas des vassaux ». C'est ce que Vladimir Poutine a reproché à Kim Jong-un "
            "d'avoir déclaré."
        ),
        'Nous ne sommes pas des vassaux',
    ),
    (
        "fr",
        "2024-06-19",
        "« Le monde a changé ». C'est ce que Vladimir Poutine a démenti avoir déclaré à Kim Jong-un.",
        'Le monde a changé',
    ),
    (
        "fr",
        "2024-06-19",
        (
            "Kim Jong-un a accueilli Vladimir Poutine. Et Kim de donner à sa sœur l'occasion d'ajouter : « "
            'Les ennemis trembleront. »'
        ),
        'Les ennemis trembleront.',
    ),
    (
        "fr",
        "2024-06-19",
        "Vladimir Poutine a félicité Kim Jong-un d'avoir déclaré : « Nous sommes avec la Russie. »",
        'Nous sommes avec la Russie.',
    ),
    (
        "fr",
        "2024-06-19",
        "Kim Jong-un a remercié Vladimir Poutine d'avoir affirmé : « La Corée n'est pas seule. »",
        "La Corée n'est pas seule.",
    ),
    (
        "fr",
        "2024-06-19",
        (
            "« Nous livrerons des missiles ». C'est ce que Vladimir Poutine a refusé de dire aux "
            'journalistes.'
        ),
        'Nous livrerons des missiles',
    ),
    (
        "fr",
        "2024-06-19",
        (
            "« Merci pour votre soutien ». C'est ce que Vladimir Poutine s'est entendu répondre par Kim "
            'Jong-un.'
        ),
        'Merci pour votre soutien',
    ),
    (
        "fr",
        "2024-06-19",
        'Un dirigeant nord-coréen de premier plan a déclaré : « Nous ne céderons pas. »',
        'Nous ne céderons pas.',
    ),
    (
        "fr",
        "2023-06-24",
        'Le chef russe de Wagner a lancé samedi : « Nous marchons sur Moscou. »',
        'Nous marchons sur Moscou.',
    ),
    (
        "fr",
        "2024-06-19",
        "Vladimir Poutine a interdit à ses ministres d'évoquer « le dossier nucléaire » devant la presse.",
        'le dossier nucléaire',
    ),
    (
        "fr",
        "2024-06-19",
        "Vladimir Poutine a conseillé à Kim Jong-un d'affirmer : « Nous ne voulons pas la guerre. »",
        'Nous ne voulons pas la guerre.',
    ),
    (
        "fr",
        "2024-06-19",
        "Kim Jong-un a prié Vladimir Poutine d'annoncer lui-même : « Les troupes arrivent. »",
        'Les troupes arrivent.',
    ),
    (
        "fr",
        "2024-06-19",
        "« Ne cédez jamais ». C'est ce que Vladimir Poutine a demandé à Kim Jong-un de déclarer.",
        'Ne cédez jamais',
    ),
    (
        "fr",
        "2024-06-19",
        "Vladimir Poutine a accusé l'OTAN d'affirmer depuis des mois : « La Russie est isolée. »",
        'La Russie est isolée.',
    ),
    (
        "fr",
        "2024-06-19",
        (
            "Vladimir Poutine a demandé à sa porte-parole d'expliquer aux journalistes : « Le président est "
            'fatigué. »'
        ),
        'Le président est fatigué.',
    ),
    (
        "fr",
        "2024-06-19",
        (
            "Sergueï Lavrov a reçu l'ambassadeur nord-coréen. Interrogé, Vladimir Poutine a refusé d'en dire "
            "plus, laissant à son ministre le soin d'ajouter : « Tout a été dit. »"
        ),
        'Tout a été dit.',
    ),
    (
        "en",
        "2024-06-19",
        '"We will win." That is what Putin was told by Kim Jong Un in Pyongyang.',
        'We will win.',
    ),
    (
        "en",
        "2024-06-19",
        '"Russia has lost." That is what Putin has never said, according to his spokesman.',
        'Russia has lost.',
    ),
    (
        "fr",
        "2024-06-19",
        (
            'Vladimir Poutine a rendu hommage au groupe « Wagner », dont le chef avait lancé : « Nous irons '
            "jusqu'à Moscou. »"
        ),
        'Wagner',
    ),
    (
        "fr",
        "2024-06-19",
        (
            "Kim Jong-un a parlé d'alliance. Vladimir Poutine a répondu à Kim, avant que Sergueï Lavrov ne "
            "prenne soin d'ajouter : « Rien n'est décidé. »"
        ),
        "Rien n'est décidé.",
    ),
    (
        "fr",
        "2024-06-19",
        (
            "Vladimir Poutine s'est tu. C'est à Sergueï Lavrov qu'il est revenu d'expliquer : « Rien n'a "
            'changé. »'
        ),
        "Rien n'a changé.",
    ),
]

@pytest.mark.parametrize(
    ("language", "published", "text", "words"),
    [
        *_NOT_A_PRINCIPALS_WORDS,  # the first review
        *((language, "2023-05-01", text, words) for language, text, words in _NOT_A_PRINCIPALS_WORDS_SECOND_REVIEW),
        *(
            (language, "2023-05-01", text, words)
            for language, text, words in _NOT_A_PRINCIPALS_WORDS_BEFORE_THIS_SESSION
        ),
        *_NOT_A_PRINCIPALS_WORDS_THIRD_REVIEW,
        *_NOT_A_PRINCIPALS_WORDS_FOURTH_REVIEW,
    ],
)
def test_no_rule_credits_a_principal_with_words_not_theirs(extractor, language, published, text, words) -> None:
    """Adversarial sentences of our own where the words are someone else's: four reviews of new rules (and the
    lies they found that predate them). None may go to a principal."""
    found = extractor.extract("test.txt", text, language, published).quotations
    assert by_text(found, words).speaker not in {"putin", "kim"}


def test_a_speaker_cited_by_an_agency_is_still_the_speaker(dev_quotes) -> None:
    """« ..., a jugé X, cité par l'agence » is X relayed (« ..., citant un général » may be the general's)."""
    text = "« On ne parle pas avec des menaces », a jugé Giorgia Meloni, citée par l'agence Ansa."
    assert by_text(dev_quotes(text, "fr", "2023-05-01"), "menaces").speaker == "meloni"


def test_a_question_to_someone_questioned_before_is_not_theirs(extractor) -> None:
    text = "Vladimir Poutine a été interrogé par un journaliste. « Allez-vous vous représenter ? », lui a-t-il demandé."
    found = extractor.extract("test.txt", text, "fr", "2023-05-01").quotations
    assert by_text(found, "représenter").speaker not in {"putin", "kim"}
