"""What the rules read: one article's text, sentences, registry mentions, parse and decisions so far.

The context answers questions ("who does this noun phrase name?", "what is this verb's
subject?", "who spoke last?"); the rules in `rules.py` decide. Every window and threshold
the reading uses is named below.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from bot.core.article import Article
from bot.core.cues import (
    CLAUSE_BOUNDARY,
    COORDINATION_END,
    NOT_A_SUBJECT,
    PRONOUNS,
    RELAY_MARKER,
    RELAY_PRONOUN_GENDER,
    RELAY_TO_PRONOUN,
    SENTENCE_HEAD_SOURCE,
    SOURCE_PRONOUNS,
    reflexive_only,
    verb_pattern,
)
from bot.core.marks import QuoteSpan
from bot.core.registry import (
    BARE_TITLES,
    PERSON_NOUNS,
    POSSESSIVE,
    TITLE_ABBREVIATIONS,
    UNKNOWN,
    Mention,
    SpeakerRegistry,
    bare_titles,
    introduced_by_preposition,
)
from bot.core.sentences import Sentence
from bot.core.text import STOPWORDS, fold_chars, word_count

if TYPE_CHECKING:  # spaCy is imported where a parser is loaded (bot.core.nlp)
    from spacy.language import Language
    from spacy.tokens import Doc, Token

# ---- windows and thresholds ------------------------------------------------------------------
# A quotation longer than this many words is shrunk to "…" in the sentence given to the parser.
LONG_QUOTE_WORDS = 3
# A quotation that is its subject's predicate (« Il « veut croire » »): the parse of the subject and this many
# words after its opening mark finds its verb, among the first QUOTED_VERB_REACH of them.
QUOTED_PREDICATE_WORDS = 8
QUOTED_VERB_REACH = 4
# How many sentences back (within this paragraph and the previous one) a pronoun looks for its speaker.
SALIENCE_SENTENCES = 4
# A description ("le ministre des Affaires étrangères") longer than this is not taken as a speaker.
DESCRIPTION_MAX_WORDS = 8
# Characters before a bare verb checked for a determiner ("la déclaration" is a noun, not a verb).
BARE_VERB_LOOKBACK = 8
# Characters before a participle searched for the auxiliary of a passive, an adverb between (« a été vivement »).
PASSIVE_LOOKBACK = 24
# Characters before a principal's name searched for a relay marker ("citant Kim").
RELAY_LOOKBACK = 40
# A comma at most this many characters before a verb makes it an inverted cue: ", a précisé X".
INVERTED_VERB_COMMA_REACH = 3
# Characters around a verb searched for an inverted pronoun cue ("a-t-il dit").
INVERTED_CUE_REACH = 8
# Verb groups skipped back over a coordination ("X a visité ... et a affirmé") to find the subject.
COORDINATION_DEPTH = 2
# How far into a sentence a registry name may start and still open it (after a determiner or title).
SUBJECT_OPENING_REACH = 40
# Characters before a relative pronoun where the name it stands for must end.
ANTECEDENT_REACH = 60
# Words before a relative opened by where / où searched for someone's words it may hang on: "Macron's recent
# statements where he", « l'interview d'Emmanuel Macron, où il », « la tribune publiée par l'ancien président, où ».
RELATIVE_HEAD_WORDS = 7
# Characters after a comma where another name must start for the two to be joined: « X, Y et Z ».
NEXT_NAME_REACH = 3
# Characters between a title and the holder's name that makes it the holder's ("Prime Minister Narendra Modi").
TITLE_TO_NAME = 2
# Characters before a run of capitalised words where a registry mention covering it may start.
MENTION_LEAD_REACH = 60
# Levels the parse climbs (conj, xcomp, advcl) from a verb to the clause that has its subject.
PARSE_CLIMB = 3

# A chain of sentences whose subject is the same pronoun ("he said ... he said") keeps its referent:
# each one passed gives the search at least this many more sentences.
PRONOUN_CHAIN_SENTENCES = 2

AMBIGUOUS = "ambiguous"
ANY_GENDER = "any"  # a pronoun that says nothing of its referent's gender (« sa lettre »)
_SAME_PRONOUN = "same pronoun"
_OTHER_GENDER = "other gender"  # a past sentence's speaker the pronoun cannot stand for (« une journaliste »)
_DETERMINER_START = re.compile(r"^(?:le|la|les|l'|un|une|des|son|sa|ses|leur|the|a|an|his|her)\b")
_BARE_VERB_BLOCKERS = re.compile(
    r"(?:(?<![\w'-])(?:le|la|les|l'|un|une|des|du|de|d'|sa|son|ses|leur|cette|ce|the|a|an|his|her)\s*)$"  # not Jong-un
)
# « de » before a verb's infinitive is no determiner: « avant de rappeler », « afin de souligner ».
_INFINITIVE_AFTER_DE = re.compile(r"(?<![\w'-])(?:de|d')\s*$")
_FR_INFINITIVE = re.compile(r"\w+(?:er|ir|re)")
# An auxiliary or a copula inside a phrase taken as a description: the description ends before it.
_VERB_IN_DESCRIPTION = re.compile(
    r"\s(?:a|ont|est|sont|sera|seront|était|étaient|avait|avaient|fut|has|have|had|is|are|was|were|will|would)"
    r"(?=\s|$)"
)
# A French passive without its agent (« ce qui a été dit », « il n'est écrit nulle part »): nobody spoke
# there. « s'est » is the reflexive auxiliary (« s'est félicité »), not a passive.
_FR_PASSIVE_BEFORE = re.compile(
    r"(?:\bete|(?<!s')(?<!\w)(?:est|sont|etait|etaient))\s+(?:(?:\w+ment|tres|si|trop|assez|plus)\s+){0,2}$"
)
_FR_AGENT = re.compile(r"\s+par\s+")
_FINITE_VERB = {
    "fr": re.compile(r"\b(?:a|ont|avait|avaient|est|sont|etait)\s+(?:\w+\s+){0,2}?\w+(?:e|es|i|is|u|us|t)\b"),
    "en": re.compile(
        r"\b(?:(?:has|have|had|was|were)\s+\w+|(?!(?:need|red|bed|led|fled|speed|seed|united|based)\b)\w{3,}ed)\b"
    ),
}
_STRIP = " ,;:\u00a0•·▪"  # spaces and punctuation around a phrase, list bullets too
# Dependency labels of the French (UD) and English (ClearNLP) models, and their person/organisation names.
_SUBJECT = ("nsubj", "nsubj:pass", "nsubjpass")
_AUXILIARY = ("aux:tense", "aux", "aux:pass", "auxpass")
# What may come before a verb in its own clause: « ne », « l' », « a » (« « n'a jamais voulu » »).
_SUBJECT_OF_PREDICATE = (*_SUBJECT, "expl:subj")  # the small model reads « Il compte » so at times
_QUOTATION_MARKS = re.compile(r"[«»‹›“”„\"]|''")
_BEFORE_VERB = (*_AUXILIARY, "advmod", "obj", "iobj", "expl", "expl:pv", "expl:comp")
_NAME_LABELS = ("PER", "PERSON", "ORG")
# Dependencies that only a clause has: a label with one of them is a sentence, not a name phrase.
_CLAUSE_DEPENDENCIES = ("nsubj", "obj", "iobj", "aux", "cop", "ccomp", "xcomp", "advcl", "csubj", "expl", "dobj")
# Capitalised words that open sentences and name nobody (beside STOPWORDS).
_COMMON_OPENERS = frozenset("mais puis ensuite selon dans lors apres avant pendant depuis cette ces une".split())
_SUBJECT_PRONOUNS = "il|elle|ils|elles|he|she|they"
# Words that point back to one person of a gender (French possessives say nothing of it).
_POINTING_BACK = {"il": "m", "he": "m", "his": "m", "him": "m", "elle": "f", "she": "f", "her": "f", "hers": "f"}
# Phrases a singular pronoun cannot stand for, and the French determiners that give a gender.
PLURAL = "plural"
_PLURAL_DESCRIPTION = re.compile(r"(?:les|des|ces|leurs|nos|vos|mes|deux|trois|plusieurs|the\s+two|both|they)\b")
_FRENCH_GENDER_DETERMINER = re.compile(r"(le|la|un|une|ce|cette|cet)\s")
_DETERMINERS_OF = {"m": ("le", "un", "ce", "cet"), "f": ("la", "une", "cette")}
_ELIDED_ARTICLE = re.compile(r"^[ldLD]['’](?=\w)")  # « l'Ouest »: the name is what follows
_TITLE_SMALL_WORDS = frozenset("of the de du des la le l' d' and 's en et a au aux sur in on for".split())
_OBJECT_OF_VERB = re.compile(r"\b\w{3,}ing\b|\b(?:who|which|that|qui|que)\b")
# A person's name as the text shows it: two or more capitalised words, not opening with a function word.
_PERSON_NAME = re.compile(
    r"(?<![\w'’-])(?!(?:Le|La|Les|L|Un|Une|The|A|An|Mais|Et|Pour|Selon|Dans|En|Au|Aux|Du|De|Des|In|On|At|But|And"
    r"|For|According)\b)[A-ZÀ-Þ][\w'’-]+(?:\s+[A-ZÀ-Þ][\w'’-]+)+"
)
# What speaks for its author: a document (« la lettre de X », « sa déclaration », "the statement"), or the
# words themselves (« les premiers mots de X : »).
_DOCUMENT_NOUN = (
    r"(?:lettre|missive|message|declaration|communique|discours|tweet|post|publication|texte|courrier|allocution"
    r"|tribune|letter|statement|speech|address|note|readout|memo|mot|propos|parole|reponse|reaction|commentaire"
    r"|word|remark|response|reply|comment)s?\b"
)
_DOCUMENT = re.compile(
    r"^(?:le|la|l'|les|sa|son|ses|leur|cette|ce|the|his|her|its|their|this|a|an|un|une)\s*(?:\w+\s+)?"
    + _DOCUMENT_NOUN
    + r"(?P<of>\s+(?:de|du|d'|des|of|from)\b\s*)?"
)
_ANY_DOCUMENT = re.compile(r"(?<![\w'])" + _DOCUMENT_NOUN)
# A possessive before a document makes it the subject's own: « dans son discours d'investiture », "in his letter".
_OWN_BEFORE = re.compile(r"(?<![\w'])(?:son|sa|ses|his|her)\s+(?:[\w-]+\s+)?$")
# Characters before a document noun searched for that possessive (and one adjective: « sa longue lettre »).
OWN_DOCUMENT_REACH = 24
# Characters before a bare title searched for its determiner: « le nouveau président ».
TITLE_LEAD_CHARS = 16
_BARE_TITLE_BEFORE = re.compile(
    r"(?:^|[^\w])(?:le|la|l'|du|au|de\s+la|the|of\s+the|to\s+the)\s*(?:(?:nouveau|nouvel|nouvelle|new)\s+)?$"
)
# A title without a determiner, as what someone is or becomes, introduces nobody new: « élu président », « comme
# 36e président du Brésil », "as president", "became the 46th president", "run for president".
_PREDICATIVE_TITLE_BEFORE = re.compile(
    r"(?:^|[^\w])(?:comme|en\s+tant\s+que|devenu|devenue|elu|elue|reelu|reelue|nomme|nommee|investi|investie"
    r"|candidat|candidate|as|became|become|becomes|elected|re-elected|sworn\s+in\s+as|named|for)\s+"
    r"(?:the\s+)?(?:\d+\w{0,3}\s+)?$"
)
# Titles and honorifics right before a name, part of the phrase it heads: "Prime Minister Keir Starmer".
# With a nationality or a complement of the title: "the Italian prime minister", « la présidente du Conseil »,
# « le Premier ministre britannique ».
_NOT_A_TITLE_MODIFIER = r"(?!(?:et|and|ou|or|a|avec|with|de|du|des|par|by)\s)"
_TITLE_BEFORE_NAME = re.compile(
    rf"\s*(?:(?:le|la|l'|the)\s*)?(?:{_NOT_A_TITLE_MODIFIER}[a-z-]+\s+)?"
    r"(?:(?:chancellor|president|prime|minister|premier|premiere|leader|chancelier"
    r"|chanceliere|presidente|ministre|sir|dame|mr|mrs|ms|dr|m|mme)\.?\s+){1,3}"
    rf"(?:(?:du|de\s+la|de\s+l'|des|of\s+the|of)\s*[\w-]+\s+)?(?:{_NOT_A_TITLE_MODIFIER}[a-z-]+\s+)?"
)
# A deputy's title contains the one it stands in for: "Deputy Prime Minister", « vice-Premier ministre ».
# « son homologue français », "his Indian counterpart": the holder of the possessor's title in another country
_COUNTERPART = re.compile(
    r"^(?:son|sa|leur)\s+homologue\s+(?P<after>[\w-]+)$|^(?:his|her|their)\s+(?P<before>[\w-]+)\s+counterpart$"
)
_DEPUTY_BEFORE = re.compile(r"(?:^|[^\w])(?:deputy|vice|acting|interim|interimaire)[\s-]*$")
# A former holder's title, "from former President X", « face à l'ancien président »: as a complement, it names
# nobody who holds the title now (as a subject, "Former President X said", he may be "the president" next).
_FORMER_BEFORE = re.compile(r"(?:^|[^\w])(?:former|ancien|ancienne|ex)[\s-]*$")
_PREPOSITION_BEFORE = re.compile(
    r"(?<![\w'])(?:from|against|with|to|by|of|de|du|a|au|contre|avec|par|face\s+a)\s+(?:the\s+|l'|le\s+|la\s+)?$"
)
# A participle after a bare title belongs to the phrase around it: « la déclaration du président publiée ».
_PARTICIPLE = re.compile(r"\w+(?:ee|ees|ed)")
_WORD_AFTER = re.compile(r"\s+([\w'-]+)")
_AUXILIARIES = frozenset("a ont avait avaient est sont etait sera serait va vient has had was is will would".split())
# Prepositions after a bare title open a circumstance, not the title's complement: « le président après avoir ».
_CIRCUMSTANCE_AFTER_TITLE = frozenset(
    "apres avant lors devant pendant depuis durant sans selon chez face after before during while when".split()
)
# Where or to whom, after « à la », « au »: « a déclaré le chef de l'État à la sortie de sa résidence », « à la
# presse » (never « à la tête de », which says what the title heads).
_CIRCUMSTANCE_NOUNS = frozenset(
    "sortie fin ouverture cloture tribune television radio micro antenne terme sortir veille lendemain suite"
    " presse journalistes foule nation assistance".split()
)
_CIRCUMSTANCE_IN_PHRASE = re.compile(
    rf"(?<=\w)\s+(?:{'|'.join(sorted(_CIRCUMSTANCE_AFTER_TITLE))}|au\s+cours|a\s+l'issue|en\s+marge|a\s+l'occasion"
    r"|aux\s+cotes|au\s+cote|en\s+compagnie|avec|alongside|with|en\s+[\w-]+ant"
    rf"|(?:a\s+la|a\s+l'|au|aux)\s*(?:{'|'.join(sorted(_CIRCUMSTANCE_NOUNS))}))\b"
)
# Adverbs between an English subject and its verb: "He further urged", "The minister also said".
_ADVERBS_AFTER_SUBJECT = frozenset(
    "also further then later again too still once separately earlier previously repeatedly subsequently".split()
)
# A negation or an object pronoun between a French subject and its verb: « X n'a pas », « X lui a dit ».
_CLITICS_ENDING_SUBJECT = re.compile(r"(?:\s+(?:ne|n'|lui|leur|y|en))+\s*$")
_ADVERBS_ENDING_SUBJECT = re.compile(rf"(?:\s+(?:{'|'.join(sorted(_ADVERBS_AFTER_SUBJECT))}))+\s*$")
_AGENT_BEFORE = re.compile(r"(?<![\w'])(?:par|by)\s*$")
# A noun that describes a person, plural too: « le ministre », « son homologue », "officials".
_SOMEONE_NOUN = re.compile(
    rf"(?<![\w-])(?:{PERSON_NOUNS}|homologue|counterpart|responsable|official|officiel|opposant|rival|hote|host"
    r"|invite|guest|partenaire|partner|homme|man|woman|gens|people|reporter|correspondante?|correspondent"
    r"|interviewer|intervieweur|intervieweuse|animateur|animatrice|presentateur|presentatrice|blogueur|blogueuse"
    r"|blogger|etudiante?|student|soldat|soldier|veteran|militante?|activist|manifestante?|protester|citoyenne?"
    r"|citizen|habitante?|resident|electeur|electrice|voter)s?(?![\w-])"
)
# A relative clause or a participle set off by commas between a subject and its verb.
# One apposition after a comma, up to where it is searched: « , du journal X », ", an adviser".
_APPOSITION_END = re.compile(r",[^,.;:!?]{1,50}$")
_APPOSED_RELATIVE = re.compile(r",\s*(?:que\b|qu'|dont\b)[^,]*$")
_APPOSED_PARTICIPLE = re.compile(r"(?:[a-z]+ed|[a-zà-ÿ]+(?:é|ée|és|ées))\s+(?:to|by|as|in|for|at|à|a|par|pour|en|au)\b")
_FRENCH_ARTICLE_BEFORE = re.compile(r"(?<![\w'’])(?:le|la|les|du|des|au|aux|l['’])\s*$", re.I)
_TITLE_WORDS = (*BARE_TITLES, *TITLE_ABBREVIATIONS)  # every bare title and its short forms ("pm")
_ANY_BARE_TITLE = re.compile(rf"(?<![\w'-])(?:{'|'.join(re.escape(t) for t in _TITLE_WORDS)})(?![\w'-])")
# What may stand before a bare title: « le président », « le nouveau Premier ministre », "the new chancellor".
_TITLE_DETERMINER = re.compile(r"^(?:le|la|l'|the)\s*(?:(?:nouveau|nouvel|nouvelle|new)\s+)?")
# A former holder's title: « l'ancien président », « l'ex-chancelière », "the former prime minister".
# A title its holder has newly taken, or is about to: « le nouveau président », « la présidente élue », "the
# president-elect".
_NEWLY = re.compile(r"(?<![\w'-])(?:nouveau|nouvel|nouvelle|new|elu|elue|elect)(?![\w'])")
# A leader by nationality alone: « le dirigeant israélien », « la dirigeante allemande », "the British leader".
_GENERIC_LEADER = re.compile(
    r"(?:le|la|l'|the)\s*(?:(?P<before>[a-z-]+)\s+)?(?:(?P<m>dirigeant|numero\s+un)|(?P<f>dirigeante|numero\s+une)|leader)"
    r"(?:\s+(?P<after>[a-z-]+))?"
)
# A medium or a party named right before a capitalised run: the run is its name, not a person's.
_MEDIUM_NOUNS = (
    r"(?:quotidien|journal|hebdomadaire|magazine|chaine|radio|television|site|newspaper|daily|weekly|channel"
    r"|broadcaster|network)"
)
_MEDIUM_BEFORE = re.compile(rf"(?<![\w'])(?:{_MEDIUM_NOUNS}|agence|agency|parti|party)\s+(?:[\w'-]+\s+)?$")
# A phrase headed by a medium's noun: « le journal américain », "the newspaper", « la presse locale ».
_MEDIUM_PHRASE = re.compile(
    rf"\s*(?:(?:le|la|les|un|une|the|a)\s+|l')?(?:{_MEDIUM_NOUNS}|presse|medias?|paper|press|media)s?(?![\w'-])"
)
_CANDIDATE_SUFFIX = re.compile(r"-candidate?$")
_FORMER_TITLE = re.compile(r"^(?:le|la|l'|the)\s*(?:ancien\s+|ancienne\s+|ex-|former\s+)")
# An infinitive's own subject, after an occasion and « pour » or "for": « l'occasion pour X de remercier », "a
# chance for X to say" (never « il est temps pour X de dire »: what someone should say is nobody's speech yet).
_FOR_SOMEONE_TO = re.compile(
    r"\b(?:occasion|opportunite|chance|opportunity)\s+(?:pour|for)\s+(?P<np>[^,;:.!?_]{2,80}?)\s+(?:de\s+|d'|to\s+)$"
)
# A pronoun subject right after the relative that stands for the object of its sentence (« X a reçu Y, dont il a
# salué »: « il » is not Y, so X); « où il » could be either, and is not one of them.
_CLAUSE_BEFORE_PRONOUN = re.compile(r",\s*(?:qu'|que\b|dont\b)\s*$")
# A pronoun subject of a clause coordinated to the sentence's first: « X ajoute que ... et il parle de »
_COORDINATION = r"(?:\bet|\bmais|\bpuis|\band|\bbut)"
_COORDINATED_PRONOUN = re.compile(
    rf"{_COORDINATION}\s+(?P<pronoun>{_SUBJECT_PRONOUNS})(?:\s+(?:y|en|lui|leur|ne|n'|se|s'))*\s*$"
)
_COORDINATION_BEFORE = re.compile(rf"{_COORDINATION}\s+$")
# A pronoun subject after the pronoun of a free relative: "what she called", « ce qu'elle a qualifié de »; and
# how far before the pronoun it is looked for.
FREE_RELATIVE_REACH = 12
# At most this many words between the subject and the free relative ("X denounced on Monday what ..."), none
# of them a determiner, a relative pronoun, a preposition of the agent or a comma (someone else may be there).
FREE_RELATIVE_GAP_WORDS = 4
_NOT_A_BARE_VERB_GAP = re.compile(
    r",|(?<![\w'])(?:un|une|le|la|les|l'|des|du|de|d'|an|the|his|her|their|its|son|sa|ses|leur|leurs|ce|cet|cette"
    r"|qui|who|which|that|par|by|to|au|aux|with|avec)(?![\w'])"
)
_FREE_RELATIVE_PRONOUN = re.compile(
    rf"(?:\bwhat|\bce\s+qu'|\bce\s+que)\s*(?P<pronoun>{_SUBJECT_PRONOUNS})(?:\s+(?:lui|leur|ne|n'|se|s'))*\s*$"
)
# A pronoun opening the completive of a speech verb: « X a indiqué qu'il », "X said that he", "X said he".
_COMPLETIVE_TO_PRONOUN = re.compile(r"\s*(?:qu'|que|that)?\s*")
# A subordinate clause, a circumstance or a participle opening a sentence, before the main clause and its
# subject: « Alors que ..., », « Entre ..., », "During the talks, ".
_SUBORDINATE_OPENING = re.compile(
    r"\s*(?:(?:(?:one|two|three|a|an|few|several|hours?|days?|weeks?|months?|minutes?|moments?|shortly|soon|just"
    r"|quelques|deux|trois|heures?|jours?|semaines?|mois|peu|juste|un|une|jour|moment)\s+){1,3}"
    r"(?:after|before|apres|avant)\b|alors\s+qu|tandis\s+qu|bien\s+qu|quoiqu|lorsqu|puisqu|quand\b|apres\s+qu|avant\s+qu|depuis\s+qu"
    r"|meme\s+si\b|while\b|although\b|though\b|as\b|when\b|after\b|before\b|since\b|even\s+though\b"
    r"|entre\b|depuis\b|dans\b|lors\b|pendant\b|apres\b|avant\b|devant\b|face\b|malgre\b|a\s+l'issue\b"
    r"|en\s+marge\b|in\b|at\b|during\b|despite\b|amid\b|following\b|with\b|without\b|avec\b|sans\b"
    # an opening participle or gerund: "Wrapping up his statement, X denies", « Interrogé sur ..., X a »,
    # « Évoquant ..., X a », « Après avoir salué ..., X »
    r"|[a-z]{3,}ing\b|en\s+[a-z]+ant\b|tout\s+en\b|apres\s+avoir\b|[a-z]{3,}ant\b"
    r"|(?:asked|questioned|pressed|interroge|interrogee|questionne|questionnee|sollicite|sollicitee)\b)"
)
# A wire story's dateline: "BUENOS AIRES: ", "PARIS (Reuters) - ", "ROME, 29 mars (AFP) – ".
_WIRE_DATELINE = re.compile(r"[A-ZÀ-Þ][A-ZÀ-Þ .'-]+(?:,[^:()\n]{1,20})?(?:\s*\([^)\n]{1,30}\))?\s*[:–—-]\s+")
# A relative pronoun a few words before the verb: "qui y salue", "who has pledged".
_RELATIVE_SUBJECT = re.compile(r"\b(?:qui|who)\s+(?:[\w']+\s+){0,2}$")
# Nouns of someone's words, which a relative after them may quote: "Y's remarks, where he said".
_WORDS_NOUN = re.compile(
    r"\b(?:statements?|remarks|comments|words|interviews?|speech|letter|message|posts?|tweets?|declarations?"
    r"|film|book|article|propos|entretien|discours|lettre|tribune|communique|allocution|livre|ouvrage)\b"
)
# A French participle in the feminine after its auxiliary: « s'est dite », « a été saluée ».
_FEMININE_PARTICIPLE = re.compile(
    r"(?:s'est|s'etait|se\s+sont|est|etait|a|ont|avait)\s+(?:\w+ment\s+)?\w+(?:ee|ite|ise|ue)s?(?![\w'-])"
)
# An aside set off by commas between an inverted verb and its subject: « a insisté, pour sa part, X ».
_ASIDE_AFTER_VERB = re.compile(
    r"\s*,\s*(?:pour\s+sa\s+part|pour\s+leur\s+part|de\s+son\s+cote|de\s+leur\s+cote|quant\s+a\s+lui"
    r"|quant\s+a\s+elle|a\s+son\s+tour|lui|elle|aussi|encore|egalement|ensuite|enfin|alors)\s*,\s*"
)
# « où » (the accent tells it from « ou »), "where", opening a relative with a subject that is no pronoun.
_WHERE_THEN_SUBJECT = re.compile(
    r"(?<![\w'’])(?:où|where)\s+(?!(?:il|elle|ils|elles|on|he|she|they|it|we|I)(?![\w'’-]))", re.IGNORECASE
)
# A pronoun subject of a relative opened by where / in which / où: "Y's remarks, where he said", « ses propos
# où il disait »; it is the pronoun's, whoever the main clause is about.
_RELATIVE_PLACE_PRONOUN = re.compile(
    rf"\b(?P<opener>where|in\s+which|wherein|ou|dans\s+lequel|dans\s+laquelle)\s+(?P<pronoun>{_SUBJECT_PRONOUNS})"
    r"(?:\s+(?:[\w']+\s+){0,2})?\s*$"
)
# Auxiliaries that make an English speech verb passive, and the agent that follows it.
_PASSIVE_AUX = ("was", "were", "is", "are")
_AGENT = re.compile(r"\s+by\s+")
_CLITICS_AFTER_PRONOUN = re.compile(
    r"^(il|elle|ils|elles)(?:\s+(?:y|en|lui|leur|le|la|les|l'|se|s'|ne|n'|nous|vous))+$"
)
_JOINED_BEFORE = re.compile(r"(?:\bet|\band|&|\bou|\bor|,)\s*$")  # « Poutine et Kim ont dit »: not Kim alone
_JOINED_AFTER = re.compile(r"\s*(?:et\b|and\b|&|ou\b|or\b|,)")
# A cleft putting a circumstance first, its subject after « que »: « C'est serein que X », « C'est à Paris que X ».
_CLEFT = re.compile(r"\s*c'est\s+(?:[\w'-]+\s+){1,4}?(?:que\s+|qu')\s*")
_CONJUNCTION_ONLY = re.compile(r"\s*(?:mais|et|puis|or|but|and|yet|so)\s*")
_LEADING_CONJUNCTION = re.compile(r"\s*(?:mais|et|puis|or|but|and|yet|so)\s+(?=\w)")
_CLAUSE_END = re.compile(r"[,;:!?()]|(?<!\bm)(?<!\bmr)(?<!\bmrs)(?<!\bms)(?<!\bdr)(?<!\bst)(?<!\bmme)(?<!\b\w)\.|\s-\s")
# Before a gerund, no description: « Tout en reconnaissant que ... » has its subject further on.
_GERUND_LEAD = frozenset({"tout", "en"})
# Words that open a phrase that is not a description of a speaker: a participle, an honorific alone.
_NOT_A_DESCRIPTION = re.compile(
    r"^(?:\w+ing|\w+ant|m|mr|mrs|ms|mme|dr|ce|c'|c'est|cette|cela|ceci|ca|it|this|that"
    r"|il|elle|ils|elles|on|je|j'|nous|vous|he|she|they|we|i)$"  # « Il aurait voté ... »: a clause
)
# « ce dernier », « cette dernière », "the latter": the last person named, not the sentence's subject; the
# registry's mentions cannot tell who that is among names it does not know, so doubt.
_LATTER = re.compile(r"(?:ce\s+dernier|cette\s+derniere|the\s+latter)")
# A demonstrative description points back to someone just named, as a pronoun does: « Cet ancien banquier
# promet », « cette dirigeante ».
_DEMONSTRATIVE_DESCRIPTION = re.compile(r"^(?:(?P<m>ce|cet)|(?P<f>cette))\s+[\w'-]+")


def _a_name(entity: Entity) -> bool:
    """Whether what the small model took for a name looks like one: a capital and two letters (« n’ » is not)."""
    return bool(re.match(r"[A-ZÀ-Þ]", entity.text.strip())) and len(re.findall(r"\w", entity.text)) >= 2


def _bare_title(phrase: str) -> str | None:
    """The bare title a folded phrase is (« le nouveau président » -> "president", « le président-candidat »
    -> "president": the holder running again), or None."""
    title = _CANDIDATE_SUFFIX.sub("", _TITLE_DETERMINER.sub("", phrase).strip())
    title = TITLE_ABBREVIATIONS.get(title, title)
    return title if title in BARE_TITLES else None


def _headed_by_title(phrase: str) -> bool:
    """Whether a folded phrase is a bare title with more words after it (« le président de la Chine »), or a
    former holder's title (« l'ex-président »)."""
    former = _FORMER_TITLE.match(phrase)
    if former is not None:
        return True
    title = _TITLE_DETERMINER.sub("", phrase).strip()
    return any(title.startswith(f"{t} ") for t in _TITLE_WORDS)


@dataclass(frozen=True)
class Attribution:
    """A decision for one quotation: who, what kind, by which cue, and an incise to cut out."""

    speaker: str
    kind: str
    cue: str | None
    cut: tuple[int, int] | None = None  # an incise to take out of the speech: « ..., a-t-il dit, ... »


@dataclass(frozen=True)
class Found:
    """A resolved noun phrase: a speaker id, a pronoun still to resolve, ambiguity, or nothing."""

    speaker: str | None = None
    pronoun: str | None = None  # "m" or "f"
    ambiguous: bool = False
    gender: str | None = None  # someone else's, when the phrase says it: « la ministre X » is "f"

    @property
    def empty(self) -> bool:
        return self.speaker is None and self.pronoun is None and not self.ambiguous


def pronoun(word: str) -> Found:
    """il/elle/he/she point back to someone; ils/elles/they to nobody in particular."""
    gender = PRONOUNS.get(word) or SOURCE_PRONOUNS[word]
    return Found(ambiguous=True) if gender == "plural" else Found(pronoun=gender)


@dataclass
class Frame:
    """A sentence as given to the parser: long quotations shrunk to '…'."""

    text: str
    segments: list[tuple[int, int, int]]  # (frame offset, original offset, length)

    def to_original(self, pos: int) -> int | None:
        for frame_at, orig_at, length in self.segments:
            if frame_at <= pos <= frame_at + length:
                return orig_at + (pos - frame_at)
        return None


@dataclass
class Entity:
    start: int
    end: int
    label: str
    text: str


@dataclass(frozen=True)
class Quote:
    """The quotation a rule is asked about, with the sentence it stands in."""

    index: int
    span: QuoteSpan
    sentence: Sentence
    sentence_index: int


def _flat_end(token: Token) -> int:
    """The end of a name the parse split into a head and flat parts ("M." + "Poutine")."""
    parts = [c for c in token.children if c.dep_ in ("flat:name", "flat", "appos", "compound") and c.i > token.i]
    last = max(parts, key=lambda c: c.i) if parts else token
    return last.idx + len(last.text)


def _within_any(position: int, spans: list[QuoteSpan]) -> bool:
    return any(s.open_at <= position <= s.close_at for s in spans)


def _within(position: int, spans: list[tuple[int, int]], opens: list[int]) -> bool:
    """Whether a position lies inside one of the sorted (open, close) spans."""
    i = bisect.bisect_right(opens, position) - 1
    return i >= 0 and spans[i][0] <= position < spans[i][1]


@dataclass
class ArticleContext:
    """One article as the rules see it; `decided` fills up as quotations are attributed."""

    article: Article
    spans: list[QuoteSpan]
    sentences: list[Sentence]
    registry: SpeakerRegistry
    nlp: Language | None
    published: date | None = None
    decided: dict[int, Attribution] = field(default_factory=dict)

    def __post_init__(self) -> None:
        text = self.article.text
        self.language = self.article.language
        self.verbs = verb_pattern(self.language)
        self.after_only = verb_pattern(self.language, after_quote=True)
        masked = list(fold_chars(text))
        for span in self.spans:
            for start, end in span.pieces:
                masked[start:end] = "_" * (end - start)
        self.masked = "".join(masked)
        inside = [(s.open_at, s.close_at) for s in self.spans]  # spans come sorted and do not overlap
        opens = [a for a, _ in inside]
        self.mentions = [
            m
            for m in self.registry.mentions(text, when=self.published, quoted=inside)
            if not _within(m.start, inside, opens)
        ]
        self._mention_starts = [m.start for m in self.mentions]
        self._sentence_starts = [s.start for s in self.sentences]
        self._parses: dict[int, tuple[Frame, Doc]] = {}
        self._entities: dict[int, list[Entity]] = {}
        self._verbs_before: dict[int, list[re.Match[str]]] = {}
        # without a parser, names are guessed from capitals (English only: French capitalises less)
        self._capitalised = self._capitalised_names() if self.nlp is None and self.language != "fr" else []

    @property
    def text(self) -> str:
        return self.article.text

    def quotes(self) -> list[Quote]:
        """Every quotation of the article, in reading order."""
        return [Quote(q, self.spans[q], s, i) for i, s in enumerate(self.sentences) for q in s.quotes]

    def is_heading(self, sentence: Sentence) -> bool:
        return self.article.paragraphs[sentence.paragraph].is_heading

    # ---- the parse, on demand ------------------------------------------------------------------

    def _frame(self, sentence: Sentence) -> Frame:
        text = self.text
        parts: list[str] = []
        segments: list[tuple[int, int, int]] = []
        cursor = sentence.start
        length = 0
        for q in sentence.quotes:
            span = self.spans[q]
            if word_count(span.text(text)) <= LONG_QUOTE_WORDS or span.end > sentence.end:
                continue
            chunk = text[cursor : span.start]
            segments.append((length, cursor, len(chunk)))
            parts.append(chunk)
            length += len(chunk)
            parts.append("…")
            length += 1
            cursor = span.end
        chunk = text[cursor : sentence.end]
        segments.append((length, cursor, len(chunk)))
        parts.append(chunk)
        return Frame("".join(parts), segments)

    def parsed(self, sentence_index: int) -> tuple[Frame, Doc] | None:
        """The parse of one sentence, made on first need: most quotations never ask for it."""
        if self.nlp is None:
            return None
        if sentence_index not in self._parses:
            frame = self._frame(self.sentences[sentence_index])
            self._parses[sentence_index] = (frame, self.nlp(frame.text, disable=["ner"]))
        return self._parses[sentence_index]

    def _entities_near(self, start: int) -> list[Entity]:
        """Person and organisation names in the sentence around an offset."""
        if self.nlp is None:
            return self._capitalised
        index = bisect.bisect_right(self._sentence_starts, start) - 1
        if index < 0 or start >= self.sentences[index].end:
            return []
        if index not in self._entities:
            parsed = self.parsed(index)
            found = []
            if parsed is not None and self.nlp is not None:
                frame, doc = parsed
                doc = self.nlp.get_pipe("ner")(doc)  # names are asked for less often than the parse
                for ent in doc.ents:
                    begin, end = frame.to_original(ent.start_char), frame.to_original(ent.end_char)
                    if begin is not None and end is not None and ent.label_ in _NAME_LABELS:
                        found.append(Entity(begin, end, ent.label_, ent.text))
            self._entities[index] = found
        return self._entities[index]

    def _capitalised_names(self) -> list[Entity]:
        """Without a model, proper names are runs of capitalised words."""
        found = []
        for match in re.finditer(r"(?<![\w.])(?:[A-Z][\w'-]+)(?:\s+[A-Z][\w'-]+)+", self.text):
            found.append(Entity(match.start(), match.end(), "PER", match.group()))
        return found

    # ---- noun phrases ----------------------------------------------------------------------------

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        first = bisect.bisect_left(self._mention_starts, start)
        last = bisect.bisect_right(self._mention_starts, end)
        return [m for m in self.mentions[first:last] if m.end <= end + 1]

    def resolve_np(self, start: int, end: int, *, allow_description: bool = True) -> Found:
        """Who a noun phrase names: a registry speaker, a pronoun, someone else, or nobody."""
        circumstance = _CIRCUMSTANCE_IN_PHRASE.search(self.masked, start, end)
        cut_where = False  # cut before where or to whom it spoke: « le président à la sortie de l'Élysée »
        if circumstance is not None and re.search(r"\w", self.masked[start : circumstance.start()]):
            end = circumstance.start()  # « la présidente devant la presse », "the minister after the talks"
            cut_where = circumstance.group().lstrip().startswith(("a ", "a l'", "au", "aux"))
        adverbs = _ADVERBS_ENDING_SUBJECT.search(self.masked, start, end)
        if adverbs is not None and re.search(r"\w", self.masked[start : adverbs.start()]):
            end = adverbs.start()  # "He further", "the Prime Minister also"
        clitics = _CLITICS_ENDING_SUBJECT.search(self.masked, start, end)
        if clitics is not None and re.search(r"\w", self.masked[start : clitics.start()]):
            end = clitics.start()  # « le nouveau président n'a pas », « Le ministre lui a dit »
        original = self.text[start:end].strip(_STRIP)
        folded = self.masked[start:end].strip(_STRIP)
        if not re.search(r"\w", folded):
            return Found()
        folded = _CLITICS_AFTER_PRONOUN.sub(r"\1", folded)  # « Il y salue », « Elle lui a dit »
        if folded in PRONOUNS:
            return pronoun(folded)
        if re.search(r"\b(?:et|and)\b|&", folded):
            return Found(ambiguous=True)  # "Poutine et Kim", "le ministre et son adjoint": nobody alone
        np_start = start + len(self.masked[start:end]) - len(self.masked[start:end].lstrip(_STRIP))
        inside = self.mentions_in(start, end)
        # A preposition before the phrase ("selon X", "pour X") introduces it; one inside it
        # ("le porte-parole de X") makes X a complement.
        # A name deep inside the phrase, after a verb, is that verb's object: "leader of a group pressing X".
        heads = [
            m
            for m in inside
            if not m.possessor
            and (not m.complement or m.start <= np_start)
            and not _OBJECT_OF_VERB.search(self.masked[np_start : m.start])
        ]
        ids = {m.speaker.id for m in heads}
        if len(ids) > 1:
            return Found(ambiguous=True)
        if ids:
            return Found(speaker=ids.pop())
        titled = self.title_holder(np_start, folded, strict=cut_where)
        if titled is not None:
            return Found(speaker=titled)
        counterpart = self.counterpart_holder(np_start, folded)
        if counterpart is not None:
            return counterpart
        leader = self.nationality_leader(np_start, folded)
        if leader is not None:
            return Found(speaker=leader)
        if _bare_title(folded) is not None:
            # « a affirmé le président » whom the article does not settle: doubt, never "someone else"
            return Found(ambiguous=allow_description)
        document = self.document_author(np_start, end, folded)
        if document is not None:
            return document
        for entity in self._entities_near(start):
            if any(m.start < entity.end and entity.start < m.end for m in inside):
                continue  # a registry person is never "someone else"
            if not _a_name(entity):
                continue  # the small model's slips (« n’ », « cela ») name nobody: a name starts with a capital
            if _within_any(entity.start, self.spans):
                continue  # « déjà surnommé « le beau Pedro » »: a name in quoted words is not the phrase's
            if POSSESSIVE.match(self.text, entity.end):
                continue  # "The Prime Minister's press secretary said": the possessor is not the speaker
            if start <= entity.start and entity.end <= end and not introduced_by_preposition(self.text, entity.start):
                return Found(speaker=f"other:{entity.text.strip()}", gender=self._phrase_gender(folded))
        if _LATTER.fullmatch(folded):
            return Found(ambiguous=True)  # « ce dernier », "the latter": the last one named, whoever that is
        demonstrative = _DEMONSTRATIVE_DESCRIPTION.match(folded) if self.language == "fr" else None
        if demonstrative is not None and not inside:
            return Found(pronoun="m" if demonstrative.group("m") else "f")
        if _headed_by_title(folded):
            # « le dirigeant d'extrême droite », « le chef du gouvernement brésilien »: a title the registry does
            # not list may still be a principal's; doubt, never "someone else"
            return Found(ambiguous=allow_description)
        if allow_description and (_DETERMINER_START.match(folded) or original[:1].isupper()):
            verb = _VERB_IN_DESCRIPTION.search(original)
            if verb is not None:  # « Une population épuisée a parlé de »: the phrase ends at its verb
                original = original[: verb.start()].strip(_STRIP)
            words = original.split()
            first = fold_chars(words[0]).rstrip(".")
            only_small_words = all(fold_chars(w) in _GERUND_LEAD or fold_chars(w) in STOPWORDS for w in words)
            if len(words) <= DESCRIPTION_MAX_WORDS and not _NOT_A_DESCRIPTION.match(first) and not only_small_words:
                return Found(speaker=f"other:{original}", gender=self._phrase_gender(folded))
        return Found()

    def title_holder(self, at: int, phrase: str, *, strict: bool = False) -> str | None:
        """Who a bare title names (« le Premier ministre », "the President"), when the article says it.

        The one principal who holds a role with that title at the article's date, is the last
        person named before it, and nobody else is named with that title before it (a reader has not yet
        met "the South Korean president" named further down). In an undated article, the holders it names
        decide, as for roles (an undated report of Merkel's last council calls her « la chancelière »).
        """
        former = _FORMER_TITLE.match(phrase)
        if former is not None:
            return self._former_title_holder(at, phrase[former.end() :])
        title = _bare_title(phrase)
        if title is None:
            return None
        named = self._principals_named_before(at)
        if _NEWLY.search(phrase) and self.published is not None:
            holders = {s.id for s in self.registry.new_title_holders(title, self.published)}
        else:
            holders = {s.id for s in self.registry.title_holders(title, self.published, named)}
        holder = self._last_holder_named(at, holders)
        if holder is None or (len(holders & named) != 1 and not self._subject_just_before(at, holder, holders)):
            return None
        if not self._title_is_only_theirs(title, holder, at):
            return None
        # a title read from less than itself (« le président-candidat », a title cut before where it spoke) needs
        # the holder named alone, or as the subject, where last named
        if strict and self._named_beside_another(holder, at, subject_suffices=False):
            return None  # « X a appelé Y. « ... », a déclaré le président à la sortie de l'Élysée »: the place says who
        candidate = _CANDIDATE_SUFFIX.search(_TITLE_DETERMINER.sub("", phrase).strip()) is not None
        return None if candidate and self._named_beside_another(holder, at) else holder

    def _named_beside_another(self, holder: str, at: int, *, subject_suffices: bool = True) -> bool:
        """Whether the sentence that last names the holder names another person too, and (if `subject_suffices`)
        does not open on the holder as its subject: « Joe Biden a critiqué Vladimir Poutine. « ... », a lancé le
        président-candidat » may be Biden's."""
        mentions = [m for m in self.mentions if m.end <= at and m.speaker.id == holder]
        if not mentions:
            return False
        index = bisect.bisect_right(self._sentence_starts, mentions[-1].start) - 1
        sentence = self.sentences[index]
        others = [
            end
            for end, speaker_id in self._actors_before(sentence.end + 1, complements=True)
            if speaker_id != holder and sentence.start <= end <= sentence.end
        ]
        if not others:
            return False
        if not subject_suffices:
            return True
        opening = self._named_at_start(sentence, self._main_clause_start(sentence))
        return opening is None or opening.speaker != holder

    def nationality_leader(self, at: int, phrase: str) -> str | None:
        """Whom a leader of a nationality names (« le dirigeant israélien », "the British leader"): the one
        principal holding a role of that nationality at the article's date, already named in the article."""
        generic = _GENERIC_LEADER.fullmatch(phrase)
        if generic is None or bool(generic.group("before")) == bool(generic.group("after")):
            return None
        named = self._principals_named_before(at)
        holder = self.registry.leader_of(generic.group("before") or generic.group("after"), self.published, named)
        if holder is None or holder.id not in named:
            return None
        gender = "f" if generic.group("f") else "m" if generic.group("m") else ANY_GENDER
        if self._if_gender_fits(holder.id, gender) is None:
            return None  # « la dirigeante nord-coréenne » is not him
        last = self._actors_before(at, complements=True)
        return holder.id if last and last[0][1] == holder.id else None  # named last: nobody else in between

    def _principals_named_before(self, at: int) -> set[str]:
        return {m.speaker.id for m in self.mentions if m.end <= at and m.speaker.principal}

    def _subject_just_before(self, at: int, holder: str, holders: set[str]) -> bool:
        """Whether the holder opens the sentence before the title's, as its subject, and no other holder is
        named from there on: « Zelensky a rencontré Macron. ⏎ Emmanuel Macron a déclaré ... ⏎ « ... », a
        souligné le chef de l'État »: both are heads of state, the one just speaking is meant."""
        index = bisect.bisect_right(self._sentence_starts, at) - 1
        if index < 1:
            return False
        previous = self.sentences[index - 1]
        opening = self._named_at_start(previous, self._main_clause_start(previous))
        if opening is None or opening.speaker != holder:
            return False
        return not {m.speaker.id for m in self.mentions_in(previous.start, at)} & (holders - {holder})

    def _former_title_holder(self, at: int, title: str) -> str | None:
        """Who « l'ancien président » names: the one former holder of the title the article has named, when
        that is the last person named before it (passing over principals who never held it)."""
        bare = _bare_title(title)
        if bare is None:
            return None
        holders = {s.id for s in self.registry.former_title_holders(bare, self.published)}
        named = self._principals_named_before(at)
        holder = self._last_holder_named(at, holders)
        return holder if holder is not None and len(holders & named) == 1 else None

    def counterpart_holder(self, at: int, phrase: str) -> Found | None:
        """Who « son homologue français » or "his Indian counterpart" names: the one principal who holds, at the
        article's date, the possessor's title then with that nationality (« président » + « français »). The
        possessor is the last person named as an actor before; when that is not a principal, or no one
        principal holds the title there, doubt (the phrase names someone, never a description)."""
        match = _COUNTERPART.match(phrase)
        if match is None:
            return None
        actors = self._actors_before(at)
        possessor = self.registry.get(actors[0][1]) if actors and actors[0][1] is not None else None
        if possessor is None or not possessor.principal:
            return Found(ambiguous=True)
        named = {m.speaker.id for m in self.mentions if m.end <= at}
        held = [r for r in possessor.roles if self.published is None or any(t.holds(self.published) for t in r.terms)]
        titles = {title for role in held for title in bare_titles(role.text)}
        holders = set()
        for title in titles:
            role = f"{title} {match.group('after')}" if match.group("after") else f"{match.group('before')} {title}"
            holder = self.registry.role_holder(role, self.published, named)
            if holder is not None and holder.principal and holder.id != possessor.id:
                holders.add(holder.id)
        return Found(speaker=holders.pop()) if len(holders) == 1 else Found(ambiguous=True)

    def _title_is_only_theirs(self, title: str, holder: str, until: int) -> bool:
        """Whether every use of the title before `until` is the holder's, or bare (« le président a dit »).

        Someone else holds it when it comes with another name or a modifier that is not the holder's
        role: « le Premier ministre palestinien Mohammed Shtayyeh », "the South Korean president".
        """
        pattern = rf"(?<![\w'-])(?:[a-z]+-)?{re.escape(title)}(?![\w'-])"  # "ex-President X" is a use too
        holders_own = [m for m in self.mentions if m.speaker.id == holder]
        for other in re.finditer(pattern, self.masked[:until]):
            if any(
                m.start <= other.start() <= m.end or 0 <= m.start - other.end() <= TITLE_TO_NAME for m in holders_own
            ):
                continue  # « le président russe Vladimir Poutine », "Prime Minister Narendra Modi": the holder's
            lead = self.masked[max(0, other.start() - TITLE_LEAD_CHARS) : other.start()]
            if _DEPUTY_BEFORE.search(lead):
                continue  # "Deputy Prime Minister Angela Rayner": another title, not the holder's
            former = _FORMER_BEFORE.search(lead)
            if former is not None and _PREPOSITION_BEFORE.search(lead, 0, former.start() + 1):
                continue  # "winning it from former President X": a former holder, named as a complement
            if _PREDICATIVE_TITLE_BEFORE.search(lead):
                continue  # « devenu président du plus grand pays »: what someone is, not someone else
            if not _BARE_TITLE_BEFORE.search(lead):
                return False  # "the South Korean president", "Ukraine's president"
            following = _WORD_AFTER.match(self.masked, other.end())
            if following is None or (self.language == "en" and not self.text[following.start(1)].isupper()):
                # English puts a title's modifiers before it ("the South Korean president"): any word after but
                # a name ("the president Xi")
                continue
            word = following.group(1)
            if self.text[following.start(1) : following.end(1)].endswith(("é", "ée", "és", "ées")):
                continue  # « le chef de l'État confronté à une crise »: a participle, not a nationality
            if (
                word in STOPWORDS
                or word in _AUXILIARIES
                or word in _CIRCUMSTANCE_AFTER_TITLE
                or word in _ADVERBS_AFTER_SUBJECT
                or self.verbs.fullmatch(word)
                or _PARTICIPLE.fullmatch(word)
            ):
                continue  # "the President added", « le président a déclaré », « le président après avoir », "also"
            return False  # « le président sud-coréen », « le Premier ministre palestinien Mohammed Shtayyeh »
        return True

    def document_author(self, start: int, end: int, phrase: str) -> Found | None:
        """Whose words a document speaks: « la lettre de X » is X's, « sa lettre », "the statement" are the
        last speaker's (of either gender: « sa » says nothing of the writer's)."""
        match = _DOCUMENT.match(phrase)
        if match is None:
            return None
        after = start + match.end()
        # the author is the complement right after the noun: « la lettre de X à Y », not « adressée à Y »
        # (a mention's start may take in the « du » the noun's complement opens with)
        authors = {m.speaker.id for m in self.mentions_in(after - 4, end) if after - 4 <= m.start <= after + 1}
        if match.group("of") and len(authors) == 1:
            return Found(speaker=authors.pop())
        if not authors and match.group("of"):
            # « la déclaration du président publiée par ses services »: the complement is a bare title
            words = phrase[match.end() :].split()
            for size in (3, 2, 1):
                holder = self.title_holder(start, " ".join(words[:size]))
                if holder is not None:
                    return Found(speaker=holder)
        if re.search(r"\w", phrase[match.end() :].strip()):
            return Found(ambiguous=True)  # « la lettre adressée à X par Y »: not read here
        return Found(pronoun=ANY_GENDER)

    def _actors_before(self, at: int, *, complements: bool = False) -> list[tuple[int, str | None]]:
        """(end, registry id or None for a name the registry does not know) of every person named as an actor
        before `at`, last first. A possessor or a complement ("Starmer's accusations", "à Kim") is not an actor,
        unless `complements` (whom « cette dernière » may stand for: « négocié par Angela Merkel »)."""
        actors: list[tuple[int, str | None]] = [
            (m.end, m.speaker.id)
            for m in self.mentions
            if m.end <= at and (complements or (not m.complement and not m.possessor))
        ]
        for run in _PERSON_NAME.finditer(self.text, 0, at):
            if _bare_title(fold_chars(run.group())) is not None:
                continue  # "The Prime Minister also hit out": a capitalised title, not a name
            if _FRENCH_ARTICLE_BEFORE.search(self.text, max(0, run.start() - MENTION_LEAD_REACH), run.start()):
                continue  # « vers le Palais Alvorada », « la Maison Blanche »: French puts no article before a name
            if _MEDIUM_BEFORE.search(self.masked, max(0, run.start() - MENTION_LEAD_REACH), run.start()):
                continue  # « du quotidien Jerusalem Post », "the daily Haaretz": a medium's name, nobody's
            if (
                not complements
                and introduced_by_preposition(self.text, run.start())
                and not _AGENT_BEFORE.search(self.masked, max(0, run.start() - MENTION_LEAD_REACH), run.start())
            ):
                # « interrogé sur la nomination de Gérald Darmanin »: a complement, as for mentions; an agent
                # (« reçu par X », "told by X") may be the one who speaks next, so it stays
                continue
            near = self.mentions_in(run.start() - MENTION_LEAD_REACH, run.end())
            if not any(m.start < run.end() and run.start() < m.end for m in near) and not _within_any(
                run.start(), self.spans
            ):
                actors.append((run.end(), None))
        return sorted(actors, key=lambda actor: actor[0], reverse=True)  # a mention wins a tie with a run

    def someone_unnamed_in(self, start: int, end: int) -> bool:
        """Whether a stretch holds a capitalised word within a sentence that no registry mention covers
        (« Loukachenko », "Stalin"): someone, or somewhere, the clause is about besides its subject."""
        covered = [(m.start, m.end) for m in self.mentions_in(start, end)]
        for word in re.finditer(r"(?<=[\s'’(])[A-ZÀ-Þ][\w-]+", self.text[start:end]):
            at = start + word.start()
            if any(a <= at < b for a, b in covered) or _within_any(at, self.spans):
                continue
            if fold_chars(word.group()) in STOPWORDS | _COMMON_OPENERS or self.text[:at].rstrip()[-1:] in ".!?:":
                continue
            return True
        return False

    def _last_holder_named(self, at: int, holders: set[str]) -> str | None:
        """The last person named as an actor before `at` who holds the title, passing over registry people who
        do not (« Emmanuel Macron, Friedrich Merz et leurs ministres ... a expliqué le chef de l'État »); None
        when a name the registry does not know comes first (it may be the holder: « Gabriel Attal ... le
        Premier ministre »)."""
        for _, speaker_id in self._actors_before(at):
            if speaker_id is None or speaker_id in holders:
                return speaker_id
            speaker = self.registry.get(speaker_id)
            if speaker is None or not speaker.principal:
                return None  # an agency, someone else the registry knows: not passed over
        return None

    def _last_person_named(self, at: int) -> str | None:
        """The registry id of the last person named as an actor before `at`; None if it is someone else (a name
        the registry does not know, an agency)."""
        actors = self._actors_before(at)
        if not actors or actors[0][1] is None:
            return None
        speaker = self.registry.get(actors[0][1])
        return speaker.id if speaker is not None and speaker.principal else None

    def resolve_after_verb(self, start: int, limit: int, *, allow_description: bool = True) -> Found:
        """The subject after an inverted verb, with its apposition when the title alone names nobody:
        « a déclaré la présidente du Conseil, Giorgia Meloni, lors de ... »."""
        aside = _ASIDE_AFTER_VERB.match(self.masked, start, limit)
        if aside is not None:
            start = aside.end()  # « a insisté, pour sa part, le président américain »
        end = self.clause_end(start, limit)
        found = self.resolve_np(start, end, allow_description=False)
        if found.empty and end < limit and self.masked[end] == ",":
            apposition_end = self.clause_end(end + 1, limit)
            apposed = self.resolve_np(end + 1, apposition_end, allow_description=False)
            if apposed.speaker is not None and not apposed.speaker.startswith("other:"):
                return apposed
        return self.resolve_np(start, end, allow_description=allow_description) if found.empty else found

    def resolve_inside_quote(self, start: int, end: int) -> Found:
        """Resolve a stretch that lies inside a quotation (masked text is blank there)."""
        heads = [m for m in self.registry.mentions(self.text[start:end], when=self.published) if not m.complement]
        ids = {m.speaker.id for m in heads}
        if len(ids) == 1:
            return Found(speaker=ids.pop())
        return Found(ambiguous=len(ids) > 1)

    # ---- verbs and their subjects ----------------------------------------------------------------

    def verb_groups(self, start: int, end: int) -> list[re.Match[str]]:
        """Speech verbs in a stretch of text, a bare form only when not after a determiner."""
        found = []
        for match in self.verbs.finditer(self.masked, start, end):
            if reflexive_only(match):
                continue
            lookback = self.masked[max(0, match.start() - BARE_VERB_LOOKBACK) : match.start()]
            if (
                match.group("aux") is None
                and _BARE_VERB_BLOCKERS.search(lookback)
                and not (_INFINITIVE_AFTER_DE.search(lookback) and _FR_INFINITIVE.fullmatch(match.group("verb")))
            ):
                continue
            if self._after_french_passive(match) and not _FR_AGENT.match(self.masked, match.end()):
                continue
            found.append(match)
        return found

    def speech_verb_at(self, at: int) -> re.Match[str] | None:
        """A speech verb (or one that reports only after a quotation) starting at `at`."""
        verb = self.verbs.match(self.masked, at)
        if verb is not None and reflexive_only(verb):
            verb = None
        return verb or self.after_only.match(self.masked, at)

    def comma_before(self, at: int, *, after_quote: bool = False) -> bool:
        """Whether a comma (or, with `after_quote`, a quotation) stands right before a verb: an inverted cue."""
        before = self.masked[max(0, at - INVERTED_VERB_COMMA_REACH) : at].rstrip()
        return before.endswith(",") or (after_quote and before.endswith("_"))

    def verbs_before(self, quote: Quote) -> list[re.Match[str]]:
        """The speech verbs of the quotation's sentence that end before its opening mark (found once)."""
        if quote.index not in self._verbs_before:
            start, open_at = quote.sentence.start, quote.span.open_at
            self._verbs_before[quote.index] = [v for v in self.verb_groups(start, open_at) if v.end() <= open_at]
        return self._verbs_before[quote.index]

    def any_verb_before(self, start: int, end: int) -> int | None:
        """Start of the last finite verb group (auxiliary + participle) in a stretch."""
        last = None
        for match in _FINITE_VERB[self.language].finditer(self.masked[start:end]):
            last = start + match.start()
        return last

    def first_verb(self, start: int, end: int) -> int | None:
        match = _FINITE_VERB[self.language].search(self.masked[start:end])
        return start + match.start() if match else None

    def clause_end(self, start: int, limit: int) -> int:
        """Where the phrase starting at `start` ends: punctuation, but not an abbreviation's full stop (M., Mr.)."""
        match = _CLAUSE_END.search(self.masked[start:limit])
        return start + match.start() if match else limit

    def in_closed_relative(self, sentence: Sentence, verb: re.Match[str], until: int) -> bool:
        """Whether a speech verb stands in a relative clause that a comma closes before `until`, the main
        clause's own verb following: « X, qui se décrit comme un « ... », est perçu comme un « ... » »."""
        if not _RELATIVE_SUBJECT.search(self.masked, sentence.start, verb.start()):
            return False
        comma = self.masked.find(",", verb.end(), until)
        return comma != -1 and self.first_verb(comma + 1, until) is not None

    def infinitive_subject(self, sentence: Sentence, verb_start: int) -> tuple[Found, tuple[int, int]] | None:
        """An infinitive's own subject, when the sentence gives it: « l'occasion pour le président X de
        remercier », "a chance for X to thank"; a registry person only."""
        agent = _FOR_SOMEONE_TO.search(self.masked, sentence.start, verb_start)
        if agent is None:
            return None
        phrase = (agent.start("np"), agent.end("np"))
        found = self.resolve_np(*phrase, allow_description=False)
        return (found, phrase) if found.speaker is not None and not found.ambiguous else None

    def subject_before(
        self, sentence: Sentence, verb_start: int, depth: int = 0
    ) -> tuple[Found, tuple[int, int] | None]:
        """The subject of a verb in normal order: the closest clause-initial noun phrase."""
        left_start = sentence.start
        left = self.masked[left_start:verb_start]
        boundaries = list(CLAUSE_BOUNDARY.finditer(left))
        if boundaries:
            apposed = _APPOSED_RELATIVE.search(left, 0, boundaries[-1].end())
            if apposed is not None and left.rstrip().endswith(",") and depth < COORDINATION_DEPTH:
                # « Xi, que Biden a qualifié de « ... », a ajouté »: a relative set off by commas, then its verb
                return self.subject_before(sentence, left_start + apposed.start(), depth + 1)
            left_start += boundaries[-1].end()
            left = self.masked[left_start:verb_start]
        where = list(_WHERE_THEN_SUBJECT.finditer(self.text, left_start, verb_start))
        if where:  # « X est arrivé à Pyongyang, où Y a affirmé »: the relative's own subject (« où il » is below)
            left_start = where[-1].end()
            left = self.masked[left_start:verb_start]
        coordination = COORDINATION_END.search(left)
        if coordination and depth < COORDINATION_DEPTH:
            stop = verb_start - len(coordination.group())
            speech = self.verb_groups(left_start, stop)  # « X y souligne « ... » et se dit « ... » »
            candidates = [self.any_verb_before(left_start, stop), speech[-1].start() if speech else None]
            earlier = max((c for c in candidates if c is not None), default=None)
            if earlier is not None:
                return self.subject_before(sentence, earlier, depth + 1)
            reporting = self.verb_groups(sentence.start, stop)
            if reporting and not self.names_anyone(left_start, stop):
                # « X a affirmé que l'amitié était « ... » et s'est dite convaincue »: the completive's subject
                # is a thing, and a thing does not speak; the speech verb's subject does, if the participle agrees
                found, subject = self.subject_before(sentence, reporting[-1].start(), depth + 1)
                if _RELATIVE_SUBJECT.search(self.masked, sentence.start, reporting[-1].start()):
                    return Found(ambiguous=True), subject  # « C'est Y, et non X, qui a affirmé »: whose is unsure
                speaker = self.registry.get(found.speaker or "")
                feminine = _FEMININE_PARTICIPLE.match(self.masked, verb_start) is not None
                if feminine and speaker is not None and speaker.gender == "m":
                    return Found(ambiguous=True), subject
                return found, subject
        relative = _RELATIVE_SUBJECT.search(left)
        if relative:
            return self._antecedent(left_start + relative.start()), None
        place = _RELATIVE_PLACE_PRONOUN.search(left)
        if place is not None and self.text[left_start + place.start("opener") :].startswith("ou"):
            place = None  # « ou » is "or"; only « où » opens a relative
        if place is not None:
            at = left_start + place.start("pronoun")
            found = self._place_relative_subject(sentence, left_start + place.start("opener"), place.group("pronoun"))
            return found, (at, at + len(place.group("pronoun")))
        speech = self.verb_groups(left_start, verb_start)
        if speech:
            left_start = speech[-1].end()  # "Putin said Kim had told him": the subject after the first verb
            left = self.masked[left_start:verb_start]
        adjacent = [m for m in self.mentions_in(left_start, verb_start) if not self.masked[m.end : verb_start].strip()]
        if (
            adjacent
            and not adjacent[-1].complement
            and not adjacent[-1].possessor
            and not _JOINED_BEFORE.search(self.masked[left_start : adjacent[-1].start])
        ):
            return Found(speaker=adjacent[-1].speaker.id), (adjacent[-1].start, adjacent[-1].end)  # "..., Starmer said"
        coordinated = _COORDINATED_PRONOUN.search(left) or _FREE_RELATIVE_PRONOUN.search(left)
        if coordinated is not None:
            at = left_start + coordinated.start("pronoun")
            return pronoun(coordinated.group("pronoun")), (at, at + len(coordinated.group("pronoun")))
        pieces = list(re.finditer(r"[^,]+", left))
        for index in range(len(pieces) - 1, -1, -1):
            start, end = left_start + pieces[index].start(), left_start + pieces[index].end()
            opener = _LEADING_CONJUNCTION.match(self.masked, start, end)
            if opener:
                start = opener.end()  # "Mais Macron a affirmé": the subject follows the conjunction
            folded = self.masked[start:end].strip()
            if not folded or NOT_A_SUBJECT.match(folded) or folded.startswith("_"):
                continue
            word_at = end - len(self.masked[start:end].lstrip())
            if index > 0 and _APPOSED_PARTICIPLE.match(self.text, word_at):
                continue  # "X, nominated to lead the Commission, said": what X is, not the subject
            found = self.resolve_np(start, end)
            if found.empty:
                continue  # "Kim, speaking through an interpreter, said": look further left
            if (found.speaker or "").startswith("other:") and index > 0:
                named = self._name_alone(left_start + pieces[index - 1].start(), left_start + pieces[index - 1].end())
                if named is not None:  # « M. X, Président du Brésil, a dit »: the apposition is X's title
                    return Found(speaker=named.speaker.id), (named.start, named.end)
            return found, (start, end)
        return Found(), None

    def _name_alone(self, start: int, end: int) -> Mention | None:
        """The registry person a stretch is, when it is a name and nothing else (« M. Luiz Inácio Lula »)."""
        lead = len(self.masked[start:end]) - len(self.masked[start:end].lstrip())
        trail = len(self.masked[start:end]) - len(self.masked[start:end].rstrip())
        named = self.mentions_in(start, end)
        if len(named) == 1 and named[0].start == start + lead and named[0].end == end - trail:
            return named[0] if not named[0].complement else None
        return None

    def person_right_before(self, at: int) -> bool:
        """Whether a person's name ends right before an offset (a comma between), or before one apposition set
        off by a comma: « à Kim Jong-un, qui », « à Jeanne Roy, du « Courrier », qui »."""
        if self._person_ends_at(at):
            return True
        end = len(self.masked[:at].rstrip(" ,"))
        apposition = _APPOSITION_END.search(self.masked, max(0, at - ANTECEDENT_REACH), end)
        return apposition is not None and self._person_ends_at(apposition.start())

    def person_described_before(self, start: int, at: int) -> bool:
        """Whether a person's noun stands in a stretch before a relative: « répond à une journaliste du « ... »,
        qui », "replied to a reporter from the BBC who"."""
        return _SOMEONE_NOUN.search(self.masked, start, at) is not None

    def _person_ends_at(self, at: int) -> bool:
        before = self.masked[:at].rstrip(" ,")
        if any(m.end >= len(before) - 1 for m in self.mentions_in(at - ANTECEDENT_REACH, at)):
            return True
        near = self._entities_near(len(before) - 1)
        return any(e.label in ("PER", "PERSON") and len(before) - 1 <= e.end <= at for e in near)

    def _place_relative_subject(self, sentence: Sentence, opener_at: int, word: str) -> Found:
        """The pronoun subject of a relative opened by where / in which / où: the sentence's own subject (« X a
        publié un communiqué, dans lequel il accuse », "X was received in Rome, where he pleaded"), but doubt
        when the relative hangs on another person's words ("X commented on Y's statements where he said")."""
        found = pronoun(word)
        if found.pronoun is None:
            return found
        head = " ".join(self.masked[sentence.start : opener_at].split()[-RELATIVE_HEAD_WORDS:])
        if _WORDS_NOUN.search(head):
            return Found(ambiguous=True)  # "X commented on Y's remarks, where he said": whoever wrote or spoke them
        named = self._named_at_start(sentence, self._main_clause_start(sentence))
        if named is not None and named.speaker is not None and self._if_gender_fits(named.speaker, found.pronoun):
            return Found(speaker=named.speaker)
        return found

    def _antecedent(self, relative_at: int) -> Found:
        """Who a relative "qui"/"who" stands for: the name right before it, else doubt.

        « Kim a reçu un message de Poutine, qui y salue ... »: Poutine, never the main clause's subject.
        """
        before = self.masked[:relative_at].rstrip(" ,")
        named = [m for m in self.mentions_in(relative_at - ANTECEDENT_REACH, relative_at) if m.end >= len(before) - 1]
        if len(named) == 1:
            return Found(speaker=named[0].speaker.id)
        return Found(ambiguous=True)

    def _after_french_passive(self, verb: re.Match[str]) -> bool:
        """Whether a verb stands in a French passive (« a été dit », « n'est écrit »)."""
        before = max(0, verb.start() - PASSIVE_LOOKBACK)
        return _FR_PASSIVE_BEFORE.search(self.masked, before, verb.start()) is not None

    def passive_agent(self, verb: re.Match[str], limit: int) -> Found | None:
        """For a passive speech verb ("was told by Kim"), who spoke: the agent after "by", else doubt.

        None when the verb is active. The subject of a passive is the one spoken to.
        """
        english = (verb.group("aux") or "") in _PASSIVE_AUX
        if not english and not self._after_french_passive(verb):
            return None
        agent = (_AGENT if english else _FR_AGENT).match(self.masked, verb.end())
        if agent is None:
            return Found(ambiguous=True)
        return self.resolve_np(agent.end(), self.clause_end(agent.end(), limit), allow_description=False)

    def parse_subject(self, sentence_index: int, verb_at: int) -> Found | None:
        """The dependency parse's subject for the verb at `verb_at`, or None when it has none."""
        parsed = self.parsed(sentence_index)
        if parsed is None:
            return None
        frame, doc = parsed
        token = next((t for t in doc if (frame.to_original(t.idx) or -1) >= verb_at), None)
        if token is None:
            return None
        while token.dep_ in _AUXILIARY and token.head is not token:
            token = token.head
        for _ in range(PARSE_CLIMB):
            subjects = [c for c in token.children if c.dep_ in _SUBJECT]
            if subjects:
                subj = subjects[0]
                if subj.lower_ in ("qui", "who") and token.head is not token:
                    subj = token.head
                start = frame.to_original(subj.left_edge.idx)
                # the whole phrase: « M. Poutine » has « M. » as its head in the parse
                end = frame.to_original(max(subj.idx + len(subj.text), _flat_end(subj)))
                if start is None or end is None or end <= start:
                    return None
                return self.resolve_np(start, end, allow_description=False)
            if token.dep_ in ("conj", "xcomp", "advcl") and token.head is not token:
                token = token.head
                continue
            break
        return None

    def opens_on_its_verb(self, subject: tuple[int, int], span: QuoteSpan, sentence: Sentence) -> bool:
        """Whether the quotation's first words are the verb of the phrase right before its marks, as a parse
        of the phrase and what follows it, marks left out, reads them: « le président « demande à ... » »."""
        if self.nlp is None:
            return False
        clause_start = max(self.masked.rfind(mark, 0, subject[0]) for mark in ",;:.!?\n") + 1
        phrase = self.text[clause_start : subject[1]].strip()  # the whole phrase: a name alone parses badly
        words = _QUOTATION_MARKS.sub(" ", self.text[span.start : sentence.end]).split()[:QUOTED_PREDICATE_WORDS]
        doc = self.nlp(f"{phrase} {' '.join(words)}", disable=["ner"])
        quoted = [t for t in doc if t.idx > len(phrase)][:QUOTED_VERB_REACH]
        for token in quoted:
            if any(c.dep_ in _SUBJECT_OF_PREDICATE and c.idx < len(phrase) for c in token.children):
                return True
            if token.dep_ not in _BEFORE_VERB:
                return False
        return False

    def names_someone(self, start: int, end: int, *, pronouns: bool = True) -> bool:
        """Whether a stretch outside the marks names a person or a body the registry does not know:
        a name the model finds, or (unless `pronouns` is false) a pronoun subject (« il », "she"). A stretch
        with no capitalised word but common ones (« La », « Il ») names nobody: the model is not asked."""
        if pronouns and re.search(rf"(?<![\w'-])(?:{_SUBJECT_PRONOUNS})(?![\w'-])", self.masked[start:end]):
            return True
        capitalised = {fold_chars(w) for w in re.findall(r"(?<![\w'’-])[A-ZÀ-Þ][\w'’-]*", self.text[start:end])}
        if not capitalised - STOPWORDS - _COMMON_OPENERS:
            return False
        return any(not self.masked[e.start : e.end].startswith("_") for e in self._entities_in(start, end))

    def _entities_in(self, start: int, end: int) -> Iterator[Entity]:
        """The model's names that start in a stretch, sentence by sentence (each sentence asked once)."""
        for index in range(bisect.bisect_right(self._sentence_starts, start) - 1, len(self.sentences)):
            sentence = self.sentences[max(index, 0)]
            if sentence.start >= end:
                break
            yield from (e for e in self._entities_near(max(sentence.start, start)) if start <= e.start < end)

    def names_anyone(self, start: int, end: int, *, pronouns: bool = True) -> bool:
        """Whether a stretch outside the marks names or describes anyone at all: a registry mention, a name or
        (unless `pronouns` is false) a pronoun, a bare title, a person's noun (« le ministre », "her
        counterpart"), « ce dernier »."""
        return bool(
            self.mentions_in(start, end)
            or self.names_someone(start, end, pronouns=pronouns)
            or self.names_a_title(start, end)
            or _SOMEONE_NOUN.search(self.masked, start, end)
            or _LATTER.search(self.masked, start, end)
        )

    def names_a_medium(self, start: int, end: int) -> bool:
        """Whether a phrase is headed by a medium's noun (« le quotidien », "the newspaper"): who reports."""
        return _MEDIUM_PHRASE.match(self.masked, start, end) is not None

    def names_a_person(self, start: int, end: int) -> bool:
        """Whether a stretch holds a person's name the model finds (not an organisation's, « l'État islamique »)."""
        return any(
            e.label in ("PER", "PERSON") and not _within_any(e.start, self.spans) for e in self._entities_in(start, end)
        )

    def is_someone(self, found: Found, subject: tuple[int, int] | None) -> bool:
        """Whether a resolved subject is someone who can speak: a pronoun, a registry person or body, or a
        phrase naming a person (« La coopération » is not)."""
        if found.pronoun or self.registry.get(found.speaker or ""):
            return True
        return subject is not None and self.names_someone(*subject)

    def names_a_title(self, start: int, end: int) -> bool:
        """Whether a stretch outside the marks names someone by a bare title (« le président », "The PM")."""
        return _ANY_BARE_TITLE.search(self.masked, start, end) is not None

    def names_a_document(self, start: int, end: int, *, own_aside: bool = False) -> bool:
        """Whether a stretch names something that speaks for its author (« une lettre », "the statement");
        with `own_aside`, not the subject's own (« dans son discours », "in his speech")."""
        for document in _ANY_DOCUMENT.finditer(self.masked, start, end):
            lead = self.masked[max(start, document.start() - OWN_DOCUMENT_REACH) : document.start()]
            if not (own_aside and _OWN_BEFORE.search(lead)):
                return True
        return False

    def capitalised_words(self, start: int, end: int) -> bool:
        """Whether a stretch is capitalised words and the small words of a title only: a name's shape."""
        words = [_ELIDED_ARTICLE.sub("", w) for w in re.findall(r"[\w'’.-]+", self.text[start:end])]
        return all(w[:1].isupper() or w.isdigit() or fold_chars(w) in _TITLE_SMALL_WORDS for w in words if w)

    def is_name_label(self, start: int, end: int, sentence_index: int) -> bool:
        """Whether a stretch is a name phrase only (a name, a title, an apposition) and no clause: a speaker's
        label (« Le porte-parole, Jean Dupont : ») and not a sentence (« La presse attendait Meloni : »)."""
        parsed = self.parsed(sentence_index)
        if parsed is None:  # no parser: capitalised words, and the small words of a title
            return self.capitalised_words(start, end)
        frame, doc = parsed

        def inside(token: Token) -> bool:
            return start <= (frame.to_original(token.idx) or -1) < end

        # a clause inside the label; the label's own attachment to what follows (the parser often makes
        # « La réponse de X : « ... » » the quotation's subject) says nothing of the label
        return not any(
            token.dep_.split(":")[0] in _CLAUSE_DEPENDENCIES and inside(token.head) for token in doc if inside(token)
        )

    def root_subject(self, sentence_index: int) -> Found | None:
        """The parse's subject of a sentence's main verb (for verbs with no auxiliary)."""
        parsed = self.parsed(sentence_index)
        if parsed is None:
            return None
        frame, doc = parsed
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        subjects = [c for c in root.children if c.dep_ in _SUBJECT] if root is not None else []
        if not subjects:
            return None
        subject = subjects[0]
        start, end = frame.to_original(subject.left_edge.idx), frame.to_original(subject.idx + len(subject.text))
        if start is None or end is None:
            return None
        return self.resolve_np(start, end, allow_description=False)

    # ---- who spoke last --------------------------------------------------------------------------

    def recent_speaker(self, sentence_index: int, gender: str) -> str:
        """The most recent plausible speaker before a sentence, for a pronoun of `gender`.

        Walks back a few sentences (this paragraph and the previous one). If a sentence
        passed over on the way names another registry person, the pronoun is ambiguous.
        """
        first_paragraph = self.sentences[sentence_index].paragraph - 1
        budget = SALIENCE_SENTENCES
        passed_over: set[str] = set()
        index = sentence_index - 1
        while index >= 0 and budget > 0:
            sentence = self.sentences[index]
            index -= 1
            if sentence.paragraph < first_paragraph:
                break
            if self.is_heading(sentence):
                first_paragraph = min(first_paragraph, sentence.paragraph - 1)  # a subhead is no paragraph of text
                continue
            budget -= 1
            candidate = self._speaker_of_sentence(index + 1, gender)
            if candidate == AMBIGUOUS:
                return UNKNOWN
            if candidate == _OTHER_GENDER:
                # « « ... ? », lui a demandé une journaliste. « ... », a-t-il répondu. »: not her; whoever is
                # named in her sentence, even as a complement, is passed over
                passed_over |= {m.speaker.id for m in self.mentions_in(sentence.start, sentence.end)}
                first_paragraph = min(first_paragraph, sentence.paragraph - 1)  # as for a pronoun going on
                continue
            if candidate == _SAME_PRONOUN:
                # "..., he said." before: the same referent goes on; look one paragraph further back
                first_paragraph = min(first_paragraph, sentence.paragraph - 1)
                budget = max(budget, PRONOUN_CHAIN_SENTENCES)
                continue
            if candidate is not None:
                return UNKNOWN if passed_over - {candidate} else candidate
            if self._opens_on_someone_else(sentence, gender):
                return UNKNOWN  # « Le candidat X s'est, lui, rendu à Izmir. « ... », a-t-il lancé »: maybe X
            if self._only_points_back(sentence, gender):
                # "“...” was his rallying cry, in which he railed ...": about the same referent, naming nobody
                first_paragraph = min(first_paragraph, sentence.paragraph - 1)
            passed_over |= {m.speaker.id for m in self.mentions_in(sentence.start, sentence.end) if not m.complement}
        return UNKNOWN

    def _opens_on_someone_else(self, sentence: Sentence, gender: str) -> bool:
        """Whether a sentence whose subject was not found opens on a person the registry does not know, whom a
        pronoun of `gender` may stand for (the model's name near the start of its main clause, before any verb,
        not after a preposition, and not « le ministre X » for an « elle »)."""
        main = self._main_clause_start(sentence)
        registry_names = self.mentions_in(sentence.start, sentence.end)
        for entity in self._entities_near(main):
            if (
                entity.label not in ("PER", "PERSON")
                or not main <= entity.start <= main + SUBJECT_OPENING_REACH
                or not _a_name(entity)
                or _within_any(entity.start, self.spans)
                or introduced_by_preposition(self.text, entity.start)
                or any(m.start <= entity.start < m.end or entity.start <= m.start < entity.end for m in registry_names)
                or self.first_verb(main, entity.start) is not None
            ):
                continue
            phrase_gender = self._phrase_gender(self.masked[main : entity.end].strip())
            if phrase_gender is None or phrase_gender == gender or gender == ANY_GENDER:
                return True
        return False

    def _only_points_back(self, sentence: Sentence, gender: str) -> bool:
        """Whether a sentence names nobody and speaks of someone only by pronouns of this gender (he, his, il)."""
        words = set(re.findall(r"[\w'-]+", self.masked[sentence.start : sentence.end]))
        own = {w for w, g in _POINTING_BACK.items() if g == gender}
        others = set(_POINTING_BACK) - own
        return (
            bool(words & own)
            and not words & others
            and not self.mentions_in(sentence.start, sentence.end)
            and not self.names_someone(sentence.start, sentence.end, pronouns=False)
        )

    def _speaker_of_sentence(self, sentence_index: int, gender: str) -> str | None:
        """Who a past sentence is about: its last attributed quote, else its subject; None if nobody fits."""
        sentence = self.sentences[sentence_index]
        attributed = [
            self.decided[q].speaker for q in sentence.quotes if q in self.decided and self.decided[q].speaker != UNKNOWN
        ]
        if attributed:
            # "He recalled how Xi told him of a "special connection"": the quotation is Xi's, the sentence is
            # about its subject; a later "he" could be either
            subject = self._subject_of_sentence(sentence_index, gender)
            if subject == _SAME_PRONOUN:  # « Il a jugé « ... » »: whom that pronoun went back to
                subject = self.recent_speaker(sentence_index, gender)
            if subject is not None and subject != attributed[-1]:
                return AMBIGUOUS
            if self._if_gender_fits(attributed[-1], gender) is None:
                return _OTHER_GENDER if subject is None else AMBIGUOUS
            return attributed[-1]
        return self._subject_of_sentence(sentence_index, gender)

    def _subject_of_sentence(self, sentence_index: int, gender: str) -> str | None:
        """Whom a past sentence's main clause is about, for a pronoun of `gender`: a speaker id, _SAME_PRONOUN,
        AMBIGUOUS, or None when nobody fits."""
        sentence = self.sentences[sentence_index]
        # the main clause's subject: a name opening the sentence ("Putin was asked whether Kim had ..."),
        # or named as its source (« Pour X, cela ... »), else the subject of its first speech verb, or of its
        # first verb
        main = self._main_clause_start(sentence)
        found = self._named_at_start(sentence, main) or self._source_at_start(sentence)
        inverted_doubt = False
        if found is None:
            groups = self.verb_groups(main, sentence.end)
            if groups and self.comma_before(groups[0].start()):
                # "Our troops held, a détaillé M. Zelensky": an inverted speech verb names its subject after it;
                # a comma may also close the subject's apposition (« Le Premier ministre grec, X, a souligné
                # la nécessité pour A et B ... »), so doubt after the verb leaves the subject before it to read
                found = self.resolve_after_verb(groups[0].end(), sentence.end, allow_description=False)
                if found.speaker:
                    return self._if_gender_fits(found.speaker, gender, found.gender)
                inverted_doubt = found.ambiguous
            verb_at = groups[0].start() if groups else self.first_verb(main, sentence.end)
            found = (
                self.subject_before(sentence, verb_at)[0] if verb_at is not None else self.root_subject(sentence_index)
            )
            for later in groups[1:]:  # "Stressing that ..., Xi said ...": an opening participle has no subject
                if found is None or not found.empty:
                    break
                found = self.subject_before(sentence, later.start())[0]
            first = self.first_verb(main, sentence.end)
            if groups and (found is None or found.empty) and first is not None and first < groups[0].start():
                # « X a présenté son plan, choisissant d'évoquer ... »: the speech verb hangs on the main verb
                found = self.subject_before(sentence, first)[0]
        if found is not None and found.pronoun is not None and found.pronoun in (gender, ANY_GENDER):
            return _SAME_PRONOUN
        if found is None or found.pronoun or found.empty:
            return AMBIGUOUS if inverted_doubt else None
        if found.ambiguous or found.speaker is None:
            return AMBIGUOUS
        return self._if_gender_fits(found.speaker, gender, found.gender)

    def _bare_name_before(self, subject: tuple[int, int], verb_at: int) -> bool:
        start, end = subject
        words = self.masked[start:end]
        lead = len(words) - len(words.lstrip(_STRIP))
        named = self.mentions_in(start + lead, end)
        return (
            len(named) == 1
            and named[0].start == start + lead
            and not named[0].complement
            and not self.masked[named[0].end : verb_at].strip()
        )

    def _main_clause_start(self, sentence: Sentence) -> int:
        """Where a sentence's main clause starts: after a wire dateline, and after a subordinate clause opening
        it and its comma (« Alors que la trêve peine à tenir, le président X s'est adressé ... », "BUENOS AIRES:
        With his wild hair, X has ...")."""
        dateline = _WIRE_DATELINE.match(self.text, sentence.start, sentence.end)
        start = dateline.end() if dateline else sentence.start
        if not _SUBORDINATE_OPENING.match(self.masked, start):
            return start
        comma = self.masked.find(",", start, sentence.end)
        return start if comma == -1 else comma + 1

    def _named_at_start(self, sentence: Sentence, start: int | None = None) -> Found | None:
        """A registry person opening the sentence (or its main clause from `start`) is its subject, whatever
        the verb ("Xi spoke for an hour.")."""
        start = sentence.start if start is None else start
        opening = [m for m in self.mentions_in(start, sentence.end) if m.start <= start + SUBJECT_OPENING_REACH]
        if (
            opening
            and not opening[0].complement
            and not opening[0].possessor
            and not self._joined_to_another(opening[0])  # « Poutine et Kim ont ... »
        ):
            lead = self.masked[start : opening[0].start]
            if (
                not re.search(r"\w", lead)
                or _CONJUNCTION_ONLY.fullmatch(lead)  # « Mais Netanyahou persiste »
                or _TITLE_BEFORE_NAME.fullmatch(lead)  # "Chancellor Angela Merkel took", « la chancelière X »
                or _CLEFT.fullmatch(lead)  # « C'est serein que X vit ses derniers jours »
            ):
                return Found(speaker=opening[0].speaker.id)
        return None

    def opening_person(self, sentence: Sentence) -> str | None:
        """The registry person opening a sentence's main clause as its subject, or None."""
        named = self._named_at_start(sentence, self._main_clause_start(sentence))
        return named.speaker if named is not None else None

    def _source_at_start(self, sentence: Sentence) -> Found | None:
        """A registry person named as the sentence's source at its head: « Pour le président X, ... »."""
        head = SENTENCE_HEAD_SOURCE.match(self.masked, sentence.start)
        comma = self.masked.find(",", sentence.start, sentence.end) if head else -1
        if head is None or comma == -1:
            return None
        named = {m.speaker.id for m in self.mentions_in(head.end(), comma)}
        return Found(speaker=named.pop()) if len(named) == 1 else None

    def _phrase_gender(self, folded: str) -> str | None:
        """The gender a French noun phrase's determiner gives (« la ministre », « un porte-parole »), or None;
        "plural" for a plural one (« les deux hommes »)."""
        if _PLURAL_DESCRIPTION.match(folded):
            return PLURAL
        marked = _FRENCH_GENDER_DETERMINER.match(folded) if self.language == "fr" else None
        return next((g for g, words in _DETERMINERS_OF.items() if marked and marked.group(1) in words), None)

    def _joined_to_another(self, mention: Mention) -> bool:
        """Whether a name is joined to another: « X et Y », « X, Y et Z » (a comma before an apposition,
        « M. Erdogan, interrompu par ... », « Kim, le dirigeant nord-coréen, ... », is not)."""
        joined = _JOINED_AFTER.match(self.masked, mention.end)
        if joined is None:
            return False
        if joined.group().strip() != ",":
            return True
        following = [m for m in self.mentions if joined.end() <= m.start <= joined.end() + NEXT_NAME_REACH]
        return any(m.speaker.id != mention.speaker.id for m in following)

    def _if_gender_fits(self, speaker_id: str, gender: str, phrase_gender: str | None = None) -> str | None:
        """The speaker if a singular pronoun of this gender can stand for them: a registry person's gender,
        else the gender the phrase naming them gives (« les deux hommes » is no « il », « la ministre » no « il »)."""
        if gender == ANY_GENDER:
            return speaker_id
        speaker = self.registry.get(speaker_id)
        if phrase_gender is None and speaker_id.startswith("other:"):  # « other:une journaliste »
            phrase_gender = self._phrase_gender(fold_chars(speaker_id.removeprefix("other:")))
        known = speaker.gender if speaker is not None else phrase_gender
        return None if known and known != gender else speaker_id

    def opening_speaker(self, quote: Quote, gender: str) -> str | None:
        """Whom a pronoun cue after the quotation names first, in its own sentence: the registry person opening
        it with a speech verb before the quotation (« X répond « ... », confie-t-il »), else the speaker of the
        sentence's last attributed quotation before it ("“...”, said X, noting that “...”, he underscored")."""
        named = self._named_at_start(quote.sentence)
        if named is not None and named.speaker is not None and self.verbs_before(quote):
            return self._if_gender_fits(named.speaker, gender)
        earlier = self.speaker_quoted_before(quote)
        return self._if_gender_fits(earlier, gender) if earlier else None

    def speaker_quoted_before(self, quote: Quote) -> str | None:
        """The speaker of the last attributed quotation before this one in its sentence, or None."""
        earlier = [self.decided[p].speaker for p in quote.sentence.quotes if p < quote.index and p in self.decided]
        known = [s for s in earlier if s != UNKNOWN]
        return known[-1] if known else None

    def sentence_subject_for(self, sentence: Sentence, subject: tuple[int, int] | None, gender: str) -> str | None:
        """A pronoun subject of a clause hanging on its sentence's main clause names that clause's subject, a
        registry person opening the sentence: « X a présenté ses condoléances ..., qu'il a qualifiées de
        « ... » », « X a reçu Y, dont il a salué « ... » », « X ajoute que ... et il parle de « ... » ». After a
        coordination, a sentence that names someone else first leaves the pronoun in doubt (« Y a écrit à X
        et il a salué »: either), never to an earlier sentence's speaker."""
        if subject is None:
            return None
        coordinated = _COORDINATION_BEFORE.search(self.masked, sentence.start, subject[0]) is not None
        speech = self.verb_groups(sentence.start, subject[0])
        reported = bool(speech) and _COMPLETIVE_TO_PRONOUN.fullmatch(self.masked, speech[-1].end(), subject[0])
        clause = _CLAUSE_BEFORE_PRONOUN.search(self.masked, sentence.start, subject[0])
        reach = max(sentence.start, subject[0] - FREE_RELATIVE_REACH)
        free = _FREE_RELATIVE_PRONOUN.search(self.masked, reach, subject[1])
        if free is not None:
            return self._free_relative_speaker(sentence, free.start(), gender)
        if not coordinated and not reported and not clause:
            return None
        if reported and _RELATIVE_SUBJECT.search(self.masked, sentence.start, speech[-1].start()):
            return UNKNOWN  # « X a appelé le chancelier, qui a indiqué qu'il »: the relative's antecedent reports
        named = self._named_at_start(sentence, self._main_clause_start(sentence))
        if named is None or named.speaker is None:
            before = (sentence.start, subject[0])
            if reported and self.names_someone(*before, pronouns=False):
                return UNKNOWN  # « De son côté, Olaf Sholz a indiqué qu'il souhaitait « ... » »: whom he reports
            someone = bool(self.mentions_in(*before)) or self.names_someone(*before)
            return UNKNOWN if coordinated and someone else None
        return self._if_gender_fits(named.speaker, gender) or (UNKNOWN if coordinated else None)

    def _free_relative_speaker(self, sentence: Sentence, relative_at: int, gender: str) -> str:
        """The pronoun of "what she called “...”", « ce qu'il a qualifié de « ... » »: the registry person opening
        the sentence, when only their verb stands between (a few words, no determiner, relative or comma: "X
        met a veteran who denounced what he called", « X a été interpellé par un étudiant, qui »: theirs, or
        either). A pronoun opening the sentence is left in doubt ("Putin met Kim. He praised what he called")."""
        opening = self._named_at_start(sentence)
        if opening is None or opening.speaker is None:
            return UNKNOWN
        subject_end = self.mentions_in(sentence.start, relative_at)[0].end
        gap = self.masked[subject_end:relative_at]
        if (
            word_count(gap) > FREE_RELATIVE_GAP_WORDS
            or _NOT_A_BARE_VERB_GAP.search(gap)
            or self.names_anyone(subject_end, relative_at)
        ):
            return UNKNOWN
        return self._if_gender_fits(opening.speaker, gender) or UNKNOWN

    def settle(self, found: Found, sentence_index: int) -> str:
        """A speaker id for a resolved phrase: a pronoun is followed back, doubt is unknown."""
        if found.ambiguous or found.empty:
            return UNKNOWN
        if found.pronoun:
            return self.recent_speaker(sentence_index, found.pronoun)
        assert found.speaker is not None
        return found.speaker

    def relay(self, speaker: str, sentence: Sentence, after: int) -> str:
        """An agency relaying a principal's words passes them on to that principal."""
        source = self.registry.get(speaker)
        if source is None or source.kind != "agency":
            return speaker
        relayed = set()
        for mention in self.mentions_in(after, sentence.end):
            if not mention.speaker.principal:
                continue
            before = fold_chars(self.text[max(sentence.start, mention.start - RELAY_LOOKBACK) : mention.start])
            marker = RELAY_MARKER.search(before)
            if not marker:
                continue
            tail = self.masked[mention.end : sentence.end]
            if marker.group().strip() in ("que", "qu'") and not re.match(r"^\s*(?:[.,;]|$)", tail):
                continue  # "KCNA a déclaré que Kim a visité ...": the agency's own narration
            relayed.add(mention.speaker.id)
        if not relayed:  # "KCNA said, quoting him as saying ...": whom the pronoun goes back to
            for marker in RELAY_TO_PRONOUN.finditer(self.masked, after, sentence.end):
                word = marker.group("en") or marker.group("fr") or marker.group("fr2")
                gender = RELAY_PRONOUN_GENDER[word]
                named = {m.speaker.id for m in self.mentions_in(sentence.start, marker.start()) if m.speaker.principal}
                if len(named) == 1:  # "The leader inspected a factory, KCNA said, quoting him": the leader
                    referent = self._if_gender_fits(named.pop(), gender) or UNKNOWN
                else:
                    referent = self.recent_speaker(self.sentences.index(sentence), gender) if not named else UNKNOWN
                person = self.registry.get(referent)
                if person is not None and person.principal:
                    relayed.add(person.id)
        return relayed.pop() if len(relayed) == 1 else speaker

    def checked(self, linear: Found, sentence_index: int, verb_at: int, subject: tuple[int, int] | None = None) -> str:
        """The linear reading, unless the parse names a different, named speaker.

        No parse is needed when the subject is a name and nothing else, right before its verb
        (« Kim Jong-un a déclaré »): there is nothing for the two readings to disagree on.
        """
        speaker = self.settle(linear, sentence_index)
        principal = self.registry.get(speaker)
        if principal is None or not principal.principal:
            return speaker  # the check only ever takes an attribution to a principal away
        if subject is not None and self._bare_name_before(subject, verb_at):
            return speaker
        parsed = self.parse_subject(sentence_index, verb_at)
        if parsed is None or parsed.empty or parsed.pronoun:
            return speaker
        if parsed.ambiguous or parsed.speaker != speaker:
            return UNKNOWN
        return speaker
