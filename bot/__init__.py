"""Quotebot: exact quotations of the people its speakers registry follows, with who said them and where."""

__version__ = "0.1.0"
