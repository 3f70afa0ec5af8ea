"""``graphkit_lexicon``: known methods, datasets, tasks and venues from the pattern files in
:mod:`graphkit.extract.rules`."""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from graphkit.extract.candidates import LEXICON_KEY, LEXICON_MATCHES_KEY, Mention
from graphkit.extract.tokens import token_texts


class LexiconMatcher:
    """Known names from the pattern files: short names matched as written ("CLIP" is not "clip")
    and phrases in any case.

    One ``PhraseMatcher`` on LOWER finds both; a match of a short name counts only where the
    tokens are written as in one of its patterns. Writes ``doc.spans[spans_key]`` like two stacked
    ``span_ruler`` components did (the exact matches, then the case-folded ones, each deduplicated
    and sorted), and the same matches as :class:`Mention` tuples in ``doc.user_data`` for the
    classifier.
    """

    def __init__(self, nlp: Language, name: str, spans_key: str):
        self.name = name
        self.spans_key = spans_key
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._labels: dict[int, tuple] = {}  # match id -> (label, lexicon id, sort key)
        #: match id -> token texts of its patterns matched as written, and of its phrases in any case
        #: (lower-cased; None when the id has no pattern matched as written, so any match is one)
        self._exact: dict[int, set[tuple[str, ...]]] = {}
        self._folded: dict[int, set[tuple[str, ...]] | None] = {}
        self._tokenizer = nlp.tokenizer

    def add_patterns(self, rows: list[dict], case_sensitive) -> None:
        """Add ``{"label", "pattern", "id"}`` rows; ``case_sensitive(pattern)`` says which are matched as written."""
        groups: dict[tuple[str, str, bool], list[str]] = {}
        for row in rows:
            groups.setdefault((row["label"], row["id"], bool(case_sensitive(row["pattern"]))), []).append(
                row["pattern"]
            )
        unique = list(dict.fromkeys(row["pattern"] for row in rows))
        # spaCy's tokenizer caches only ``max_cache_size`` (10,000) text chunks, first come first kept:
        # the patterns must not take the places of the abstracts' words
        cache_size, self._tokenizer.max_cache_size = self._tokenizer.max_cache_size, 0
        try:
            docs = dict(zip(unique, self._tokenizer.pipe(unique)))  # one pass: thousands of one-call pipes cost more
        finally:
            self._tokenizer.max_cache_size = cache_size
        vocab = self.matcher.vocab
        strings = vocab.strings
        folded: dict[int, set[tuple[str, ...]]] = {}
        # ``PhraseMatcher.add`` makes a lexeme of each match key, computing every lexical attribute
        # with spaCy's Python getters; a key like "('METHOD', 'bert')" is never a token, so it gets none
        getters, vocab.lex_attr_getters = vocab.lex_attr_getters, {}
        try:
            for (label, ident, exact), texts in groups.items():
                key = repr((label, ident))
                match_id = strings.add(key)
                # (label, id) and the order spaCy sorts Spans by (label hash, then id hash)
                self._labels[match_id] = (label, ident, (strings.add(label), strings.add(ident)))
                words = [tuple(token.text for token in docs[text]) for text in texts]
                if exact:
                    self._exact.setdefault(match_id, set()).update(words)
                else:
                    folded.setdefault(match_id, set()).update(tuple(w.lower() for w in ws) for ws in words)
                self.matcher.add(key, [docs[text] for text in texts])
        finally:
            vocab.lex_attr_getters = getters
        self._folded = {match_id: (folded.get(match_id) if match_id in self._exact else None) for match_id in folded}

    def __call__(self, doc: Doc) -> Doc:
        labels, exact_words, folded_words = self._labels, self._exact, self._folded
        toks = token_texts(doc)[0]
        exact: set[tuple] = set()
        folded: set[tuple] = set()
        for match_id, start, end in self.matcher(doc):
            if start == end:
                continue
            found = (start, end, labels[match_id][2], match_id)
            if match_id in folded_words:
                phrases = folded_words[match_id]
                if phrases is None or tuple(map(str.lower, toks[start:end])) in phrases:
                    folded.add(found)
            if match_id in exact_words and tuple(toks[start:end]) in exact_words[match_id]:
                exact.add(found)
        matches = [Mention(start, end, labels[key][0], "lexicon", labels[key][1])
                   for found in (exact, folded) for start, end, _, key in sorted(found)]
        doc.spans[self.spans_key] = [Span(doc, m.start, m.end, label=m.label_, span_id=m.id_) for m in matches]
        doc.user_data[LEXICON_MATCHES_KEY] = matches  # the same, read by the classifier without the string store
        return doc


@Language.factory("graphkit_lexicon", assigns=["doc.spans"], default_config={"spans_key": LEXICON_KEY})
def make_lexicon(nlp: Language, name: str, spans_key: str) -> LexiconMatcher:
    return LexiconMatcher(nlp, name, spans_key)
