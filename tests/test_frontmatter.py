"""Unit tests of the strict front-matter reader (no schemas involved)."""

import pytest

from portal_model.frontmatter import body_of, dotted, load_config_yaml, parse


def lines(result, lang="en"):
    return [p.format(lang) for p in result.problems]


def test_reads_fields_body_and_the_line_of_every_field():
    result = parse("---\ntitle: 标题\nmaterials:\n  - name: 申请书\n    copies: 2\n---\n正文\n"
                   .encode(), "a.md")
    assert result.data == {"title": "标题", "materials": [{"name": "申请书", "copies": 2}]}
    assert result.body == "正文\n"
    assert result.body_line == 7
    assert result.line_of(("materials", 0, "copies")) == 5
    assert result.line_of(("missing",)) == 1


def test_dates_and_yaml11_words_stay_text_but_true_false_are_booleans():
    result = parse(b"---\nd: 2025-01-02\na: on\nb: no\nc: true\n---\n", "a.md")
    assert result.data == {"d": "2025-01-02", "a": "on", "b": "no", "c": True}


def test_crlf_line_endings_are_accepted():
    result = parse(b"---\r\ntitle: x\r\n---\r\nbody\r\n", "a.md")
    assert result.data == {"title": "x"} and result.body == "body\n"


def test_duplicate_key_names_both_lines():
    result = parse(b"---\ntitle: a\ntitle: b\n---\n", "a.md")
    assert lines(result) == ["a.md:3: title: the field is given twice (first on line 2); keep one"]
    assert result.data is None


def test_aliases_are_refused_without_expanding_them():
    bomb = b"---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n" \
           b"c: [*b, *b, *b, *b, *b, *b, *b, *b]\n---\n"
    messages = lines(parse(bomb, "a.md"))
    assert messages[0] == ("a.md:3: b[0]: YAML anchors and aliases (&name, *name) are not "
                           "allowed in front matter")


def test_tab_indentation_is_named_as_such_in_chinese():
    result = parse(b"---\na:\n\t- 1\n---\n", "a.md")
    assert lines(result, "zh") == ["a.md:3: YAML 语法错误：缩进使用了制表符（Tab）；请用空格缩进"]


def test_file_level_problems():
    assert lines(parse(b"", "a.md")) == [
        "a.md:1: the file is empty; expected '---', YAML front matter, '---', then the body"]
    assert lines(parse(b"title: x\n", "a.md")) == [
        "a.md:1: expected the first line to be '---' opening the front matter, got 'title: x'"]
    assert lines(parse(b"---\ntitle: x\n", "a.md")) == [
        "a.md:1: the front matter opened by '---' on line 1 is never closed by a '---' line"]
    assert lines(parse(b"\xef\xbb\xbf---\n---\n", "a.md")) == [
        "a.md:1: the file starts with a byte-order mark (BOM); save it as UTF-8 without BOM"]
    assert lines(parse(b"---\ntitle: \xff\n---\n", "a.md")) == [
        "a.md:2: the file is not valid UTF-8 (bad byte at offset 11); save it as UTF-8"]


def test_front_matter_must_be_a_mapping():
    assert lines(parse(b"---\n- a\n- b\n---\n", "a.md")) == [
        "a.md:2: expected the front matter to be 'field: value' lines, got a list of 2"]


def test_deep_nesting_is_refused_not_crashed():
    deep = b"---\na: " + b"[" * 3000 + b"]" * 3000 + b"\n---\n"
    assert lines(parse(deep, "a.md"))[0].startswith("a.md:2")


def test_config_files_have_no_fences_and_start_on_line_one():
    result = load_config_yaml("name: 部门\nname: 重复\n".encode(), "config/departments/x.yaml")
    assert lines(result) == [
        "config/departments/x.yaml:2: name: the field is given twice (first on line 1); keep one"]


def test_dotted_field_paths():
    assert dotted(("materials", 2, "copies")) == "materials[2].copies"
    assert dotted(()) == ""


def test_an_alias_is_reported_where_it_is_used():
    result = parse(b"---\na: &x [1, 2]\nb: *x\n---\n", "a.md")
    assert lines(result) == [
        "a.md:3: b: YAML anchors and aliases (&name, *name) are not allowed in front matter"]


SCALARS = """\
title: 关于做好2026年防汛工作的通知
text: 'quoted: 1'
plain_number: 12
negative: -3
float: 1.5
exponent: 1.0e+3
dot_float: .5
octal_like: 0o17
hex: 0x1F
date: 2026-01-02
datetime: 2026-01-02T10:00:00
null_word: null
tilde: ~
empty:
yes_word: yes
off_word: Off
bool_upper: TRUE
explicit: !!str 42
explicit_int: !!int "7"
merge_word: <<x
list: [1, 一, "2", false]
nested: {a: 1, b: [x, {c: 2.0}]}
block: |
  第一行
  第二行
folded: >
  one
  two
"""


def test_libyaml_and_pure_python_readers_build_the_same_values_and_lines(monkeypatch):
    """The libyaml reader skips PyYAML's own resolver and constructor for speed; what it
    builds must not differ from the pure-Python reader's, value, type or line."""
    from portal_model import frontmatter

    text = f"---\n{SCALARS}---\n".encode()
    fast = parse(text, "a.md")
    monkeypatch.setattr(frontmatter, "_FastLoader", None)
    slow = parse(text, "a.md")
    assert fast.problems == slow.problems == []
    assert fast.lines == slow.lines and len(fast.lines) > 30

    def typed(value):
        if isinstance(value, dict):
            return {key: typed(item) for key, item in value.items()}
        if isinstance(value, list):
            return [typed(item) for item in value]
        return type(value).__name__, value

    assert typed(fast.data) == typed(slow.data)
    assert typed(fast.data)["explicit"] == ("str", "42")
    assert typed(fast.data)["date"] == ("str", "2026-01-02")


@pytest.mark.parametrize("text", [
    "---\ntitle: 标题\n---\n正文\n第二行\n", "---\ntitle: x\n---\n",
    "---\ntitle: x\n---", "---\r\ntitle: x\r\n---\r\nbody\r\nmore\r\n",
    "---\ntitle: x\n---\n\n\n", "---\na: 1\n---\rb\n"])
def test_a_body_cut_again_is_the_body_first_read(text):
    first = parse(text.encode(), "a.md")
    assert body_of(text.encode(), first.body_line) == first.body
