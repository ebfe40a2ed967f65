"""Interface text: complete catalogs, no literal text in templates, no mixed languages."""

from __future__ import annotations

import re
import shutil

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from jinja2 import DictLoader, Environment

from conftest import ROOT, build_portal
from pages import html_pages, read
from portal_i18n.catalogs import LOCALES, InterfaceText
from portal_i18n.jinja_env import install

TRANSLATIONS = ROOT / "themes" / "gongkai" / "translations"
TEMPLATES = ROOT / "themes" / "gongkai" / "templates"
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")


def extracted_messages() -> set[str]:
    """What `make messages` would extract now (msgid, or singular of a plural)."""
    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    found = set()
    for _, _, message, _, _ in extract_from_dir(str(ROOT), method_map, options_map):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def catalog(locale: str):
    with (TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po").open("rb") as source:
        return read_po(source, locale=locale)


@pytest.mark.parametrize("locale", sorted(LOCALES.values()))
def test_catalog_translates_every_extracted_message_and_nothing_else(locale):
    messages = {message.id[0] if isinstance(message.id, tuple) else message.id: message
                for message in catalog(locale) if message.id}
    extracted = extracted_messages()
    assert len(extracted) > 100
    assert sorted(extracted - set(messages)) == [], "run `make messages` and translate"
    assert sorted(set(messages) - extracted) == [], "obsolete: run `make messages`"
    for msgid, message in messages.items():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"{locale}: {msgid!r} has no translation"
        assert not message.fuzzy, f"{locale}: {msgid!r} is marked fuzzy"


def test_chinese_catalog_is_chinese():
    for message in catalog("zh_CN"):
        if message.id:
            string = message.string[0] if isinstance(message.string, tuple) else message.string
            assert CJK.search(string), f"zh_CN: {message.id!r} -> {string!r}"


def _without_template_code(source: str) -> str:
    source = re.sub(r"{#.*?#}", "", source, flags=re.S)
    # The page type is a machine identifier for checks, not text anyone reads.
    source = re.sub(r"{% block page_type %}.*?{% endblock %}", "\0", source, flags=re.S)
    source = re.sub(r"{%-?\s*trans\b.*?{%-?\s*endtrans\s*-?%}", "\0", source, flags=re.S)
    return re.sub(r"{{.*?}}|{%.*?%}", "\0", source, flags=re.S)


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.html")))
def test_templates_have_no_untranslated_text(template):
    """Every word a template prints comes from _() or from content, never a literal."""
    html = _without_template_code((TEMPLATES / template).read_text("utf-8"))
    text = re.sub(r"<!--.*?-->|<[^>]*>", " ", html, flags=re.S)
    words = re.findall(r"[A-Za-z]{2,}|[\u3400-\u9fff]+", text.replace("&nbsp;", " "))
    assert words == [], f"literal interface text in {template}: {words}"
    for attribute in ("aria-label", "title", "alt", "placeholder"):
        for value in re.findall(rf'{attribute}="([^"]*)"', html):
            assert not re.search(r"[A-Za-z\u3400-\u9fff]", value), (template, attribute, value)


def test_english_portal_has_no_chinese_interface_text(demo_output_en):
    pages = html_pages(demo_output_en)
    assert len(pages) > 200
    for path in pages:
        page = read(path)
        assert page.lang == "en", path
        # An English translation's own body may quote Chinese names; that is content.
        leaks = [text for lang, text in page.interface_texts() if lang == "en" and CJK.search(text)]
        assert leaks == [], f"{path.relative_to(demo_output_en)}: {leaks[:5]}"
        for tag, attrs in page.tags:
            for name in ("aria-label", "title", "alt"):
                assert not CJK.search(attrs.get(name, "")), (path, tag, name)


def test_chinese_portal_has_no_english_interface_text(demo_output):
    english = {message.id for message in catalog("zh_CN")
               if isinstance(message.id, str) and message.id}
    for path in html_pages(demo_output):
        page = read(path)
        if page.lang != "zh-CN":
            continue
        leaks = [text for lang, text in page.texts if lang == "zh-CN" and text in english]
        assert leaks == [], f"{path.relative_to(demo_output)}: {leaks}"
        for tag, attrs in page.tags:
            assert attrs.get("aria-label", "") not in english, (path, tag)


def test_a_message_without_translation_is_recorded_not_hidden(tmp_path):
    for locale in LOCALES.values():
        folder = tmp_path / locale / "LC_MESSAGES"
        folder.mkdir(parents=True)
        (folder / "messages.po").write_text(
            'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
            'msgid "Home"\nmsgstr "首页"\n', "utf-8")
    text = InterfaceText(tmp_path)
    assert text.gettext("zh-CN", "Home") == "首页"
    assert text.missing == set()
    assert text.gettext("zh-CN", "Departments") == "Departments"
    assert text.missing == {("zh-CN", "Departments")}


def _render(source: str, **context) -> str:
    env = Environment(loader=DictLoader({"page": source}), autoescape=True)
    install(env, InterfaceText(TRANSLATIONS))
    return env.get_template("page").render(PORTAL_UI_LANG="zh-CN", **context)


def test_gettext_follows_the_page_language():
    assert _render("{{ _('Home') }}") == "首页"
    assert _render("{{ _('Home') }}", ui_lang="en") == "Home"


def test_gettext_formats_as_jinja_newstyle_gettext_does():
    """The page gettext replaces Jinja's own: the same escaping and %-formatting, in every
    language of one environment, however often a message is asked for."""
    jinja = Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
    catalogs = InterfaceText(TRANSLATIONS)
    jinja.install_gettext_callables(lambda message: catalogs.gettext("zh-CN", message),
                                    lambda *args: "", newstyle=True)
    cases = ["{{ _('Home') }}", "{{ _('100%% of %(n)s', n='<b>') }}", "{{ _('Home %%') }}",
             "{% trans n='<i>' %}Home {{ n }}{% endtrans %}", "{% trans %}Home{% endtrans %}"]
    for source in cases:
        expected = jinja.from_string(source).render()
        assert [_render(source) for _ in range(2)] == [expected, expected], source
    env = Environment(loader=DictLoader({"page": "{{ _('Home') }}"}), autoescape=True)
    install(env, InterfaceText(TRANSLATIONS))
    page = env.get_template("page")
    assert [page.render(PORTAL_UI_LANG="zh-CN", ui_lang=lang) for lang in ("en", "zh-CN", "en")
            ] == ["Home", "首页", "Home"]


def test_content_in_another_language_is_marked():
    assert _render("{{ 'Notice'|in_lang('en') }}") == '<span lang="en">Notice</span>'
    assert _render("{{ '通知'|in_lang('zh-CN') }}") == "通知"
    assert _render("{{ '<b>'|in_lang('en') }}") == '<span lang="en">&lt;b&gt;</span>'


def test_configured_names_use_their_english_form_on_english_pages():
    config = {"name": "示例市卫生健康委员会", "name_en": "Shili Municipal Health Commission"}
    assert _render("{{ localized_name(c) }}", c=config, ui_lang="en") == config["name_en"]
    assert _render("{{ localized_name(c) }}", c={"name": "示例"}, ui_lang="en") == \
        '<span lang="zh-CN">示例</span>'


def test_a_build_with_untranslated_interface_text_fails_and_names_it(site, tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "themes" / "gongkai", theme)
    base = theme / "templates" / "base.html"
    base.write_text(base.read_text("utf-8").replace(
        "{% block content %}", "{{ _('Freshly added text') }}{% block content %}"), "utf-8")
    result = build_portal(site, tmp_path / "output", f'THEME="{theme}"')
    assert result.returncode == 3
    assert "no zh-CN translation of interface text 'Freshly added text'" in result.stderr
    assert "Traceback" not in result.stderr
