"""内容雷同: passages of a report's text that repeat last year's report or another unit's report.

The 2021 format's 明确责任 paragraph names 内容雷同 as grounds for accountability (§3.1). Texts are
split into sentences; each sentence becomes a set of character 3-gram shingles after digits are
folded to "#" (a paragraph copied from last year with only the numbers changed is still a copy).
Two sentences are similar at a Jaccard similarity ≥ conf.similar_sentence_ratio(). Sentences the
platform itself drafted from the figures (the 依申请公开 paragraph, the fee sentence) are not counted.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from . import conf

_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])|\n")
_NOISE = re.compile(r"[\s，,。、；;：:！!？?（）()“”\"'《》〈〉【】\[\]—\-·]")
_DIGITS = re.compile(r"[0-9０-９.％%]+")
MIN_SENTENCE_CHARS = 12
SHINGLE = 3


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of `text`, ends included."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text or ""):
        end = match.end() if match.group() != "\n" else match.start()
        if end > start:
            spans.append((start, end))
        start = match.end()
    if start < len(text or ""):
        spans.append((start, len(text)))
    return spans


def normalise(sentence: str) -> str:
    return _DIGITS.sub("#", _NOISE.sub("", sentence))


def shingles(sentence: str) -> frozenset[str]:
    norm = normalise(sentence)
    if len(norm) < MIN_SENTENCE_CHARS:
        return frozenset()
    return frozenset(norm[i:i + SHINGLE] for i in range(len(norm) - SHINGLE + 1))


@dataclass
class Match:
    section: str  # "section1_text" …
    start: int
    end: int
    score: float
    source_label: str  # e.g. "本单位2024年度报告"
    source_text: str


@dataclass
class Comparison:
    label: str
    url: str
    ratio: float  # share of the report's (countable) characters found in that document
    matches: list[Match] = field(default_factory=list)


@dataclass
class SimilarityResult:
    comparisons: list[Comparison]
    matches: list[Match]  # best match per similar sentence, across all documents

    @property
    def worst(self) -> Comparison | None:
        return max(self.comparisons, key=lambda c: c.ratio, default=None)


@dataclass
class Document:
    label: str
    url: str
    texts: list[str]


def compare(*, texts: dict[str, str], others: list[Document], boilerplate: list[str] = ()) -> SimilarityResult:
    threshold = conf.similar_sentence_ratio()
    skip = {normalise(s) for text in boilerplate for a, b in sentences(text) for s in [text[a:b]]}
    index: dict[str, set[tuple[int, int]]] = defaultdict(set)
    other_sentences: list[list[tuple[str, frozenset]]] = []
    for d, doc in enumerate(others):
        rows = []
        for text in doc.texts:
            for a, b in sentences(text):
                sh = shingles(text[a:b])
                if sh:
                    for s in sh:
                        index[s].add((d, len(rows)))
                    rows.append((text[a:b].strip(), sh))
        other_sentences.append(rows)

    total_chars = 0
    per_doc: dict[int, list[Match]] = defaultdict(list)
    best_matches: list[Match] = []
    for section, text in texts.items():
        for a, b in sentences(text):
            sentence = text[a:b]
            sh = shingles(sentence)
            if not sh or normalise(sentence) in skip:
                continue
            total_chars += len(sh)
            candidates: dict[tuple[int, int], int] = defaultdict(int)
            for s in sh:
                for ref in index.get(s, ()):
                    candidates[ref] += 1
            best_per_doc: dict[int, Match] = {}
            for (d, i), shared in candidates.items():
                other_text, other_sh = other_sentences[d][i]
                score = shared / len(sh | other_sh)
                if score >= threshold and (d not in best_per_doc or score > best_per_doc[d].score):
                    best_per_doc[d] = Match(section, a, b, round(score, 3), others[d].label, other_text)
            for d, m in best_per_doc.items():
                per_doc[d].append(m)
            if best_per_doc:
                best_matches.append(max(best_per_doc.values(), key=lambda m: m.score))
    comparisons = []
    for d, doc in enumerate(others):
        matched = sum(len(shingles(texts[m.section][m.start:m.end])) for m in per_doc.get(d, []))
        ratio = matched / total_chars if total_chars else 0.0
        comparisons.append(Comparison(doc.label, doc.url, round(ratio, 3), per_doc.get(d, [])))
    comparisons.sort(key=lambda c: -c.ratio)
    return SimilarityResult(comparisons, best_matches)


def highlight(text: str, matches: list[Match]) -> list[tuple[str, Match | None]]:
    """`text` cut into (fragment, match-or-None) runs for rendering with <mark>."""
    runs, pos = [], 0
    for m in sorted(matches, key=lambda m: m.start):
        if m.start < pos:
            continue
        if m.start > pos:
            runs.append((text[pos:m.start], None))
        runs.append((text[m.start:m.end], m))
        pos = m.end
    if pos < len(text):
        runs.append((text[pos:], None))
    return runs
