"""The outline tree of a plan: numbered nodes (一、 > （一） > 1. > （1）) and what each line adds.

:class:`Outline` holds the tree while rows are read: it opens numbered, unnumbered and
title nodes (re-opening headings repeated at page breaks), adds one paragraph or cell line
at a time, splits inline 一是…二是… lists, and hands unit and deadline lines to the items
still waiting for them. Table and line modes (:mod:`layout`, :mod:`table_rows`) feed it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import deadlines
from .model import UnitRoles
from .normalize import squash, to_simplified
from .numbering import Numbering, inline_enumeration, inline_siblings, parse_numbering
from .units import split_inline, unclosed_parenthesis

_INTRO = re.compile(r"^(?:指导思想|总体要求|基本原则|工作目标|主要目标|总体目标|总体思路|目标要求)$")
_SENT_END = "。！!？?；;…”）)"
_TRAIL_PUNCT = "。．.，,；;：: \u3000"
_HEADING_MAX = 60  # characters in a numbered heading's one clause
# Characters a heading's length does not count: trailing punctuation, and whitespace squash drops.
_NOT_COUNTED = re.compile(r"[。．.，,；;：:\s\u200b\ufeff]")
# Units or a deadline printed after an item ("（A牵头，B配合）", "（完成时限：…）") are short (a
# unit list is at most 400 characters, units.as_unit_list): when a wrapped line closes a
# parenthesis, only about this many characters of the paragraph's end are read again, so a
# long paragraph is read in linear, not quadratic, time.
_INLINE_TAIL = 500
# A parenthesis an item leaves open at its line's end ("…公开（县财政局牵头，") is taken to go
# on over the next lines if it opened at most this many characters before the end, with no
# sentence ended since; further back, an unclosed bracket is more likely a misprint.
_OPEN_PAREN_REACH = 200
_SENTENCE_END = re.compile(r"[。！？!?]")


@dataclass(eq=False)
class Node:
    rank: float
    num: Numbering | None
    parts: list[str]
    loc: dict[str, int]
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    units: UnitRoles | None = None
    deadline: tuple | None = None  # (date|None, text) from a deadline cell or label
    forced_heading: bool = False
    table_mode: bool = False
    units_empty_cell: bool = False
    units_partly_merged: bool = False  # some unit columns came from merged cells above
    preamble: bool = False
    no_override: str | None = None
    order: int = 0  # creation order, to compare positions among siblings

    @property
    def text(self) -> str:
        return squash("".join(self.parts))

    @property
    def title_like(self) -> bool:
        """A numbered heading with no body: one short clause (做好财政信息公开。)."""
        if self.forced_heading:
            return True
        if self.num is None or self.num.rank > 2.5:
            return False
        if _longer_than(self.parts, _HEADING_MAX):
            return False  # asked for each line added to a paragraph: do not join it all every time
        body = self.text.rstrip(_TRAIL_PUNCT)
        return 0 < len(body) <= _HEADING_MAX and not re.search(r"[。；;！？]", body)

    def section_name(self) -> str:
        text = self.text
        if not self.title_like:
            m = re.search(r"[。；;！？]", text)
            if m:
                text = text[: m.start()]
        label = self.num.label if self.num else ""
        return squash(label + text).rstrip(_TRAIL_PUNCT)


def _longer_than(parts: list[str], limit: int) -> bool:
    """Do ``parts`` hold more than ``limit`` counted characters? Stops reading once they do."""
    seen = 0
    for part in parts:
        seen += len(part) - len(_NOT_COUNTED.findall(part))
        if seen > limit:
            return True
    return False


def _ends_sentence(text: str) -> bool:
    return bool(text) and text.rstrip()[-1:] in _SENT_END


def _similar_heading(a: str, b: str) -> bool:
    a, b = re.sub(r"[\W_]", "", a), re.sub(r"[\W_]", "", b)
    return bool(a and b) and (a.startswith(b) or b.startswith(a))

class Outline:
    """Tree state shared by line mode and table mode."""

    year: int | None

    def _init_outline(self) -> None:
        self.root = Node(rank=-1, num=None, parts=[], loc={})
        self.stack: list[Node] = [self.root]
        self.nodes: list[Node] = []
        self.pending: list[Node] = []  # line mode: items still waiting for a unit line
        self.after_units = False
        self.unit_targets: list[Node] = []  # items the last unit line went to
        self.last_content: Node | None = None
        self.last_number = 0
        self.next_number: str | None = None

    # ------------------------------------------------------------------ tree
    def _open(self, node: Node) -> Node:
        """Insert a numbered node under the nearest open node of smaller rank."""
        while len(self.stack) > 1 and self.stack[-1].rank >= node.rank:
            self.stack.pop()
        parent = self.stack[-1]
        last = parent.children[-1] if parent.children else None
        if node.num is not None and last is not None and last.num is not None and last.rank == node.rank \
                and last.num.style == node.num.style and last.num.value == node.num.value:
            if (last.title_like or node.title_like) and _similar_heading(last.text, node.text) \
                    or last.text == node.text:
                self.stack.append(last)  # repeated at a page break: re-open it
                return last
        node.parent = parent
        node.order = len(self.nodes)
        parent.children.append(node)
        self.stack.append(node)
        self.nodes.append(node)
        # items waiting for units belong to a section this node closes
        self.pending = [p for p in self.pending
                        if p.parent is not None and p.parent.rank < node.rank and not p.preamble]
        self.pending.append(node)
        self.unit_targets = []
        return node

    def _open_unnumbered(self, text: str, loc: dict[str, int], *, table_mode: bool) -> Node:
        while len(self.stack) > 1 and not self.stack[-1].title_like:
            self.stack.pop()
        parent = self.stack[-1]
        node = Node(rank=9, num=None, parts=[text], loc=loc, parent=parent, table_mode=table_mode,
                    preamble=parent is self.root, order=len(self.nodes))
        parent.children.append(node)
        self.stack.append(node)
        self.nodes.append(node)
        self.pending.append(node)
        return node

    def _open_title(self, text: str, loc: dict[str, int], *, forced: bool) -> Node:
        """A section from a table's title column (numbered or not)."""
        simp = to_simplified(text)
        num = parse_numbering(simp)
        if num is not None and num.rank <= 2.5:
            node = Node(rank=num.rank, num=num, parts=[text[num.end:]], loc=loc, forced_heading=forced)
            return self._open(node)
        body = text[num.end:] if num else text
        while len(self.stack) > 1 and self.stack[-1].rank >= 2.5:
            self.stack.pop()
        parent = self.stack[-1]
        last = parent.children[-1] if parent.children else None
        if last is not None and last.rank == 2.5 and _similar_heading(last.text, body):
            self.stack.append(last)
            return last
        node = Node(rank=2.5, num=None, parts=[body], loc=loc, parent=parent, forced_heading=forced,
                    order=len(self.nodes))
        parent.children.append(node)
        self.stack.append(node)
        self.nodes.append(node)
        return node

    # ------------------------------------------------------------- content
    def _add_line(self, text: str, loc: dict[str, int], *, table_mode: bool, first_in_cell: bool,
                  created: list[Node]) -> None:
        """One paragraph / one line of a cell."""
        text = squash(text)
        if not text:
            return
        simp = to_simplified(text)
        num = parse_numbering(simp)
        if num is not None:
            cuts = inline_siblings(simp, num)
            if cuts:
                # "（1）…。（2）…" run together on one line (a flattened cell): one item each
                bounds = [0, *cuts, len(text)]
                for k in range(len(bounds) - 1):
                    self._add_line(text[bounds[k]: bounds[k + 1]], loc, table_mode=table_mode,
                                   first_in_cell=first_in_cell and k == 0, created=created)
                return
        if num is None and self.next_number is not None:
            num = parse_numbering(self.next_number + "、")
            text, simp = self.next_number + "、" + text, self.next_number + "、" + simp
        self.next_number = None
        self.unit_targets = []
        if num is not None and len(simp) > num.end:
            node = self._open(Node(rank=num.rank, num=num, parts=[text[num.end:]], loc=loc, table_mode=table_mode))
            if num.style == "ar" and num.value is not None:
                self.last_number = num.value
            created.append(node)
            self.after_units = False
            self.last_content = node
        else:
            last = self.last_content
            cont = False
            if not first_in_cell and created:
                cont = True  # later lines of one cell continue its last item
            elif last is not None and not self.after_units and not table_mode:
                cont = not last.title_like and last is self.stack[-1]
            elif last is not None and table_mode and last.table_mode and not _ends_sentence(last.text) and not created:
                cont = last is self.stack[-1] and not last.title_like
            if cont and last is not None:
                last.parts.append(text)
                if text[-1:] in "）)":
                    self._take_inline_units(last, tail_only=True)  # a parenthesis wrapped onto this line closes here
                return
            node = self._open_unnumbered(text, loc, table_mode=table_mode)
            created.append(node)
            self.after_units = False
            self.last_content = node
        self._take_inline_units(node)
        self._split_enumeration(node, created)

    def _continue_parenthesis(self, text: str) -> bool:
        """Add an unnumbered line to the item above when that item ends inside a parenthesis.

        "…集中公开（县财政局牵头，" / "各部门配合）": the second line is not a unit line of its
        own but the rest of the item's units parenthesis, read with it once it closes.
        Returns whether the line was taken.
        """
        node = self.last_content
        if node is None or node is not self.stack[-1] or node.table_mode or self.after_units \
                or not self._ends_inside_parenthesis(node):
            return False
        node.parts.append(text)
        if not self._ends_inside_parenthesis(node):
            self._take_inline_units(node, tail_only=True)
        return True

    @staticmethod
    def _ends_inside_parenthesis(node: Node) -> bool:
        tail = ""
        for part in reversed(node.parts):
            tail = part + tail
            if len(tail) > _OPEN_PAREN_REACH:
                break
        if "（" not in tail and "(" not in tail:
            return False
        tail = squash(tail)[-_OPEN_PAREN_REACH:]
        at = unclosed_parenthesis(tail)
        return at >= 0 and not _SENTENCE_END.search(tail, at)

    def _take_inline_units(self, node: Node, *, tail_only: bool = False, units_only: bool = False) -> bool:
        """Units or a deadline printed inside/after the item: "…。（A牵头，B配合）".

        ``tail_only``: a line just added to the item closed a parenthesis; only the last parts,
        about :data:`_INLINE_TAIL` characters, are read. What they hold is taken only if it
        starts well inside them (a match at their start might run on before it).
        ``units_only``: take nothing (not even a deadline) unless units are found.
        Returns whether anything was taken.
        """
        start = 0
        if tail_only:
            start, size = len(node.parts), 0
            while start > 0 and size < _INLINE_TAIL:
                start -= 1
                size += len(node.parts[start])
        stripped, units, deadline_words = split_inline(squash("".join(node.parts[start:])))
        if units is None and (units_only or not deadline_words):
            return False
        if start > 0 and len(stripped) <= 4:
            return False  # too near where reading began: what split_inline saw before it was cut short
        del node.parts[start:]
        node.parts.append(stripped)
        if units is not None:
            node.units = units
            self.after_units = True
            self.pending = []
        if deadline_words:
            node.deadline = deadlines.deadline_from_cell(deadline_words, to_simplified(deadline_words), self.year)
        return True

    def _split_enumeration(self, node: Node, created: list[Node]) -> None:
        """An inline "一是…；二是…" list makes the paragraph a section of one task per item."""
        text = squash("".join(node.parts))
        if "是" not in text:
            return
        spans = inline_enumeration(to_simplified(text))
        if not spans:
            return
        node.parts = [text[: spans[0][0]]]
        for k, (_, start, label) in enumerate(spans):
            end = spans[k + 1][0] if k + 1 < len(spans) else len(text)
            num = Numbering(node.rank + 0.2, "shi", label, k + 1, 0)
            child = Node(rank=num.rank, num=num, parts=[text[start:end]], loc=node.loc, parent=node,
                         table_mode=node.table_mode, deadline=node.deadline, order=len(self.nodes),
                         units=node.units.copy() if node.units is not None else None)
            node.children.append(child)
            self.nodes.append(child)
            created.append(child)
            if child.units is None:
                self.pending.append(child)
        self.stack.append(node.children[-1])
        self.last_content = node.children[-1]

    def _assign_units(self, units: UnitRoles) -> None:
        if self.unit_targets:
            # a second unit line right after the first (牵头单位：… / 配合单位：…) adds to the same items
            for node in self.unit_targets:
                if node.units is not None:
                    node.units.merge(units)
            return
        targets = [p for p in self.pending if not p.children and p.units is None]
        if not targets:
            targets = [p for p in self.pending if p.units is None][-1:]
        if not targets and self.stack[-1] is not self.root and self.stack[-1].units is None:
            targets = [self.stack[-1]]
        for node in targets:
            node.units = units.copy()
        self.unit_targets = targets
        self.pending = []
        self.after_units = True

    def _assign_deadline(self, deadline: tuple) -> None:
        targets = [p for p in self.pending if not p.children] or ([self.last_content] if self.last_content else [])
        for node in targets:
            if node is not None and node.deadline is None:
                node.deadline = deadline
