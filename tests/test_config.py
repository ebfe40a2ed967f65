"""Problems in config/ are reported in the same grammar; broken schemas stop with exit 3."""

from conftest import problem_lines, write
from portal_model.cli import main


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
