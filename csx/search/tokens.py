"""Names as people type them: with or without their symbols, spaced or not.

    typed_together("AT & T")        "AT&T"    (and "AT and T": a name of initials)
    name_parts("ritz-carlton")      ("ritz", "carlton")
    joined(("at", "t"))              "att"
    name_key("The Ritz-Carlton")     "ritzcarlton", as search_name() computes it in SQL
    joined_forms(text)               the words of a text's names written as one word

The index holds each name's joined form too (index.entry_for), so that "att" and
"ritzcarlton" find "AT&T" and "The Ritz-Carlton" on both databases: each database splits
"AT&T" into "at" and "t", which are stop words to PostgreSQL.
"""

import re

from csx.search.words import words_of

# Initials joined by "&" or "and", however spaced: "AT & T", "AT and T", "P&G".
INITIALS = re.compile(r"(?<![\w&])(\w{1,2})\s*(?:&|\band\b)\s*(\w{1,2})(?![\w&])", re.IGNORECASE)
# A word with symbols inside it: "AT&T", "ritz-carlton", "e-commerce", "amazon.com".
SYMBOLED = re.compile(r"\w+(?:[&.\-]\w+)+")
# Marks a name may be typed with or without: spaces, apostrophes, hyphens, "&" and dots.
NAME_MARKS = ("'", "’", "-", "&", ".", " ")


def typed_together(text):
    return INITIALS.sub(r"\1&\2", text)


def name_parts(token):
    """The words of a name with symbols inside it ("AT&T" → ("at", "t")), or () for any
    other token."""
    core = token.strip("\"'’()[]{},;:!?")
    return words_of(core) if SYMBOLED.fullmatch(core) else ()


def is_plain_word(token):
    """A token of letters only, that may be half of a compound word ("zen", "desk")."""
    return token.isalpha() and token.upper() != "OR"


def joined(parts):
    return "".join(parts)


def name_key(text):
    """A name without the marks it may be typed with or without, nor a leading "the"."""
    key = text.lower().strip()
    key = key.removeprefix("the ")
    key = typed_together(key)
    for mark in NAME_MARKS:
        key = key.replace(mark, "")
    return key


def search_name(column):
    """name_key() of a column, in SQL both databases run (lower, replace, substr)."""
    sql = f"lower({column})"
    sql = f"(CASE WHEN {sql} LIKE 'the %%' THEN substr({sql}, 5) ELSE {sql} END)"
    for mark in NAME_MARKS:
        quoted = mark.replace("'", "''")
        sql = f"replace({sql}, '{quoted}', '')"
    return sql


def joined_forms(text):
    """The joined form of each name with symbols in `text` ("at&t" → "att"), once each."""
    forms = {joined(words_of(token)) for token in SYMBOLED.findall(text.lower())}
    return sorted(forms)
