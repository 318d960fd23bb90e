"""The attribution rules, one function each, in the order `QUOTE_RULES` and `ARTICLE_RULES` declare.

A quote rule looks at one quotation and returns a `Verdict` (a speaker, possibly `unknown`
when the rule sees a cue but cannot say who: that ends the search), or None to let the next
rule look. Article rules run once every quotation has been looked at, and may fill in the
quotations still unknown.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.core.article import Paragraph
from bot.core.attribution.context import (
    ANY_GENDER,
    INVERTED_CUE_REACH,
    ArticleContext,
    Attribution,
    Found,
    Quote,
    pronoun,
)
from bot.core.cues import (
    INVERTED_PRONOUN_CUE,
    SENTENCE_HEAD_SOURCE,
    SOURCE_PREPOSITION,
    SOURCE_PRONOUNS,
    inverted_pronoun,
    reflexive_only,
)
from bot.core.registry import NARRATIVE_INFINITIVES, UNKNOWN
from bot.core.sentences import Sentence
from bot.core.text import fold_chars, normalise, word_count

# Verbs by which the press reports what someone said: after a quotation a speech verb opens, they name the
# reporter, not the speaker (« « ... », rapportent les médias locaux »).
_REPORTING_VERB = re.compile(r"(?:rapport|relat|relai|relay|report|cit)")
_COMPLETIVE_IN = re.compile(r"\b(?:que|qu'|that)\b")
# After the cue of an earlier quotation, its clause going on into this one: "X said Friday while “...”",
# « a dit X mardi, tandis que « ... » » (the verb reports both).
_CLAUSE_GOES_ON = re.compile(r"\s*(?:[\w'-]+\s+)?(?:while|as|that|que|qu'|tandis\s+que|alors\s+que)\s*")
# Words at most between a speech verb and the quotation it opens: « a appelé à « ... » », « a dit que « ... » »;
# and when a completive stands between: « a assuré aux familles des victimes qu'elles « ... » ».
VERB_OPENS_QUOTE_WORDS = 2
COMPLETIVE_OPENS_QUOTE_WORDS = 8
# A name before the verb of a cue after the quote: « ... », Poutine a déclaré (at most this many words).
CUE_AFTER_SUBJECT_WORDS = 6
# An incise inside the marks, between 2 and 60 characters: « ..., a-t-il dit, ... », or ending a
# sentence that the quotation goes on after: « Nous irons, a déclaré la présidente. Et nous gagnerons. »
# (the comma closing it is looked at, not taken: it may open the next one, « liberté, sécurité, a dit X, »)
_INCISE = re.compile(r",\s*(?P<cue>[^,.!?]{2,60}?)\s*(?=,|[.!?]\s+\S)")
# Words at most after an inverted pronoun cue inside the marks, its circumstance or whom it is told to.
INCISE_TAIL_WORDS = 4
_FRENCH_PAST_PARTICIPLE = re.compile(r"\w(?:é|ée|és|ées)$")
# What may follow a cue ending its sentence: "he said on Thursday.", "a-t-il ajouté mardi."
_SENTENCE_TAIL = re.compile(r"(?:\s+\w+){0,3}?\s*[.!?…]*\s*[\"»”]*\s*")
# What may follow a cue that ends its clause: the sentence's end, a comma, a place or time ("said in his speech").
_CUE_ENDS_ITS_CLAUSE = re.compile(
    r"(?:\s+(?:in|at|during|on|after|before)(?:\s+[\w'-]+){1,4})?\s*(?:[.!?]|,\s*(?:adding|noting|saying|stressing)\b|$)"
)
# « s'est vu demander », « se voit reprocher »: the subject is the one spoken to.
_SEEN_TO = re.compile(r"(?:s'est|se\s+sont|s'etait|se\s+voit|se\s+voient)\s+vu(?:e|s|es)?\s+$|se\s+voi(?:t|ent)\s+$")
# Characters before a speech verb searched for « s'est vu ».
SEEN_TO_REACH = 20
# An inverted cue asking someone (« lui a-t-il demandé »), and a sentence before where someone was asked or
# questioned (« X a été interrogé par un journaliste »): the pronoun may be the one asking.
_ASKED_SOMEONE = re.compile(
    r"(?:lui|leur|m'|nous|vous)\s*a-t-(?:il|elle)\s+(?:\w+\s+)?(?:demande|interroge|questionne|lance)"
)
_SPOKEN_TO_BEFORE = re.compile(
    r"(?<![\w'])(?:ete|s'est\s+vue?)\s+(?:\w+ment\s+)?(?:interroge|questionne|interpelle)e?s?\s+par\b"
)
# Someone else cited after a cue: the words may be theirs (an agency citing a principal relays instead).
_CITING = re.compile(r"(?<![\w'])(?:citant|quoting|citing)(?![\w'])")  # « cité par l'agence » is him, relayed
# The agent of a passive participle: « avancé par X ».
_FR_AGENT_AFTER = re.compile(r"\s+par\s")
# Nothing but spaces and a dash before a statement opening its sentence.
_STATEMENT_THEN_SUBJECT = re.compile(r"[\s-]*")
# A gerund or participle clause after a cue goes on with its speaker: « ..., a-t-il écrit, en indiquant que ... ».
_GERUND_TAIL = re.compile(r"(?:\s+\w+){0,3}?\s*,\s*(?:en\s+)?(?!citant\b)\w+ant\b")
# A dateline opening a wire story: "Rome, 29 mars (LaPresse) – ".
_DATELINE = re.compile(r"[^.\"_]{2,60}?\s[-–—]\s*")
# A sentence opening that points back at the quotation before it.
_POINTS_BACK = re.compile(
    r"(?:c'est|ce\s+sont|voila|telle\s+est|tels\s+sont)\s+(?:ce|les\s+(?:mots|propos)|(?:en|par|avec)\s+ces\s+"
    r"(?:termes|mots))\s+(?:qu'|que\s+)"
    r"|(?:that|this)\s+(?:is|was)\s+what\s+"
)
_COORDINATION = re.compile(r"\b(?:mais|et|puis|but|and|then|yet)\b")
# A verb followed by its completive clause reports that clause too: « a assuré que ... « ... » ».
_COMPLETIVE_AFTER = re.compile(r"\s+(?:que|qu'|that)\b")
# A completive opening right before a phrase: « que », « qu' », "that".
_COMPLETIVE_BEFORE = re.compile(r"(?:\bque|\bqu'|\bthat)\s*$")
# A completive whose subject is the speaker's own side: « que son gouvernement », "that his party".
_OWN_SIDE_COMPLETIVE = re.compile(
    r"\s+(?:que|qu'|that)\s+(?:son|sa|ses|leur|leurs|his|her|its|their)\s+[\w'-]+(?:\s+[\w'-]+)?\s*"
)
# A sentence opening on a coordination and its verb, the subject left out: « Et concédé ... », "And added ...".
_ELIDED_SUBJECT = re.compile(r"\s*(?:et|mais|puis|and|but|then)\s+(?:\w+ment\s+|\w+ly\s+)?")
# A clause coordinated after a comma, and the words after the coordination that do not open a new subject.
_COORDINATED_CLAUSE = re.compile(
    r",\s*(?:but|and|yet|while|whereas|mais|et|alors\s+que|tandis\s+que)\s+(?P<word>[\w'-]+)"
)
_GOES_ON_WORDS = frozenset("also then still even aussi puis encore meme ensuite".split())
# After a cue and its comma, a coordination and a subordinate clause before the next quotation of the speaker.
_SUBORDINATE_AFTER_CUE = re.compile(
    r"(?:when|if|once|after|before|as\s+soon\s+as|quand|si|lorsqu|une\s+fois|des\s+que|apres|avant)\b"
)
# A heading's words that give what follows a speaker of its own: a source, a reply, a person's noun.
_HEADING_SPEAKER = re.compile(
    r"(?<![\w'])(?:pour|selon|d'apres|for|according|reponse|reponses|replique|reaction|reactions|response|reply"
    r"|ministre|minister|porte-parole|spokesman|spokeswoman|spokesperson|opposant|opposition|rival|journaliste"
    r"|journalist|question|questions)(?![\w'])"
)
# Nouns of someone's words that a page announces before listing them: « les principales déclarations du chef de
# l'État », "key quotes from X's speech".
_WORDS_NOUNS = r"(?:declarations|propos|paroles|citations|phrases|extraits|quotes|remarks|statements|words|comments)"
_WORDS_OF = re.compile(
    rf"\b{_WORDS_NOUNS}\s+(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+|d'|of\s+the\s+|of\s+|by\s+the\s+|by\s+"
    r"|from\s+the\s+|from\s+)"
)
# What may stand before words announced as someone's: a presentative and a determiner or two adjectives
# (« Suivez en direct les principales », "Here are the key"), never a noun of others' words (« Les réactions à »).
_ANNOUNCING_LEAD = re.compile(
    r"\W*(?:(?:suivez|retrouvez|voici|voila|lisez|decouvrez|revivez|here\s+are|these\s+are|read|follow)"
    r"(?:\s+en\s+direct|\s+live)?\s+)?(?:(?:les|des|ses|the|his|her|key|main|principales|principaux|dernieres|premieres"
    r"|grandes|fortes|[a-z]+ing)\s+){0,3}"
)
_WORDS_AFTER_POSSESSOR = re.compile(rf"(?:'s|')?\s+(?:[\w-]+\s+){{0,2}}{_WORDS_NOUNS}\b")
# The speaker's own side as the subject of a verb: « son gouvernement a ... », "what her party has long been".
_OWN_SIDE_BEFORE = re.compile(
    r"(?<![\w'])(?:son|sa|ses|leur|leurs|his|her|its|their)\s+(?:gouvernement|parti|equipe|camp|cabinet|entourage"
    r"|administration|government|party|team|office|ministers?|ministres)(?:\s+[\w'-]+){0,3}\s*$"
)
_RELATIVE_OPENER = re.compile(r"(?:qui|que|qu'|dont|ou|lequel|laquelle|which|who|whom|whose|that|where|when)\b")
# A speaker's label before a colon (« Poutine : « ... » »), or the subject after a headline's quotation
# and its colon (« « ... » : Poutine menace »): at most this many words.
LABEL_MAX_WORDS = 8
_COLON_THEN_QUOTE = re.compile(r"\s*:\s*$")
_COLON_AFTER_QUOTE = re.compile(r"\s*:\s*")
# The next line, when it is only a name after a dash at most: « — Xi Jinping », "Jane Doe".
_CREDIT_LINE = re.compile(r"[ \t]*\n\s*(?:[-–—]\s*)?(?P<name>[^\W\d_][\w'’ .-]*?)[ \t.]*(?:\n|$)")
# A quotation of at most this many words is a term or a word, not a statement: a scare quote when nobody
# is said to say it, and never what a headline's colon reports.
SCARE_QUOTE_WORDS = 3
# Words at most between an attributed quotation and the next one in the completive it opens (« que 2022 »).
COMPLETIVE_SUBJECT_WORDS = 5
# A heading's quotation of at least this many words takes the speaker of a quotation its words are part of.
HEADING_FRAGMENT_WORDS = 2
# A statement in a sentence with no cue goes on with the speaker quoted at most this many sentences before.
CONTINUED_REPORT_SENTENCES = 2
# Paragraphs a quotation standing alone looks back over, through a list's lines that name nobody, for whom they
# report or announce as speaking.
LIST_REACH_PARAGRAPHS = 3
# A relative clause standing between a speech verb and the quotation: « , qui l'avait appelé ».
# A relative that asks or speaks (« qui veut savoir si », "who asked whether"): its words are the relative's.
_RELATIVE_ASKS_OR_SPEAKS = re.compile(
    r"(?<![\w'])(?:savoir|demande\w*|interroge\w*|ask\w*|know|wonder\w*|question\w*|dit|dis|declar\w*|said|says)(?![\w'])"
)
_RELATIVE_CLAUSE_BETWEEN = re.compile(r"(?<![\w'])(?:qui|dont|lequel|laquelle|lesquels|who|whom|which)\s")
# A cue followed by a colon and a quotation introduces that quotation, not the one before it.
_INTRODUCES_NEXT_QUOTE = re.compile(r"[^.!?_]{0,40}?:\s*[^\w\s]{0,2}\s*_")
# Between two parts of one quotation: its cue, alone between commas (« A », a-t-il dit mardi, « B »).
_ONE_INCISE = re.compile(r"\s*,?[^,;:.!?_]+,\s*")
# What may open a sentence before its opening participle: « Après avoir salué », « En saluant », "After hailing".
_OPENING_PARTICIPLE = re.compile(r"\s*(?:(?:apres(?:\s+avoir)?|en|tout\s+en|after|while|before|by)\s+)?")
# What may stand between a speech verb and the quotation opening the clause it reports: "claimed that ".
_REPORTED_CLAUSE_OPENS = re.compile(
    r"\s*(?:that|que|qu'|:)?\s*(?:(?:a|an|the|this|un|une|le|la|les|l'|des|du|ce|cette|ces)\s*)?"
)
# A colon closing a clause announces what its subject says (« X n'a rien cédé : « ... » »); at most this many
# words, none a verb, between the colon and the marks: « X s'est montré optimiste : une « étape ... » ».
COLON_LEAD_WORDS = 3
# In the clause before such a colon, what makes its subject someone spoken to, not the speaker: a passive
# or an agent (« X a été interpellé par une étudiante : »), a question put to them.
_SPOKEN_TO = re.compile(
    r"(?<![\w'])(?:par|by|was|were|been|being|interroge\w*|questionne\w*|asked|questioned|told"
    r"|s'est\s+vue?|s'etait\s+vue?)(?![\w'])"
)
# A French passive, on the text with its accents: « a été interpellé », « a été vivement critiquée » (« a été très
# clair » is the subject's own manner, no passive).
_FRENCH_PASSIVE = re.compile(
    r"(?<![\w'])été\s+(?:(?:\w+ment|très|si|trop|assez|plus)\s+){0,2}"
    r"\w+(?:é|ée|és|ées|i|ie|is|ies|u|ue|us|ues|it|ite|its|ites|ert|erte|int|inte)"
    r"(?![\w'])",
    re.IGNORECASE,
)
# A quoted phrase of at most this many words followed by a verb is a term the writer uses.
TERM_MAX_WORDS = 4
# Characters before a quotation searched for a naming construction.
NAMING_REACH = 40
_NAMED_AS = {
    "en": re.compile(
        r"(?:\b(?:addressed|known|referred\s+to|described|regarded|seen|hailed)\s+as"
        r"|\b(?:being|been|be|is|was|were|are|get|got)\s+(?:called|dubbed|nicknamed|named|styled|titled|labell?ed))"
        r"\s*$"
    ),
    "fr": re.compile(r"(?:\b(?:surnomm|baptis)\w*|\bconnu\w*\s+sous\s+le\s+nom\s+d)\s*(?:de\s+|d'|comme\s+)?$"),
}
# The title of a work or an event, right after the noun that names its kind: « l'exposition « Trésors de
# l'islam » », « son livre « Le Temps des tempêtes » », "the documentary "The Last Days"". Nobody's speech.
_WORK_NOUN_BEFORE = re.compile(
    r"\b(?:exposition|livre|ouvrage|roman|essai|recueil|memoires|film|documentaire|emission|serie|chanson|album"
    r"|spectacle|piece|festival|slogan|hashtag|mot-diese|magazine|journal|podcast|exhibition|book|novel|memoir"
    r"|movie|documentary|show|series|song|play|newspaper)"
    r"(?:\s+(?:intitulee?s?|titree?s?|entitled|titled|called))?\s*$"
)
# At most this many words in such a title.
WORK_TITLE_MAX_WORDS = 12
# Between a medium that only reports a speech verb's words (« aurait dit X selon le journal », not « a promis la
# paix, mais selon le quotidien ») and the quotation: a comma, a colon or « que ».
_INTRODUCES_THE_QUOTE = re.compile(r"[\s,:]*(?:que|qu'|that)?[\s,:]*[\"«“„‹]?\s*")
# The noun of what a name names, a few words before it: « la télévision d'État « Rossiya 1 » », « le groupe
# « Wagner » », "state broadcaster "Rossiya 1"", « le quotidien régional « Ouest-Est » ».
_KIND_BEFORE_NAME = re.compile(
    r"(?<![\w'])(?:quotidien|journal|hebdomadaire|magazine|chaine|radio|television|site|agence|groupe|parti"
    r"|mouvement|organisation|operation|programme|projet|sommet|forum|palais|hotel|newspaper|daily|weekly|channel"
    r"|broadcaster|network|agency|group|party|movement|organization|operation|program|project|summit|palace)"
    r"(?:\s+[\w'-]+){0,2}\s*[\"«“„‹]?\s*$"
)
# « Et X d'ajouter : », « Et le président de conclure, » before the quotation (folded text): X at most this many words.
NARRATIVE_SUBJECT_WORDS = 8
_NARRATIVE_INFINITIVE = re.compile(
    rf"\s*et\s+(?P<subject>(?:[\w'.-]+\s+){{1,{NARRATIVE_SUBJECT_WORDS}}}?)(?P<verb>(?:d'|de\s+){NARRATIVE_INFINITIVES})"
    r"\s*[:,]?\s*[\"«“„‹]?\s*"
)
# What the subject of a narrative infinitive cannot hold: a verb of its own and whom it hands the words to (« Et
# Poutine de laisser à Lavrov le soin d'expliquer »).
_NOT_A_NARRATIVE_SUBJECT = re.compile(r"(?:\bd'|\bde\s+)[a-z]+(?:er|ir|re)\b|(?<![\w'])(?:a|au|aux|pour|par)(?![\w'])")
# An adverbial clause opening between a speech verb and the quotation, with a subject of its own: « après que
# ce dernier avait rejeté les « ... » », "after the minister had dismissed the “...”".
_ADVERBIAL_CLAUSE = re.compile(
    r"(?<![\w'])(?:(?:apres|avant|parce|alors|tandis|bien|pendant)\s+(?:que\b|qu')|puisque\b|puisqu'|lorsque\b"
    r"|lorsqu'|quand\b|since\b|after\b|because\b|while\b|when\b|although\b|whereas\b|before\b)"
)
# An infinitive after « de » or « d' » (or « d'avoir » and its participle) as the speech verb.
_INFINITIVE_HANDED_OVER = re.compile(r"(?<![\w'])(?:de\s+|d')(?:avoir\s+)?$")
# « avant de », « afin de », « sans », « après avoir »: the infinitive is the main clause's subject's own.
_SAME_SUBJECT_INFINITIVE = re.compile(r"(?<![\w'])(?:avant|afin|sans|apres)\s+(?:de\s+|d')?(?:avoir\s+)?$")
# Main verbs that refuse, avoid or forbid the words of their infinitive, or hand them to someone else (« a chargé
# Y d'annoncer », « a accusé Y d'affirmer », « a félicité Y d'avoir dit », « a cédé à Y le soin de conclure »).
_REFUSES = re.compile(
    r"(?<![\w'])(?:refus|evit|interdi|empech|renonc|omis|omet|oubli|accus|ced|laiss|charg|permi|permet|felicit"
    r"|remerci|reproch|demand|conseill|autoris|ordonn|exhort|invit|incit|encourag|pouss|somm)\w*"
)
# Between « C'est ce que » and its verb, what makes the words not plainly the subject's: a negation, a passive, a
# verb of its own that refuses, denies, blames or asks (« a refusé de dire », « a démenti avoir déclaré »,
# « aurait dû répondre », « s'est entendu répondre », « a reproché à Y d'avoir dit », « a demandé à Y de »).
_NOT_PLAINLY_SAID = re.compile(
    r"(?<![\w'])(?:ne|n'|jamais|pas|never|not|ete|was|were|been|being|refus\w*|dementi\w*|nie|niait|reproch\w*"
    r"|demand\w*|conseill\w*|entendu|aurait|auraient|devait|should|would|could)(?![\w'])"
)
_AGENT_AFTER = re.compile(r"\s+(?:par|by)\s")
# A preposition right before the opening mark, or with its article (« avec le « Green Deal » », "in the "Post"";
# the text as written: « à » is not « a »).
_PREPOSITION_BEFORE_NAME = re.compile(
    r"(?<![\w'’])(?:à|au|aux|du|des|de|d['’]|sur|dans|pour|avec|par|chez|to|on|of|for|with|by|at|from|in|into)"
    r"(?:\s+(?:le|la|les|l['’]|the))?\s*[«“\"„‹]?\s*$",
    re.IGNORECASE,
)
_VERB_AFTER_TERM = {
    "fr": re.compile(r"\s+(?:a|ont|est|sont|était|étaient|reste|restent|demeure|devient|serait|sera)\s"),
    "en": re.compile(r"\s+(?:has|have|had|is|are|was|were|will|would|remains|can|could)\s"),
}


@dataclass(frozen=True)
class Verdict:
    """What a rule decided: a speaker (or unknown), the cue's words, an incise to cut, a kind if fixed."""

    speaker: str
    cue: str | None
    cut: tuple[int, int] | None = None
    kind: str | None = None


_NO_CUE = Attribution(UNKNOWN, "scare", None)

QuoteRule = Callable[[ArticleContext, Quote], "Verdict | None"]
ArticleRule = Callable[[ArticleContext], None]


def named_as_a_term(ctx: ArticleContext, quote: Quote) -> Verdict | None:
    """A name or title someone is given is a term, not their speech: "being addressed as "prime minister,"",
    « surnommé « le Sultan » », "known as "the Iron Lady"" (never the active "she called him a "...")."""
    span, sentence = quote.span, quote.sentence
    if word_count(span.text(ctx.text)) > TERM_MAX_WORDS:
        return None
    before = ctx.masked[max(sentence.start, span.open_at - NAMING_REACH) : span.open_at]
    return Verdict(UNKNOWN, None, kind="scare") if _NAMED_AS[ctx.language].search(before) else None


def title_of_a_work(ctx: ArticleContext, quote: Quote) -> Verdict | None:
    """The title of a book, a film, an exhibition, a show after the noun of its kind is a term, not speech:
    « lors d'une visite de l'exposition « ... » », "his memoir "..." came out" (whoever speaks around it)."""
    span, sentence = quote.span, quote.sentence
    if word_count(span.text(ctx.text)) > WORK_TITLE_MAX_WORDS:
        return None
    before = ctx.masked[max(sentence.start, span.open_at - NAMING_REACH) : span.open_at]
    return Verdict(UNKNOWN, None, kind="scare") if _WORK_NOUN_BEFORE.search(before) else None


def name_after_preposition(ctx: ArticleContext, quote: Quote) -> Verdict | None:
    """A proper name in marks right after a preposition, or after the noun of its kind, is what the sentence
    names (a channel, a paper, a group), not speech: « dans un entretien à « Radio Nova » », « Jeanne Roy, du
    « Courrier de l'Ouest » », "she told "Morning Edition"", « le groupe « Wagner » ». A name has no sentence's
    punctuation and is capitalised words only."""
    span = quote.span
    words = span.text(ctx.text)
    if len(words.split()) > TERM_MAX_WORDS or not words[:1].isupper() or re.search(r"[.!?,;:]", words):
        return None
    reach = max(quote.sentence.start, span.open_at - NAMING_REACH)
    if not (
        _PREPOSITION_BEFORE_NAME.search(ctx.text, reach, span.open_at)
        or _KIND_BEFORE_NAME.search(ctx.masked, reach, span.open_at)
    ):
        return None
    inner_start, inner_end = span.pieces[0]
    return Verdict(UNKNOWN, None, kind="scare") if ctx.capitalised_words(inner_start, inner_end) else None


def cue_after_quote(ctx: ArticleContext, quote: Quote) -> Verdict | None:
    """A cue right after the closing mark: « ... », a déclaré X / a-t-il dit / selon X / X said."""
    span, sentence = quote.span, quote.sentence
    start = span.close_at + 1
    tail = ctx.masked[start : sentence.end]
    lead = re.match(r"^[\s,;]*(?:-\s*)?", tail)
    assert lead is not None
    at = start + lead.end()
    found: Found | None = None
    cue, cue_end = "", at
    inverted = INVERTED_PRONOUN_CUE.match(ctx.masked, at)
    verb = ctx.speech_verb_at(at)
    source = SOURCE_PREPOSITION.match(ctx.masked, at)
    with_comma = lead.group().strip().startswith(",") or span.text(ctx.text).rstrip().endswith(",")
    if inverted and _ASKED_SOMEONE.match(ctx.masked, at) and _SPOKEN_TO_BEFORE.search(
        ctx.masked, ctx.sentences[max(0, quote.sentence_index - 1)].start, span.open_at
    ):
        # « X a été interrogé par un journaliste. « ... ? », lui a-t-il demandé »: the one asking is the other
        return Verdict(UNKNOWN, ctx.text[at : inverted.end()].strip())
    if inverted:
        found = pronoun(inverted_pronoun(inverted))
        opening = ctx.opening_speaker(quote, found.pronoun) if found.pronoun else None
        found = Found(speaker=opening) if opening else found
        cue, cue_end = ctx.text[at : inverted.end()], inverted.end()
    elif verb and _qualifies_the_quoted_words(ctx, quote, lead.group(), verb):
        return None
    elif verb:
        found = ctx.passive_agent(verb, sentence.end)
        if found is None:
            found = ctx.resolve_after_verb(verb.end(), sentence.end)
        reporter = _REPORTING_VERB.match(verb.group("verb")) and not _names_a_principal(ctx, found)
        if reporter and _spoken_right_before(ctx, quote):  # « il a assuré qu'elles « ... », rapportent les médias »
            return None
        cue, cue_end = ctx.text[at : verb.end()], verb.end()
    elif source and _spoken_right_before(ctx, quote):
        return None  # « Le dirigeant a appelé à « ... », selon l'agence »: the agency reports the verb's subject
    elif source:
        found = ctx.resolve_np(source.end(), ctx.clause_end(source.end(), sentence.end))
        cue, cue_end = ctx.text[at : source.end()], source.end()
    elif with_comma or (
        _STATEMENT_THEN_SUBJECT.fullmatch(ctx.masked, sentence.start, span.open_at) is not None
        and ctx.language == "en"
        and span.text(ctx.text)[:1].isupper()
    ):
        # English copy may drop the comma after a statement opening its sentence: "“...” PM Modi said.", when
        # the cue ends its clause. "« ... », Poutine a déclaré." / English puts the comma inside: "...," Putin said.
        window_end = ctx.clause_end(at, sentence.end)
        # "“...,” Putin said." / "“...,” the message read.": a verb that reports only after a quotation counts
        groups = sorted(
            [*ctx.verb_groups(at, window_end), *ctx.after_only.finditer(ctx.masked, at, window_end)],
            key=lambda v: v.start(),
        )
        if (
            groups
            and groups[0].start() > at
            and word_count(ctx.masked[at : groups[0].start()]) <= CUE_AFTER_SUBJECT_WORDS
            and not _INTRODUCES_NEXT_QUOTE.match(ctx.masked, groups[0].end())  # « X a déclaré : « ... » »
            # no comma: the cue must end the sentence ("“X” Putin said he read" is no cue)
            and (with_comma or _CUE_ENDS_ITS_CLAUSE.match(ctx.masked, groups[0].end(), sentence.end))
        ):
            found = ctx.passive_agent(groups[0], window_end)
            if found is None:
                found = ctx.resolve_np(at, groups[0].start())
                opening = ctx.opening_speaker(quote, found.pronoun) if found.pronoun else None
                found = Found(speaker=opening) if opening else found
            cue, cue_end = ctx.text[groups[0].start() : groups[0].end()], groups[0].end()
    if found is None or found.empty:
        return None
    settled = ctx.settle(found, quote.sentence_index)
    cited_by = ctx.registry.get(settled)
    if (cited_by is None or cited_by.kind != "agency") and _CITING.search(ctx.masked, cue_end, sentence.end):
        return Verdict(UNKNOWN, cue.strip())  # « « ... », a-t-il avancé, citant le ministre »: maybe the minister's
    speaker = ctx.relay(settled, sentence, cue_end)
    return Verdict(speaker, cue.strip())


def _qualifies_the_quoted_words(ctx: ArticleContext, quote: Quote, lead: str, verb: re.Match[str]) -> bool:
    """A French past participle right after the marks, no comma between, qualifies the quoted words: « le
    « Green Deal » confié à X », « le « plan » présenté par Y » (a cue after the marks needs its comma); with its
    agent, after a comma too: « Le « cessez-le-feu », avancé par X, séduit Y »."""
    if verb.group("aux") is not None or _FRENCH_PAST_PARTICIPLE.search(ctx.text, verb.start(), verb.end()) is None:
        return False
    if _FR_AGENT_AFTER.match(ctx.masked, verb.end()):
        return True
    return "," not in lead and not quote.span.text(ctx.text).rstrip().endswith(",")


def _spoken_right_before(ctx: ArticleContext, quote: Quote) -> bool:
    """Whether a speech verb opens the quotation: at most a couple of words before its mark (« a appelé à
    « ... » »), or its completive (« a assuré aux familles qu'elles « ... » »), with no relative clause between."""
    verbs = ctx.verbs_before(quote)
    if not verbs:
        return False
    between = ctx.masked[verbs[-1].end() : quote.span.open_at]
    if _RELATIVE_CLAUSE_BETWEEN.search(between):
        return False
    if word_count(between) <= VERB_OPENS_QUOTE_WORDS:
        return True
    return bool(_COMPLETIVE_IN.search(between)) and word_count(between) <= COMPLETIVE_OPENS_QUOTE_WORDS


def _names_a_principal(ctx: ArticleContext, found: Found) -> bool:
    """Whether a resolved phrase is a principal (a reporter who is one is the speaker, as « a rapporté X »)."""
    speaker = ctx.registry.get(found.speaker) if found.speaker else None
    return speaker is not None and speaker.principal


def incise_inside_marks(ctx: ArticleContext, quote: Quote) -> Verdict | None:
    """An incise between commas inside the marks: « ..., a-t-il dit, ... »; the speech is cut around it."""
    start, end = quote.span.pieces[0]
    folded = fold_chars(ctx.text[start:end])
    for match in _INCISE.finditer(folded):
        cue_at = start + match.start("cue")
        found = _incise_speaker(ctx, match.group("cue"), cue_at)
        if found is not None:
            cue = ctx.text[cue_at : start + match.end("cue")]
            closing_comma = folded.startswith(",", match.end())
            cut = (start + match.start(), start + match.end() + closing_comma)
            return Verdict(ctx.settle(found, quote.sentence_index), cue.strip(), cut)
    return None


def _incise_speaker(ctx: ArticleContext, cue: str, cue_at: int) -> Found | None:
    if _RELATIVE_OPENER.match(cue):
        return None  # ", which President X has welcomed." is the speaker's own relative clause
    inverted = INVERTED_PRONOUN_CUE.match(cue)
    if inverted and word_count(cue[inverted.end() :]) <= INCISE_TAIL_WORDS:
        return pronoun(inverted_pronoun(inverted))  # « ..., explique-t-il à L'Obs. ... »
    verb = ctx.verbs.match(cue)
    if verb is not None and reflexive_only(verb):
        verb = None
    verb = verb or ctx.after_only.match(cue)  # words before it are quoted: « ..., a lancé X, ... »
    if verb is not None:  # "a déclaré Poutine"
        subject_span = (cue_at + verb.end(), cue_at + len(cue)) if verb.end() < len(cue) else None
    else:  # "Putin said"
        trailing = None
        for verbs in (ctx.verbs, ctx.after_only):
            trailing = trailing or re.search(rf"\s(?:{verbs.pattern})$", cue)
        subject_span = (cue_at, cue_at + trailing.start()) if trailing else None
    if subject_span is None:
        return None
    subject = ctx.resolve_inside_quote(*subject_span)
    return subject if subject.speaker else None


def parenthetical_gloss(ctx: ArticleContext, quote: Quote) -> Verdict | None:
    """A quotation inside parentheses with no cue of its own glosses a word: (« Mains propres » en espagnol)."""
    span, sentence = quote.span, quote.sentence
    opened = ctx.masked.rfind("(", sentence.start, span.open_at)
    if opened == -1 or ctx.masked.find(")", opened, span.open_at) != -1:
        return None
    closed = ctx.masked.find(")", span.close_at, sentence.end)
    if closed == -1 or ctx.verb_groups(opened, closed):
        return None
    return Verdict(UNKNOWN, None, kind="scare")


def term_as_subject(ctx: ArticleContext, quote: Quote) -> Verdict | None:
    """A short quoted phrase that is the subject of the writer's next verb is a term, not speech.

    "... and "one country, two systems" has allowed ...": the phrase is mentioned, nobody is
    quoted as saying it here. Right after a speech verb and "that" it opens the words reported:
    "Sunak claimed that "independent officials" have costed ..." is his.
    """
    span, sentence = quote.span, quote.sentence
    if word_count(span.text(ctx.text)) > TERM_MAX_WORDS or not ctx.masked[sentence.start : span.open_at].strip():
        return None
    verbs = ctx.verbs_before(quote)
    if verbs and _REPORTED_CLAUSE_OPENS.fullmatch(ctx.masked, verbs[-1].end(), span.open_at):
        return None
    if _VERB_AFTER_TERM[ctx.language].match(ctx.text, span.close_at + 1):  # the original text: "à" is not "a"
        return Verdict(UNKNOWN, None, kind="scare")
    return None


def source_before_quote(ctx: ArticleContext, quote: Quote) -> Verdict | None:
    """« selon X », "according to X" before the quotation, nearer than any speech verb. An agency or a medium
    named so after someone's speech verb is where the words were reported, not who spoke: "Kim said, according
    to KCNA, that ...", « X aurait répondu selon le quotidien : « ... » » are left to that verb."""
    span, sentence = quote.span, quote.sentence
    verbs = ctx.verbs_before(quote)
    sources = list(SOURCE_PREPOSITION.finditer(ctx.masked, sentence.start, span.open_at))
    if not sources or (verbs and verbs[-1].start() > sources[-1].start()):
        return None
    nearest = sources[-1]
    phrase_end = ctx.clause_end(nearest.end(), span.open_at)
    phrase = ctx.masked[nearest.end() : phrase_end].strip(" ,")
    first_word = phrase.split(" ", 1)[0]
    # « selon lui par une « ... » »: the pronoun is the whole source, what follows is the sentence's
    found = pronoun(first_word) if first_word in SOURCE_PRONOUNS else ctx.resolve_np(nearest.end(), phrase_end)
    if found.empty:
        return None
    reporter = ctx.registry.get(found.speaker) if found.speaker else None
    if verbs and reporter is not None and reporter.kind == "agency":
        return None
    if (
        verbs
        and ctx.names_a_medium(nearest.end(), phrase_end)
        and _only_its_subject_between(ctx, verbs[-1].end(), nearest.start())
        and _INTRODUCES_THE_QUOTE.fullmatch(ctx.masked, phrase_end, span.open_at)
    ):
        return None  # « aurait dit X selon le journal, « ... » », "replied, according to the newspaper, “...”"
    return Verdict(ctx.settle(found, quote.sentence_index), ctx.text[nearest.start() : nearest.end()].strip())


def _only_its_subject_between(ctx: ArticleContext, verb_end: int, at: int) -> bool:
    """Whether only commas and a name (capitalised words, an honorific) stand between a verb and a phrase."""
    between = ctx.text[verb_end:at]
    if re.search(r"[;:.!?()]", between.replace("M.", "M")):
        return False
    words = re.findall(r"[\w'’-]+", between)
    return len(words) <= CUE_AFTER_SUBJECT_WORDS and all(w[:1].isupper() for w in words)


def source_heading_sentence(ctx: ArticleContext, quote: Quote) -> Verdict | None:
    """ "Pour X, « ... »": a source named at the head of the sentence, before any speech verb."""
    span, sentence = quote.span, quote.sentence
    head = SENTENCE_HEAD_SOURCE.match(ctx.masked, sentence.start)
    if not head:
        return None
    comma = ctx.masked.find(",", head.end(), span.open_at)
    verbs = ctx.verbs_before(quote)
    if comma == -1 or (verbs and verbs[-1].start() <= comma):
        return None
    found = ctx.resolve_np(head.end(), comma, allow_description=False)
    if not (found.speaker or found.pronoun):
        return None
    return Verdict(ctx.settle(found, quote.sentence_index), ctx.text[sentence.start : head.end()].strip())


def speaker_label_before_quote(ctx: ArticleContext, quote: Quote) -> Verdict | None:
    """A name (with at most an apposition) and a colon that opens the quotation, as headlines, transcripts
    and live reports write it: « Vladimir Poutine : « ... » », "Xi Jinping, PRC President: “...”"."""
    span, sentence = quote.span, quote.sentence
    before = ctx.masked[sentence.start : span.open_at]
    colon = _COLON_THEN_QUOTE.search(before)
    if not colon or "_" in before:
        return None
    label_end = sentence.start + colon.start()
    label = ctx.masked[sentence.start : label_end]
    if (
        not label.strip()
        or word_count(label) > LABEL_MAX_WORDS
        or not ctx.is_name_label(sentence.start, label_end, quote.sentence_index)
    ):
        return None
    found = ctx.resolve_np(sentence.start, label_end, allow_description=False)
    if not found.speaker:
        return None
    return Verdict(ctx.settle(found, quote.sentence_index), ctx.text[sentence.start : label_end].strip() + " :")


def credit_line_after_quote(ctx: ArticleContext, quote: Quote) -> Verdict | None:
    """A paragraph that is only a quotation, and under it a line that is only a name (a dash before it at
    most): the credit of a pull quote or a quote box, « « ... » ⏎ Xi Jinping », "“...” ⏎ — Jane Doe".

    The line is read in the raw text: a credit repeated under several quotations is dropped from the
    paragraphs as page furniture.
    """
    if not _standalone(ctx, quote):
        return None
    para_end = ctx.article.paragraphs[quote.sentence.paragraph].end
    line = _CREDIT_LINE.match(ctx.text, para_end)
    if line is None or word_count(line.group("name")) > LABEL_MAX_WORDS:
        return None
    start, end = line.span("name")
    if not ctx.capitalised_words(start, end):
        return None
    found = ctx.resolve_np(start, end, allow_description=False)
    return Verdict(found.speaker, ctx.text[start:end], kind="full") if found.speaker else None


def quote_then_subject_heading(ctx: ArticleContext, quote: Quote) -> Verdict | None:
    """A statement opening its sentence, then a colon and who: « « ... » : Poutine menace l'Occident »,
    ""...": Putin warns the West". A quotation of a few words is left alone: a headline quoting
    someone's word to set up another's answer (« « Boucher » : X répond à Y ») is common."""
    span, sentence = quote.span, quote.sentence
    if ctx.masked[sentence.start : span.open_at].strip() or word_count(span.text(ctx.text)) <= SCARE_QUOTE_WORDS:
        return None
    colon = _COLON_AFTER_QUOTE.match(ctx.masked, span.close_at + 1)
    if not colon or colon.end() >= sentence.end:
        return None
    verb_at = ctx.first_verb(colon.end(), sentence.end)
    subject_end = verb_at if verb_at is not None else ctx.clause_end(colon.end(), sentence.end)
    if word_count(ctx.masked[colon.end() : subject_end]) > LABEL_MAX_WORDS:
        return None
    found = ctx.resolve_np(colon.end(), subject_end, allow_description=False)
    if not found.speaker:
        return None
    objects = {m.speaker.id for m in ctx.mentions_in(subject_end, sentence.end) if not m.complement}
    if objects - {found.speaker}:
        return None  # « « ... » : X cite Y »: the words may be Y's (« X répond à Y » keeps them X's)
    return Verdict(ctx.settle(found, quote.sentence_index), ctx.text[colon.end() : subject_end].strip())


def quote_resumes_after_its_cue(ctx: ArticleContext, quote: Quote) -> Verdict | None:
    """« A », a-t-il insisté mardi, « B »: the quotation its cue interrupted goes on, the same speaker's.
    Between the two stands the first one's cue, alone between commas, or followed by a clause of the
    writer's that names and cues nobody: "“A,” he says, but when the war is over, “B.”"."""
    span, sentence = quote.span, quote.sentence
    earlier = [p for p in sentence.quotes if p < quote.index]
    if not earlier or earlier[-1] not in ctx.decided:
        return None
    first = ctx.decided[earlier[-1]]
    if first.speaker == UNKNOWN or first.cue is None:
        return None
    start = ctx.spans[earlier[-1]].close_at + 1
    between = ctx.masked[start : span.open_at]
    cue_at = between.find(fold_chars(first.cue))
    if cue_at == -1 or len(ctx.verb_groups(start, span.open_at)) > 1:
        return None
    if not _ONE_INCISE.fullmatch(between) and not _names_nobody(ctx, start + cue_at + len(first.cue), span.open_at):
        return None
    return Verdict(first.speaker, first.cue)


def _names_nobody(ctx: ArticleContext, start: int, end: int) -> bool:
    """Whether a stretch after a cue goes on with the cue's speaker: it names, cues and points to nobody else,
    and opens no clause of its own but a subordinate one ("but when the war is over, “B”"; not "but critics
    disagree: “B”")."""
    comma = ctx.masked.find(",", start, end)
    if comma == -1:
        return False  # "“A,” he said of “B”": the cue's own complement, read by the rules after
    coordinated = _COORDINATED_CLAUSE.match(ctx.masked, comma, end)
    if coordinated is not None and not _SUBORDINATE_AFTER_CUE.match(ctx.masked, coordinated.start("word")):
        return False
    return not (
        _RELATIVE_CLAUSE_BETWEEN.search(ctx.masked, comma, end)  # "..., countering critics who call him “B”"
        or ctx.mentions_in(comma, end)
        or ctx.names_someone(comma, end)
        or ctx.names_a_title(comma, end)
        or ctx.names_a_document(comma, end)
        or SOURCE_PREPOSITION.search(ctx.masked, comma, end)
    )


def narrative_infinitive(ctx: ArticleContext, quote: Quote) -> Verdict | None:
    """« Et X d'ajouter : « ... » », « Et le président de conclure « ... » »: the narrative infinitive of French
    copy, whose subject stands between « Et » and « de »."""
    sentence = quote.sentence
    head = _NARRATIVE_INFINITIVE.fullmatch(ctx.masked, sentence.start, quote.span.open_at)
    if head is None or _NOT_A_NARRATIVE_SUBJECT.search(head.group("subject")):
        return None
    found = ctx.resolve_np(head.start("subject"), head.end("subject"))
    cue = ctx.text[head.start("verb") : head.end("verb")]
    return Verdict(ctx.settle(found, quote.sentence_index), cue) if not found.empty else Verdict(UNKNOWN, cue)


def speech_verb_before(ctx: ArticleContext, quote: Quote) -> Verdict | None:
    """The nearest speech verb before the quotation in its sentence, and that verb's subject."""
    span, sentence = quote.span, quote.sentence
    verbs = ctx.verbs_before(quote)
    if not verbs:
        return None
    nearest = _reporting_verb(ctx, verbs)
    if _cue_of_earlier_quote(ctx, quote, nearest) and not _CLAUSE_GOES_ON.fullmatch(
        ctx.masked, nearest.end(), quote.span.open_at
    ):
        return None
    if ctx.in_closed_relative(sentence, nearest, span.open_at):
        return None  # the relative's verb reports its own words, not the main clause's
    relative = _RELATIVE_CLAUSE_BETWEEN.search(ctx.masked, nearest.end(), span.open_at)
    if relative and (
        ctx.person_right_before(relative.start())
        or (
            ctx.person_described_before(nearest.end(), relative.start())
            and _RELATIVE_ASKS_OR_SPEAKS.search(ctx.masked, relative.start(), span.open_at)
        )
    ):
        # « X a répondu à Y, qui l'avait appelé « ... » »: the words may be Y's, whose verb is not one of
        # speech; whoever said them, it is not X's verb (« des héros qui ... » is still X's report)
        return Verdict(UNKNOWN, None)
    clause = _ADVERBIAL_CLAUSE.search(ctx.masked, nearest.end(), span.open_at)
    if clause is not None and _another_subject_in_clause(ctx, clause.end(), span.open_at):
        # « X a accusé Y d'être « ... » après que ce dernier avait rejeté les « ... » »: that clause's words
        return Verdict(UNKNOWN, None)
    cue = ctx.text[nearest.start() : nearest.end()].strip()
    if _SEEN_TO.search(ctx.masked, max(sentence.start, nearest.start() - SEEN_TO_REACH), nearest.start()):
        return Verdict(UNKNOWN, cue)  # « X s'est vu demander : « ... » »: X is spoken to
    agent = ctx.passive_agent(nearest, span.open_at)
    if agent is not None:  # "Putin was told by Kim that ...": the agent spoke
        return Verdict(ctx.settle(agent, quote.sentence_index), cue)
    inverted = INVERTED_PRONOUN_CUE.search(
        ctx.masked, max(0, nearest.start() - INVERTED_CUE_REACH), nearest.end() + INVERTED_CUE_REACH
    )
    if inverted and inverted.start() <= nearest.start() + 2:
        return Verdict(ctx.settle(pronoun(inverted_pronoun(inverted)), quote.sentence_index), cue)
    participle = nearest.group("aux") is None and re.search(r"(?:ant|er|ir|ire|dre|tre|ing)$", nearest.group("verb"))
    own_subject = ctx.infinitive_subject(sentence, nearest.start())
    if own_subject is not None:  # « l'occasion pour le président X de remercier Y : « ... » »
        return Verdict(ctx.checked(own_subject[0], quote.sentence_index, nearest.start(), own_subject[1]), cue)
    if _INFINITIVE_HANDED_OVER.search(ctx.masked, sentence.start, nearest.start()) and _words_handed_over(
        ctx, sentence, nearest
    ):
        return Verdict(UNKNOWN, cue)  # « X a chargé Y d'annoncer : « ... » », « X a refusé d'évoquer « ... » »
    if nearest.group("aux") is None and _ELIDED_SUBJECT.fullmatch(ctx.masked, sentence.start, nearest.start()):
        # « Il a fait un mea culpa. Et concédé avoir été « dur » »: the subject left out is the one before
        return Verdict(ctx.recent_speaker(quote.sentence_index, ANY_GENDER), cue)
    if participle or nearest.group("aux") == "avoir":  # « après avoir salué »: an infinitive has no subject
        # "..., soulignant que « ... »": the speaker of the clause it hangs on.
        earlier = ctx.speaker_quoted_before(quote)
        if earlier and _new_subject_since_earlier_quote(ctx, quote, nearest):
            return Verdict(UNKNOWN, cue)  # "“A,” he says, but critics disagree, calling it “B”": theirs
        if earlier:
            return Verdict(earlier, cue)
        # the clause it hangs on: the nearest earlier verb that has a subject ("being called" has none)
        anchors: list[int | None] = [v.start() for v in reversed(verbs[:-1])]
        for anchor in anchors or [ctx.any_verb_before(sentence.start, nearest.start())]:
            if anchor is None:
                continue
            anchor = _out_of_time_clause(ctx, sentence, anchor)
            if anchor is None:
                continue
            found, subject = ctx.subject_before(sentence, anchor)
            if not found.empty:
                return Verdict(ctx.checked(found, quote.sentence_index, anchor, subject), cue)
        main = _main_clause_subject(ctx, quote, nearest)
        return Verdict(ctx.settle(main, quote.sentence_index), cue) if main is not None else None
    found, subject = ctx.subject_before(sentence, nearest.start())
    antecedent = ctx.sentence_subject_for(sentence, subject, found.pronoun) if found.pronoun else None
    if antecedent is not None:  # « X a ..., qu'il a qualifié de « ... » »
        return Verdict(ctx.checked(Found(speaker=antecedent), quote.sentence_index, nearest.start()), cue)
    if _subject_follows(ctx, quote, nearest, found, subject):
        after = ctx.resolve_np(nearest.end(), ctx.clause_end(nearest.end(), span.open_at), allow_description=False)
        if not after.empty:
            return Verdict(ctx.settle(after, quote.sentence_index), cue)
    return Verdict(ctx.checked(found, quote.sentence_index, nearest.start(), subject), cue)


def _out_of_time_clause(ctx: ArticleContext, sentence: Sentence, verb_at: int) -> int | None:
    """The main clause's verb for a participle that hangs on a verb inside an adverbial clause: « X a applaudi
    lorsque Y est entré, avant de déclarer » hangs on « a applaudi », not on « est entré » (None: no main verb)."""
    clauses = list(_ADVERBIAL_CLAUSE.finditer(ctx.masked, sentence.start, verb_at))
    if not clauses or "," in ctx.masked[clauses[-1].end() : verb_at] or ctx.verb_groups(clauses[-1].end(), verb_at):
        return verb_at  # "Before the meeting, X thanked": the clause has ended
    return ctx.any_verb_before(sentence.start, clauses[-1].start())


def _words_handed_over(ctx: ArticleContext, sentence: Sentence, infinitive: re.Match[str]) -> bool:
    """Whether an infinitive after « de » may not be its main clause's subject's words: someone is named or
    described between the main verb and it (« a permis à Y d' »), or the main verb refuses, avoids or hands the
    words over (« a refusé d'expliquer », « a chargé Y d'annoncer »)."""
    if _SAME_SUBJECT_INFINITIVE.search(ctx.masked, sentence.start, infinitive.start()):
        return False  # « ..., a souligné le chef de l'État, avant de rappeler le « ... » »: the same subject's
    main_at = ctx.first_verb(sentence.start, infinitive.start())
    start = sentence.start if main_at is None else main_at
    if _REFUSES.search(ctx.masked, start, infinitive.start()):
        return True
    return ctx.names_anyone(start, infinitive.start(), pronouns=False)


def _another_subject_in_clause(ctx: ArticleContext, start: int, end: int) -> bool:
    """Whether an adverbial clause has a finite verb and, before it, a subject naming someone (not a pronoun)."""
    verb_at = ctx.any_verb_before(start, end)
    return verb_at is not None and ctx.names_anyone(start, verb_at, pronouns=False)


def _new_subject_since_earlier_quote(ctx: ArticleContext, quote: Quote, participle: re.Match[str]) -> bool:
    """Whether a clause with a subject of its own is coordinated between the sentence's last earlier quotation
    and a participle (", but critics disagree, calling"); an adverb, a verb or a subordinate clause after the
    coordination goes on with the earlier speaker (", and adds", ", but when ...")."""
    earlier = [p for p in quote.sentence.quotes if p < quote.index]
    start = ctx.spans[earlier[-1]].close_at + 1 if earlier else quote.sentence.start
    for clause in _COORDINATED_CLAUSE.finditer(ctx.masked, start, participle.start()):
        at = clause.start("word")
        word = clause.group("word")
        if word in _GOES_ON_WORDS or word.endswith("ly") or _SUBORDINATE_AFTER_CUE.match(ctx.masked, at):
            continue
        if ctx.speech_verb_at(at) is None:
            return True
    return False


def _subject_follows(
    ctx: ArticleContext, quote: Quote, verb: re.Match[str], before: Found, subject: tuple[int, int] | None
) -> bool:
    """Whether a speech verb after a comma has its subject after it: « « ... », déclare X, « ... » », « Le pays
    attendait ce contrat, s'est réjoui le président X « Nous avons tenu parole. » ». Not when the phrase
    before can be its subject (a person, a pronoun, a name) or the quotation is no statement of its own:
    « Giorgia Meloni, en visite, a salué X « pour son courage » » is hers, X is whom she praised."""
    if not ctx.comma_before(verb.start(), after_quote=True):
        return False
    if not ctx.comma_before(verb.start()) or before.empty:
        return True  # a quotation right before the verb, or nothing that can be its subject
    return not ctx.is_someone(before, subject) and quote.span.text(ctx.text)[:1].isupper()


def _main_clause_subject(ctx: ArticleContext, quote: Quote, verb: re.Match[str]) -> Found | None:
    """The subject of the main clause after a participle clause opening the sentence: « Saluant « ... »,
    le président X a promis ... », "After hailing the "...", X promised ..."."""
    sentence = quote.sentence
    if not _OPENING_PARTICIPLE.fullmatch(ctx.masked, sentence.start, verb.start()):
        return None
    comma = ctx.masked.find(",", quote.span.close_at + 1, sentence.end)
    if comma == -1 or ctx.masked.find("_", quote.span.close_at + 1, comma) != -1:
        return None
    groups = ctx.verb_groups(comma + 1, sentence.end)
    candidates = [ctx.first_verb(comma + 1, sentence.end), groups[0].start() if groups else None]
    verb_at = min((c for c in candidates if c is not None), default=None)
    if verb_at is None or word_count(ctx.masked[comma + 1 : verb_at]) > LABEL_MAX_WORDS:
        return None
    found = ctx.resolve_np(comma + 1, verb_at, allow_description=False)
    return None if found.empty or found.ambiguous else found


def _reporting_verb(ctx: ArticleContext, verbs: list[re.Match[str]]) -> re.Match[str]:
    """The verb that reports the quotation: the nearest, unless it stands in the completive of the one before
    with a subject of that speaker's own (« X a souligné que son gouvernement s'engage à une « ... » »)."""
    if len(verbs) >= 2 and _OWN_SIDE_COMPLETIVE.fullmatch(ctx.masked, verbs[-2].end(), verbs[-1].start()):
        return verbs[-2]
    return verbs[-1]


def _cue_of_earlier_quote(ctx: ArticleContext, quote: Quote, verb: re.Match[str]) -> bool:
    """Whether a verb is the cue right after an earlier quotation of the sentence ("“...,” X tells voters").

    That verb introduced its own quotation; a later fragment needs a cue of its own. An earlier quotation
    cued by another verb (« X a souligné une « ... », soulignant que « ... » ») leaves this one free.
    """
    verb_at, verb_text = verb.start(), ctx.text[verb.start() : verb.end()].strip()
    if _COMPLETIVE_AFTER.match(ctx.masked, verb.end()):
        return False  # « « ... », X a assuré que le travail commencera « immédiatement » »: it reports both
    for p in quote.sentence.quotes:
        earlier = ctx.spans[p]
        cue = ctx.decided.get(p, _NO_CUE).cue
        if p >= quote.index or earlier.close_at >= verb_at or cue is None or verb_text not in cue:
            continue  # a later quotation, an earlier one no cue introduced (a term), or one another verb cued
        between = ctx.masked[earlier.close_at + 1 : verb_at]
        comma_after = between.lstrip().startswith((",", ";")) or earlier.text(ctx.text).rstrip().endswith(",")
        if ctx.verb_groups(earlier.close_at + 1, verb_at) or _COORDINATION.search(between):
            continue  # another verb or a new clause stands between: "..., Modi said, adding", "..., but urged"
        if (not between.strip(" ,;-")) or (
            comma_after and "," not in between.strip(" ,;") and word_count(between) <= CUE_AFTER_SUBJECT_WORDS
        ):
            return True
    return False


def inverted_cue_ending_sentence(ctx: ArticleContext, quote: Quote) -> Verdict | None:
    """An inverted cue closing the sentence: « ... », à Kumsusan, a précisé RIA Novosti.

    It covers every quotation before it back to the last speech verb: « ... » pour « ... », s'est félicité
    X devant la presse, estimant que ... (what follows the cue is the same speaker's or another rule's).
    """
    span, sentence = quote.span, quote.sentence
    later = [ctx.spans[p] for p in sentence.quotes if ctx.spans[p].open_at > span.open_at]
    chain_end = span.close_at
    for following in later:  # the quotations that follow this one with no speech verb between
        if ctx.verb_groups(chain_end + 1, following.open_at):
            break
        chain_end = following.close_at
    limit = next((f.open_at for f in later if f.open_at > chain_end), sentence.end)
    for cue in INVERTED_PRONOUN_CUE.finditer(ctx.masked, chain_end + 1, limit):
        # « « ... » pour les résoudre, a-t-il ajouté. »: the pronoun cue closing the sentence
        tail_fits = _SENTENCE_TAIL.fullmatch(ctx.masked, cue.end(), limit) or _GERUND_TAIL.match(ctx.masked, cue.end())
        if ctx.comma_before(cue.start()) and tail_fits:
            speaker = ctx.settle(pronoun(inverted_pronoun(cue)), quote.sentence_index)
            return Verdict(ctx.relay(speaker, sentence, cue.end()), ctx.text[cue.start() : cue.end()].strip())
    verbs = ctx.verb_groups(chain_end + 1, limit)
    for verb in verbs:
        if not ctx.comma_before(verb.start()):
            continue
        found = ctx.resolve_after_verb(verb.end(), limit)
        if found.speaker or found.pronoun:
            speaker = ctx.relay(ctx.settle(found, quote.sentence_index), sentence, verb.end())
            return Verdict(speaker, ctx.text[verb.start() : verb.end()].strip())
    return None


def quote_sentence_continues(ctx: ArticleContext, quote: Quote) -> Verdict | None:
    """A sentence that is only a quotation, right after an attributed quotation in its paragraph, goes on with it.

    "“We must act,” he said. “Our security depends on it.”": the second is his too.
    """
    sentence = quote.sentence
    if quote.sentence_index == 0 or not _alone_in(ctx, quote, sentence.start, sentence.end):
        return None
    previous = ctx.sentences[quote.sentence_index - 1]
    if previous.paragraph != sentence.paragraph:
        return None
    if not previous.quotes:
        # "European values were under threat, he said. “We must never forget ...”"
        reporter = reported_speaker(ctx, quote.sentence_index - 1)
        return Verdict(reporter, None, kind="full") if reporter not in (None, UNKNOWN) else None
    last = ctx.decided.get(previous.quotes[-1])
    if last is None or last.speaker == UNKNOWN or last.cue is None:
        return None
    return Verdict(last.speaker, None, kind="full")


def reported_speaker(ctx: ArticleContext, sentence_index: int) -> str | None:
    """Who a sentence without quotation marks reports as speaking: its one speech verb's subject."""
    sentence = ctx.sentences[sentence_index]
    verbs = ctx.verb_groups(sentence.start, sentence.end)
    if len(verbs) > 1:
        return _opening_reporter(ctx, sentence, verbs)
    if not verbs:
        return None
    trailing = _trailing_subject(ctx, sentence, verbs[0])
    if trailing is not None:
        return ctx.settle(trailing, sentence_index)
    found, subject = ctx.subject_before(sentence, verbs[0].start())
    return ctx.checked(found, sentence_index, verbs[0].start(), subject)


def _opening_reporter(ctx: ArticleContext, sentence: Sentence, verbs: list[re.Match[str]]) -> str | None:
    """A registry person opening the sentence as the subject of its first speech verb reports all of it, the
    verbs of what they report included ("Meloni said the crash showed what her party had been saying"),
    when nobody else is named after that verb and each later verb is theirs or their own side's ("the
    minister had announced" is someone else speaking)."""
    speaker = ctx.opening_person(sentence)
    if speaker is None or ctx.subject_before(sentence, verbs[0].start())[0].speaker != speaker:
        return None
    after = (verbs[0].end(), sentence.end)
    if any(m.speaker.id != speaker for m in ctx.mentions_in(*after)) or ctx.names_someone(*after, pronouns=False):
        return None
    for later in verbs[1:]:
        found, _ = ctx.subject_before(sentence, later.start())
        own_side = _OWN_SIDE_BEFORE.search(ctx.masked, verbs[0].end(), later.start()) is not None
        if not (found.empty or found.pronoun or found.speaker == speaker or own_side):
            return None
    return speaker


def _trailing_subject(ctx: ArticleContext, sentence: Sentence, verb: re.Match[str]) -> Found | None:
    """The subject of a cue that ends its sentence in normal order: "..., he said." / "..., Xi a ajouté."."""
    tail = ctx.masked[verb.end() : sentence.end]
    if not _SENTENCE_TAIL.fullmatch(tail) or ctx.passive_agent(verb, sentence.end) is not None:
        return None
    comma = ctx.masked.rfind(",", sentence.start, verb.start())
    if comma == -1 or word_count(ctx.masked[comma + 1 : verb.start()]) > CUE_AFTER_SUBJECT_WORDS:
        return None
    found = ctx.resolve_np(comma + 1, verb.start(), allow_description=False)
    return None if found.empty else found


def subject_cue_ending_sentence(ctx: ArticleContext, quote: Quote) -> Verdict | None:
    """A cue in normal order ending the sentence after the quotation: « ... » strategic ties, he said."""
    span, sentence = quote.span, quote.sentence
    verbs = ctx.verb_groups(sentence.start, sentence.end)
    if len(verbs) != 1 or verbs[0].start() < span.close_at:
        return None
    found = _trailing_subject(ctx, sentence, verbs[0])
    if found is None or ctx.masked.rfind(",", span.close_at, verbs[0].start()) == -1:
        return None
    return Verdict(ctx.settle(found, quote.sentence_index), ctx.text[verbs[0].start() : verbs[0].end()].strip())


def quoted_predicate(ctx: ArticleContext, quote: Quote) -> Verdict | None:
    """Marks right after a subject, opening on its verb, with no speech verb to say more: « Il « veut croire »
    que ... », « Se posant en garant, le président « demande à ... » »: the subject's own words."""
    span, sentence = quote.span, quote.sentence
    found, subject = ctx.subject_before(sentence, span.open_at)
    if found.empty or subject is None or ctx.masked[subject[1] : span.open_at].strip():
        return None
    if _COMPLETIVE_BEFORE.search(ctx.masked, sentence.start, subject[0]):
        return None  # « X veut croire que Y « finira par céder » »: X's words about Y, or Y's: not known
    if not ctx.is_someone(found, subject) or not ctx.opens_on_its_verb(subject, span, sentence):
        return None  # « La coopération « doit croître » »: no one
    verb = span.text(ctx.text).split(maxsplit=1)[0]
    return Verdict(ctx.settle(found, quote.sentence_index), verb)


def clause_before_colon(ctx: ArticleContext, quote: Quote) -> Verdict | None:
    """Marks after a colon closing a clause whose subject is someone, with no speech verb: « Joe Biden n'a
    rien cédé : « ... » », « X s'est montré optimiste : une « étape décisive » sera franchie ». Not when
    the clause names someone else, a document, or a relative clause (whose words they may be), nor when
    its subject is spoken to (« X a été interpellé par une étudiante : « ... » »)."""
    span, sentence = quote.span, quote.sentence
    colon = ctx.masked.rfind(":", sentence.start, span.open_at)
    if colon == -1 or ctx.verbs_before(quote):
        return None
    lead = ctx.masked[colon + 1 : span.open_at]
    if "_" in lead or word_count(lead) > COLON_LEAD_WORDS or ctx.any_verb_before(colon + 1, span.open_at):
        return None
    verb_at = ctx.any_verb_before(sentence.start, colon)
    if verb_at is None:
        return None
    found, subject = ctx.subject_before(sentence, verb_at)
    if found.empty or found.ambiguous or subject is None:
        return None
    if not ctx.is_someone(found, subject):
        return None
    clause = (subject[1], colon)
    if (
        ctx.names_someone(*clause)
        or ctx.someone_unnamed_in(*clause)  # "Putin quoted, in his speech, Stalin:"
        or ctx.names_a_document(*clause, own_aside=True)
        or _RELATIVE_CLAUSE_BETWEEN.search(ctx.masked, *clause)
        or _SPOKEN_TO.search(ctx.masked, *clause)
        or _FRENCH_PASSIVE.search(ctx.text, *clause)
    ):
        return None
    return Verdict(ctx.checked(found, quote.sentence_index, verb_at, subject), ctx.text[verb_at:colon].strip())


def completive_of_quoted_words(ctx: ArticleContext, quote: Quote) -> Verdict | None:
    """A quotation in the completive that an attributed quotation opens, with nobody named between:
    « Il « veut croire » que 2022 « sera l'année ... » », "she “hopes” that the talks “will go on”"."""
    span, sentence = quote.span, quote.sentence
    earlier = [p for p in sentence.quotes if p < quote.index]
    if not earlier or earlier[-1] not in ctx.decided:
        return None
    first = ctx.decided[earlier[-1]]
    start = ctx.spans[earlier[-1]].close_at + 1
    between = ctx.masked[start : span.open_at]
    if first.speaker == UNKNOWN or first.cue is None or not _COMPLETIVE_AFTER.match(" " + between.lstrip()):
        return None
    if (
        word_count(between) > COMPLETIVE_SUBJECT_WORDS
        or ctx.verb_groups(start, span.open_at)
        or ctx.any_verb_before(start, span.open_at) is not None
        or ctx.names_someone(start, span.open_at)
    ):
        return None
    return Verdict(first.speaker, first.cue)


def _alone_in(ctx: ArticleContext, quote: Quote, start: int, end: int) -> bool:
    span = quote.span
    outside = ctx.masked[start : span.open_at] + ctx.masked[span.close_at + 1 : end]
    return not re.search(r"\w", outside.replace("_", ""))


def cue_in_next_sentence(ctx: ArticleContext, quote: Quote) -> Verdict | None:
    """A quotation alone in its sentence, named by the next one: « ... ». C'est ce qu'a déclaré X. / « ... ».
    C'est en ces termes que X a décrit ... / "...". That is what X said."""
    sentence, index = quote.sentence, quote.sentence_index
    start = sentence.start
    dateline = _DATELINE.match(ctx.masked, start, quote.span.open_at)
    if dateline:
        start = dateline.end()  # "Rome, 29 mars (LaPresse) – « ... »"
    if index + 1 >= len(ctx.sentences) or not _alone_in(ctx, quote, start, sentence.end):
        return None
    following = ctx.sentences[index + 1]
    pointer = _POINTS_BACK.match(ctx.masked, following.start)
    if pointer is None:
        return None
    verbs = ctx.verb_groups(pointer.end(), following.end)
    if not verbs:
        return None
    verb = verbs[0]
    between = ctx.masked[pointer.end() : verb.start()]
    if ctx.language == "fr" and re.fullmatch(r"\s*(?:a|ont|avait|avaient)?\s*", between):
        # « qu'a déclaré X »: nothing but the auxiliary glued to qu' before the verb, the subject follows
        found = ctx.resolve_after_verb(verb.end(), following.end, allow_description=False)
    elif _NOT_PLAINLY_SAID.search(ctx.masked, pointer.end(), verb.end()) or _AGENT_AFTER.match(ctx.masked, verb.end()):
        return None  # « C'est ce que X n'a jamais dit », « ... X a refusé de dire », "what X was told by Y"
    else:  # "That is what X said", « C'est en ces termes que X décrit »
        found, _ = ctx.subject_before(following, verb.start())
    if found.empty:
        return None
    return Verdict(ctx.settle(found, index + 1), ctx.text[verb.start() : verb.end()].strip(), kind="full")


def quote_paragraph_continues(ctx: ArticleContext, quote: Quote) -> Verdict | None:
    """A paragraph that is only a quotation continues the previous paragraph's last speaker: of its quotations,
    else the one its last sentence reports speaking."""
    sentence = quote.sentence
    if ctx.is_heading(sentence) or not _standalone(ctx, quote):
        return None
    index = sentence.paragraph - 1
    while index >= 0 and ctx.article.paragraphs[index].is_heading:
        if _heading_names_someone(ctx, ctx.article.paragraphs[index]):
            return Verdict(UNKNOWN, None, kind="full")  # « Dmitri Peskov, porte-parole ⏎ « ... » »: his, maybe
        index -= 1
    paragraph = ctx.article.paragraphs[index] if index >= 0 else None
    previous = [  # its quotations, a long one that opened further up and ran into it included
        ctx.decided[q].speaker
        for q in sorted(ctx.decided)
        if paragraph is not None
        and any(paragraph.start <= start < paragraph.end for start, _ in ctx.spans[q].pieces)
        and ctx.decided[q].speaker != UNKNOWN
    ]
    if not previous:  # "Modi said India's standing had grown. ⏎ “The world trusts us ...”": the report goes on
        reported = _speaker_before_list(ctx, index)
        previous = [reported] if reported else []
    return Verdict(previous[-1] if previous else UNKNOWN, None, kind="full")


def _speaker_before_list(ctx: ArticleContext, index: int) -> str | None:
    """Whom the paragraphs before a quotation standing alone report or announce as speaking: the last sentence's
    speech verb (« X a affirmé que ... »), or words announced as someone's (« Les principales déclarations du
    chef de l'État : », "Key quotes from X's speech"). Over a few paragraphs that name nobody and report no
    speech (a list's own lines: « - Un hôpital sera installé en Guinée »), but never past anyone named."""
    for _ in range(LIST_REACH_PARAGRAPHS):
        while index >= 0 and ctx.article.paragraphs[index].is_heading:
            if _heading_names_someone(ctx, ctx.article.paragraphs[index]):
                return None
            index -= 1
        if index < 0:
            return None
        sentences = [i for i, s in enumerate(ctx.sentences) if s.paragraph == index]
        if not sentences or any(ctx.sentences[i].quotes for i in sentences):
            return None  # its quotations had their say (unknown ones included)
        reported = reported_speaker(ctx, sentences[-1])
        if reported is not None:
            return reported
        for i in sentences:
            announced = _announced_words(ctx, ctx.sentences[i])
            if announced is not None:
                return announced
        paragraph = ctx.article.paragraphs[index]
        if ctx.mentions_in(paragraph.start, paragraph.end) or ctx.names_someone(
            paragraph.start, paragraph.end, pronouns=False
        ):
            return None
        index -= 1
    return None


def _heading_names_someone(ctx: ArticleContext, paragraph: Paragraph) -> bool:
    """Whether a heading between quotations names or describes a speaker of its own (« Dmitri Peskov, porte-parole
    du Kremlin », « Pour son ministre », « La réponse de son porte-parole »): what follows may be theirs."""
    start, end = paragraph.start, paragraph.end
    return bool(
        ctx.mentions_in(start, end) or ctx.names_a_person(start, end) or _HEADING_SPEAKER.search(ctx.masked, start, end)
    )


def _announced_words(ctx: ArticleContext, sentence: Sentence) -> str | None:
    """The registry person whose words a sentence with no speech verb announces: « les déclarations du chef
    de l'État », "the key quotes of President X", "X's remarks"."""
    if ctx.verb_groups(sentence.start, sentence.end):
        return None
    for words in _WORDS_OF.finditer(ctx.masked, sentence.start, sentence.end):
        if not _ANNOUNCING_LEAD.fullmatch(ctx.masked, sentence.start, words.start()):
            continue  # « Les réactions après les déclarations de X : »: others' words about X's
        end = ctx.clause_end(words.end(), sentence.end)
        found = ctx.resolve_np(words.end(), end, allow_description=False)
        if found.speaker is not None and not found.ambiguous and ctx.registry.get(found.speaker) is not None:
            return found.speaker
    for mention in ctx.mentions_in(sentence.start, sentence.end):
        if (
            mention.possessor
            and _WORDS_AFTER_POSSESSOR.match(ctx.masked, mention.end)
            and _ANNOUNCING_LEAD.fullmatch(ctx.masked, sentence.start, mention.start)
        ):
            return mention.speaker.id  # "Macron's key quotes" (not "Reactions to Macron's remarks")
    return None


def report_continues(ctx: ArticleContext, quote: Quote) -> Verdict | None:
    """A statement in a sentence of the writer's with no cue and nobody named, after an attributed quotation
    with nothing between that names or cues anyone: the report goes on. « « ... », a dit X. ⏎ La coopération
    « doit être renforcée dans tous les domaines ». » A few words in marks are left alone: a term."""
    span, sentence, index = quote.span, quote.sentence, quote.sentence_index
    if ctx.is_heading(sentence) or word_count(span.text(ctx.text)) <= SCARE_QUOTE_WORDS:
        return None
    if any(q < quote.index for q in sentence.quotes):
        return None  # another quotation of this sentence came first: the rules before had their say
    window = range(max(0, index - CONTINUED_REPORT_SENTENCES), index)
    written = [i for i in window if not ctx.is_heading(ctx.sentences[i])]  # headings aside
    quoted = [i for i in written if ctx.sentences[i].quotes]
    if not quoted:
        return None
    previous = ctx.sentences[quoted[-1]]
    last = ctx.decided.get(previous.quotes[-1])
    if last is None or last.speaker == UNKNOWN or last.kind == "scare":
        return None
    paragraphs_between = {ctx.sentences[i].paragraph for i in written if i > quoted[-1]} - {sentence.paragraph}
    if paragraphs_between or sentence.paragraph - previous.paragraph > 1 + _headings_between(ctx, previous, sentence):
        return None
    between = (previous.end, sentence.end)  # the sentences after the cue's, and this one
    if (
        ctx.mentions_in(*between)
        or ctx.verb_groups(*between)
        or ctx.after_only.search(ctx.masked, *between)  # « Le ministre a rétorqué : « ... » »
        or SOURCE_PREPOSITION.search(ctx.masked, *between)
        or ctx.names_someone(*between)
        or ctx.names_a_title(*between)  # "The prime minister hit back: “...”" after another's words
    ):
        return None
    return Verdict(last.speaker, None)


def _headings_between(ctx: ArticleContext, first: Sentence, last: Sentence) -> int:
    return sum(1 for p in range(first.paragraph + 1, last.paragraph) if ctx.article.paragraphs[p].is_heading)


def _standalone(ctx: ArticleContext, quote: Quote) -> bool:
    para = ctx.article.paragraphs[quote.sentence.paragraph]
    return quote.span.open_at >= para.start and _alone_in(ctx, quote, para.start, para.end)


def same_words_elsewhere(ctx: ArticleContext) -> None:
    """A quotation still unknown takes the speaker of the same words quoted elsewhere; a heading's, also of
    a quotation its words are part of (« « Loyauté et franchise » » over « ... loyauté et franchise ... »)."""
    keys = {q: f" {normalise(ctx.spans[q].text(ctx.text))} " for q in ctx.decided}
    in_heading = {quote.index for quote in ctx.quotes() if ctx.is_heading(quote.sentence)}
    quotes = {quote.index: quote for quote in ctx.quotes()}
    for q, result in list(ctx.decided.items()):
        if result.speaker != UNKNOWN or _mentioned_as_a_word(ctx, quotes[q]):
            continue
        part_of = q in in_heading and word_count(keys[q]) >= HEADING_FRAGMENT_WORDS
        others = {
            ctx.decided[p].speaker
            for p in ctx.decided
            if p != q and (keys[p] == keys[q] or (part_of and keys[q] in keys[p])) and ctx.decided[p].speaker != UNKNOWN
        }
        if len(others) == 1:
            kind = "partial" if result.kind == "scare" else result.kind
            ctx.decided[q] = Attribution(others.pop(), kind, None)


def _mentioned_as_a_word(ctx: ArticleContext, quote: Quote) -> bool:
    """A few words in marks that are the subject of the writer's verb in a sentence without a cue: the word
    itself is talked about ("“Tünkram” is Low German for nonsense"), whoever said it elsewhere."""
    span, sentence = quote.span, quote.sentence
    return (
        word_count(span.text(ctx.text)) <= TERM_MAX_WORDS
        and _VERB_AFTER_TERM[ctx.language].match(ctx.text, span.close_at + 1) is not None
        and not ctx.verb_groups(sentence.start, sentence.end)
    )


QUOTE_RULES: tuple[QuoteRule, ...] = (
    named_as_a_term,
    title_of_a_work,
    name_after_preposition,
    cue_after_quote,
    incise_inside_marks,
    parenthetical_gloss,
    term_as_subject,
    source_before_quote,
    source_heading_sentence,
    speaker_label_before_quote,
    credit_line_after_quote,
    quote_then_subject_heading,
    quote_resumes_after_its_cue,
    narrative_infinitive,
    speech_verb_before,
    inverted_cue_ending_sentence,
    subject_cue_ending_sentence,
    quoted_predicate,
    clause_before_colon,
    completive_of_quoted_words,
    quote_sentence_continues,
    cue_in_next_sentence,
    quote_paragraph_continues,
    report_continues,
)
ARTICLE_RULES: tuple[ArticleRule, ...] = (same_words_elsewhere,)
