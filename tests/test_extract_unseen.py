"""Error classes found on abstracts the rules were not tuned on (tests/data/acl_dev2.jsonl).

Each case is a real sentence (or a close paraphrase) and an entity that must, or must not, be
extracted from it. Names are compared after the gold scorer's normalisation.
"""

from __future__ import annotations

import pytest

from graphkit.extract import extract_text
from graphkit.extract.evaluate import normalise
from graphkit.extract.tokens import word_shape


def found(text: str) -> set[tuple[str, str]]:
    """(kind, normalised surface form) for every name and alias extracted from ``text``."""
    return {(e.kind, normalise(form)) for e in extract_text(text) for form in [e.name, *e.aliases]}


def kinds_of(text: str, name: str) -> set[str]:
    return {kind for kind, form in found(text) if form == normalise(name)}


@pytest.mark.parametrize(
    "text, name",
    [
        # research fields written capitalised are neither methods nor tasks
        (
            "Transformer models have advanced the state of the art in many Natural Language Processing (NLP) tasks.",
            "Natural Language Processing",
        ),
        (
            "Word Embeddings are widely applied in many Natural Language Processing (NLP) applications.",
            "Natural Language Processing",
        ),
        # a capitalised phrase cut at a language name is a fragment of a longer name
        (
            "We developed bi-directional translation models between Modern Standard Arabic and four Arabic dialects.",
            "Modern Standard",
        ),
        (
            "The regression model achieved the best root mean square error for Arabic Level of Dialectness estimation.",
            "Level of Dialectness estimation",
        ),
        # team names of shared-task papers
        ("This paper describes the participation of UMUTeam in the shared task.", "UMUTeam"),
        # companies, hardware, platforms and standards
        (
            "This paper describes the Global Tone Communication Co., Ltd.'s submission of the WMT21 shared news "
            "translation task.",
            "Global Tone Communication Co.",
        ),
        ("All the experiments were conducted on the P100 GPU from the Kaggle platform.", "P100"),
        ("All the experiments were conducted on the P100 GPU from the Kaggle platform.", "Kaggle"),
        (
            "We propose a new morphological description for Serbian following the representation defined by the ISO "
            "standard.",
            "ISO",
        ),
        ("Through evaluation using curated datasets from arXiv, books, and GitHub, we establish a benchmark.", "arXiv"),
        # words glued by a missing space or a dash
        (
            "In this work, this phenomenon is illustrated frWe first show that adversarial samples locate in minima.",
            "frWe",
        ),
        ("Aspect-Based Sentiment Analysis (ABSA)has gained much attention in recent years.", "ABSA)has"),
        (
            "We translate between Modern Standard Arabic and four specific Arabic dialects—Egyptian, Emirati and "
            "Jordanian.",
            "dialects—Egyptian",
        ),
        (
            "In this paper, we design a sparse attention that induces IR-axiomatic structures in transformer "
            "self-attention.",
            "IR-axiomatic",
        ),
        # a venue's name alone is no method
        (
            "We work on relationships as proposed by CogALex VI shared task in 2020. CogALex VI provided Subtask 1.",
            "CogALex",
        ),
        # content and media are no methods, even spelled out with an acronym
        (
            "NLP models perform poorly on user-generated content (UGC), which presents many lexical variations.",
            "user-generated content",
        ),
        # generic or evaluative words in front of a task do not make a task name
        ("The tool performs automatic detection of music in broadcast recordings.", "automatic detection"),
        ("Our study covers both past machine translation evaluation campaigns.", "past machine translation evaluation"),
        # capitalised phrases with no method head, not proposed by the paper: places, bodies, fields, people
        (
            "The corpus consists of the speeches given in the Parliament of Galicia by Members of Parliament.",
            "Parliament of Galicia",
        ),
        (
            "We analyse texts published in the Philosophical Transactions of the Royal Society.",
            "Philosophical Transactions",
        ),
        ("The buildings of Erich Mendelsohn are described in terms of movement.", "Erich Mendelsohn"),
        # spelled-out acronyms of things studied, not methods
        ("We forecast influenza-like illness (ILI) rates from tweets.", "ILI"),
        ("Large language models can reason over knowledge graphs (KGs). Each KG stores facts.", "KG"),
        ("We tag each word with its part of speech (PoS).", "PoS"),
        # shared-task team names
        (
            "This paper describes the KUIS-AI submission to the multilingual clause-level morphology shared task.",
            "KUIS-AI",
        ),
        ("We, team DELAB-IIITM, fine-tuned translation models for Indic languages.", "DELAB-IIITM"),
        # language pairs and field pairs written with a slash; words cut before a shared suffix
        ("We study code-mixed Hindi/English tweets.", "Hindi/English"),
        ("Practitioners increasingly adopt AI/ML tools.", "AI/ML"),
        ("We compare BERT- and ELMo-based taggers.", "BERT-"),
        # text in Chinese, Japanese or Korean glued into one "word" is no name
        (
            "本文提出了一种结合外部信息和全局对应矩阵的联合抽取模型EIGC, 并在三个任务上验证了有效性。",
            "本文提出了一种结合外部信息和全局对应矩阵的联合抽取模型EIGC",
        ),
        # sentences glued by a missing space, surnames, countries and economic indicators
        ("We model code summaries with the AST.Furthermore, we add a copy mechanism.", "AST.Furthermore"),
        ("Our rules follow the natural logic of MacCartney and Manning.", "MacCartney"),
        ("We scale ideal points of members of the U.S. Senate.", "U.S."),
        ("Central bank statements move GDP and CPI forecasts.", "GDP"),
        # languages and language pairs before a dataset head, proficiency levels in a list
        (
            "We present the parallel Spanish-Mazatec and Spanish-Mixtec corpus for machine translation.",
            "Spanish-Mixtec",
        ),
        ("We train on 300 hours of Japanese-speech data.", "Japanese-speech"),
        ("We annotate code-mixed tweets on the Hinglish dataset.", "Hinglish"),
        ("Essays are graded on the CEFR scale (A1, A2, B1, B2, C1) in our dataset.", "B1"),
        # translation directions, citations, metrics, sizes, negated names and hashtags
        ("We report results for English→Japanese and Chinese->English translation.", "English→Japanese"),
        ("We report results for English→Japanese and Chinese->English translation.", "Chinese->English"),
        ("Synsets follow the lexical hierarchy of WordNet (Miller,1995) closely.", "Miller,1995"),
        ("Our system reaches the best F1-measure and NDCG among the submissions.", "F1-measure"),
        ("Our system reaches the best F1-measure and NDCG among the submissions.", "NDCG"),
        ("The compressed model needs only 500MB of memory.", "500MB"),
        ("We compare BERT-based and non-BERT systems.", "non-BERT"),
        ("We collected tweets tagged #cookingFail and #bakingFail from Twitter.", "#cookingFail"),
        # a venue edition, a speed-up factor or "shared task" does not open a task name
        (
            "We participate in the WMT24 low-resource Indic language translation task.",
            "WMT24 low-resource Indic language translation",
        ),
        ("Our pruning method achieves 1.79x average compression.", "1.79x average compression"),
        (
            "This paper describes our submission to the shared task Multimodal Abusive Language Detection.",
            "shared task Multimodal Abusive Language Detection",
        ),
        ("We observe impressive cross-lingual transfer from English.", "impressive cross-lingual transfer"),
        ("Human-AI teams outperform each alone; we study human-AI collaboration in annotation.", "human-AI"),
        ("Contact us at someone@cs.example.edu for the data.", "someone@cs.example.edu"),
        # licenses, platforms, metrics, languages and vocabulary spelled out with an acronym
        ("The code is released under CC BY 4.0 on CodaLab.", "BY 4.0"),
        ("The code is released under CC BY 4.0 on CodaLab.", "CodaLab"),
        ("We translate tweets written in Moroccan Darija (MD) into English.", "MD"),
        ("Subword units reduce out-of-vocabulary (OOV) words.", "OOV"),
        ("The model reaches an accuracy of 85%.Our analysis shows why.", "85%.Our"),
        ("Scores are reported in BLEU and ChrF, and in UAS and LAS for parsing.", "ChrF"),
        ("Scores are reported in BLEU and ChrF, and in UAS and LAS for parsing.", "LAS"),
        # a bare "Science" ends field names, not a journal; French elisions glue an article to a name
        (
            "Our study contributes to Computational Social Science and to the Public Communication of Science.",
            "Science",
        ),
        (
            "Our study contributes to Computational Social Science and to the Public Communication of Science.",
            "Computational Social Science",
        ),
        ("Cet article présente une méthode d’Attribution d’Auteur pour le français.", "d’Attribution d’Auteur"),
        ("This paper presents our findings; the Shared Task attracted many teams.", "Shared Task"),
        # numbers, "e.g." and French function words open no task phrase
        ("We evaluate on seven benchmark text classification datasets.", "seven benchmark text classification"),
        ("The model handles many tasks, e.g. binary classification.", "e.g. binary classification"),
        (
            "Nous étudions ce que des expertises judiciaires en identification apportent.",
            "des expertises judiciaires en identification",
        ),
        # funding agencies
        ("The program was funded by DARPA to advance human language technology.", "DARPA"),
        # "vs." ends a task phrase
        (
            "Comparing Named-Entity Recognizers: Handcrafted Rules vs. Named-Entity Recognition systems.",
            "Rules vs. Named-Entity Recognition",
        ),
    ],
)
def test_not_an_entity(text, name):
    assert not kinds_of(text, name), found(text)


@pytest.mark.parametrize(
    "word, shape",
    [("frWe", "other"), ("ABSA)has", "other"), ("dialects—Egyptian", "other"), ("IR-axiomatic", "other"),
     ("cross-lingual", "lower"), ("BERT-large", "name"), ("mBERT", "name"), ("fastText", "name")],
)
def test_glued_word_shapes(word, shape):
    assert word_shape(word) == shape


def test_ambiguous_acronym_is_no_task_unless_defined():
    # in the ACL corpus MSA is mostly Modern Standard Arabic
    assert not kinds_of(
        "We integrate MSA predictions from the machine translation model.", "multimodal sentiment analysis"
    )
    assert kinds_of("Multimodal sentiment analysis (MSA) is an active field. MSA models fuse modalities.", "MSA") == {
        "task"
    }


@pytest.mark.parametrize(
    "text, kind, name",
    [
        # an acronym whose digit counts a letter ("AS2" = Answer Sentence Selection) still pairs with its long form
        ("Large transformer models can highly improve Answer Sentence Selection (AS2) tasks.", "task", "AS2"),
        (
            "Large transformer models can highly improve Answer Sentence Selection (AS2) tasks.",
            "task",
            "Answer Sentence Selection",
        ),
        # "NAME-based" tells how, not which task; the name is a method of its own
        (
            "Using a DeBERTa-based textual entailment model, we evaluate each role's semantic alignment.",
            "task",
            "textual entailment",
        ),
        (
            "Using a DeBERTa-based textual entailment model, we evaluate each role's semantic alignment.",
            "method",
            "DeBERTa",
        ),
        # a known dataset inside a task phrase ends the task's modifiers; "TREC" without a year is data
        (
            "Experiments on four fully supervised and few-shot TREC document ranking benchmarks demonstrate the "
            "advantage.",
            "dataset",
            "TREC",
        ),
        (
            "Experiments on four fully supervised and few-shot TREC document ranking benchmarks demonstrate the "
            "advantage.",
            "task",
            "document ranking",
        ),
        # shared tasks: the event is the venue, the task words may sit between "shared" and "task"
        ("This paper describes the submission of the WMT21 shared news translation task.", "venue", "WMT21"),
        (
            "In this paper, we describe our three submissions to the SIGMORPHON 2020 shared task 1 on "
            "grapheme-to-phoneme conversion for 15 languages.",
            "venue",
            "SIGMORPHON 2020",
        ),
        (
            "In this paper, we describe our three submissions to the SIGMORPHON 2020 shared task 1 on "
            "grapheme-to-phoneme conversion for 15 languages.",
            "task",
            "grapheme-to-phoneme conversion",
        ),
        ("Our system ranked third in the SemEval 2023 shared task: AfriSenti.", "venue", "SemEval 2023"),
        # a dataset head right before a name makes it a dataset
        (
            "We pre-train with 6 types of logical indicators and a logically rich dataset LoGic Pre-training (LGP).",
            "dataset",
            "LGP",
        ),
        (
            "To understand how disabled people in India use Twitter, we introduce a manually annotated corpus "
            "#DisabledOnIndianTwitter comprising of 2,384 tweets.",
            "dataset",
            "#DisabledOnIndianTwitter",
        ),
        # well-known tasks written with a hyphen
        (
            "OpenSR achieves state-of-the-art performance on audio-visual speech recognition and lip-reading.",
            "task",
            "lip-reading",
        ),
        (
            "We propose a novel framework for topic taxonomy expansion, named TopicExpan.",
            "task",
            "topic taxonomy expansion",
        ),
        # "research has focused on X" names a task; "multi-step" is part of a task, "two-stage" is how a method runs
        (
            "Extensive research has focused on vision-to-language generation, however, limited research has touched "
            "on it.",
            "task",
            "vision-to-language generation",
        ),
        (
            "They still struggle in complex multi-step reasoning problems such as mathematical reasoning.",
            "task",
            "multi-step reasoning",
        ),
        # a task named around an acronym pair keeps the pair
        (
            "Temporal knowledge graph (TKG) reasoning is a crucial task that has gained increasing research interest.",
            "task",
            "Temporal knowledge graph (TKG) reasoning",
        ),
        # a language name in front of a known model or a treebank belongs to its name
        (
            "We propose strong baselines with two transformer models, the Romanian BERT and the multilingual "
            "XLM-Roberta model.",
            "method",
            "Romanian BERT",
        ),
        (
            "We present the efforts of aligning two language resources for Romanian: the Romanian Reference "
            "Treebank and a lexicon.",
            "dataset",
            "Romanian Reference Treebank",
        ),
        # a head glued to "-based" is no part of the name before it
        (
            "We show that the MARBERT transformer-based proposed regression model achieved the best error.",
            "method",
            "MARBERT",
        ),
        # a version of a dataset the abstract defines is a dataset
        (
            "RED (Romanian Emotion Dataset) is a resource of tweets. In this work, we propose REDv2, an open-source "
            "extension of RED.",
            "dataset",
            "REDv2",
        ),
        # a venue acronym glued to its year opens a venue's name
        (
            "This paper presents our approach in the COLING2025-CoMeDi task in 7 languages.",
            "venue",
            "COLING2025-CoMeDi",
        ),
        (
            "This paper describes our system for SemEval-2022 Task 10 on structured sentiment analysis.",
            "venue",
            "SemEval-2022 Task 10",
        ),
        # a method head before "for" makes a capitalised phrase a method, though it ends in a task word
        (
            "We propose a Causal Intervention Module for Related Work Generation to reduce spurious correlations.",
            "method",
            "Causal Intervention Module for Related Work Generation",
        ),
        (
            "Then it performs Physiological Spectrum Modulation together with adaptive spectral selection.",
            "method",
            "Physiological Spectrum Modulation",
        ),
        # a well-known workshop defined in the text stays a venue
        (
            "This paper describes our system for the Workshop on NLP for Similar Languages, Varieties and Dialects "
            "(VarDial).",
            "venue",
            "VarDial",
        ),
        ("We describe our submission to WAT 2019 for Myanmar-English translation.", "venue", "WAT 2019"),
        # a dataset head before "for" inside a spelled-out acronym makes it a dataset
        (
            "We build the Source-free Domain Adaptation benchmark for rPPG measurement (SFDA-rPPG) to compare methods.",
            "dataset",
            "SFDA-rPPG",
        ),
        # a workshop at a conference: "WORKSHOP@CONFERENCEYEAR"
        ("This paper presents our submission at LT-EDI@EACL2024 on hope speech detection.", "venue", "LT-EDI@EACL2024"),
        ("We augment dictionaries from existing dictionaries and Wiktionaries.", "dataset", "Wiktionaries"),
        # models listed in a dataset-like list are still models
        (
            "We fine-tune several models, such as BERT-Base, Llama2-7B and Mistral-7B, on the benchmarks.",
            "method",
            "Llama2-7B",
        ),
        # numbered tasks of a shared-task series
        (
            "This paper describes our system for Subtask 1 of SemEval 2018 Task 2 on emoji prediction.",
            "venue",
            "Subtask 1 of SemEval 2018 Task 2",
        ),
        (
            "This paper describes our submission to the Seventh Conference of Machine Translation.",
            "venue",
            "Seventh Conference of Machine Translation",
        ),
        # lexical knowledge bases are resources (datasets), like FrameNet
        ("We map the senses to WordNet synsets.", "dataset", "WordNet"),
        # a capitalised phrase the paper proposes, or a technique name, is still a method
        (
            "In this work, we introduce Residual Prompt Tuning, a simple and efficient method.",
            "method",
            "Residual Prompt Tuning",
        ),
        (
            "We design Query-Directed Sparse attention that induces structures in transformer self-attention.",
            "method",
            "Query-Directed Sparse attention",
        ),
    ],
)
def test_entity_kind(text, kind, name):
    assert kinds_of(text, name) == {kind}, found(text)


@pytest.mark.parametrize(
    "text, name",
    [
        # a known task acronym before "-based", a task's name before "task"
        ("We evaluate with sophisticated fine-grained NLI-based metrics.", "NLI"),
        ("We apply prompt-based fine-tuning to the QE task for the first time.", "QE"),
    ],
)
def test_not_a_method(text, name):
    assert "method" not in kinds_of(text, name), found(text)


def test_task_name_before_a_dataset_head_is_no_dataset():
    assert "dataset" not in kinds_of("We fine-tune the reader on the QA dataset and report exact match.", "QA")


def test_venue_year_not_a_dataset():
    assert "dataset" not in kinds_of(
        "This paper describes the submission of the WMT21 shared news translation task.", "WMT21"
    )


def test_sentence_initial_capital_does_not_name_a_technique():
    text = ("Prompt tuning is one of the successful approaches for parameter-efficient tuning. "
            "Our method outperforms prompt tuning across T5-Base models.")
    forms = [form for e in extract_text(text) if normalise(e.name) == "prompt tuning" for form in [e.name, *e.aliases]]
    assert forms and all(form.islower() for form in forms)


@pytest.mark.parametrize(
    "text, wrong",
    [
        # acronyms whose usual meaning in NLP papers is not the lexicon's computer-vision or ML one
        ("We linearise the AST of each function before encoding it.", "Audio Spectrogram Transformer"),
        ("Continual learners suffer from CF when new tasks arrive.", "Collaborative Filtering"),
        ("Users talk to SDS through a telephone interface.", "Score Distillation Sampling"),
    ],
)
def test_ambiguous_acronym_keeps_no_foreign_long_form(text, wrong):
    assert all(e.name != wrong for e in extract_text(text))
