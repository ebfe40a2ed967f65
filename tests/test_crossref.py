"""Cross-file checks: one broken file reports its own problems and no false ones elsewhere."""

import re

from conftest import problem_lines


def replace_field(path, field, value):
    text = path.read_text("utf-8")
    new = re.sub(rf"^{field}: .*$", f"{field}: {value}", text, count=1, flags=re.MULTILINE)
    assert new != text
    path.write_text(new, "utf-8")
    return new.splitlines().index(f"{field}: {value}") + 1


def test_a_broken_original_does_not_orphan_its_translation_or_links(site):
    line = replace_field(site / "content/demo/licensing/example.md", "statutory_time_limit", "ten")
    assert problem_lines(site) == [
        f"content/demo/licensing/example.md:{line}: statutory_time_limit: expected an integer "
        "number of working days, got 'ten'"]


def test_a_broken_policy_does_not_make_its_references_dangle(site):
    line = replace_field(site / "content/demo/policy/example.md", "validity", "作废")
    assert problem_lines(site) == [
        f"content/demo/policy/example.md:{line}: validity: expected one of: 有效, 已修订, 已废止, "
        "已失效, got '作废'"]


def test_a_duplicate_index_number_with_a_foreign_prefix_gets_both_problems(site):
    other = site / "content/demo/news/copied.md"
    text = (site / "content/demo/news/example.md").read_text("utf-8")
    number = re.search(r"^index_no: (\S+)$", text, re.MULTILINE).group(1)
    foreign = "11339900000000009Z/" + number.split("/")[1]
    other.write_text(text.replace(number, foreign), "utf-8")
    (site / "content/demo/news/copy2.md").write_text(text.replace(number, foreign), "utf-8")
    lines = [line for line in problem_lines(site) if line.startswith("content/demo/news/copied.md")]
    assert len(lines) == 2
    assert "is also used by content/demo/news/copy2.md" in lines[0]
    assert "expected the prefix '11339900000000001A'" in lines[1]
