"""What a person's name looks like, and how author lists are written on the pages.

Used to read ``A, B, C et al.`` lines and to find where a title glued to its author list
ends (see :mod:`graphkit.ingest.listing`). Names are judged by shape only: capitalised
words, initials, hyphenated parts, particles (van der, de la), apostrophes, uncased scripts.
"""

from __future__ import annotations

import itertools
import re

__all__ = [
    "ET_AL",
    "split_author_list",
    "is_name",
    "is_given_name",
    "is_coauthor",
    "is_weak_given_name",
    "looks_like_author_list",
]

ET_AL = " et al."

#: lowercase words that may sit inside a name (nobiliary and patronymic particles)
PARTICLES = frozenset(
    "van von der den de del della dei degli di da das dos do du la le les lo ten ter het te zu zur "
    "y e i bin binti ibn bint al el ben abu ould st".split()
)
#: surname prefixes that are followed by a capital inside one word: McDonald, DeCamp, O'Brien
_CAMEL_PREFIXES = ("Mc", "Mac", "Fitz", "De", "Di", "Da", "Du", "La", "Le", "Lo", "Van", "Von", "Ten", "Ter")
_APOSTROPHES = "'’‘"
_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV", "V"})

# Syllables that make up CamelCase given names (EunJeong, MinhQuang, AbdelRahim): romanised
# Korean, Vietnamese, Mandarin pinyin, and common Arabic/Persian/Indian name parts.
_PINYIN_INITIALS = "b p m f d t n l g k h j q x zh ch sh r z c s y w".split() + [""]
_PINYIN_FINALS = (
    "a o e ai ei ao ou an en ang eng ong er i ia ie iao iu ian in iang ing iong u ua uo uai ui uan un "
    "uang ueng ue ve v yu yue yuan yun"
).split()
_OTHER_SYLLABLES = (
    # Korean
    "joong jeung seob hyuck gyun hwang kyeom seul bok bong cheon chi choon dam doo gi gook hoe hoi hye hyuk jang "
    "jei jik jinn joo kook kyoung kyoon mok myeon pyo rae roh sehun seob shik sook soon taek tak wha woon yeob "
    "yeol "
    "myeong hyeong gyeong byeong pyeong ryeong nyeong yeon hyeon gyeom seop hyeop yeop hwi jeom geun eun jeong "
    "jung hyo chae hun yun seok jin yeong young won kee ki yoon kyung kyeong tae hong dong "
    "hyun seung cheol chul ji woo geon gun so min soo su sung seong hee hui jae joon jun ho sang hwan "
    "gyu kyu yeon hye sun hoon bum beom wook uk il yong seon hak suk myung mi na ye ha da eui han in ju "
    "jong kwang gwang hyuk hyeok dae deok duk bin byung byeong chang chan cheon chun gil gyeong hwa "
    "hyung hyeon il im ja jee jeon jik jo kang keun kun kyo man mo moon mun nam o ok pil ri rim sae "
    "sam seo shin sik sin sol suh ung wan wha wook yeol yeop yo yu yul yung "
    # Vietnamese
    "minh quang anh duc thanh tuan hoang huy khoa long nam phuc thi van ngoc trung dung hai hieu khanh "
    "linh phuong thu trang tien viet vu bao dat hung kiet loc nhat quoc son tam thao thuy tri tu dinh "
    "duy giang hanh hien hoa huong khai lam lan mai my nga nghia nhan nhung phong quan quynh tan thang "
    "thien thinh tho toan tram truong tung uyen vinh xuan yen "
    # Arabic, Persian, Indian
    "saleh salah hadi amin taghi naser nasser majid masoud hamza yousef youssef zahra fatemeh abdel abdul abd "
    "abdal rahim rahman mohammad mohammed muhammad mohamed hossein hosein hussein amir "
    "ali reza mohan raj al bara ai ti ahmad ahmed mahdi mehdi hassan hasan javad taha said aziz karim "
    "jamal nour noor ul ur din uddin ullah zaman sadegh sadiq sayed seyed ehsan ali hamid hamed "
    "kumar krishna rama sai siva shiva venkata naga ravi"
).split()
NAME_SYLLABLES = frozenset(
    [i + f for i, f in itertools.product(_PINYIN_INITIALS, _PINYIN_FINALS)] + _OTHER_SYLLABLES
)


def _is_word(segment: str) -> bool:
    """A capitalised word: ``Smith``, ``Élodie``, ``Isra’a``; or letters of an uncased script."""
    if not segment or not all(c.isalpha() or c in _APOSTROPHES for c in segment) or segment[0] in _APOSTROPHES:
        return False
    cased = [c.isupper() or c.islower() for c in segment if c not in _APOSTROPHES]
    if not any(cased):
        return True  # CJK and other uncased scripts
    if not all(cased):
        return False  # a capital glued to an uncased script: A伟伟
    return segment[0].isupper() and not any(c.isupper() for c in segment[1:])


def _is_lower_word(segment: str) -> bool:
    """A lowercase word, allowed after a hyphen: ``Jiun-hao``, ``Costa-jussà``, ``Plaza-del-Arco``."""
    return bool(segment) and all(c.isalpha() or c in _APOSTROPHES for c in segment) and segment.islower()


def _is_initial(segment: str) -> bool:
    """Initials and abbreviated given names: ``J.``, ``J.R.``, ``R.n.``, ``Moh.``, ``Md.``."""
    if not segment.endswith(".") or len(segment) < 2:
        return False
    parts = segment[:-1].split(".")
    if len(parts) == 1:
        return _is_word(parts[0]) and len(parts[0]) <= 4
    return all(p.isalpha() and len(p) <= 2 for p in parts) and parts[0][0].isupper()


_LOOSE_INITIALS = re.compile(r"[A-Z]{1,3}\.?|[A-Z][a-z]?(?:\.[A-Za-z][a-z]?)+\.?")
_GLUED_INITIALS = re.compile(r"(?:[A-Z]\.){2,}[A-Z][a-z]+")
_APOSTROPHE_GIVEN = re.compile(r"[A-Z][a-z]{0,3}['’][A-Z][a-z]+")  # Li’An, Arra’Di
_GLUED_INITIAL_SURNAME = re.compile(r"(?:[A-Z]\.)+[A-Z][a-z]+")  # Mai A.Baddar


def _is_loose_initials(token: str) -> bool:
    """Initials written without dots or spaces: ``K``, ``TR``, ``CK``, ``MD.``, ``N.V``, ``T.y.s.s``."""
    return bool(_LOOSE_INITIALS.fullmatch(token))


def _is_surname_word(segment: str) -> bool:
    """A word with the capital inside that surnames allow: McDonald, DeCamp, O'Brien, d'Alembert."""
    if _is_word(segment):
        return True
    for mark in _APOSTROPHES:
        head, sep, tail = segment.partition(mark)
        if sep and 1 <= len(head) <= 2 and head.isalpha() and _is_word(tail):
            return True
    return any(
        segment.startswith(prefix) and len(segment) > len(prefix) + 1 and _is_word(segment[len(prefix) :])
        for prefix in _CAMEL_PREFIXES
    )


def _is_camel_word(segment: str) -> bool:
    """Any capitalised run of letters, capitals inside allowed: ElSaadany, SadraeiJavaheri."""
    return (
        bool(segment)
        and segment[0].isupper()
        and all(c.isalpha() or c in _APOSTROPHES for c in segment)
        and any(c.islower() for c in segment)
    )


def _hyphenated(token: str, first, rest) -> bool:
    segments = token.split("-")
    if len(segments) > 1 and segments[0] in PARTICLES:  # al-Hassan, el-Said
        segments = segments[1:]
    return first(segments[0]) and all(rest(s) for s in segments[1:])


def _is_surname_token(token: str, *, last: bool) -> bool:
    if token in PARTICLES or token in _SUFFIXES or token == "-" or _is_initial(token) or _is_loose_initials(token):
        return True
    if _GLUED_INITIAL_SURNAME.fullmatch(token):
        return True
    if _is_lower_word(token):  # Maxime De bruyn, Ravi teja Tasubilli
        return True
    if not last and token.startswith("(") and token.endswith(")") and _is_word(token[1:-1]):
        return True  # a nickname: Yi-Ting (Alicia) Tsai

    def head(segment: str) -> bool:
        return _is_surname_word(segment) or (last and _is_camel_word(segment))

    return _hyphenated(
        token,
        lambda s: head(s) or _is_initial(s) or _is_loose_initials(s),
        lambda s: head(s) or _is_lower_word(s) or _is_initial(s),
    )


def camel_parts(word: str) -> list[str]:
    """Split a CamelCase word at its capitals.

    >>> camel_parts("EunJeong")
    ['Eun', 'Jeong']
    """
    parts: list[str] = []
    for char in word:
        if char.isupper() or not parts:
            parts.append(char)
        else:
            parts[-1] += char
    return parts


def is_given_name(token: str) -> bool:
    """The first word of a name: no capital inside, except CamelCase syllable names (EunJeong).

    >>> [is_given_name(t) for t in ("Xichen", "Ge-Peng", "Jiun-hao", "J.", "Élodie", "NetXichen", "EunJeong")]
    [True, True, True, True, True, False, True]
    """
    if (
        _is_initial(token)
        or _is_loose_initials(token)
        or _GLUED_INITIALS.fullmatch(token)
        or _APOSTROPHE_GIVEN.fullmatch(token)
        or _hyphenated(
            token, lambda s: _is_word(s) or _is_initial(s), lambda s: _is_word(s) or _is_lower_word(s) or _is_initial(s)
        )
    ):
        return token not in PARTICLES
    parts = camel_parts(token)
    return len(parts) == 2 and all(_is_word(p) and len(p) >= 2 and _is_syllables(p.lower()) for p in parts)


def _is_syllables(part: str) -> bool:
    """One name syllable (``jeong``, ``minh``); two (``jiqun``) would take in English words like Tuning."""
    return part in NAME_SYLLABLES


def is_name(name: str) -> bool:
    """True if ``name`` is shaped like a first author's name as written on a page.

    The given name must be name-shaped (:func:`is_given_name`); a capital inside a later word
    is allowed for surname prefixes (McDonald, DeCamp) and anywhere in the last word (ElSaadany).

    >>> [is_name(n) for n in ("Pengda Qin", "J. R. Smith", "Jan van der Berg", "María de la Cruz")]
    [True, True, True, True]
    >>> [is_name(n) for n in ("Mausam", "Omnia ElSaadany", "Net ModelsXichen Pan", "Learning for the Vision")]
    [True, True, False, False]
    """
    tokens = name.split(" ")
    if not name or not 1 <= len(tokens) <= 8 or any(not t for t in tokens):
        return False
    if not is_given_name(tokens[0]):
        return False
    # a capital inside the last word (ElSaadany) only in short names: in long ones it is a title glued on
    return _few_lowercase(tokens) and all(
        _is_surname_token(t, last=i == len(tokens) - 1 and len(tokens) <= 3) for i, t in enumerate(tokens[1:], start=1)
    )


def _few_lowercase(tokens: list[str]) -> bool:
    """At most one lowercase word that is not a particle (Ravi teja Tasubilli); titles have more."""
    return sum(1 for t in tokens if _is_lower_word(t) and t not in PARTICLES) <= 1


def is_weak_given_name(token: str) -> bool:
    """A given name written as bare capitals (``SM``, ``MD.``, ``K``): it could also be an acronym's tail.

    >>> [is_weak_given_name(t) for t in ("SM", "MD.", "K", "J.", "Xichen")]
    [True, True, True, False, False]
    """
    return _is_loose_initials(token) and not _is_initial(token)


def is_coauthor(name: str) -> bool:
    """Shape of a later name in an author list: like :func:`is_name`, but any CamelCase given name.

    >>> names = ("KhinMar Soe", "Yimon ShweSin", "Jackie CK Cheung", "But Only ShallowlyChangjiang Gao")
    >>> [is_coauthor(n) for n in names]
    [True, True, True, False]
    """
    tokens = name.split(" ")
    if not name or not 1 <= len(tokens) <= 8 or any(not t for t in tokens):
        return False
    first = tokens[0]
    if not (is_given_name(first) or _is_camel_word(first) or (first[0].islower() and _is_surname_word(first))):
        return False
    return _few_lowercase(tokens) and all(
        _is_surname_token(t, last=i == len(tokens) - 1) for i, t in enumerate(tokens[1:], start=1)
    )


def split_author_list(text: str) -> tuple[list[str], bool]:
    """Split ``A, B, C et al.`` into names as written and whether the list was truncated.

    >>> split_author_list("Zhicong Huang, Jingwen Zhao, Zhijie Zheng et al.")
    (['Zhicong Huang', 'Jingwen Zhao', 'Zhijie Zheng'], True)
    >>> split_author_list("Ronghao Lin, Haifeng Hu")
    (['Ronghao Lin', 'Haifeng Hu'], False)
    """
    text = text.strip()
    truncated = text.endswith(ET_AL)
    if truncated:
        text = text[: -len(ET_AL)]
    # only ", " separates names: splitting at " and " too would let title fragments pass as names
    names = [n.strip() for n in text.split(", ")] if text else []
    return names, truncated


def looks_like_author_list(text: str) -> bool:
    """A whole author line: every name name-shaped.

    >>> looks_like_author_list("Sijie Mai, Ying Zeng, Haifeng Hu")
    True
    >>> looks_like_author_list("Learning effective joint embedding for cross-modal data.")
    False
    """
    names, _ = split_author_list(text)
    return bool(names) and all(is_coauthor(n) for n in names)
