"""Keys: folding only the non-ASCII runs of a text equals folding the whole text."""

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit.keys import abstract_key, fold, paper_id, title_key


def reference_fold(text: str) -> str:
    """The definition: decompose the whole text, drop every combining mark, casefold, collapse spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


def reference_title_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", reference_fold(text)).split())


# ASCII mixed with accents, combining marks (alone and stacked), ligatures, full-width and CJK letters
letters = st.sampled_from(
    list("aeiouAEIOU zZ_-.,'0") + ["é", "ü", "Ø", "ß", "İ", "ﬁ", "Ａ", "\u0301", "\u0327", "\u0323\u0302",
                                   "\u0344", "\u0f73", "\u3000", "’", "“", "李", "한", "ǅ", "Ω", "\u1dc0"]
)


@settings(max_examples=2000, deadline=None)
@given(st.lists(letters, max_size=24).map("".join))
def test_fold_and_title_key_equal_their_definition(text):
    assert fold(text) == reference_fold(text)
    assert title_key(text) == reference_title_key(text)
    assert abstract_key(text) == reference_title_key(text)


def test_a_title_decides_the_paper_id_and_an_empty_one_falls_back_to_the_abstract():
    assert paper_id("Café: a Study", "x") == paper_id("cafe a study", "y")
    assert paper_id("!!!", "Some abstract.") == paper_id(None, "some abstract") != paper_id("!!!", "other")
    assert paper_id("A", "x").startswith("t") and paper_id("", "x").startswith("a")
