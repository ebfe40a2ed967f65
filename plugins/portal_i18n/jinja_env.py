"""Jinja2 wiring: ``_()``/``{% trans %}`` and language helpers that follow each page's language.

One environment renders pages in several languages (a Chinese listing, then
an English translation of an item), so the gettext callables read the page's
language from the template context on every call instead of being bound to
one catalog:

* a page written by the portal's generators carries ``ui_lang``;
* an item page is in its item's language when the item is a translation, and
  otherwise in the portal's interface language (``PORTAL_UI_LANG``).

Content keeps its own language: :func:`in_lang` marks text whose language
differs from the page's (WCAG 3.1.2, language of parts).
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from .catalogs import InterfaceText, interface_lang

UI_LANG_SETTING = "PORTAL_UI_LANG"


def page_lang(context: Context | dict[str, Any]) -> str:
    """The interface language of the page being rendered."""
    explicit = context.get("ui_lang")
    if explicit:
        return explicit
    article = context.get("article")
    item = getattr(article, "item", None)
    if item is not None and item.is_translation:
        return interface_lang(item.lang)
    return context[UI_LANG_SETTING]


def install(env: Environment, text: InterfaceText) -> None:
    """Give ``env`` the i18n extension, language-following gettext, and the helpers."""
    env.add_extension("jinja2.ext.i18n")

    @pass_context
    def ngettext(context: Context, singular: str, plural: str, count: int) -> str:
        return text.ngettext(page_lang(context), singular, plural, count)

    env.install_gettext_callables(lambda message: message, ngettext,  # type: ignore[attr-defined]
                                  newstyle=True)
    # In place of the gettext just installed (a stand-in) and of the extension's `_` alias.
    env.globals["gettext"] = env.globals["_"] = _page_gettext(text)
    env.filters["in_lang"] = in_lang
    env.globals["page_lang"] = pass_context(page_lang)
    env.globals["lang_attr"] = lang_attr
    env.globals["localized_name"] = localized_name


def _page_gettext(text: InterfaceText) -> Any:
    """``gettext`` for ``_()`` and ``{% trans %}``, as Jinja's "newstyle" one behaves: the
    message is translated into the page's language, marked safe when autoescaping, and
    always %-formatted with its (escaped) variables.

    A page says ``_()`` dozens of times, and Jinja's own alias reached our lookup through
    three context calls and a format of every message: a third of rendering an item page.
    Here it is one call, and a message without variables is formatted once per language
    (its first lookup still records a message the catalog lacks)."""
    formatted: dict[tuple[str, str, bool], str] = {}

    @pass_context
    def gettext(context: Context, message: str, **variables: Any) -> str:
        autoescape = context.eval_ctx.autoescape
        lang = page_lang(context)
        if not variables:
            done = formatted.get((lang, message, autoescape))
            if done is not None:
                return done
        translated = text.gettext(lang, message)
        result = (Markup(translated) if autoescape else translated) % variables
        if not variables:
            formatted[lang, message, autoescape] = result
        return result

    return gettext


def _same(lang: str, other: str) -> bool:
    return lang.lower() == other.lower()


@pass_context
def in_lang(context: Context, value: Any, lang: str) -> Markup:
    """``value`` escaped, wrapped in ``<span lang>`` when its language is not the page's."""
    if _same(lang, page_lang(context)):
        return escape(value)
    return Markup('<span lang="{}">{}</span>').format(lang, value)


@pass_context
def lang_attr(context: Context, lang: str) -> Markup:
    """`` lang="…"`` for an element whose content is in ``lang``, when that is not the page's."""
    if _same(lang, page_lang(context)):
        return Markup("")
    return Markup(' lang="{}"').format(lang)


@pass_context
def localized_name(context: Context, config: dict[str, Any], key: str = "name",
                   source_lang: str = "zh-CN") -> Markup:
    """A configured name in the page's language: ``<key>_en`` on English pages when given."""
    lang = page_lang(context)
    if not _same(lang, source_lang) and config.get(f"{key}_{lang.split('-')[0]}"):
        return escape(config[f"{key}_{lang.split('-')[0]}"])
    return in_lang(context, config[key], source_lang)
