"""Grouping quotations into statements, on plain data written for the test."""

from __future__ import annotations

from bot.core.grouping import GroupItem, group_statements, same_event

THANKS_A = "Nous remercions sincèrement les ingénieurs coréens pour leur aide."
THANKS_B = "Je remercie de tout cœur les ingénieurs de Corée pour cette aide précieuse."


def groups(items: list[GroupItem]) -> list[list[str]]:
    return [[items[i].text for i in g] for g in group_statements(items)]


def test_nearly_identical_texts_are_one_statement() -> None:
    items = [
        GroupItem("putin", "a.txt", "2024-01-10", "Nous ne reculerons jamais devant les menaces."),
        GroupItem("putin", "b.txt", "2021-05-01", "Nous ne reculerons jamais devant les menaces"),
    ]
    assert len(group_statements(items)) == 1


def test_a_fragment_joins_the_fuller_quote() -> None:
    items = [
        GroupItem("kim", "a.txt", None, "Notre armée restera un bouclier invincible pour le peuple."),
        GroupItem("kim", "b.txt", None, "bouclier invincible"),
    ]
    assert len(group_statements(items)) == 1


def test_translations_of_one_sentence_about_one_event_group() -> None:
    items = [
        GroupItem("putin", "a.txt", "2024-03-05", THANKS_A),
        GroupItem("putin", "b.txt", "2024-03-06", THANKS_B),
    ]
    assert len(group_statements(items)) == 1


def test_similar_words_at_another_event_stay_apart() -> None:
    items = [
        GroupItem("putin", "a.txt", "2024-03-05", THANKS_A),
        GroupItem("putin", "b.txt", "2022-11-20", THANKS_B),
    ]
    assert len(group_statements(items)) == 2


def test_unknown_dates_do_not_make_an_event() -> None:
    items = [
        GroupItem("putin", "a.txt", None, THANKS_A),
        GroupItem("putin", "b.txt", None, THANKS_B),
    ]
    assert len(group_statements(items)) == 2


def test_different_speakers_never_group() -> None:
    items = [
        GroupItem("putin", "a.txt", "2024-03-05", "La coopération entre nos pays progresse dans tous les domaines."),
        GroupItem("kim", "a.txt", "2024-03-05", "La coopération entre nos pays progresse dans tous les domaines."),
    ]
    assert len(group_statements(items)) == 2


def test_unknown_speakers_are_not_grouped() -> None:
    items = [
        GroupItem("unknown", "a.txt", None, "paix"),
        GroupItem("kim", "a.txt", None, "Nous voulons la paix."),
    ]
    assert groups(items) == [["Nous voulons la paix."]]


def test_unrelated_quotes_of_one_speaker_stay_apart() -> None:
    items = [
        GroupItem("kim", "a.txt", "2024-03-05", "Les récoltes de cette année seront abondantes."),
        GroupItem("kim", "b.txt", "2024-03-05", "Notre marine protégera les côtes de l'Est."),
    ]
    assert len(group_statements(items)) == 2


def test_same_event_dates() -> None:
    assert same_event("2025-09-03", "2025-09-05")
    assert not same_event("2025-09-03", "2025-09-10")
    assert same_event("2024-06", "2024-06-19")
    assert not same_event(None, "2024-06-19")
    assert not same_event("sometime", "2024-06-19")
