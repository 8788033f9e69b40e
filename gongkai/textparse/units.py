"""Units by role (牵头 / 责任 / 配合 / 参照落实) from the way plans print them.

Handles "A牵头，B配合；C参照落实", "A、B按职责分工负责，各镇（街道）", "A牵头，B、C等有关部门落实",
"A牵头B" (no separator), labels such as "牵头单位：A；责任单位：B", and unit lists in
parentheses after a task. Names are cut from the original text (as printed); all matching
runs on the simplified working copy, which has the same length.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .model import UnitRoles
from .normalize import squash, to_simplified

# Endings of organisation names (机关、单位、groups such as 各镇（街道）). General Chinese
# administrative vocabulary, not any one plan's names.
_ORG_SUFFIX = re.compile(
    r"(?:局|厅|委|办|室|处|科|股|部|院|会|中心|政府|办事处|街道|乡|镇|村|社区|单位|部门|机构|公司|集团|队|站|所|馆|团|"
    r"校|组|行|台|社|署|司|厂|场|关|联|协|盟|旗|县|区|市|省|州|街|园|军|党委|人大|政协|镇街|乡镇|分局|企业|医院|学校|高校)$"
)
_VERBISH = re.compile(
    r"做好|加强|推进|开展|建立|健全|完善|提高|提升|确保|进一步|持续|积极|切实|严格|及时|实现|通过|按照|围绕|加大|"
    r"强化|深化|推动|做到|要求|[。？！；]"
)
_PARENS = re.compile(r"[（(〔［\[][^（）()〔〕［］\[\]]*[）)〕］\]]")

ROLE_LABEL = re.compile(
    r"(?P<label>(?:参照落实|参照执行|牵头及责任|牵头落实|牵头|主责|主办|责任|落实|实施|承办|配合|协办|协助|参与|"
    r"主要责任|具体责任|配合责任)(?:单位|部门|科室|股室|处室|机构))\s*[:：]\s*"
)
DEADLINE_LABEL = re.compile(r"(?:完成时限|完成时间|时限要求|时间要求|时间节点|办结时限|完成期限|时间安排|进度安排|时限)\s*[:：]\s*")

_MARK = re.compile(
    r"等(?=有关|相关|部门|单位|各|按|负责|落实|配合|参照|牵头|协助|$)|按照?(?:各自)?(?:职责|职能)|根据(?:各自)?职责|"
    r"依(?:据)?职责|分别|共同|参照|(?:牵头|配合|协助|协办|协同|负责|落实|执行)(?!单位|部门)"
)
_ROLE_WORDS = re.compile(
    r"^(?:牵头|负责|落实|执行|配合|协助|协办|协同|参照|单位|部门|实施|推进|有关|相关|其他|其它|行业主管|按照?|根据|"
    r"依据?|各自|职责|职能|分工|[，,、；;\s])+"
)


def role_of_label(label_s: str) -> str:
    if "参照" in label_s:
        return "reference"
    if "配合" in label_s or "协办" in label_s or "协助" in label_s or "参与" in label_s:
        return "cooperate"
    if "牵头" in label_s and "责任" not in label_s or "主责" in label_s or "主办" in label_s:
        return "lead"
    return "responsible"


def _role_of_tail(tail_s: str, default: str) -> str:
    """Role named by the words after the names ("牵头", "配合落实", "参照执行" …)."""
    for word, role in (("参照", "reference"), ("牵头", "lead"), ("配合", "cooperate"), ("协助", "cooperate"),
                       ("协办", "cooperate"), ("协同", "cooperate")):
        if word in tail_s:
            return role
    return default


def is_org_name(name_s: str) -> bool:
    """Does this (simplified) fragment read as an organisation or a group of them?"""
    if not name_s or len(name_s) > 32:
        return False
    core = _PARENS.sub("", name_s).strip()
    if not core or _VERBISH.search(core):
        return False
    if _ORG_SUFFIX.search(core):
        return True
    return core.startswith("各") and len(core) <= 10


_OPENERS = frozenset("（(〔［[")


@lru_cache(maxsize=16)
def _sep_pattern(seps: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(seps) + "]")


def _split_top(text: str, seps: str) -> list[tuple[int, int]]:
    """Spans of ``text`` split on ``seps`` outside parentheses."""
    if _OPENERS.isdisjoint(text):
        spans, start = [], 0
        for m in _sep_pattern(seps).finditer(text):
            spans.append((start, m.start()))
            start = m.end()
        spans.append((start, len(text)))
        return spans
    spans, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "（(〔［[":  # 〔〕 nest inside （）: 各县〔市、区〕人民政府
            depth += 1
        elif ch in "）)〕］]":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in seps:
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(text)))
    return spans


def _clean_name(name: str) -> str:
    name = name.strip(" \t，,、；;。:：")
    if name.startswith("由"):
        name = name[1:]
    while name.endswith("等"):
        name = name[:-1]
    # a bracket left over from a list printed in parentheses: "（A局、B局牵头" / "C局配合）"
    opened = name.count("（") + name.count("(") - name.count("）") - name.count(")")
    if opened > 0 and name[:1] in "（(":
        name = name[1:]
    elif opened < 0 and name[-1:] in "）)":
        name = name[:-1]
    return name.strip()


# A role written in parentheses after a name: "区司法局（牵头）、区直有关单位", "各镇（街）（参照执行）"
_PAREN_ROLE = re.compile(r"[（(](?P<role>牵头|主办|主责|责任|负责|落实|配合|协办|协助|参与|参照执行|参照落实)(?:单位|部门)?[）)]")


def _parse_clause(orig: str, simp: str, default: str, out: list[tuple[str, str, bool]]) -> None:
    """Append (role, name, org_like) for one clause (no ，；inside)."""
    if ("（" in simp or "(" in simp) and _PAREN_ROLE.search(simp):
        for s, e in _split_top(simp, "、/"):
            pm = _PAREN_ROLE.search(simp, s, e)
            role, cut = (role_of_label(pm.group("role")), pm.start()) if pm else (default, e)
            n_o, n_s = _clean_name(orig[s:cut]), _clean_name(simp[s:cut])
            if n_o:
                out.append((role, n_o, is_org_name(n_s)))
        return
    m = _MARK.search(simp)
    if m and m.start() == 0:  # role word first: "牵头：", "负责" — nothing to name
        rest = _ROLE_WORDS.match(simp)
        cut = rest.end() if rest else m.end()
        if cut < len(simp):
            _parse_clause(orig[cut:], simp[cut:], default, out)
        return
    names_o, names_s = (orig[: m.start()], simp[: m.start()]) if m else (orig, simp)
    role = _role_of_tail(simp[m.start():], default) if m else default
    for s, e in _split_top(names_s, "、/"):
        n_o, n_s = _clean_name(names_o[s:e]), _clean_name(names_s[s:e])
        if n_o:
            out.append((role, n_o, is_org_name(n_s)))
    if m:
        # "A牵头B、C" — more names after the role word start a clause of their own.
        rest_s = simp[m.end():]
        skip = _ROLE_WORDS.match(rest_s)
        off = m.end() + (skip.end() if skip else 0)
        if off < len(simp):
            sub: list[tuple[str, str, bool]] = []
            _parse_clause(orig[off:], simp[off:], "responsible", sub)
            if sub and all(ok for _, _, ok in sub):
                out.extend(sub)


def one_parenthesis(text: str) -> bool:
    """The whole line is one parenthesis: "（A牵头，B配合）", not "（一）做好…（A负责）"."""
    if text[-1:] not in "）)":
        return False
    depth = 0
    for i, ch in enumerate(text):
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth -= 1
            if depth == 0 and i < len(text) - 1:
                return False
    return depth == 0


def unclosed_parenthesis(text: str) -> int:
    """Index of the outermost （ or ( still open at the end of ``text``, or -1."""
    opened: list[int] = []
    for i, ch in enumerate(text):
        if ch in "（(":
            opened.append(i)
        elif ch in "）)" and opened:
            opened.pop()
    return opened[0] if opened else -1


def parse_units_detail(raw: str, default: str = "responsible") -> list[tuple[str, str, bool]]:
    """(role, name as printed, looks_like_org) for every name in ``raw``."""
    orig = squash(raw)
    if orig[:1] in "（(" and one_parenthesis(orig):
        orig = orig[1:-1]  # a unit list printed in parentheses on its own line
    simp = to_simplified(orig)
    out: list[tuple[str, str, bool]] = []
    # Labelled chunks: "牵头单位：A；责任单位：B". Text before the first label keeps ``default``.
    chunks: list[tuple[int, int, str]] = []
    pos, role = 0, default
    for m in ROLE_LABEL.finditer(simp):
        chunks.append((pos, m.start(), role))
        pos, role = m.end(), role_of_label(m.group("label"))
    chunks.append((pos, len(simp), role))
    for cs, ce, crole in chunks:
        for s, e in _split_top(simp[cs:ce], "，,；;。\n"):
            s, e = cs + s, cs + e
            if simp[s:e].strip():
                _parse_clause(orig[s:e], simp[s:e], crole, out)
    return out


def parse_units(raw: str, default: str = "responsible") -> UnitRoles:
    roles = UnitRoles()
    for role, name, _ in parse_units_detail(raw, default):
        roles.add(role, name)
    return roles


def as_unit_list(raw: str, default: str = "responsible") -> UnitRoles | None:
    """Units if the whole of ``raw`` is a unit list (a unit cell or line), else None."""
    text = squash(raw).rstrip("。.;；")
    if not text or len(text) > 400:
        return None
    simp = to_simplified(text)
    if "。" in simp or "：" in simp and not ROLE_LABEL.search(simp):
        return None
    detail = parse_units_detail(text, default)
    if not detail or not all(ok for _, _, ok in detail):
        return None
    roles = UnitRoles()
    for role, name, _ in detail:
        roles.add(role, name)
    return roles


_TRAIL_PAREN = re.compile(r"[（(](?P<body>[^（）()]*(?:[（(][^（）()]*[）)][^（）()]*)*)[）)][。；;.，,]?\s*$")
# A parenthesis right after a division word names the other divisions of that level and is
# part of the unit name, not a list of units: 各镇（街道）, 各区（县）, 各乡（镇）, 各县（市、区）.
_DIVISION = r"(?:街道|乡镇|镇街|社区|[镇乡街村县区市州旗盟])"
_DIVISION_BEFORE = re.compile(_DIVISION + r"$")
_DIVISIONS = re.compile(_DIVISION + r"(?:[、/]" + _DIVISION + r")*")
_TRAIL_LABEL = re.compile(
    r"(?:^|(?<=[。；;！!？?\s]))(?P<body>(?:" + ROLE_LABEL.pattern + r"|" + DEADLINE_LABEL.pattern + r").*)$"
)


def split_inline(text: str) -> tuple[str, UnitRoles | None, str | None]:
    """Cut units (and a labelled deadline) printed after a task: "…。（牵头单位：A；完成时限：6月底前）".

    Returns (text without them, units or None, deadline words or None).
    """
    units: UnitRoles | None = None
    deadline: str | None = None
    for _ in range(3):
        simp = to_simplified(text)
        m = _TRAIL_PAREN.search(simp)
        kind = "paren"
        if not m:
            m = _TRAIL_LABEL.search(simp)
            kind = "label"
            if not m:
                break
        body_s = m.group("body")
        body_o = text[m.start("body"): m.end("body")]
        if kind == "paren" and _DIVISIONS.fullmatch(body_s.strip()) and _DIVISION_BEFORE.search(simp, 0, m.start()):
            break  # "…指导各镇（街道）" wrapped at the line's end: the name goes on
        got_units, got_deadline = _labelled_parts(body_o, body_s)
        if got_units is None and got_deadline is None:
            if kind == "paren" and m.start() > 0:
                plain = as_unit_list(body_o)
                if plain is not None and _ends_sentence(simp[: m.start()]):
                    got_units = plain
            if got_units is None:
                break
        if got_units is not None:
            units = got_units if units is None else _merged(got_units, units)
        if got_deadline:
            deadline = got_deadline
        text = text[: m.start()].rstrip()
    return text, units, deadline


def _ends_sentence(before: str) -> bool:
    """A unit list in parentheses closes a task: it follows 。 or ends the item's text."""
    return bool(before) and (before.rstrip()[-1:] in "。；;！!" or len(before) > 4)


def _merged(a: UnitRoles, b: UnitRoles) -> UnitRoles:
    out = a.copy()
    out.merge(b)
    return out


def _labelled_parts(body_o: str, body_s: str) -> tuple[UnitRoles | None, str | None]:
    """Units and deadline from "牵头单位：A；责任单位：B；完成时限：…" (labels required)."""
    if not ROLE_LABEL.search(body_s) and not DEADLINE_LABEL.search(body_s):
        return None, None
    deadline = None
    dm = DEADLINE_LABEL.search(body_s)
    unit_o, unit_s = body_o, body_s
    if dm:
        end = len(body_s)
        nxt = ROLE_LABEL.search(body_s, dm.end())
        if nxt:
            end = nxt.start()
        deadline = body_o[dm.end(): end].strip(" ；;，,。")
        unit_o = body_o[: dm.start()] + body_o[end:]
        unit_s = body_s[: dm.start()] + body_s[end:]
    units = None
    if ROLE_LABEL.search(unit_s):
        units = parse_units(unit_o)
        if units.is_empty():
            units = None
    elif unit_s.strip(" ；;，,。"):
        units = as_unit_list(unit_o.strip(" ；;，,。"))  # "A牵头，B落实；完成时限：…"
    return units, deadline or None
