"""PRIV-3: unmasked resident ID, mobile and bank-card numbers in published texts."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import AS_OF, audit_findings, write

from portal_model.loader import load_portal
from portal_standards.audit import evaluate, single_rules
from portal_standards.calendar import WorkingCalendar

NEWS = "content/demo/news/example.md"
FINANCE = "content/demo/finance/example.md"
LICENSING = "content/demo/licensing/example.md"
TRANSLATION = "content/demo/licensing/example.en.md"
WITHHELD = "content/demo/notice/withheld.md"

ID = "11010519491231002X"
"""The worked example of GB 11643: a valid check character."""
MOBILE = "13812345678"
CARD = "6222021234567890128"
"""A UnionPay-style number that passes the Luhn check."""


def append(site: Path, relative: str, text: str) -> None:
    path = site / relative
    write(site, relative, path.read_text("utf-8") + text)


def edit(site: Path, relative: str, old: str, new: str) -> None:
    text = (site / relative).read_text("utf-8")
    assert old in text, f"{old!r} not in {relative}"
    write(site, relative, text.replace(old, new, 1))


def line_with(site: Path, relative: str, needle: str) -> int:
    lines = (site / relative).read_text("utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if needle in line)


def privacy(site: Path, **params):
    return audit_findings(site, "PRIV-3", **params)


def where(findings) -> list[tuple[str, str, int, str]]:
    return [(f.code, f.file, f.line, f.field) for f in findings]


def test_fixture_has_no_personal_numbers(site):
    assert privacy(site) == []


def test_numbers_in_the_body_at_their_lines(site):
    append(site, NEWS, f"\n联系人手机：{MOBILE}\n\n当事人身份证号 {ID}，银行卡号{CARD}。\n")
    findings = privacy(site)
    mobile_line, id_line = line_with(site, NEWS, MOBILE), line_with(site, NEWS, ID)
    assert where(findings) == [("mobile", NEWS, mobile_line, "body"),
                               ("bank_card", NEWS, id_line, "body"),
                               ("resident_id", NEWS, id_line, "body")]
    assert {f.severity for f in findings} == {"blocking"}
    shown = {f.code: f.message["zh"] for f in findings}
    assert "138****5678" in shown["mobile"]
    assert "1101**********002X" in shown["resident_id"]
    assert "6222***********0128" in shown["bank_card"]
    assert "11*************02X" in findings[2].fix["zh"]  # Yong'an's format


def test_the_report_never_republishes_a_number(site):
    append(site, NEWS, f"\n{MOBILE} {ID} {CARD}\n")
    findings = privacy(site)
    assert len(findings) == 3
    for finding in findings:
        text = repr((finding.message, finding.fix, finding.data))
        for number in (MOBILE, ID, CARD, ID[:-1]):
            assert number not in text


@pytest.mark.parametrize("text", [
    "138****5678",                  # masked mobile
    "11**************2X",           # masked ID, Yong'an style
    "1101**********002X",
    "6222***********0128",
    "110105194912310021",           # wrong check character (and not a card)
    "110105194913310029",           # no 13th month
    "110105203012310012",           # born after the as-of date
    "110105189912311050",           # valid checksum, but born before 1900
    "910105194912310024",           # no region code starts with 9
    "4111111111111112",             # fails Luhn
    "3111111111111111",             # passes Luhn, but no card prefix
    "12345678901",                  # 12x is no mobile prefix
    "A13812345678", "13812345678B", "138123456789", "013812345678",  # inside longer runs
    "0599-86000012",                # a landline
    "11339900000000001A/2025-00001",
])
def test_not_personal_numbers(site, text):
    append(site, NEWS, f"\n号码：{text}\n")
    assert privacy(site) == []


@pytest.mark.parametrize(("text", "code"), [
    ("电话13812345678。", "mobile"),
    ("手机 138 1234 5678", "mobile"),
    ("手机 138-1234-5678", "mobile"),
    ("(+86 13812345678)", "mobile"),
    ("卡号 4111 1111 1111 1111", "bank_card"),
    ("卡号 5500000000000004", "bank_card"),
    ("身份证号：440524190001010017", "resident_id"),
    ("身份证号11010519491231002x", "resident_id"),
])
def test_personal_numbers_in_context(site, text, code):
    append(site, NEWS, f"\n{text}\n")
    assert [f.code for f in privacy(site)] == [code]


def test_codes_shaped_like_mobiles_are_not_flagged(site):
    append(site, NEWS, """
| 序号 | 职位代码 | 联系电话 |
|---:|---|---|
| 1 | 13399002001 | 13912345678 |
| 2 | 13399002002 | 0599-86000005 |

职位代码：13399002003。
""")
    findings = privacy(site)
    assert where(findings) == [("mobile", NEWS, line_with(site, NEWS, "13912345678"), "body")]
    assert privacy(site, code_labels=[]) != findings  # the labels are what spared the codes


def test_front_matter_fields_with_nested_paths(site):
    edit(site, LICENSING, "    note: 通过电子营业执照核验的免于提交。",
         f"    note: 通过电子营业执照核验的免于提交。联系人 {MOBILE}")
    edit(site, NEWS, "author: 王晓", f"author: 王晓（{ID}）")
    edit(site, NEWS, "source: 测试市示范局执法监督科", f"source: 测试市示范局执法监督科 {CARD}")
    edit(site, NEWS, "keywords: [安全检查, 示范场所]", "keywords: [安全检查, 示范场所, 联系 13912345678]")
    findings = privacy(site)
    assert where(findings) == [
        ("mobile", LICENSING, line_with(site, LICENSING, MOBILE), "materials[1].note"),
        ("mobile", NEWS, line_with(site, NEWS, "13912345678"), "keywords[2]"),
        ("bank_card", NEWS, line_with(site, NEWS, CARD), "source"),
        ("resident_id", NEWS, line_with(site, NEWS, ID), "author")]


def test_skipped_fields(site):
    edit(site, LICENSING, "online_url: https://zwfw.ceshi.gov.cn/demo/000199001000",
         f"online_url: https://zwfw.ceshi.gov.cn/demo/{MOBILE}")
    assert privacy(site) == []
    assert [f.field for f in privacy(site, skipped_fields=[])] == ["online_url"]


def test_translations_are_scanned_and_withheld_items_are_not(site):
    append(site, TRANSLATION, f"\nContact: {MOBILE}\n")
    append(site, WITHHELD, f"\n联系人手机：{MOBILE}\n")
    assert [(f.code, f.file) for f in privacy(site)] == [("mobile", TRANSLATION)]


# --- text attachments ----------------------------------------------------------------------

ROSTER = "content/demo/files/roster.csv"


def _attach(site: Path, relative: str, file: str) -> None:
    entry = f"  - {{file: ../files/{file}, title: 名单}}\n"
    if "\nattachments:\n" in (site / relative).read_text("utf-8"):
        edit(site, relative, "\nattachments:\n", "\nattachments:\n" + entry)
    else:
        edit(site, relative, "disclosure_category:", "attachments:\n" + entry
             + "disclosure_category:")


def test_csv_attachment_scanned_once(site):
    write(site, ROSTER, f"姓名,职位代码,手机号码\n张三,13399002001,{MOBILE}\n李四,13399002002,138****0000\n")
    _attach(site, NEWS, "roster.csv")
    append(site, FINANCE, "\n名单见[附件](../files/roster.csv)。\n")
    findings = privacy(site)
    assert where(findings) == [("mobile", ROSTER, 2, "")]
    assert findings[0].department == "demo"


def test_a_field_after_a_file_path_is_named(site):
    """File paths are left out of the scanned text; the fields after one keep their names."""
    write(site, "content/demo/files/roster.pdf", "%PDF-1.4\n")
    _attach(site, NEWS, "roster.pdf")
    edit(site, NEWS, "title: 名单}", f"title: 名单（联系 {MOBILE}）}}")
    assert where(privacy(site)) == [
        ("mobile", NEWS, line_with(site, NEWS, MOBILE), "attachments[0].title")]


def test_gb18030_text_attachment(site):
    path = site / "content/demo/files/notice.txt"
    path.write_bytes(f"公示\n\n身份证号：{ID}\n".encode("gb18030"))
    _attach(site, NEWS, "notice.txt")
    assert where(privacy(site)) == [("resident_id", "content/demo/files/notice.txt", 3, "")]


def test_attachments_of_withheld_items_are_not_scanned(site):
    # (A file no item uses cannot exist: loading refuses it, see test_build.)
    write(site, ROSTER, f"手机号码\n{MOBILE}\n")
    _attach(site, WITHHELD, "roster.csv")
    assert privacy(site) == []


def test_only_text_attachment_types_are_read(site):
    write(site, "content/demo/files/roster.dat", f"手机号码\n{MOBILE}\n")
    _attach(site, NEWS, "roster.dat")
    assert privacy(site) == []
    assert [f.file for f in privacy(site, text_attachments=[".DAT"])] == [
        "content/demo/files/roster.dat"]


def test_without_a_root_attachments_are_skipped(site):
    write(site, ROSTER, f"手机号码\n{MOBILE}\n")
    _attach(site, NEWS, "roster.csv")
    append(site, NEWS, f"\n{MOBILE}\n")
    portal = load_portal(site, today=AS_OF)
    findings = evaluate(portal, single_rules("PRIV-3"), AS_OF, WorkingCalendar()).findings
    assert [f.file for f in findings] == [NEWS]
