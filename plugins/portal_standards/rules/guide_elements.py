"""What a service guide states, element by element: pure functions over one item.

Shared by the guide rules (WEB-SV6, WEB-D2.4, WEB-D2.6, SG-1) and by the report's
"five 100%" service-guide ratio, so that "complete" means the same thing everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from portal_model.model import Item

GUIDE_TYPES = ("licensing", "service-guide")
"""Item types that are guides to a service: a licensing item is the guide to its licence."""

DEFAULT_KEY_ELEMENTS: dict[str, list[str]] = {
    "事项名称": ["title"],
    "设定依据": ["basis"],
    "申请条件": ["conditions"],
    "办理材料": ["materials"],
    "办理地点": ["place"],
    "办理机构": ["handling_body", "implementing_body"],
    "收费标准": ["fee"],
    "办理时间": ["office_hours"],
    "联系电话": ["phone_consult", "phone_complaint"],
    "办理流程": ["procedure"],
}
"""The ten key element classes of WEB-SV6 -> fields any one of which states the class."""

CLASS_NAMES_EN = {
    "事项名称": "item name", "设定依据": "legal basis", "申请条件": "conditions",
    "办理材料": "materials", "办理地点": "place", "办理机构": "handling body",
    "收费标准": "fees", "办理时间": "office hours", "联系电话": "contact phone",
    "办理流程": "procedure",
}


def stated(value: Any) -> bool:
    """Whether a front-matter value says something: 0 does, blank text and empty lists do not."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (list, tuple, dict)):
        return bool(value)
    return True


def missing_fields(item: Item, fields: Iterable[str]) -> list[str]:
    """The fields of ``fields`` that ``item`` leaves unstated, in the order given."""
    return [name for name in fields if not stated(item.meta.get(name))]


def missing_key_elements(item: Item, key_elements: Mapping[str, Sequence[str]]) -> list[str]:
    """Key element classes ``item`` states in none of their fields, in ``key_elements`` order.

    A guide is complete (for WEB-SV6, WEB-D2.4 and the five-100% ratio) when this is empty.
    """
    return [element for element, fields in key_elements.items()
            if not any(stated(item.meta.get(name)) for name in fields)]


def english_names(element_classes: Iterable[str]) -> list[str]:
    """English names of key element classes; a class a profile added keeps its own name."""
    return [CLASS_NAMES_EN.get(name, name) for name in element_classes]


def catch_all_materials(item: Item, patterns: Iterable[str]) -> Iterator[tuple[int, str]]:
    """(index, name) of each material whose name is vague catch-all wording (WEB-D2.4 item 4)."""
    compiled = [re.compile(pattern) for pattern in patterns]
    for index, material in enumerate(item.meta.get("materials") or []):
        if any(pattern.search(material["name"]) for pattern in compiled):
            yield index, material["name"]


def forms_without_download(item: Item, form_name_pattern: str, online_pattern: str
                           ) -> Iterator[tuple[int, str]]:
    """(index, name) of each material that is a form but offers no ``form:`` file (WEB-D2.6).

    A form the online system fills in or generates (its name or note matches
    ``online_pattern``) is exempt: the system is the standard way to get it.
    """
    is_form, online = re.compile(form_name_pattern), re.compile(online_pattern)
    for index, material in enumerate(item.meta.get("materials") or []):
        if not is_form.search(material["name"]) or stated(material.get("form")):
            continue
        if online_pattern and any(online.search(material.get(key) or "")
                                  for key in ("name", "note")):
            continue
        yield index, material["name"]
