"""``graphkit_sentencizer``: spaCy's rule-based sentencizer, read from the bulk token texts."""

from __future__ import annotations

from itertools import compress, count

from spacy.lang.lex_attrs import is_punct
from spacy.language import Language
from spacy.pipeline import Sentencizer

from graphkit.extract.tokens import token_texts


class FastSentencizer(Sentencizer):
    """spaCy's rule-based ``Sentencizer`` with the same rule, read from the bulk token texts.

    The stock ``predict`` builds a Token object for every token; this one reads the token
    strings once (and leaves them cached for the later components), so the sentences are
    identical at a fraction of the cost.
    """

    def predict(self, docs):
        guesses = []
        punct_chars = self.punct_chars
        for doc in docs:
            toks = token_texts(doc)[0]
            n = len(toks)
            doc_guesses = [False] * n
            starts = [0] if toks else []
            if toks:
                doc_guesses[0] = True
                resume = 0
                # only the tokens after a sentence-final mark can open a sentence
                for i in list(compress(count(), map(punct_chars.__contains__, toks))):
                    if i < resume:
                        continue
                    j = i + 1
                    while j < n and (toks[j] in punct_chars or is_punct(toks[j])):
                        j += 1
                    if j < n:
                        doc_guesses[j] = True
                        starts.append(j)
                    resume = j
            if not doc.has_annotation("SENT_START"):  # these will be the doc's sentences: keep them
                doc.user_data["graphkit_sentence_starts"] = starts
            guesses.append(doc_guesses)
        return guesses


@Language.factory(
    "graphkit_sentencizer",
    assigns=["token.is_sent_start", "doc.sents"],
    default_config={"punct_chars": None, "overwrite": False},
)
def make_sentencizer(nlp: Language, name: str, punct_chars: list[str] | None, overwrite: bool) -> FastSentencizer:
    return FastSentencizer(name, punct_chars=punct_chars, overwrite=overwrite)
