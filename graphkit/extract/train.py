"""Training data and training for the extraction pipeline's ``ner`` (METHOD, DATASET, TASK, VENUE).

The data, each converted to spaCy docs tokenized like the extraction pipeline (:func:`blank_english`):

gold sets (``GOLD.gold.jsonl`` + the input files they name)
    abstracts annotated by reading them (``shared/gold/GUIDELINE.md``). A record lists each entity's
    surface forms, not offsets: every occurrence of a form on word boundaries in the abstract is
    marked (longer forms first). Sets named in ``split_sets`` (cv-dev, acl-dev) are split by a hash
    of each record's id: the held-out part (:func:`held_out`) is never trained on.
SciERC (``scierc_*.jsonl``)
    its conventions differ from ours, so its labels are mapped, not copied: a ``Method`` with a
    capital letter is a METHOD, one in lower case is left unannotated (a generic phrase for SciERC,
    unscored for us); a ``Task`` is a TASK; a ``Material`` ending in a dataset head ("... corpus") is a
    DATASET without that head, other capitalised Materials ("English") are left unannotated;
    ``Metric``, ``Generic`` and ``OtherScientificTerm`` are outside any entity.
dataset mentions (``dataset_mentions_train.jsonl``)
    sentences with dataset-name spans (their trailing head word dropped, "A and B dataset" split in
    two); a sentence's other name-shaped words are left unannotated (they may be methods, which the
    set does not mark), its lower-case words are outside. A hash of the sentence id holds a part of
    the sentences out (:func:`held_out`) for the dataset-name figure.

"Unannotated" tokens are *missing* for spaCy's ``ner``: no loss either way. :func:`train` builds
the pipeline from ``training/config.cfg`` and runs spaCy's training loop; the result is a spaCy
pipeline folder whose ``ner`` :func:`graphkit.extract.language.build_nlp` puts beside the rules.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from graphkit.errors import GraphkitError

__all__ = [
    "CONFIG",
    "TrainingData",
    "Sample",
    "held_out",
    "gold_samples",
    "scierc_samples",
    "dataset_mention_samples",
    "collect",
    "to_docbin",
    "train",
    "held_out_part",
]

#: the training configuration shipped with the package
CONFIG = Path(__file__).with_name("training") / "config.cfg"

#: gold sets split into a trained and a held-out part (by file name stem)
SPLIT_SETS = ("cv-dev", "acl-dev")

#: the share of a split set's records (and of the dataset-mention sentences) held out
HELD_OUT_FRACTION = 0.5
DATASET_MENTIONS_HELD_OUT = 0.2

_KIND_FIELDS = {"methods": "METHOD", "datasets": "DATASET", "tasks": "TASK", "venues": "VENUE"}
_DATASET_HEADS = re.compile(
    r"(?:\s+(?:data\s*sets?|datasets?|corpus|corpora|benchmarks?|database|collection|test\s*set))+$",
    re.IGNORECASE,
)


def held_out(ident: str, fraction: float = HELD_OUT_FRACTION) -> bool:
    """Whether the record ``ident`` belongs to the held-out part: a stable hash, no seed to forget.

    >>> held_out("cvpr24-123") == held_out("cvpr24-123")
    True
    >>> sum(held_out(f"doc-{i}") for i in range(1000)) in range(450, 551)
    True
    """
    digest = hashlib.sha1(ident.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < fraction


def record_id(row: dict) -> str:
    """A gold record's identity: its ``id``, else ``source#index``."""
    return str(row.get("id") or f"{row.get('source')}#{row.get('index', 0)}")


@dataclass
class Sample:
    """One text with character spans: ``(start, end, label)`` entities and ``(start, end)`` missing ranges."""

    ident: str
    text: str
    entities: list[tuple[int, int, str]] = field(default_factory=list)
    missing: list[tuple[int, int]] = field(default_factory=list)
    origin: str = ""


def _occurrences(text: str, form: str) -> Iterator[tuple[int, int]]:
    if not form.strip():
        return
    pattern = re.compile(r"(?<!\w)" + re.escape(form) + r"(?!\w)")
    for match in pattern.finditer(text):
        yield match.start(), match.end()


def mark_forms(text: str, entities: Iterable[tuple[str, Iterable[str]]]) -> list[tuple[int, int, str]]:
    """Every occurrence of every surface form, longest first, without overlaps.

    >>> text = "We train BERT and BERT-large on SQuAD."
    >>> mark_forms(text, [("METHOD", ["BERT", "BERT-large"]), ("DATASET", ["SQuAD"])])
    [(9, 13, 'METHOD'), (18, 28, 'METHOD'), (32, 37, 'DATASET')]
    """
    found = []
    for label, forms in entities:
        for form in set(forms):
            for start, end in _occurrences(text, form):
                found.append((start, end, label))
    found.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    taken = bytearray(len(text))
    chosen = []
    for start, end, label in found:
        if any(taken[start:end]):
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append((start, end, label))
    return sorted(chosen)


def gold_samples(gold: Path, search: list[Path] | None = None) -> list[Sample]:
    """The abstracts of a gold file with their annotated mentions (see :func:`mark_forms`)."""
    from graphkit.extract.evaluate import gold_papers, load_gold

    rows = load_gold(gold)
    papers = gold_papers(rows, search or [gold.parent])
    samples = []
    for row, paper in zip(rows, papers):
        text = paper.abstract or ""
        entities = [(label, forms) for key, label in _KIND_FIELDS.items() for forms in row.get(key) or []]
        samples.append(Sample(record_id(row), text, mark_forms(text, entities), origin=gold.name))
    return samples


def _name_shaped(word: str) -> bool:
    return any(c.isupper() or c.isdigit() for c in word)


def scierc_samples(path: Path) -> list[Sample]:
    """SciERC abstracts with its labels mapped to ours (see the module docstring)."""
    samples = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        text = row["text"]
        sample = Sample(str(row.get("doc_key")), text, origin=path.name)
        for ent in row.get("entities", []):
            start, end, label = ent["start"], ent["end"], ent["label"]
            surface = text[start:end]
            if label == "Method":
                if _name_shaped(surface):
                    sample.entities.append((start, end, "METHOD"))
                else:
                    sample.missing.append((start, end))
            elif label == "Task":
                sample.entities.append((start, end, "TASK"))
            elif label == "Material":
                head = _DATASET_HEADS.search(surface)
                if head and _name_shaped(surface[: head.start()]):
                    sample.entities.append((start, start + head.start(), "DATASET"))
                elif _name_shaped(surface):
                    sample.missing.append((start, end))
        samples.append(sample)
    return samples


def _split_dataset_span(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """ "MegaFace dataset" -> "MegaFace"; "IndBAN and IndDEV dataset" -> "IndBAN", "IndDEV"."""
    surface = text[start:end]
    head = _DATASET_HEADS.search(surface)
    if head and head.start() > 0:
        surface = surface[: head.start()]
    parts = []
    offset = 0
    for piece in re.split(r"(,\s*|\s+and\s+|\s+or\s+)", surface):
        if piece and not re.fullmatch(r",\s*|\s+and\s+|\s+or\s+", piece):
            parts.append((start + offset, start + offset + len(piece)))
        offset += len(piece)
    if len(parts) > 1 and not all(_name_shaped(text[a:b]) for a, b in parts):
        parts = [(start, start + len(surface))]  # "Labeled Faces in the Wild": one name with a lower-case word
    return [(a, b) for a, b in parts if b > a]


def dataset_mention_samples(path: Path) -> list[Sample]:
    """Sentences of the dataset-mention set (see the module docstring)."""
    samples = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        text = row["text"]
        sample = Sample(str(row["id"]), text, origin=path.name)
        covered = bytearray(len(text))
        for ent in row.get("entities", []):
            for start, end in _split_dataset_span(text, ent["start"], ent["end"]):
                sample.entities.append((start, end, "DATASET"))
            covered[ent["start"] : ent["end"]] = b"\x01" * (ent["end"] - ent["start"])
        for match in re.finditer(r"\S+", text):
            if not any(covered[match.start() : match.end()]) and _name_shaped(match.group()):
                sample.missing.append((match.start(), match.end()))
        samples.append(sample)
    return samples


@dataclass
class TrainingData:
    """Where the training data is: gold files and the public training folder."""

    gold: list[Path]
    training: Path | None = None
    annotated: list[Path] = field(default_factory=list)
    use_scierc: bool = True
    use_dataset_mentions: bool = True
    #: folders where the input files the gold records name are found (besides each gold file's own)
    inputs: list[Path] = field(default_factory=list)


def _gold_files(paths: Iterable[Path]) -> list[Path]:
    files = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(sorted(path.glob("*.gold.jsonl")))
        elif path.is_file():
            files.append(path)
        else:
            raise GraphkitError(f"{path}: no such gold file or folder")
    return files


def collect(data: TrainingData, dev_fraction: float = 0.1) -> dict[str, list[Sample]]:
    """``{"train": [...], "dev": [...], "held_out": [...]}``.

    ``held_out`` is the held-out part of the split gold sets and of the dataset-mention sentences:
    never trained on, never used to pick a model. ``dev`` (a hashed share of the rest) picks the
    best checkpoint.
    """
    parts: dict[str, list[Sample]] = {"train": [], "dev": [], "held_out": []}

    def put(sample: Sample, fraction: float | None) -> None:
        if fraction is not None and held_out(sample.ident, fraction):
            parts["held_out"].append(sample)
        elif held_out("dev:" + sample.ident, dev_fraction):
            parts["dev"].append(sample)
        else:
            parts["train"].append(sample)

    for gold in _gold_files([*data.gold, *data.annotated]):
        stem = gold.name.removesuffix(".gold.jsonl")
        for sample in gold_samples(gold, [gold.parent, *data.inputs]):
            put(sample, HELD_OUT_FRACTION if stem in SPLIT_SETS else None)
    if data.training is not None:
        if data.use_scierc:
            for name in ("scierc_train.jsonl", "scierc_dev.jsonl"):
                if (data.training / name).is_file():
                    for sample in scierc_samples(data.training / name):
                        put(sample, None)
        mentions = data.training / "dataset_mentions_train.jsonl"
        if data.use_dataset_mentions and mentions.is_file():
            for sample in dataset_mention_samples(mentions):
                put(sample, DATASET_MENTIONS_HELD_OUT)
    return parts


def to_docbin(samples: Iterable[Sample], nlp):
    """A ``DocBin`` of the samples, tokenized by ``nlp``; spans off token boundaries become missing."""
    from spacy.tokens import DocBin
    from spacy.util import filter_spans

    docbin = DocBin(store_user_data=False)
    for sample in samples:
        doc = nlp.make_doc(sample.text)
        ents, missing = [], []
        for start, end, label in sample.entities:
            span = doc.char_span(start, end, label=label)
            if span is None:
                loose = doc.char_span(start, end, alignment_mode="expand")
                if loose is not None:
                    missing.append(loose)
                continue
            ents.append(span)
        for start, end in sample.missing:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                missing.append(span)
        ents = filter_spans(ents)  # SciERC nests entities; the longest wins
        ent_tokens = {i for span in ents for i in range(span.start, span.end)}
        unknown = {i for span in missing for i in range(span.start, span.end)} - ent_tokens
        doc.set_ents(ents, missing=[doc[i : i + 1] for i in sorted(unknown)], default="outside")
        docbin.add(doc)
    return docbin


def train(
    data: TrainingData,
    output: Path,
    config: Path = CONFIG,
    max_steps: int | None = None,
    max_seconds: float | None = None,
    seed: int = 0,
    log=print,
) -> dict:
    """Train the ``ner`` on ``data`` and save the pipeline to ``output``; returns a summary.

    The loop follows spaCy's (``[training]`` of the config: optimizer, batcher, dropout,
    ``eval_frequency``, ``patience``, ``max_steps``, parameter averages for scoring and saving)
    and keeps the checkpoint with the best ``ents_f`` on the dev part. ``max_steps`` overrides the
    config's; ``max_seconds`` also ends training after that long.
    """
    import spacy
    from spacy.schemas import ConfigSchemaTraining
    from spacy.training.initialize import init_nlp
    from spacy.util import registry, resolve_dot_names

    from graphkit.extract.tokens import blank_english

    parts = collect(data)
    if not parts["train"]:
        raise GraphkitError("no training data found: give gold files (--gold) or the training folder (--data)")
    if not parts["dev"]:
        parts["dev"] = parts["train"][-max(1, len(parts["train"]) // 10) :]
    started = time.monotonic()
    tokenizer_nlp = blank_english()
    work = Path(tempfile.mkdtemp(prefix="graphkit-train-"))
    try:
        for name in ("train", "dev"):
            to_docbin(parts[name], tokenizer_nlp).to_disk(work / f"{name}.spacy")
        overrides = {"paths.train": str(work / "train.spacy"), "paths.dev": str(work / "dev.spacy"),
                     "system.seed": seed}
        if max_steps is not None:
            overrides["training.max_steps"] = max_steps
        cfg = spacy.util.load_config(config, overrides=overrides, interpolate=False)
        nlp = init_nlp(cfg)
        nlp.tokenizer.suffix_search = tokenizer_nlp.tokenizer.suffix_search  # the extraction pipeline's tokens
        resolved = nlp.config.interpolate()
        T = registry.resolve(resolved["training"], schema=ConfigSchemaTraining)
        train_corpus, dev_corpus = resolve_dot_names(resolved, [T["train_corpus"], T["dev_corpus"]])
        examples = list(train_corpus(nlp))
        dev_examples = list(dev_corpus(nlp))
        optimizer, batcher = T["optimizer"], T["batcher"]
        rng = random.Random(seed)
        best, best_bytes, best_step, step = -1.0, None, 0, 0
        done = False
        while not done:
            rng.shuffle(examples)
            for batch in batcher(examples):
                losses: dict = {}
                nlp.update(batch, drop=T["dropout"], sgd=optimizer, losses=losses)
                step += 1
                out_of_time = max_seconds is not None and time.monotonic() - started > max_seconds
                last = out_of_time or (T["max_steps"] and step >= T["max_steps"])
                if step % T["eval_frequency"] == 0 or last:
                    with nlp.use_params(optimizer.averages):
                        score = nlp.evaluate(dev_examples)["ents_f"] or 0.0
                        if score > best:
                            best, best_bytes, best_step = score, nlp.to_bytes(), step
                    log(f"step {step}: loss {losses.get('ner', 0.0):.1f}, dev ents_f {score:.3f} "
                        f"(best {best:.3f} at {best_step}), {time.monotonic() - started:.0f}s")
                    if T["patience"] and step - best_step >= T["patience"]:
                        last = True
                if last:
                    done = True
                    break
        nlp.from_bytes(best_bytes)
        nlp.meta["performance"] = {"dev_ents_f": round(best, 4), "steps": best_step}
        if output.exists():
            shutil.rmtree(output)
        nlp.to_disk(output)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {
        "train": len(parts["train"]),
        "dev": len(parts["dev"]),
        "held_out": len(parts["held_out"]),
        "steps": step,
        "best_step": best_step,
        "dev_ents_f": round(best, 4),
        "seconds": round(time.monotonic() - started, 1),
        "output": str(output),
    }


def held_out_part(rows: list[dict], gold: Path) -> list[dict]:
    """The held-out records of a split gold set (:data:`SPLIT_SETS`); any other set is an error."""
    stem = Path(gold).name.removesuffix(".gold.jsonl").removesuffix(".jsonl")
    if stem not in SPLIT_SETS:
        raise GraphkitError(
            f"{gold}: only {', '.join(SPLIT_SETS)} are split into trained and held-out parts (drop --held-out)"
        )
    return [row for row in rows if held_out(record_id(row))]
