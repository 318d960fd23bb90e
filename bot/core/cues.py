"""Speech cues: the words that say someone is speaking, in French and English.

Patterns run on `fold_chars` text (lower case, no accents, straight apostrophes and
quote marks, hyphens for dashes), so they are written without accents.
"""

from __future__ import annotations

import re

from bot.core.text import fold_chars

# Regular -er verbs of saying or expressing, as stems ("declar" -> declare, declarant...).
_FR_ER_STEMS = (
    "declar",
    "ajout",
    "soulign",
    "estim",
    "affirm",
    "reaffirm",
    "insist",
    "not",
    "precis",
    "indiqu",
    "expliqu",
    "rappel",
    "assur",
    "confirm",
    "annonc",
    "avert",
    "martel",
    "salu",
    "lou",
    "remerci",
    "felicit",
    "qualifi",
    "deplor",
    "denonc",
    "accus",
    "exprim",
    "pron",
    "plaid",
    "demand",
    "racont",
    "temoign",
    "observ",
    "constat",
    "jug",
    "comment",
    "critiqu",
    "reiter",
    "evoqu",
    "revendiqu",
    "propos",
    "tweet",
    "relev",
    "mentionn",
    "souhait",
    "proclam",
    "lach",
    "tranch",
    "interpell",
    "exhort",
    "menac",
    "declam",
    "signal",
    "fustig",
    "condamn",
    "protest",
    "jur",
    "rassur",
    "reclam",
    "rapport",
    "relat",
    "s'exclam",
    "s'interrog",
    "s'inquiet",
    "se felicit",
    "s'engag",
    "ironis",
    "sugger",
    "somm",
    "indign",
    "s'indign",
    "regrett",
    "esper",
    "exig",
    "repet",
    "vant",
    "confi",
    "parl",
    "alert",
    "resum",
    "detaill",
    "conced",
    "implor",
    "argu",
    "nuanc",
    "justifi",
    "clam",
    "raill",
    "assen",
    "insurg",
    "s'insurg",
)
_FR_ER_ENDINGS = r"(?:e|es|ent|ee|ees|er|ait|aient|ant|era|eront|erait|a|erent)"
_FR_IRREGULAR = (
    "dit",
    "dis",
    "disant",
    "disait",
    "dire",
    "dira",
    "ecrit",
    "ecrivant",
    "ecrire",
    "repondu",
    "repond",
    "repondant",
    "repondre",
    "promis",
    "promet",
    "promettant",
    "promettre",
    "reconnu",
    "reconnait",
    "reconnaissant",
    "admis",
    "admet",
    "poursuivi",
    "poursuit",
    "poursuivant",
    "prevenu",
    "previent",
    "soutenu",
    "soutient",
    "soutenant",
    "maintenu",
    "maintient",
    "conclu",
    "conclut",
    "concluant",
    "fait savoir",
    "fait remarquer",
    "fait observer",
    "faisant remarquer",
    "rejoui",
    "rejouit",
    "fait valoir",
    "fait l'eloge",
    "faisant l'eloge",
    "fait part",
    "rendu hommage",
    "rend hommage",
    "rendant hommage",
    "averti",
    "avertit",
    "met en garde",
    "mis en garde",
    "mettant en garde",
    "mettre en garde",
    "decrit",
    "decrivant",
    "se dit",
    "se disant",
    "se dire",
    "plaint",  # « s'est plaint », « se plaint »
)
_EN_VERBS = (
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tells",
    "telling",
    "added",
    "adds",
    "stated",
    "states",
    "noted",
    "notes",
    "stressed",
    "stresses",
    "declared",
    "declares",
    "warned",
    "warns",
    "insisted",
    "insists",
    "explained",
    "explains",
    "announced",
    "claimed",
    "praised",
    "wrote",
    "writes",
    "replied",
    "responded",
    "urged",
    "urges",
    "vowed",
    "vows",
    "pledged",
    "promised",
    "called for",
    "calls for",
    "described",
    "remarked",
    "argued",
    "asserted",
    "affirmed",
    "emphasized",
    "emphasised",
    "thanked",
    "hailed",
    "recalled",
    "acknowledged",
    "confirmed",
    "assured",
    "reiterated",
    "told reporters",
    "welcomed",
    "adding",
    "noting",
    "warning",
    "insisting",
    "arguing",
    "stressing",
    "declaring",
    "touted",
    "touting",
    "branded",
    "branding",
    "accused",
    "accusing",
    "joked",
    "suggested",
    "admitted",
    "conceded",
    "boasted",
    "lamented",
    "complained",
    "cautioned",
    "predicted",
    "tweeted",
    "posted",
    "pointed out",
    "called",
    "calling",
    "dubbed",
    "labelled",
    "labeled",
    "termed",
    "describing",
    "expressed",
    "voiced",
    "promising",
    "pledging",
    "vowing",
    "urging",
    "thanking",
    "praising",
    "hailing",
    "announcing",
    "recalling",
    "repeating",
    "repeated",
    # headlines and leads in the present: "Putin praises ...", "Kim pledges ..."
    "praises",
    "pledges",
    "promises",
    "hails",
    "thanks",
    "welcomes",
    "claims",
    "announces",
    "describes",
    "calls",
    "recalls",
    "reiterates",
    "confirms",
    "admits",
    "predicts",
    "suggests",
    "argues",
    "accuses",
    "brands",
    "expresses",
    "voices",
    "touts",
    "assures",
    "affirms",
    "asserts",
    "emphasizes",
    "emphasises",
    "replies",
    "responds",
    "observes",
    "observed",
    "points out",
    "underlined",
    "underlines",
    "underscored",
    "underscores",
    "highlighted",
    "highlights",
    "denounced",
    "denounces",
    "denouncing",
    "condemned",
    "condemns",
    "condemning",
    "criticised",
    "criticized",
    "criticises",
    "criticizes",
    "slammed",
    "slams",
    "blasted",
    "blasts",
    "lambasted",
    "lauded",
    "lauds",
    "congratulated",
    "characterised",
    "characterized",
    "mentioned",
    "talked about",
    "spoke about",
    "spoke of",
)

_fr_regular = "|".join(re.escape(s) for s in _FR_ER_STEMS)
_fr_irregular = "|".join(re.escape(s) for s in sorted(_FR_IRREGULAR, key=len, reverse=True))
_en = "|".join(re.escape(s) for s in sorted(_EN_VERBS, key=len, reverse=True))

# Verbs that report speech only when they follow a quotation: "« ... », a lancé X".
_FR_AFTER_ONLY = (
    "lanc", "gliss", "tonn", "repliqu", "avanc", "minimis", "temper", "plaisant", "retorqu", "coup", "enchain",
    "cingl", "tacl", "tempet", "abond",
    "pens", "cri", "hurl",
)  # fmt: skip
_EN_AFTER_ONLY = (
    "quipped", "shot back", "retorted", "countered", "went on", "goes on", "continued", "continues", "concluded",
    "concludes", "read", "reads",
    "asked", "questioned", "wondered",
)  # fmt: skip

# Verbs of speech only as reflexives in the past, after their auxiliary: « s'est inquiété », « s'est élevé
# contre » (a bare « inquiète » or « élevé » is an adjective). `reflexive_only` tells them apart.
_FR_REFLEXIVE_PARTICIPLES = (
    "inquiet", "elev", "alarm", "emport", "etonn", "desol", "offusqu", "moqu",
    "exclam", "interrog", "engag", "indign", "insurg",  # the reflexive -er stems above, after « s'est »
    "enerv", "agac", "fach",  # « s'est énervé », « s'est agacé », « s'est fâché »
    "dit",  # « elle s'est dite satisfaite » (a bare « dite » names: « la loi dite « X » »)
)  # fmt: skip
_FR_REFLEXIVE_AUX = frozenset(
    {"s'est", "se sont", "s'en est", "s'en sont", "s'y est", "s'etait", "s'etaient", "se serait", "se seraient"}
)
_REFLEXIVE_PARTICIPLE = re.compile(rf"(?:{'|'.join(_FR_REFLEXIVE_PARTICIPLES)})(?:e|ee|es|ees)")

# Verbs that speak through their object and a preposition: « a appelé sa formation à », « qu'il taxe de »,
# « a présenté le capitalisme comme », « a décrit la rencontre comme » (the object may hold a quotation).
_FR_OBJECT_THEN_PREPOSITION = (
    r"(?:appel(?:le|les|lent|ee|ees|e|es|ait|aient|ant|er)(?:\s+[\w'-]+){0,3}?\s+a"
    r"|tax(?:e|es|ent|ait|aient|ant|er|ee|ees)(?:\s+[\w'-]+){0,2}?\s+de"
    r"|(?:present(?:e|es|ent|ait|aient|ant|er)|decri(?:t|vait|vant|re))(?:\s*[\w'\",_-]+){1,8}?\s+comme)"
)
SPEECH_VERB = {
    "fr": rf"(?:{_FR_OBJECT_THEN_PREPOSITION}|(?:{_fr_regular}){_FR_ER_ENDINGS}|{_fr_irregular}"
    rf"|{_REFLEXIVE_PARTICIPLE.pattern})",
    "en": rf"(?:{_en})",
}
_AUX = {
    "fr": r"(?:a|ont|avait|avaient|aurait|auraient|avoir|ayant|va|vont|allait|vient\ de|venait\ de|s'est|se\ sont"
    r"|s'etait|s'etaient|se\ serait|se\ seraient"
    r"|s'en\ est|s'en\ sont|s'y\ est)",
    "en": r"(?:has|have|had|was|were|is|are|will|would|also)",
}
# Words that may stand between an auxiliary and its participle: "a de son cote declare".
_FR_INSERT = (
    r"(?:de\ son\ cote|pour\ sa\ part|a\ son\ tour|a\ cette\ occasion|egalement|aussi|encore|ensuite"
    r"|alors|notamment|deja|par\ ailleurs|plus\ tard|enfin|pourtant|toutefois|meme|bien|ainsi|surtout"
    r"|d'abord|tout\ d'abord|aussitot|souvent|toujours|lui-meme|elle-meme|\w+ment)"
)
_PRONOUN_FR = r"(?:il|elle|ils|elles)"

# Irregular ones: « a poursuivi X », « s'est défendu X » (before a quotation « défendu » is no speech).
# not -er: « a renchéri », « réagit X »
_FR_AFTER_ONLY_FORMS = "poursuivi|conclu|defendu|rencheri|rencherit|rencherissant|reagi|reagit|reagissant"
AFTER_QUOTE_VERB = {
    "fr": rf"(?:(?:{'|'.join(re.escape(fold_chars(s)) for s in _FR_AFTER_ONLY)}){_FR_ER_ENDINGS}"
    rf"|{_FR_AFTER_ONLY_FORMS})",
    "en": rf"(?:{'|'.join(re.escape(s) for s in _EN_AFTER_ONLY)})",
}


# "a-t-il dit", "a-t-elle souligne", "dit-il", "a-t-il lance": inversion marks an incise, so
# the verbs that report speech only after a quotation count here too.
_INVERTED_VERB = rf"(?:{SPEECH_VERB['fr']}|{AFTER_QUOTE_VERB['fr']})"
# A reflexive verb inverted: « s'est-il indigné », « se sont-ils félicités » (the stem without its « se »).
_REFLEXIVE_STEMS = "|".join(
    re.escape(re.sub(r"^(?:s'|se )", "", s)) for s in _FR_ER_STEMS if s.startswith(("s'", "se "))
)
_INVERTED_REFLEXIVE_VERB = rf"(?:(?:{_REFLEXIVE_STEMS}){_FR_ER_ENDINGS}s?|dit|dite|dits)"
# An object pronoun may stand before the inverted verb: « leur a-t-il lancé », « m'a-t-elle dit ».
_OBJECT_CLITIC = r"(?:(?:lui|leur|nous|vous|me|te)\s+|[mt]')"
INVERTED_PRONOUN_CUE = re.compile(
    rf"\b{_OBJECT_CLITIC}?(?:(?:a-t-|avait-(?:t-)?|aurait-(?:t-)?)(?P<p1>{_PRONOUN_FR})\s+(?:{_FR_INSERT}\s+){{0,2}}{_INVERTED_VERB}"
    rf"|(?:s'est|s'etait|se\s+sont|s'etaient)-(?P<p3>{_PRONOUN_FR})\s+(?:{_FR_INSERT}\s+){{0,2}}"
    rf"{_INVERTED_REFLEXIVE_VERB}"
    rf"|{_INVERTED_VERB}-(?:t-)?(?P<p2>{_PRONOUN_FR}))\b"
)


def inverted_pronoun(cue: re.Match[str]) -> str:
    """The pronoun of an INVERTED_PRONOUN_CUE match: « a-t-il dit » -> "il"."""
    return cue.group("p1") or cue.group("p2") or cue.group("p3")


# An object pronoun before the verb: « l'appelant à », « lui a déclaré », « leur a promis ».
# "l'" only before an auxiliary or a gerund: « l'annonce » and « l'estime » are nouns.
_CLITIC = {"fr": r"(?:l'(?=(?:a|ont|avait|avaient)\s|\w+ant\b)|lui\s+|leur\s+)?", "en": ""}


def reflexive_only(verb: re.Match[str]) -> bool:
    """Whether a match of `verb_pattern` is a reflexive participle without its « s'est »: no speech verb."""
    return bool(_REFLEXIVE_PARTICIPLE.fullmatch(verb.group("verb"))) and verb.group("aux") not in _FR_REFLEXIVE_AUX


def verb_pattern(language: str, *, after_quote: bool = False) -> re.Pattern[str]:
    """A speech verb with its auxiliary and inserted adverbs, e.g. "a de son cote declare"; an infinitive may
    follow an elided « d' » (« avant d'evoquer »).

    With `after_quote`, the verbs that report speech only right after a quotation.
    """
    verbs = AFTER_QUOTE_VERB[language] if after_quote else SPEECH_VERB[language]
    insert = _FR_INSERT if language == "fr" else r"(?:\w+ly|also|then|later|again)"
    return re.compile(
        rf"(?:(?<![\w'-])|(?<=(?<!\w)d')){_CLITIC[language]}(?:(?P<aux>{_AUX[language]})\s+(?:{insert}\s+){{0,3}})?"
        rf"(?P<verb>{verbs})(?![\w])"
    )


# A source named at the head of the sentence: "Pour Kim, « ... »", "For Putin, ...".
SENTENCE_HEAD_SOURCE = re.compile(r"(?:pour|for)\s+")  # used with .match(text, pos)
# A source named without a verb: "selon X", "d'apres X", "according to X".
SOURCE_PREPOSITION = re.compile(r"(?<![\w'])(?:selon|d'apres|according\ to|cite\ par|quoted\ by)\s+")
# How a relaying agency hands the words over: "citant Kim", "que Kim.", "quoting Kim".
RELAY_MARKER = re.compile(
    r"(?<![\w'])(?:citant|cite|citing|quoting|quoted|selon|rapportant\ les\ propos\ d[eu']|que|qu'|as\ saying)\s*$"
)
# An agency handing the words over to someone a pronoun names: "quoting him as saying", « le citant ».
RELAY_TO_PRONOUN = re.compile(
    r"(?<![\w'])(?:(?:quoting|quoted|citing)\s+(?P<en>him|her)\s+as\s+saying"
    r"|(?P<fr>le|la)\s+citant|qui\s+(?P<fr2>le|la)\s+cite)\b"
)
RELAY_PRONOUN_GENDER = {"him": "m", "her": "f", "le": "m", "la": "f"}
PRONOUNS = {
    "il": "m",
    "elle": "f",
    "he": "m",
    "she": "f",
    "ils": "plural",
    "elles": "plural",
    "they": "plural",
}
# The pronouns a source preposition takes: « selon lui », "according to her".
SOURCE_PRONOUNS = {
    "lui": "m", "elle": "f", "eux": "plural", "elles": "plural", "him": "m", "her": "f", "them": "plural",
}  # fmt: skip
# What opens a chunk that cannot be a subject: a relative clause or an adverbial phrase.
NOT_A_SUBJECT = re.compile(
    r"^(?:qui|que|qu'|dont|ou|lequel|laquelle|lesquels|en|a|au|aux|lors|dans|apres|avant|pendant"
    r"|depuis|pour|sous|sur|chez|devant|derriere|parmi|vers|entre"
    r"|de\ son\ cote|par\ ailleurs|ensuite|toutefois|mais|d'ailleurs|quant|sans|avec"
    r"|selon|d'apres|comme|alors|puis|enfin|fin|debut|mi|hier|aujourd'hui|mercredi|mardi|lundi|jeudi"
    r"|vendredi|samedi|dimanche|le\ \d+|cette\ semaine|la\ semaine|ce\ \w+|who|which|that|where"
    r"|in|on|at|under|among|from|during|after|before|for\ (?:his|her)\ part|meanwhile|however|but|with|without"
    r"|according|as|while|when|yesterday|today|last|on\ \w+day)\b"
)
# What opens a clause of its own before a verb: a completive or relative, a time clause (« quand Y a dit »).
CLAUSE_BOUNDARY = re.compile(
    r"(?:\bque\b|\bdont\b|\bqu'|\bthat\b|\bquand\b|\blorsqu|\bwhen\b|\bwhile\b|\bwhereas\b|[;:(\[]|\s-\s)"
)
COORDINATION_END = re.compile(r"(?:\bet|\bmais|\bpuis|\band|\bbut|\bthen)\s*,?\s*$")
