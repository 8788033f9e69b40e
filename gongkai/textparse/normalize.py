"""Text clean-up shared by all readers and rules.

Matching runs on a *working copy* converted character by character from traditional to
simplified Chinese (opencc ``t2s``), so that 牽頭/責任單位/年底前 match the same rules as
牵头/责任单位/年底前. The conversion keeps the string length, so positions found in the
working copy cut the original text, and names are output exactly as printed.
"""

from __future__ import annotations

import re
from functools import lru_cache

_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_ENTITIES = {"&nbsp;": " ", "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#160;": " "}
_ENTITY = re.compile("|".join(map(re.escape, _ENTITIES)))
# Whitespace between two ASCII letters/digits is kept ("rules and standards"); elsewhere it
# is an artefact of PDF/HTML extraction (“2021 年底前”, “政务公开 工作要点”).
_SPACE = re.compile(r"[ \t\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff]+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def strip_tags(text: str) -> str:
    """Remove HTML tags left inside text cells (``<p>…</p>`` fragments)."""
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "&" in text:
        text = _ENTITY.sub(lambda m: _ENTITIES[m.group(0)], text)
    return text


def _join_space(m: re.Match[str]) -> str:
    s, e = m.start(), m.end()
    text = m.string
    before = text[s - 1] if s else ""
    after = text[e] if e < len(text) else ""
    if before.isascii() and after.isascii() and before.isalnum() and after.isalnum():
        if before.isdigit() and after.isdigit():
            return ""
        return " "
    return ""


# The same cell and line texts are squashed several times on their way through the layout.
@lru_cache(maxsize=8192)
def squash(text: str) -> str:
    """Collapse whitespace the way the gold files do: drop it except between ASCII words."""
    return _SPACE.sub(_join_space, text).strip()


@lru_cache(maxsize=1)
def _t2s_converter():
    try:
        import opencc  # lazy: 30 ms import, only needed for documents with non-ASCII text
    except ImportError:  # pragma: no cover - opencc is a declared dependency
        return None
    for config in ("t2s", "t2s.json"):
        try:
            return opencc.OpenCC(config)
        except Exception:  # noqa: BLE001 - different opencc builds accept different names
            continue
    return None  # pragma: no cover


_CHAR_MAP: dict[int, str] = {}  # only characters that change
_CHANGING: set[str] = set()
_KNOWN: set[str] = {chr(i) for i in range(0x2E80)}  # below the CJK blocks nothing changes


# Each line and cell is converted several times on its way through the layout. A text's copy
# depends only on its own characters, which are learnt before it is made, so it can be kept.
@lru_cache(maxsize=16384)
def to_simplified(text: str) -> str:
    """Character-aligned traditional→simplified copy of ``text`` (same length)."""
    if not _KNOWN.issuperset(text):
        _learn(set(text).difference(_KNOWN))
    return text.translate(_CHAR_MAP) if _CHANGING and not _CHANGING.isdisjoint(text) else text


def _learn(chars: set[str]) -> None:
    _KNOWN.update(chars)
    conv = _t2s_converter()
    if conv is None:  # pragma: no cover
        return
    ordered = sorted(chars)
    converted = conv.convert("\n".join(ordered)).split("\n")
    if len(converted) != len(ordered):  # pragma: no cover - defensive
        return
    for src, dst in zip(ordered, converted, strict=True):
        if len(dst) == 1 and dst != src:
            _CHAR_MAP[ord(src)] = dst
            _CHANGING.add(src)


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


_GARBLE_Q = re.compile(r"[\u3400-\u9fff][?？]{1,3}[!！]?[\u3400-\u9fff“”]|\ufffd|锟斤拷|烫烫|屯屯")


def looks_garbled(text: str) -> bool:
    """Mojibake markers: U+FFFD, '?' inside Chinese words, 锟斤拷, or runs of rare characters."""
    if _GARBLE_Q.search(text):
        return True
    try:
        text.encode("gb2312")
        return False  # every character is a common simplified one
    except UnicodeEncodeError:
        pass
    run = 0
    for ch in text:
        if "\u3400" <= ch <= "\u9fff" and not _common(ch):
            run += 1
            if run >= 4:
                return True
        else:
            run = 0
    return False


@lru_cache(maxsize=8192)
def _common(ch: str) -> bool:
    """True for characters of GB2312 or Big5 level 1 (what real documents are written in)."""
    for enc in ("gb2312", "big5"):
        try:
            ch.encode(enc)
            return True
        except UnicodeEncodeError:
            continue
    return False
