"""Quotebot: exact quotations of Putin and Kim Jong-un, with who said them and where."""

__version__ = "0.1.0"
