"""FTS5 match strings, as `bot.core.search` builds them, read into PostgreSQL tsquery text.

The library speaks FTS5's query language to `Store.candidates` ("(\"a\" OR \"b\") AND (\"c\")",
'NEAR("a" "b", 1)'); PostgreSQL's store reads the same strings. What FTS5 accepts and this reads:
phrases (quoted, or bare words) -> their tokens joined by <->; `AND` and juxtaposition -> &; `OR` -> |;
`a NOT b` -> a & !b; a trailing `*` -> :* on the last token; parentheses; `norm :` column filters (there is
one column) are dropped. Precedence as in FTS5: NOT, then AND, then OR.

NEAR(p1 p2 ..., N) has no tsquery counterpart (<N> is one distance, in one order): it reads as the AND of
its phrases, and a NEAR that is one of the top-level AND's terms is also returned as a `Near`, which the
store checks exactly on the positions of the quotation's tsvector (`quotebot_near`, see schema). A NEAR
under an OR or a NOT stays the AND of its phrases: more hits, never fewer.

Tokens are what the index holds: runs of letters and digits (`TOKEN`), the words that `index_words` gives
the tsvector. The store hands the text to to_tsquery with its configuration, which stems each token as it
stemmed the quotations'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TOKEN = re.compile(r"[^\W_]+")  # letters and digits, as FTS5's unicode61 splits (underscore separates)
_LEXER = re.compile(r'\s*(?:(")((?:[^"]|"")*)"|(\()|(\))|(\*)|(:)|(,)|(\^)|([^\s"()*:,^]+))')


class MatchSyntaxError(ValueError):
    """A match string FTS5 would refuse too; the store answers it with no candidates, as FTS5's does."""


def index_words(norm: str) -> str:
    """The tokens of a folded text, one space apart: what PostgreSQL's parser turns into one lexeme each
    (the hyphen, the apostrophe and the dot would otherwise make compound words, hosts and numbers of it)."""
    return " ".join(TOKEN.findall(norm))


@dataclass(frozen=True)
class Near:
    """Every one of these tokens within a window of `span` + 2 tokens (FTS5's NEAR: at most `span` tokens
    between the first and the last)."""

    words: str
    span: int


@dataclass(frozen=True)
class Translated:
    tsquery: str  # for to_tsquery(configuration, ...)
    near: tuple[Near, ...] = ()  # also required: each one checked on the positions


def translate(match: str) -> Translated | None:
    """The tsquery of an FTS5 match string; None when it can match nothing (no token in it)."""
    parser = _Parser(_tokens(match))
    tree = parser.expression()
    if not parser.at_end():
        raise MatchSyntaxError(f"unexpected {parser.peek()!r} in {match!r}")
    if tree is None:
        return None
    near: list[Near] = []
    for term in tree[1:] if tree[0] == "and" else [tree]:
        if term[0] == "near":
            near.append(term[2])
    return Translated(_render(tree), tuple(near))


# ---- reading -------------------------------------------------------------------------------------

Node = tuple  # ("phrase", tokens, prefix) | ("and", *nodes) | ("or", *nodes) | ("not", a, b) | ("near", and, Near)


def _tokens(match: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    at = 0
    while at < len(match):
        if match[at:].strip() == "":
            break
        got = _LEXER.match(match, at)
        if got is None:
            raise MatchSyntaxError(f"cannot read {match[at:]!r}")
        at = got.end()
        quote, quoted, opening, closing, star, colon, comma, caret, bare = got.groups()
        if quote:
            found.append(("string", quoted.replace('""', '"')))
        elif opening:
            found.append(("(", opening))
        elif closing:
            found.append((")", closing))
        elif star:
            found.append(("*", star))
        elif colon:
            found.append((":", colon))
        elif comma:
            found.append((",", comma))
        elif caret:
            found.append(("^", caret))
        elif bare in ("AND", "OR", "NOT"):
            found.append((bare, bare))
        else:
            found.append(("bare", bare))
    return found


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.at = 0

    def peek(self) -> str | None:
        return self.tokens[self.at][0] if self.at < len(self.tokens) else None

    def at_end(self) -> bool:
        return self.at >= len(self.tokens)

    def take(self, kind: str) -> str:
        if self.peek() != kind:
            raise MatchSyntaxError(f"expected {kind!r}, found {self.peek()!r}")
        value = self.tokens[self.at][1]
        self.at += 1
        return value

    def expression(self) -> Node | None:  # OR, the loosest
        terms = [self.conjunction()]
        while self.peek() == "OR":
            self.take("OR")
            terms.append(self.conjunction())
        return _join("or", terms)

    def conjunction(self) -> Node | None:  # AND, or terms side by side
        terms = [self.negation()]
        while self.peek() in ("AND", "string", "bare", "(", "^") and self.peek() != "OR":
            if self.peek() == "AND":
                self.take("AND")
            terms.append(self.negation())
        return _join("and", terms)

    def negation(self) -> Node | None:  # a NOT b, the tightest
        node = self.primary()
        while self.peek() == "NOT":
            self.take("NOT")
            other = self.primary()
            if node is not None and other is not None:
                node = ("not", node, other)
        return node

    def primary(self) -> Node | None:
        kind = self.peek()
        if kind == "(":
            self.take("(")
            node = self.expression()
            self.take(")")
            return node
        if kind == "bare" and self.tokens[self.at][1] == "NEAR" and self._next_is("("):
            return self.near()
        if kind == "bare" and self._next_is(":"):  # a column filter: the index has one column
            self.take("bare")
            self.take(":")
            return self.primary()
        return self.phrase()

    def _next_is(self, kind: str) -> bool:
        return self.at + 1 < len(self.tokens) and self.tokens[self.at + 1][0] == kind

    def phrase(self) -> Node | None:
        if self.peek() == "^":  # "at the start of the column": read as anywhere
            self.take("^")
        kind = self.peek()
        if kind not in ("string", "bare"):
            raise MatchSyntaxError(f"expected a phrase, found {kind!r}")
        words = TOKEN.findall(self.take(kind))
        prefix = False
        if self.peek() == "*":
            self.take("*")
            prefix = True
        return ("phrase", tuple(words), prefix) if words else None

    def near(self) -> Node | None:
        self.take("bare")
        self.take("(")
        phrases: list[Node | None] = []
        span = 10  # FTS5's default
        while self.peek() not in (")", ",", None):
            found = self.phrase()
            if found is not None:
                phrases.append(found)
        if self.peek() == ",":
            self.take(",")
            number = self.take("bare")
            if not number.isdigit():
                raise MatchSyntaxError(f"NEAR takes a number of tokens, found {number!r}")
            span = int(number)
        self.take(")")
        every = _join("and", phrases)
        if every is None:
            return None
        if sum(p is not None for p in phrases) < 2:
            return every
        words = " ".join(w for p in phrases if p is not None for w in p[1])
        return ("near", every, Near(words, span))


def _join(kind: str, terms: list[Node | None]) -> Node | None:
    kept = [t for t in terms if t is not None]
    if not kept:
        return None
    return kept[0] if len(kept) == 1 else (kind, *kept)


def _render(node: Node) -> str:
    kind = node[0]
    if kind == "phrase":
        words, prefix = node[1], node[2]
        rendered = [f"'{w}'" for w in words]
        if prefix:
            rendered[-1] += ":*"
        return rendered[0] if len(rendered) == 1 else "(" + " <-> ".join(rendered) + ")"
    if kind == "near":
        return _render(node[1])
    if kind == "not":
        return f"({_render(node[1])} & !{_render(node[2])})"
    operator = " & " if kind == "and" else " | "
    return "(" + operator.join(_render(n) for n in node[1:]) + ")"
