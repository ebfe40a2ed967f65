"""Dead and empty columns: WEB-SV3, WEB-SV4 and WEB-D1.4–D1.6, D1.9; WEB-D4.3 body links."""

from __future__ import annotations

import datetime as dt
import re

from conftest import AS_OF, audit_findings, delete_items

DEPARTMENT = "config/departments/demo.yaml"


def publish_on(site, relative, day):
    path = site / relative
    text = path.read_text("utf-8")
    text = re.sub(r"^published_date: .*$", f"published_date: {day}", text, flags=re.M)
    text = re.sub(r"^formed_date: .*$", f"formed_date: {day}", text, flags=re.M)
    text = re.sub(r"^index_no: (\w+)/\d{4}-", lambda m: f"index_no: {m.group(1)}/{day[:4]}-",
                  text, flags=re.M)
    path.write_text(text, "utf-8")


def by_rule(found):
    return sorted((f.rule, f.code, dict(f.data).get("column_id", "")) for f in found)


def test_stale_and_blank_columns_by_update_class(site):
    found = audit_findings(site, "WEB-D1.4", "WEB-D1.5", "WEB-D1.6", "WEB-D1.9")
    assert by_rule(found) == [
        ("WEB-D1.4", "stale", "news"), ("WEB-D1.5", "stale", "policy"),
        ("WEB-D1.6", "stale", "interpretation"), ("WEB-D1.9", "stale", "enforcement"),
        ("WEB-D1.9", "stale", "notice"), ("WEB-D1.9", "stale", "procurement")]
    news = next(f for f in found if f.rule == "WEB-D1.4")
    assert news.message["zh"] == ("“动态要闻”栏目最近一次发布是 2026-03-23，已 243 天未更新"
                                  "（应在 14 天内更新）")


def test_a_column_is_fresh_on_its_last_allowed_day(site):
    fourteen_days_ago = (AS_OF - dt.timedelta(days=14)).isoformat()
    publish_on(site, "content/demo/news/example.md", fourteen_days_ago)
    assert not audit_findings(site, "WEB-D1.4")
    publish_on(site, "content/demo/news/example.md",
               (AS_OF - dt.timedelta(days=15)).isoformat())
    assert by_rule(audit_findings(site, "WEB-D1.4")) == [("WEB-D1.4", "stale", "news")]


def test_blank_column_unless_a_reason_is_stated(site):
    delete_items(site, "content/demo/fee/example.md")
    found = audit_findings(site, "WEB-D1.9")
    assert ("WEB-D1.9", "blank", "fee") in by_rule(found)
    blank = next(f for f in found if f.code == "blank")
    assert (blank.file, blank.field) == (DEPARTMENT, "empty_column_reasons")
    path = site / DEPARTMENT
    path.write_text(path.read_text("utf-8") + "empty_column_reasons:\n  fee: 本局无收费项目。\n",
                    "utf-8")
    assert ("WEB-D1.9", "blank", "fee") not in by_rule(audit_findings(site, "WEB-D1.9"))


def test_single_veto_thresholds(site):
    found = audit_findings(site, "WEB-SV4")
    # policy, interpretation, notice, news, procurement, enforcement: six short-cycle columns.
    assert [(f.code, dict(f.data)["count"]) for f in found] == [("veto_stale", 6)]
    found = audit_findings(site, "WEB-SV4", stale_threshold=7)
    assert found == []
    found = audit_findings(site, "WEB-SV4", long_stale_threshold=6)
    assert sorted(f.code for f in found) == ["veto_long_stale", "veto_stale"]
    for name in ("fee", "plan", "statistics", "emergency", "finance"):
        delete_items(site, f"content/demo/{name}/example.md")
    codes = [f.code for f in audit_findings(site, "WEB-SV4", stale_threshold=9)]
    assert codes == ["veto_blank"]


def test_home_page_update_single_veto(site):
    assert [f.code for f in audit_findings(site, "WEB-SV3")] == ["stale_home"]
    publish_on(site, "content/demo/news/example.md", (AS_OF - dt.timedelta(days=3)).isoformat())
    assert audit_findings(site, "WEB-SV3") == []


def test_site_absolute_body_links_must_resolve(site):
    path = site / "content/demo/news/example.md"
    path.write_text(path.read_text("utf-8") + "\n见[政策库](/library/policies/)、"
                    "[不存在](/demo/news/nothing/)和[附件](/demo/files/2026-budget.xlsx)。\n",
                    "utf-8")
    found = audit_findings(site, "WEB-D4.3")
    assert [(f.code, f.field, dict(f.data)["target"]) for f in found] == [
        ("broken_link", "body", "/demo/news/nothing/")]
    assert found[0].line == len(path.read_text("utf-8").split("\n")) - 1


def test_the_link_scan_reads_again_only_pages_whose_file_changed(tmp_path):
    from portal_standards.sitescan import LinkMemo, page_links  # noqa: PLC0415

    output, memo_file = tmp_path / "output", tmp_path / "cache" / "links.marshal"
    (output / "a").mkdir(parents=True)
    (output / "index.html").write_text('<a href="/a/">A</a>', "utf-8")
    (output / "a" / "index.html").write_text('<a href="../">home</a>', "utf-8")
    first = LinkMemo(memo_file, "https://example.gov.cn")
    assert page_links(output, "https://example.gov.cn", first) == {
        "index.html": {"a/"}, "a/index.html": {""}}
    first.save()
    # A new file for one page (as a rebuild writes it): only that page is read.
    (output / "a" / "index.html").unlink()
    (output / "a" / "index.html").write_text('<a href="/b/">B</a>', "utf-8")
    again = LinkMemo(memo_file, "https://example.gov.cn")
    again.known["index.html"] = (*again.known["index.html"][:3], ("remembered",))
    links = page_links(output, "https://example.gov.cn", again)
    assert links == {"index.html": {"remembered"}, "a/index.html": {"b/"}}
    # Another site URL: nothing remembered.
    assert LinkMemo(memo_file, "https://other.gov.cn").known == {}
