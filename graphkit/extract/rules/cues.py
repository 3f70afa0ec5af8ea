"""Lexical cues the extraction rules share: head nouns, context verbs, stop lists.

Kept apart from the components so the rules read as logic and the word lists as data.
"""

from __future__ import annotations

from spacy.lang.en.stop_words import STOP_WORDS

from graphkit.extract.rules import load_words

#: a name followed by (or ending in) one of these is a dataset
DATASET_HEADS = frozenset(
    "dataset datasets data-set corpus corpora benchmark benchmarks treebank treebanks database "
    "databases collection collections repository testbed test-set testset suite leaderboard".split()
)

#: a name followed by (or ending in) one of these is a method
METHOD_HEADS = frozenset(
    "model models network networks net nets framework frameworks architecture architectures module "
    "modules loss losses algorithm algorithms method methods approach approaches encoder encoders "
    "decoder decoders layer layers mechanism mechanisms transformer transformers strategy strategies "
    "system systems classifier classifiers pipeline pipelines tagger parser parsers embedding "
    "embeddings regularizer regularization attention estimator optimizer technique techniques "
    "scheme agent agents toolkit adapter adapters block blocks head heads kernel "
    "procedure paradigm generator discriminator backbone policy policies objective operator "
    "filter filtering prompting".split()
)

#: a name followed by one of these is a venue (challenge, workshop, conference)
VENUE_HEADS = frozenset(
    "challenge challenges workshop workshops conference symposium competition shared-task track".split()
)

#: the last word of a research-task noun phrase
TASK_HEADS = frozenset(
    """analysis recognition detection classification translation generation summarization segmentation
    retrieval prediction estimation answering reasoning parsing tagging extraction completion
    adaptation generalization synthesis captioning tracking localization localisation reconstruction
    re-identification reidentification identification recommendation screening discovery
    moderation understanding editing forecasting computing modeling modelling labeling labelling
    labelling verification resolution disambiguation linking normalization simplification
    correction induction inference diagnosis prognosis matching grounding navigation planning
    manipulation transcription anti-spoofing spoofing trading compression distillation
    quantization pruning curation annotation clustering ranking search retrieval-augmented
    categorization entailment paraphrasing paraphrase filling tracking understanding restoration
    enhancement super-resolution denoising deblurring inpainting colorization registration
    mining profiling generation-based attribution watermarking debiasing detoxification
    fact-checking checking counting interpretation comprehension transliteration lemmatization
    segmentation-based stemming chunking diarization spotting separation conversion
    coreference captioning evaluation synthesis dialogue visualization visualisation
    acquisition authentication surveillance assessment alignment perception""".split()
)

#: words that open no task phrase: evaluative or era adjectives ("adaptive interaction modeling" is
#: "interaction modeling"), prepositions spaCy does not list as stop words, verbs that are also nouns,
#: and French function words (French abstracts: "des expertises en identification")
TASK_PHRASE_STOPPERS = frozenset(
    """adaptive modern high low like unlike versus vs vs. per lack lacks
    de des du la le les en et que ce une un pour dans sur par au aux est""".split()
)

#: degree words that take the next word with them ("high quality", "low precision"): neither opens a task
DEGREE_WORDS = frozenset("high higher low lower".split())

#: heads that are tasks only with a modifier in front ("feature extraction" is not a task name alone)
GENERIC_TASK_HEADS = frozenset(
    """analysis generation prediction estimation extraction completion optimization search evaluation
    inference induction correction matching modeling modelling understanding alignment editing
    annotation clustering ranking mining conversion interpretation acquisition identification
    planning verification reasoning resolution restoration enhancement visualization visualisation
    adaptation generalization fusion compression curation discovery screening trading moderation perception""".split()
)

#: heads after a task phrase that name what solves or measures the task ("speech recognition systems",
#: "cross-view geo-localization methods", "question-answering datasets"): the phrase before them is still the task
TASK_SOLVER_HEADS = frozenset(
    "methods approaches models system systems framework frameworks techniques datasets benchmarks corpora".split()
)

#: singular heads of a part of a method: a capitalised name before one is a method ("Face Info Mining module")
COMPONENT_HEADS = frozenset(
    "module block network layer mechanism unit branch encoder decoder component strategy framework architecture "
    "loss".split()
)

#: nouns ending in "-ly" that are no adverbs ("anomaly" ends in "-aly" and needs no entry)
LY_NOUNS = frozenset("family assembly supply reply italy july ally".split())

#: words right before a phrase that name it a task ("tackle X", "focus on X", "the task of X")
TASK_CONTEXT_BEFORE = frozenset("tackle tackles tackling address addresses addressing".split())
TASK_CONTEXT_BEFORE_ON = frozenset("focus focuses focused focusing task problem".split())
#: things built for a task: "a tool for X", "a pipeline for X"
TOOL_WORDS = frozenset("tool tools toolkit toolkits software library solution solutions".split())
#: words right after a phrase that name it a task ("X tasks", "the X problem")
TASK_CONTEXT_AFTER = frozenset("task tasks problem problems".split())

#: heads of phrases that look like tasks but are properties or components of a method
NON_TASK_PHRASE_HEADS = frozenset("performance accuracy quality results".split())

#: modifiers that never start or sit inside a task name ("accurate prediction" is not a task)
NON_TASK_MODIFIERS = frozenset(
    """accurate effective efficient robust existing traditional novel new better improved improving
    improve improves challenging important various different such many several recent previous
    current conventional standard general specific related further additional extensive
    comprehensive simple strong superior good high-quality low-quality precise reliable competitive
    promising powerful significant substantial overall final initial proposed resulting typical
    common popular prior subsequent downstream upstream key main major crucial critical essential
    fundamental successful faithful better worse large small-scale large-scale state-of-the-art
    sota end-to-end fine-grained coarse-grained multiple single joint unified unifying holistic
    explicit implicit direct indirect naive manual their our its this that these
    those whose which what both each every all any other same first second third last next
    performing performs perform achieve achieves achieving enable enables enabling support
    supports supporting boost boosts boosting help helps facilitate facilitates require requires
    using use uses used via based towards toward study studies conduct conducts experiment
    experiments evaluate evaluates evaluated address addresses addressing tackle tackles
    handle handles consider considers show shows demonstrate demonstrates propose proposes
    proposed present presents introduce introduces focus focuses aim aims target targets
    limited poor inaccurate human-level real real-world practical
    downstream versatile flexible scalable lightweight fast faster slow
    model-based data-driven learning-based deep""".split()
)

#: verbs and phrases before a name that mark it as the paper's own contribution
PROPOSE_VERBS = frozenset(
    """propose proposes proposed present presents presented introduce introduces introduced develop
    develops developed design designs designed devise devises devised build builds construct
    constructs release releases create creates formulate formulates contribute contributes
    establish establishes curate curates collect collects""".split()
)

#: words right before a name that introduce it as a new name ("termed X", "dubbed X")
NAMING_WORDS = frozenset("termed dubbed called named namely coined denoted titled".split())

#: subjects that make a proposal verb the paper's own ("we propose", "this paper presents")
SELF_SUBJECTS = frozenset("we our this paper work study article letter i".split())

#: language names: never a name on their own, and a capitalised phrase cut at one is a fragment of a
#: longer name ("Modern Standard" of "Modern Standard Arabic")
LANGUAGE_NAMES = frozenset(
    """English Chinese German French Spanish Japanese Korean Arabic Russian Hindi Italian
    Portuguese Dutch Turkish Vietnamese Indonesian Persian Urdu Bengali Swahili Czech Polish
    Finnish Greek Hebrew Thai Tamil Telugu Swedish Danish Norwegian Romanian Hungarian
    Ukrainian Catalan Basque Latin Sanskrit Amharic Yoruba Hausa Igbo Zulu Irish Welsh
    Estonian Latvian Lithuanian Slovak Slovenian Croatian Serbian Bulgarian Malay Tagalog
    Filipino Marathi Gujarati Punjabi Kannada Malayalam Nepali Sinhala Burmese Khmer Lao
    Mongolian Tibetan Uyghur Kazakh Uzbek Pashto Kurdish Somali Wolof Quechua Maori
    Mandarin Cantonese Xhosa Icelandic Galician Afrikaans Armenian Georgian Azerbaijani Hinglish Cree
    Inuktitut Nahuatl Guarani Aymara Mixtec Mazatec Otomi Bribri Shipibo Wixarika Kinyarwanda Luganda Twi
    Fon Ewe Shona Tigrinya Oromo Sesotho Setswana Odia Assamese Maithili Konkani Sindhi Albanian Belarusian
    Bosnian Macedonian Maltese Luxembourgish Faroese Breton Tatar Bashkir Kyrgyz Tajik Turkmen Dari Hmong
    Javanese Sundanese Cebuano Ilocano Hawaiian Samoan Tongan Fijian Malagasy Lingala Kikuyu Bambara Darija""".split()
)

#: acronyms and capitalised words that are never method/dataset names on their own
NON_ENTITY_NAMES = frozenset(
    """AI ML NLP CV IR DL RL-free GPU GPUs CPU CPUs TPU API APIs URL URLs PDF HTML XML JSON SQL
    USA US UK EU UN PhD MSc BSc CEO IEEE ACM AAAI IJCAI II III IV VI VII VIII IX XI XII
    RGB RGB-D 2D 3D 4D 1D ID IDs OCR-free OK etc Fig Table Eq Sec Appendix Section Figure
    Europe European Asia Asian Africa African America American Americans China India Japan
    Germany France Canada Australia Internet Web Twitter Facebook Reddit YouTube Google
    Microsoft Amazon Apple Meta OpenAI Wikipedia GitHub WhatsApp WeChat TikTok LinkedIn Instagram
    iPhone iOS Android PowerPoint Excel MATLAB Python Java JavaScript LaTeX
    arXiv Kaggle ISO XSLT XSL XPath CSV TSV YAML P100 V100 A100 H100 K80 CC CC-BY BY-SA BY-NC
    DARPA IARPA NSF NIH NIST ELRA ELDA R&D FAQ FAQs IDE IDEs U.S. U.K. U.S GDP CPI NDCG nDCG MRR MAP@1 Hits@1 Hits@10
    BY NC ND CodaLab ChrF CHRF chrF++ ChrF++ UAS LAS QWK MCC Macro-F1 Micro-F1 macro-F1 micro-F1
    We Our This These Those The In On For To With From By As At An A It Its Their They
    However Moreover Furthermore Finally Additionally Specifically Experimental Experiments
    Results Extensive Code Codes Data Existing Recent Previous Most Many Although While When
    Unlike Based Despite Given Since Due Besides Meanwhile Thus Therefore Hence Then Here
    Abstract Introduction Conclusion Conclusions Background Methods Method Approach Keywords
    SOTA SoTA CLS MOS AUROC AUPRC ROUGE-L Rouge-L ROUGE-1 ROUGE-2 MM Top-1 Top-2 Top-3 Top-5 Top-k
    Q&A QA-free vs SNR FPS FLOPs MACs AUC ROC BLEU ROUGE F1 F-score MAE MSE RMSE mAP mIoU
    IoU PSNR SSIM LPIPS FID WER CER EER HTER ACC Acc BLEU-4 METEOR CIDEr SPICE TER chrF
    Top-1 Top-5 Recall Precision Accuracy""".split()
) | LANGUAGE_NAMES

#: words inside a capitalised phrase that end it (organisations, places)
NON_NAME_PHRASE_WORDS = frozenset(
    """University Institute Department School College Laboratory Lab Academy Center Centre Society
    Association Foundation Government Ministry Hospital Company Inc Ltd Corporation Council
    Agency Office Province City State States Republic Kingdom Co Co. Corp Corp. Inc. Ltd. LLC GmbH""".split()
)

#: research fields written capitalised ("Natural Language Processing (NLP) tasks"): no method, and too broad for a task
RESEARCH_FIELDS = frozenset(
    " ".join(field.split())
    for field in """natural language processing, artificial intelligence, machine learning, computer vision,
    computational linguistics, deep learning, data science, data mining, speech processing,
    signal processing, information science, cognitive science, computer science, language processing,
    language technology, human language technology, language technologies, computational social science,
    social science, social sciences, digital humanities""".split(",")
)

#: lower-case words allowed inside a capitalised name ("Mixture of Invariant Experts")
NAME_CONNECTORS = frozenset("of for and".split())

STOP = STOP_WORDS

#: heads of spelled-out acronyms that name no method, dataset, task or venue ("Artificial General Intelligence")
NON_ENTITY_HEADS = frozenset(
    """intelligence service services state states rate ratio score scores metric metrics error errors
    time cost area value values index coefficient level levels quality interface user users agency
    organization organisation company unit units ratio day days year years center centre university
    institute language languages speaker speakers person people protocol format domain domains
    region regions signal signals condition conditions hypothesis hypotheses theory theories principle
    principles law laws effect effects phenomenon phenomena problem problems paradox family families
    team teams group groups project projects dilemma dilemmas process processes knowledge management
    protection issue issues perspective perspectives insight insights trade-off tradeoff gap gaps
    limitation limitations challenge challenges question questions content contents""".split()
)

#: heads of spelled-out acronyms that name things studied, not methods ("influenza-like illness (ILI)",
#: "knowledge graphs (KGs)", "part of speech (PoS)", "movement action events (MAEs)")
NON_METHOD_LONG_HEADS = frozenset(
    """illness illnesses disease diseases disorder disorders syndrome syndromes event events construction
    constructions organisation organisations organization organizations association associations federation
    people persons individuals patients graph graphs information speech disability disabilities
    conditions components entities relations documents words sentences vocabulary""".split()
)

#: words right before "on" that make the following names evaluation data ("experiments on A and B")
EVALUATION_CUES = frozenset(
    """experiments experiment results result evaluate evaluated evaluation evaluations tested test
    tests performance accuracy trained train training fine-tuned finetuned benchmarked outperforms
    outperform improvements improvement gains sota state-of-the-art experimented validated
    validate conducted scores score sota results""".split()
)

#: hyphen suffixes that turn a name into an adjective ("GNN-based", "LLM-generated")
ADJECTIVE_SUFFIXES = frozenset(
    """based driven inspired generated comparable like style free specific level wise only centric
    agnostic aware oriented enhanced augmented guided assisted conditioned powered related derived
    trained tuned finetuned fine-tuned pretrained pre-trained initialized style as-a-judge compliant""".split()
)

#: -ing words that are nouns in task names ("question answering", "machine learning")
NOMINAL_ING = frozenset(
    """learning answering modeling modelling processing reasoning understanding computing tracking
    training ranking mining matching parsing tagging labeling labelling captioning spoofing filling
    linking grounding planning editing writing reading speaking listening driving trading marketing
    banking programming engineering clustering forecasting screening recognizing embedding
    encoding decoding sampling pooling prompting scoring hashing indexing routing rendering
    morphing painting inpainting dubbing counting""".split()
)

#: method heads too generic to end a name that was extended over lower-case words
GENERIC_METHOD_HEADS = frozenset(
    "model models method methods framework frameworks approach approaches system systems network networks "
    "technique techniques block blocks branch branches head heads unit units component components encoder encoders "
    "decoder decoders embedding embeddings representation representations features".split()
)

#: suffixes of one-word research fields that are tasks ("photoplethysmography", "proteomics")
TASK_SUFFIXES = ("graphy", "omics")


#: words used mostly in lower case in the ACL corpus (a capitalised one opening a sentence is not a name)
COMMON_WORDS = load_words("common_words.txt")
#: words used mostly as verbs in the ACL corpus ("employ", "degrading"): never inside a task name
VERBS = load_words("verbs.txt") - NOMINAL_ING - TASK_HEADS

#: descriptive and evaluative adjectives that qualify a task without naming it ("realistic long-form synthesis")
EVALUATIVE_ADJECTIVES = frozenset(
    """inadequate realistic professional uniform entire representative complicated contradictory auxiliary
    truthful diverse sophisticated interactive conventional massive huge tiny simple complex difficult easy
    hard rough subsequent preliminary intensive thorough careful rigorous systematic theoretical empirical
    experimental potential possible actual true false correct incorrect wrong proper appropriate suitable
    relevant meaningful useful helpful harmful beneficial unsuccessful desirable undesirable reasonable
    plausible remarkable notable considerable slight moderate severe extreme optimal suboptimal ideal
    unique distinct separate individual respective corresponding underlying total partial whole
    high-level low-level human-level moving controlled static global local dynamic qualitative quantitative
    unreliable regular complete classical inherent future past available advanced varied given particular
    commonly-used automatic automated impressive indiscriminate raw original modified smaller larger best worst
    expensive cheap adapted reproducible unconstrained clear broad evolving passive open-source high-precision
    low-precision annotated shared task subtask increased decreased straightforward selected baseline external
    mixed spent consideration e.g. i.e. etc. one two three four five six seven eight nine ten eleven twelve
    dozens hundreds thousands""".split()
)
#: hyphen suffixes of qualifiers that describe how a task is done, not which task ("explanation-driven detection")
QUALIFIER_SUFFIXES = (
    "-wise",
    "-driven",
    "-guided",
    "-annotated",
    "-inspired",
    "-generated",
    "-induced",
    "-enhanced",
    "-assisted",
)
