"""Problems in config/ are reported in the same grammar; broken schemas stop with exit 3."""

import pytest

from conftest import AS_OF, problem_lines, write
from portal_model.cli import main
from portal_model.errors import ContentValidationError
from portal_model.frontmatter import StoredLines
from portal_model.loader import load_portal
from portal_model.memo import ValidatedFiles


def test_department_profile_problems_name_file_line_and_field(site):
    path = site / "config/departments/demo.yaml"
    text = path.read_text("utf-8").replace("level: city", "level: metropolis")
    path.write_text(text, "utf-8")
    line = text.splitlines().index("level: metropolis") + 1
    assert problem_lines(site) == [
        f"config/departments/demo.yaml:{line}: level: expected one of: province, city, county, "
        "township, got 'metropolis'"]


def test_portal_settings_are_validated_in_chinese_too(site):
    path = site / "config/portal.yaml"
    text = path.read_text("utf-8").replace("default_lang: zh-CN", "default_lang: fr")
    path.write_text(text, "utf-8")
    line = text.splitlines().index("default_lang: fr") + 1
    assert problem_lines(site, "zh") == [
        f"config/portal.yaml:{line}: default_lang: 应为以下之一：zh-CN, en，实为 'fr'"]


def test_items_of_a_department_without_profile_are_reported(site):
    write(site, "content/nosuch/news/a.md", "---\ntype: news\n---\n")
    assert problem_lines(site) == [
        "content/nosuch/news/a.md:1: department 'nosuch' has no profile "
        "config/departments/nosuch.yaml; expected one of: demo"]


def test_check_command_exit_codes(site, capsys):
    assert main(["--root", str(site), "--as-of", "2026-11-21", "--lang", "en"]) == 0
    assert "no problems" in capsys.readouterr().out
    write(site, "content/demo/news/empty.md", "")
    assert main(["--root", str(site), "--as-of", "2026-11-21", "--lang", "en"]) == 2
    assert "content/demo/news/empty.md:1: the file is empty" in capsys.readouterr().err
    write(site, "config/schemas/news.yaml", "title: [broken\n")
    assert main(["--root", str(site), "--as-of", "2026-11-21", "--lang", "en"]) == 3
    assert "config/schemas/news.yaml:" in capsys.readouterr().err



def test_config_found_valid_is_remembered_and_a_broken_one_reported_every_time(site):
    """portal_model.memo: an unchanged department file is taken as read before, with the
    same data and field lines; one with a problem is never remembered."""
    cache, path = site / ".cache", site / "config/departments/demo.yaml"
    fresh = load_portal(site, today=AS_OF)
    remembered = [load_portal(site, today=AS_OF, cache=cache) for _ in range(2)][-1]
    old, new = fresh.departments["demo"], remembered.departments["demo"]
    assert new.config == old.config and dict(new.lines) == dict(old.lines)
    assert isinstance(new.lines, StoredLines)  # it did come from the memo
    path.write_text(path.read_text("utf-8").replace("level: city", "level: metropolis"), "utf-8")
    for _ in range(2):
        with pytest.raises(ContentValidationError) as raised:
            load_portal(site, today=AS_OF, cache=cache)
        assert [problem.format("en").split(":")[0] for problem in raised.value.problems] \
            == ["config/departments/demo.yaml"]
    memo = ValidatedFiles(cache, site / "config" / "schemas")
    assert not memo.holds(memo.key("_department.yaml", path.read_bytes()))
