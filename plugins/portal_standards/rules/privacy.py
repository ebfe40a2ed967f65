"""PRIV-3: no unmasked resident ID, mobile or bank-card number in anything published.

Each published item's front matter (joined into one text) and body, and each text
attachment, are scanned once with one regular expression that finds runs of digits
(and the usual spaced ways of writing a mobile or card number); each run is then
classified by its checksum and its label, so an order number, a statistic or a
position code is not mistaken for personal data. Masked forms (``138****1234``,
``35*************123``) contain no such run and pass. The findings show numbers
masked: the report must not republish them.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Collection, Iterable, Iterator
from typing import Any

from portal_model.frontmatter import Path as FieldPath
from portal_model.frontmatter import dotted
from portal_model.paths import resolve

from ..audit import RuleRun
from ..registry import BLOCKING, Message, rule

_CANDIDATE = re.compile(
    # The first digit comes before the check that no letter or digit precedes it, so
    # the engine can skip ahead to the next digit instead of trying every position.
    r"[0-9](?<![0-9A-Za-z].)"
    r"(?:[0-9]{10,18}[Xx]?"                              # a plain run; an ID may end in X
    r"|(?<=1)[3-9][0-9]([ -])[0-9]{4}\1[0-9]{4}"          # a mobile written 138 1234 5678
    r"|(?<=[456])[0-9]{3}(?: [0-9]{4}){3}(?: [0-9]{1,3})?)"  # a card in groups of four
    r"(?![0-9A-Za-z])")
_ID_WEIGHTS = [2 ** (17 - i) % 11 for i in range(17)]
_ID_CHECK = "10X98765432"
"""ISO 7064 MOD 11-2: the check character for each remainder of the weighted sum."""
_EARLIEST_BIRTH = dt.date(1900, 1, 1)
_UNCHECKED = ("mobile", "bank_card")
"""Kinds a code of the same shape can pass for (a mobile has no checksum, Luhn passes 1 in 10)."""
_LABEL_REACH = 12
"""How many characters before a number in prose may name it (``职位代码：``)."""
_FIELD_BREAK = "\x00"
"""Joins an item's front-matter texts for one scan: it ends a line and is never part of a number."""


def _is_resident_id(digits: str, as_of: dt.date) -> bool:
    """An 18-character mainland ID: region, real birth date, sequence, valid check character."""
    if len(digits) != 18 or digits[0] not in "12345678" or not digits[:17].isdigit():
        return False
    try:
        born = dt.date(int(digits[6:10]), int(digits[10:12]), int(digits[12:14]))
    except ValueError:
        return False
    if not _EARLIEST_BIRTH <= born <= as_of:
        return False
    total = sum(int(digit) * weight for digit, weight in zip(digits[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == digits[17].upper()


def _passes_luhn(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _classify(token: str, as_of: dt.date) -> tuple[str, str] | None:
    """(finding code, the bare digits) for a personal number, else None."""
    digits = token.replace(" ", "").replace("-", "")
    if _is_resident_id(digits, as_of):
        return "resident_id", digits
    if not digits.isdigit():
        return None
    if len(digits) == 11 and digits[0] == "1" and digits[1] in "3456789":
        return "mobile", digits
    if 16 <= len(digits) <= 19 and (digits.startswith("62") or digits[0] in "45") \
            and _passes_luhn(digits):
        return "bank_card", digits
    return None


def _masks(code: str, digits: str) -> tuple[str, str]:
    """(as the report shows it, as the fix suggests writing it: Yong'an 2023's formats)."""
    if code == "mobile":
        masked = f"{digits[:3]}****{digits[-4:]}"
        return masked, masked
    if code == "resident_id":
        return f"{digits[:4]}{'*' * 10}{digits[-4:]}", f"{digits[:2]}{'*' * 13}{digits[-3:]}"
    masked = f"{digits[:4]}{'*' * (len(digits) - 8)}{digits[-4:]}"
    return masked, masked


def _hits(text: str, as_of: dt.date, code_labels: tuple[str, ...], separator: str = "|"
          ) -> Iterator[tuple[int, str, str]]:
    """(offset, code, digits) for each personal number in ``text``.

    ``separator`` is ``|`` for Markdown tables, ``,`` for a CSV file (header on line 1).
    """
    context = None
    for match in _CANDIDATE.finditer(text):
        found = _classify(match.group(), as_of)
        if found is None:
            continue
        if found[0] in _UNCHECKED:
            context = context or _Context(text, separator)
            if context.labelled(match.start(), code_labels):
                continue
        yield match.start(), *found


def _with_lines(text: str, hits: Iterable[tuple[int, str, str]]
                ) -> Iterator[tuple[int, str, str]]:
    """The hits with the number of newlines before each instead of its offset."""
    newlines, counted_to = 0, 0
    for offset, code, digits in hits:
        newlines += text.count("\n", counted_to, offset)
        counted_to = offset
        yield newlines, code, digits


def _line_start(text: str, offset: int) -> int:
    return max(text.rfind("\n", 0, offset), text.rfind(_FIELD_BREAK, 0, offset)) + 1


class _Context:
    """What a number's surroundings say about it: built only for a text with a candidate."""

    def __init__(self, text: str, separator: str):
        self.text, self.separator = text, separator
        self._headers: dict[int, str] = {}
        """Start of a table row -> the header row of its table."""

    def labelled(self, offset: int, labels: tuple[str, ...]) -> bool:
        """True when the text calls the number a code: its table column, or the words before it."""
        row = _line_start(self.text, offset)
        before = self.text[row:offset]
        if self.separator == "," or before.lstrip().startswith("|"):
            cells = self._header(row).split(self.separator)
            column = before.count(self.separator)
            label = cells[column] if column < len(cells) else ""
        else:
            label = before[-_LABEL_REACH:]
        return any(word in label for word in labels)

    def _header(self, row: int) -> str:
        """The first line of the file (CSV) or of the Markdown table holding ``row``."""
        text = self.text
        start = 0 if self.separator == "," else row
        while start not in self._headers and start > 0 and text[start - 1] == "\n":
            above = _line_start(text, start - 1)
            if not text[above:start].lstrip().startswith("|"):
                break
            start = above
        header = self._headers.get(start)
        if header is None:
            end = min(i for i in (text.find("\n", start), text.find(_FIELD_BREAK, start),
                                  len(text)) if i >= 0)
            header = text[start:end]
        self._headers[row] = self._headers[start] = header
        return header


_KINDS = {"resident_id": ("居民身份证号码", "resident ID number"),
          "mobile": ("手机号码", "mobile number"),
          "bank_card": ("银行卡号", "bank-card number")}


def _message(code: str) -> Message:
    zh, en = _KINDS[code]
    return Message(
        zh=f"有未遮蔽的{zh} {{masked}}（此处已遮蔽显示）",
        en=f"an unmasked {en}: {{masked}} (masked here)",
        fix_zh=f"发布前对{zh}去标识化，用 * 遮蔽，如写作 {{example}}；确需公开完整号码的"
               f"（惩戒公示、强制性信息披露）须有法定依据",
        fix_en=f"de-identify the {en} before publishing by masking it with *, e.g. "
               f"{{example}}; publish it in full only with a legal basis (sanctions "
               f"publicity, mandatory disclosure)")


@rule("PRIV-3", title=("个人信息去标识化", "Personal numbers are masked"),
      severity=BLOCKING,
      source="2018年政务公开工作要点（去标识化）；永安市2023年遮蔽格式",
      params={"skipped_fields": ["index_no", "item_code", "doc_no", "online_url"],
              "text_attachments": [".csv", ".txt"],
              "code_labels": ["代码", "编码", "编号", "准考证号", "流水号"]},
      messages={code: _message(code) for code in _KINDS})
def personal_numbers_masked(run: RuleRun) -> None:
    """Front matter, bodies (translations too) and text attachments, each file once."""
    skipped = frozenset(run.params["skipped_fields"])
    suffixes = tuple(suffix.lower() for suffix in run.params["text_attachments"])
    mentions_text_file = re.compile("|".join(map(re.escape, suffixes)) or "(?!)", re.IGNORECASE)
    as_of, attachments = run.audit.as_of, run.audit.portal.attachments
    labels = tuple(run.params["code_labels"])
    referenced: dict[str, str] = {}
    """Text attachment path -> department, in the order first referenced."""
    for item in run.audit.published:
        texts = []
        for text in _strings(item.meta, skipped):
            file = _file_named(item.source, text, attachments)
            if file is None:
                texts.append(text)
            elif text.lower().endswith(suffixes):
                referenced.setdefault(file, item.department)
        joined = _FIELD_BREAK.join(texts)
        paths: list[FieldPath] = []
        starts: list[int] = []
        for offset, code, digits in _hits(joined, as_of, labels):
            if not paths:  # which field each text is, and where it begins: on the first hit
                paths = [path for path, text in _fields(item.meta, skipped)
                         if _file_named(item.source, text, attachments) is None]
                starts = [0]
                for text in texts[:-1]:
                    starts.append(starts[-1] + len(text) + 1)
            path = paths[bisect_right(starts, offset) - 1]
            _report(run, code, digits, item.source, item.line_of(path), dotted(path),
                    item.department, title=item.title)
        body = item.body
        for newlines, code, digits in _with_lines(body, _hits(body, as_of, labels)):
            _report(run, code, digits, item.source, item.body_line + newlines, "body",
                    item.department, title=item.title)
        if mentions_text_file.search(item.body):
            for link in item.links:
                if link.resolved in attachments and link.resolved.lower().endswith(suffixes):
                    referenced.setdefault(link.resolved, item.department)
    root = run.audit.root
    if root is None:
        return  # a model built in memory has no files to read
    for path, department in referenced.items():
        text = _decode((root / path).read_bytes())
        separator = "," if path.lower().endswith(".csv") else "|"
        for newlines, code, digits in _with_lines(text, _hits(text, as_of, labels, separator)):
            _report(run, code, digits, path, 1 + newlines, "", department)


def _file_named(source: str, text: str, attachments: Collection[str]) -> str | None:
    """The attachment a front-matter text is the path of, if it is one: a file's path is a
    URL, not content; it only tells which file to read."""
    if "/" not in text:
        return None
    file = resolve(source, text)
    return file if file in attachments else None


def _strings(meta: dict[str, Any], skipped: frozenset[str]) -> list[str]:
    """Every text in front matter, in :func:`_fields`' order, without the paths (a path is
    needed only for a hit: making one for every value was 40 % of this rule's time)."""
    found: list[str] = []

    def collect(value: Any) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for key, sub in value.items():
                if key not in skipped:
                    collect(sub)
        elif isinstance(value, list):
            for sub in value:
                collect(sub)
        elif isinstance(value, int) and not isinstance(value, bool):
            found.append(str(value))

    collect(meta)
    return found


def _fields(meta: dict[str, Any], skipped: frozenset[str]) -> list[tuple[FieldPath, str]]:
    """Every text in front matter with its field path; numbers too, as YAML may read them so."""
    found: list[tuple[FieldPath, str]] = []

    def collect(value: Any, path: FieldPath) -> None:
        if isinstance(value, str):
            found.append((path, value))
        elif isinstance(value, dict):
            for key, sub in value.items():
                if key not in skipped:
                    collect(sub, (*path, key))
        elif isinstance(value, list):
            for index, sub in enumerate(value):
                collect(sub, (*path, index))
        elif isinstance(value, int) and not isinstance(value, bool):
            found.append((path, str(value)))

    collect(meta, ())
    return found


def _decode(data: bytes) -> str:
    """Chinese spreadsheets exported as CSV are UTF-8 or GB 18030."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def _report(run: RuleRun, code: str, digits: str, file: str, line: int, field_name: str,
            department: str, **extra: Any) -> None:
    masked, example = _masks(code, digits)
    run.at(code, file, line, field_name, department, masked=masked, example=example, **extra)
