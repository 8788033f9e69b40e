"""Chinese text normalisation and word segmentation (jieba) shared by indexing and querying.

The jieba dictionary (and our domain user dictionary, data/userdict.txt) is loaded once per process, on
first use, into a private `jieba.Tokenizer` so that other apps' use of jieba is not affected.
Traditional characters are folded to simplified (OpenCC t2s) on both sides, so that a query typed in
traditional characters finds simplified text and vice versa.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import jieba
import opencc

from . import conf

USER_DICTIONARY = Path(__file__).resolve().parent / "data" / "userdict.txt"

# A token is kept only if it holds at least one letter, digit or CJK ideograph: punctuation, spaces and
# query-syntax characters (FTS5's * ^ : ( ) " and tsquery's & | ! <->) never reach a backend.
_WORD_CHAR = re.compile(r"[0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_NON_WORD = re.compile(r"[^0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# Quoted phrases in a query: ASCII quotes or Chinese quotation marks (after NFKC the full-width ＂ is ").
_PHRASE = re.compile(r'"([^"]*)"|“([^”]*)”|「([^」]*)」')

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

_lock = threading.Lock()
_tokenizer: jieba.Tokenizer | None = None


def tokenizer() -> jieba.Tokenizer:
    """The process-wide jieba tokenizer with the domain dictionary loaded."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                jieba.setLogLevel(logging.WARNING)
                tok = jieba.Tokenizer()
                tok.initialize()
                tok.load_userdict(str(USER_DICTIONARY))
                extra = conf.extra_user_dictionary()
                if extra:
                    tok.load_userdict(str(extra))
                _tokenizer = tok
    return _tokenizer


def add_words(words) -> None:
    """Teach the segmenter extra words (e.g. unit short names from the directory) for this process."""
    tok = tokenizer()
    for word in words:
        word = normalise(word).strip()
        if len(word) >= 2 and not _NON_WORD.search(word):
            tok.add_word(word, freq=20000)


@lru_cache(maxsize=4)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


# Character-level folding (t2s) for indexing and the first query attempt; Taiwan phrase-level folding
# (tw2sp: 資訊 → 信息, 檔案 → 文件) as a second query attempt, since it rewrites words and so must
# never be applied to the documents themselves.
CHARACTERS = "t2s"
TAIWAN_PHRASES = "tw2sp"


def normalise(text: str, config: str = CHARACTERS) -> str:
    """NFKC (full-width letters and digits to half-width), traditional to simplified, lower case."""
    if not text:
        return ""
    text = _CONTROL.sub(" ", unicodedata.normalize("NFKC", text))  # OpenCC stops at a NUL byte
    return _converter(config).convert(text).lower()


def _keep(token: str) -> bool:
    return bool(_WORD_CHAR.search(token))


def index_tokens(text: str) -> list[str]:
    """The tokens under which a text is indexed: jieba's search mode, which adds the 2- and 3-character
    dictionary words inside long words (政府信息公开 → 政府 信息 公开 政府信息公开), so that a query
    for a part of a compound finds it."""
    tok = tokenizer()
    out: list[str] = []
    for token in tok.cut_for_search(normalise(text)):
        token = token.strip()
        if _keep(token):
            # A token with inner punctuation (e.g. "covid-19") is split the same way the query side splits it.
            out.extend(p for p in _NON_WORD.split(token) if p)
    return out


def segment_for_index(text: str) -> str:
    """Space-joined index tokens, stored in the *_seg columns and fed to FTS5 / to_tsvector."""
    return " ".join(index_tokens(text))


@dataclass(frozen=True)
class Term:
    """One query word. It matches a document holding the word itself or, failing that, all of its parts
    (a word segmented as a whole in the query may have been segmented into parts in a document)."""

    word: str
    parts: tuple[str, ...] = ()

    @property
    def alternatives(self) -> list[tuple[str, ...]]:
        alts: list[tuple[str, ...]] = [(self.word,)]
        if self.parts and self.parts != (self.word,):
            alts.append(self.parts)
        return alts

    @property
    def highlight_words(self) -> list[str]:
        return [self.word, *[p for p in self.parts if len(p) > 1]]


@dataclass
class ParsedQuery:
    """A user query, normalised: the words that must all occur (AND), and exact phrases to verify."""

    text: str
    terms: list[Term] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.terms

    def highlight_words(self) -> list[str]:
        words = set(self.phrases)
        for term in self.terms:
            words.update(term.highlight_words)
        # Longest first, so that 政府信息公开 is marked as a whole rather than as 政府 + 信息 + 公开.
        return sorted(words, key=lambda w: (-len(w), w))


def _terms_of(chunk: str) -> list[Term]:
    tok = tokenizer()
    terms: list[Term] = []
    for piece in _NON_WORD.split(chunk):
        if not piece:
            continue
        for word in tok.cut(piece):
            word = word.strip()
            if not _keep(word):
                continue
            parts = tuple(p for p in tok.cut_for_search(word) if p != word and _keep(p) and len(p) < len(word))
            # cut_for_search only yields sub-words found in the dictionary; keep them only if they cover the word.
            if parts and not _covers(word, parts):
                parts = ()
            terms.append(Term(word=word, parts=parts))
    return terms


def _covers(word: str, parts: tuple[str, ...]) -> bool:
    covered = [False] * len(word)
    for part in parts:
        start = word.find(part)
        while start >= 0:
            for i in range(start, start + len(part)):
                covered[i] = True
            start = word.find(part, start + 1)
    return all(covered)


def parse_query(raw: str, *, max_terms: int = 12, config: str = CHARACTERS) -> ParsedQuery:
    """Turn free user input into terms and phrases. Never raises: any character is accepted, and
    characters that mean something to a search engine are treated as separators."""
    text = normalise(raw or "", config)[:200]
    phrases: list[str] = []
    terms: list[Term] = []

    def take_phrase(match: re.Match) -> str:
        phrase = next(g for g in match.groups() if g is not None).strip()
        phrase_terms = _terms_of(phrase)
        if phrase_terms:
            phrases.append(_NON_WORD.sub(" ", phrase).strip())
            terms.extend(phrase_terms)
        return " "

    rest = _PHRASE.sub(take_phrase, text)
    terms.extend(_terms_of(rest))
    seen: set[str] = set()
    unique = []
    for term in terms:
        if term.word not in seen:
            seen.add(term.word)
            unique.append(term)
    return ParsedQuery(text=(raw or "").strip(), terms=unique[:max_terms], phrases=phrases)


def regional_variant(raw: str, parsed: ParsedQuery) -> ParsedQuery | None:
    """The query re-read with Taiwan vocabulary folded to mainland words, if that changes anything."""
    if normalise(raw or "", TAIWAN_PHRASES) == normalise(raw or ""):
        return None
    variant = parse_query(raw, config=TAIWAN_PHRASES)
    if variant.is_empty or [t.word for t in variant.terms] == [t.word for t in parsed.terms]:
        return None
    return variant
