"""author_key's fast path for plain names gives exactly nameparser's key."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit import keys

# plain words, and words that make nameparser do more (titles, prefixes, suffixes, conjunctions)
WORDS = ["Sijie", "Mai", "Wei-Shi", "Zheng", "Jörg", "Tiedemann", "Ying", "ZENG", "o'neil", "van", "der", "de",
         "la", "Dr", "Jr", "III", "and", "Mc", "St", "Ma", "Li", "Ann-Marie", "J.", "吐尔逊", "Ψάρας", "Иван"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5))
def test_fast_path_equals_nameparser(words):
    name = " ".join(words)
    parts = keys._plain_parts(name)
    if parts is not None:
        assert tuple(keys._squash(p) for p in parts) == keys._nameparser_parts(name)


def test_fast_path_is_taken_for_plain_names_only():
    assert keys._plain_parts("Wei-Shi Zheng") == ("Wei-Shi", "Zheng")
    for name in ("Ludwig van Beethoven", "Zheng, Weishi", "J. Smith", "Dr Smith", "吐尔逊 吐妮可", "Madonna"):
        assert keys._plain_parts(name) is None
