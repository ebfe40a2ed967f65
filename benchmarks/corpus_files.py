"""Bytes of the corpus's files: YAML front matter and profiles, and attachments.

YAML is written by hand rather than with ``yaml.dump``: it is several times faster, keeps the
demo's layout (short lists inline, mappings in block style) and quotes only what a YAML
reader would otherwise take for a number, a date-less keyword or syntax. Attachments are
small but real files (a one-page PDF, an Office Open XML document or workbook) with fixed
timestamps, so the tree stays byte-identical from run to run.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import yaml

_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`]([^\n]*\S)?")
# Anything ASCII that starts like a number may be one to YAML 1.1 (0x1F, 1e5, 12:30, .inf).
_NUMBER_LIKE = re.compile(r"[-+.0-9][-+.0-9A-Za-z_: ]*")
_WORDS = {"null", "Null", "NULL", "~", "true", "True", "TRUE", "false", "False", "FALSE",
          "yes", "no", "on", "off", "y", "n"}
_FLOW_SPECIAL = re.compile(r"[,\[\]{}]")


def scalar(value: Any, flow: bool = False) -> str:
    """``value`` as a YAML scalar that reads back as the same value (dates as text)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if (_PLAIN.fullmatch(text) and ": " not in text and " #" not in text
            and not text.endswith(":") and not _NUMBER_LIKE.fullmatch(text)
            and text not in _WORDS and not (flow and _FLOW_SPECIAL.search(text))):
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


def dump_yaml(data: dict[str, Any], indent: str = "") -> str:
    """A block mapping; lists of scalars inline, lists of mappings as block sequences."""
    lines = []
    for key, value in data.items():
        head = f"{indent}{scalar(key)}:"
        if isinstance(value, dict):
            lines.append(f"{head}\n{dump_yaml(value, indent + '  ')}")
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(head + "\n")
            for entry in value:
                block = dump_yaml(entry, indent + "    ")
                lines.append(f"{indent}  - {block[len(indent) + 4:]}")
        elif isinstance(value, list) and sum(len(str(v)) for v in value) > 60:
            lines.append(head + "\n" + "".join(f"{indent}  - {scalar(v)}\n" for v in value))
        elif isinstance(value, list):
            lines.append(f"{head} [{', '.join(scalar(v, flow=True) for v in value)}]\n")
        else:
            lines.append(f"{head} {scalar(value)}\n")
    return "".join(lines)


def schema_defaults(folder: Path) -> dict[str, Any]:
    """Item type -> its schema's default ``disclosure_category`` (the Art. 20 item)."""
    defaults = {}
    for path in sorted(folder.glob("[a-z]*.yaml")):
        schema = yaml.safe_load(path.read_text("utf-8"))
        defaults[path.stem] = schema["properties"]["disclosure_category"]["default"]
    return defaults


_ZIP_TIME = (2026, 1, 1, 0, 0, 0)
_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.'
          'openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType='
          '"application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
          'ContentType="application/xml"/><Override PartName="/{part}" ContentType="{kind}"/>'
          '</Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://'
         'schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
         'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{rel}" '
         'Target="{target}"/>'
         '</Relationships>')
_DOCX = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://'
         'schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{paragraphs}</w:body>'
         '</w:document>')
_WORKBOOK = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://'
             'schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.'
             'openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" '
             'sheetId="1" r:id="rId1"/></sheets></workbook>')
_SHEET = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://'
          'schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" '
          't="inlineStr"><is><t>{title}</t></is></c></row></sheetData></worksheet>')
_MAIN = "application/vnd.openxmlformats-officedocument."


def _zip(parts: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, text in parts.items():
            archive.writestr(zipfile.ZipInfo(name, _ZIP_TIME), text)
    return buffer.getvalue()


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _pdf(title: str) -> bytes:
    # Built-in fonts cannot show Chinese: the page carries an ASCII line, the title goes in
    # the document information dictionary as UTF-16 so readers still show it.
    stream = b"BT /F1 14 Tf 72 760 Td (Shili benchmark attachment) Tj ET"
    title_hex = ("FEFF" + title.encode("utf-16-be").hex().upper()).encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               b"<< /Title <" + title_hex + b"> >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def attachment_bytes(name: str, title: str) -> bytes:
    """A small valid file of the kind ``name``'s extension says, showing ``title``."""
    if name.endswith(".pdf"):
        return _pdf(title)
    if name.endswith(".xlsx"):
        return _zip({"[Content_Types].xml": _TYPES.format(
                         part="xl/workbook.xml", kind=_MAIN + "spreadsheetml.sheet.main+xml"),
                     "_rels/.rels": _RELS.format(rel="officeDocument", target="xl/workbook.xml"),
                     "xl/workbook.xml": _WORKBOOK,
                     "xl/_rels/workbook.xml.rels": _RELS.format(rel="worksheet",
                                                               target="worksheets/sheet1.xml"),
                     "xl/worksheets/sheet1.xml": _SHEET.format(title=_xml(title))})
    paragraphs = "".join(f"<w:p><w:r><w:t>{_xml(line)}</w:t></w:r></w:p>"
                         for line in (title, "申请人（签章）：", "日期："))
    return _zip({"[Content_Types].xml": _TYPES.format(
                     part="word/document.xml",
                     kind=_MAIN + "wordprocessingml.document.main+xml"),
                 "_rels/.rels": _RELS.format(rel="officeDocument", target="word/document.xml"),
                 "word/document.xml": _DOCX.format(paragraphs=paragraphs)})
