"""What a person's name looks like, and how author lists are written on the pages.

Used to read ``A, B, C et al.`` lines and to find where a title glued to its author list
ends (see :mod:`graphkit.ingest.listing`). Names are judged by shape only: capitalised
words, initials, hyphenated parts, particles (van der, de la), apostrophes, uncased scripts.
"""

from __future__ import annotations

import itertools

__all__ = [
    "ET_AL",
    "split_author_list",
    "is_name",
    "is_given_name",
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
_APOSTROPHES = "'’"
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
    "eun jeong jung hyo chae hun yun seok jin yeong young won kee ki yoon kyung kyeong tae hong dong "
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
    "abdel abdul abd abdal rahim rahman mohammad mohammed muhammad mohamed hossein hosein hussein amir "
    "ali reza mohan raj al bara ai ti ahmad ahmed mahdi mehdi hassan hasan javad taha said aziz karim "
    "jamal nour noor ul ur din uddin ullah zaman sadegh sadiq sayed seyed ehsan ali hamid hamed "
    "kumar krishna rama sai siva shiva venkata naga ravi"
).split()
NAME_SYLLABLES = frozenset(
    [i + f for i, f in itertools.product(_PINYIN_INITIALS, _PINYIN_FINALS)] + _OTHER_SYLLABLES
)


def _is_word(segment: str) -> bool:
    """A capitalised word: ``Smith``, ``Élodie``; or letters of an uncased script."""
    if not segment or not all(c.isalpha() or c in _APOSTROPHES for c in segment):
        return False
    if not any(c.isupper() or c.islower() for c in segment):
        return True  # CJK and other uncased scripts
    head, tail = segment[0], segment[1:]
    return head.isupper() and not any(c.isupper() for c in tail)


def _is_initial(segment: str) -> bool:
    """``J.``, ``J.R.``, ``Th.``."""
    parts = segment.split(".")
    return (
        segment.endswith(".")
        and len(segment) > 1
        and all(p and p[0].isupper() and p.isalpha() and len(p) <= 2 for p in parts[:-1])
    )


def _is_surname_word(segment: str) -> bool:
    """A word with the capital inside that surnames allow: McDonald, DeCamp, O'Brien, d'Alembert."""
    if _is_word(segment):
        return True
    for mark in _APOSTROPHES:
        head, sep, tail = segment.partition(mark)
        if sep and len(head) <= 2 and head.isalpha() and _is_word(tail):
            return True
    return any(
        segment.startswith(prefix) and len(segment) > len(prefix) + 1 and _is_word(segment[len(prefix) :])
        for prefix in _CAMEL_PREFIXES
    )


def _is_name_token(token: str, *, given: bool) -> bool:
    if token in PARTICLES or (token.lower() in PARTICLES and not given):
        return not given
    if not given and token in _SUFFIXES:
        return True
    if _is_initial(token):
        return True
    segments = token.split("-")
    if given:
        return all(_is_word(s) or _is_initial(s) for s in segments)
    # lowercase particle glued by a hyphen: al-Hassan, el-Said
    if len(segments) > 1 and segments[0] in PARTICLES:
        segments = segments[1:]
    return all(_is_surname_word(s) or _is_initial(s) for s in segments)


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

    >>> [is_given_name(t) for t in ("Xichen", "Ge-Peng", "J.", "Élodie", "NetXichen", "EunJeong")]
    [True, True, True, True, False, True]
    """
    if _is_name_token(token, given=True):
        return True
    parts = camel_parts(token)
    return (
        len(parts) == 2
        and all(_is_word(p) and len(p) >= 2 and p.lower() in NAME_SYLLABLES for p in parts)
    )


def is_name(name: str, *, strict_given: bool = True) -> bool:
    """True if ``name`` is shaped like one person's name as written on a page.

    >>> [is_name(n) for n in ("Pengda Qin", "J. R. Smith", "Jan van der Berg", "María de la Cruz")]
    [True, True, True, True]
    >>> [is_name(n) for n in ("Mausam", "Models Xichen Pan", "Learning for Vision", "DeepMind Lab")]
    [True, True, False, False]
    """
    tokens = name.split(" ")
    if not name or not 1 <= len(tokens) <= 8 or any(not t for t in tokens):
        return False
    first, rest = tokens[0], tokens[1:]
    if strict_given and not is_given_name(first):
        return False
    if not strict_given and not _is_name_token(first, given=False):
        return False
    return all(_is_name_token(t, given=False) for t in rest)


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
    return bool(names) and all(is_name(n, strict_given=False) for n in names)
