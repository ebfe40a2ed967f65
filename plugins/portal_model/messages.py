"""Editor-facing message catalogue, in English and Chinese.

Each message has an identifier and one template per language; the portal's
default language (``config/portal.yaml``) picks the language. Templates are
``str.format`` strings over the parameters a :class:`~portal_model.errors.Problem`
carries. Tests assert these texts word for word: they are part of the contract.
"""

from __future__ import annotations

from typing import Any

MESSAGES: dict[str, dict[str, str]] = {
    # --- reading the file -------------------------------------------------------------
    "not_utf8": {
        "en": "the file is not valid UTF-8 (bad byte at offset {offset}); save it as UTF-8",
        "zh": "文件不是有效的 UTF-8 编码（第 {offset} 字节有误）；请以 UTF-8 编码保存",
    },
    "bom": {
        "en": "the file starts with a byte-order mark (BOM); save it as UTF-8 without BOM",
        "zh": "文件以字节顺序标记（BOM）开头；请保存为不带 BOM 的 UTF-8",
    },
    "control_character": {
        "en": "the file contains the control character {character}, which is not text; "
              "delete it (an editor may show it as a box or nothing at all)",
        "zh": "文件中有控制字符 {character}，不是正文内容；请删除它（编辑器可能将其显示为方框或不显示）",
    },
    "symlink_folder": {
        "en": "this folder is a symbolic link, which is not published; put the real folder here",
        "zh": "此目录是符号链接，不会发布；请放置真实目录",
    },
    "symlink_outside": {
        "en": "this file is a symbolic link to a file outside content/, which is never published; "
              "copy the file here instead",
        "zh": "此文件是指向 content/ 之外的符号链接，不会发布；请改为复制该文件",
    },
    "attachment_unused": {
        "en": "note: no item uses this file, so it is not published; link it from an item "
              "of {department} (a front-matter field or a body link) or delete it",
        "zh": "提示：没有任何信息使用此文件，因此未发布；请在 {department} 的某条信息中引用它（元数据字段或正文链接），或删除它",
    },
    "case_collision": {
        "en": "the name differs from {other} only in upper and lower case, so one would overwrite "
              "the other on the web server; rename one of them",
        "zh": "文件名与 {other} 仅有大小写不同，在网站服务器上会相互覆盖；请重命名其中之一",
    },
    "name_not_utf8": {
        "en": "the name is not valid UTF-8 (its other bytes are shown as \\xNN); rename it "
              "in UTF-8 (archives made on Chinese Windows often name files in GBK)",
        "zh": "名称不是有效的 UTF-8 编码（无法识别的字节显示为 \\xNN）；请以 UTF-8 重新命名（中文 Windows 下制作的压缩包常以 GBK 命名文件）",
    },
    "output_unwritable": {
        "en": "the portal could not be written ({reason}{file}); it is written to {folder}: "
              "free space on that disk, or make the folder writable, and build again",
        "zh": "无法写入门户（{reason}{file}）；门户写入 {folder}：请释放该磁盘的空间或使该目录可写，然后重新构建",
    },
    "disk_failed": {
        "en": "a disk failed while the portal was built ({reason}{file}); the portal is "
              "written to {folder}: check that disk (the system log names the device), then "
              "build again",
        "zh": "构建门户时磁盘出错（{reason}{file}）；门户写入 {folder}：请检查该磁盘（系统日志中有设备信息）后重新构建",
    },
    "worker_lost": {
        "en": "a worker process ({work}) stopped before it finished: it was killed, most "
              "often by the system when memory ran out; free memory, or use a machine with "
              "more, and run the command again",
        "zh": "工作进程（{work}）未完成即终止：进程被强制结束，最常见的原因是系统内存不足；请释放内存或换用内存更大的机器后重新运行",
    },
    "out_of_memory": {
        "en": "memory ran out ({work}): the system refused this run more memory (a limit "
              "such as `ulimit -v`, or a server that does not overcommit memory); free "
              "memory, raise the limit or use a machine with more, and run the command again",
        "zh": "内存不足（{work}）：系统拒绝为本次运行分配更多内存（如 `ulimit -v` 等限制，或服务器不允许内存超额分配）；请释放内存、提高限制或换用内存更大的机器后重新运行",
    },
    "unreadable_file": {
        "en": "the file cannot be read ({reason}); a symbolic link whose target is gone, or a "
              "file without read permission: restore the file or delete this entry",
        "zh": "无法读取此文件（{reason}）；可能是目标已不存在的符号链接，或没有读取权限：请恢复该文件或删除此项",
    },
    "file_too_large": {
        "en": "the file is {size} bytes, over the limit of {limit} for an item; put long "
              "documents in an attachment (files/) and link it",
        "zh": "文件有 {size} 字节，超过单条信息 {limit} 字节的上限；请将长文档作为附件（files/）并添加链接",
    },
    "empty_file": {
        "en": "the file is empty; expected '---', YAML front matter, '---', then the body",
        "zh": "文件为空；应以 '---' 开始，随后是 YAML 元数据、'---' 和正文",
    },
    "no_front_matter": {
        "en": "expected the first line to be '---' opening the front matter, got {found}",
        "zh": "第一行应为开启元数据的 '---'，实为 {found}",
    },
    "unterminated_front_matter": {
        "en": "the front matter opened by '---' on line 1 is never closed by a '---' line",
        "zh": "第 1 行 '---' 开启的元数据没有以 '---' 行结束",
    },
    "yaml_syntax": {
        "en": "invalid YAML: {detail}",
        "zh": "YAML 语法错误：{detail}",
    },
    "yaml_tab": {
        "en": "invalid YAML: a tab character is used for indentation; indent with spaces",
        "zh": "YAML 语法错误：缩进使用了制表符（Tab）；请用空格缩进",
    },
    "yaml_colon": {
        "en": "invalid YAML: a value contains ': ' (a colon and a space); put the whole value "
              "in quotes",
        "zh": "YAML 语法错误：值中含有“: ”（冒号加空格）；请将整个值用引号括起来",
    },
    "yaml_unclosed": {
        "en": "invalid YAML: the {what} opened here is never closed",
        "zh": "YAML 语法错误：此处开始的{what}没有闭合",
    },
    "duplicate_key": {
        "en": "the field is given twice (first on line {first_line}); keep one",
        "zh": "字段重复出现（首次出现在第 {first_line} 行）；只保留一个",
    },
    "yaml_alias": {
        "en": "YAML anchors and aliases (&name, *name) are not allowed in front matter",
        "zh": "元数据中不允许使用 YAML 锚点和别名（&name、*name）",
    },
    "too_deep": {
        "en": "the front matter is nested more than {limit} levels deep",
        "zh": "元数据嵌套超过 {limit} 层",
    },
    "not_a_mapping": {
        "en": "expected the front matter to be 'field: value' lines, got {got}",
        "zh": "元数据应为“字段: 值”形式的若干行，实为 {got}",
    },
    # --- schema -----------------------------------------------------------------------
    "expected": {
        "en": "expected {expected}, got {got}",
        "zh": "应为{expected}，实为 {got}",
    },
    "missing": {
        "en": "required field is missing ({description})",
        "zh": "缺少必填字段（{description}）",
    },
    "missing_because": {
        "en": "required field is missing ({description}) because {field} is {value}",
        "zh": "因为 {field} 为 {value}，必须填写此字段（{description}）",
    },
    "unknown_field": {
        "en": "unknown field for type '{type}'{hint}",
        "zh": "'{type}' 类型没有此字段{hint}",
    },
    "did_you_mean": {"en": "; did you mean '{name}'?", "zh": "；是否应为 '{name}'？"},
    "date_order": {
        "en": "expected a date on or after {other} ({other_value}), got {got}",
        "zh": "应为不早于 {other}（{other_value}）的日期，实为 {got}",
    },
    # --- place in the tree ------------------------------------------------------------
    "misplaced_file": {
        "en": "items belong at content/<department>/<type>/<slug>.md and attachments in "
              "content/<department>/files/; this file fits neither",
        "zh": "事项文件应位于 content/<部门>/<类型>/<文件名>.md，附件应位于 "
              "content/<部门>/files/；此文件位置不符",
    },
    "not_markdown": {
        "en": "only Markdown items (.md) belong in a type folder; move attachments to "
              "content/{department}/files/",
        "zh": "类型目录中只能放 Markdown 事项（.md）；附件请移至 content/{department}/files/",
    },
    "bad_slug": {
        "en": "expected a file name of lowercase letters, digits and hyphens "
              "(e.g. food-permit.md or food-permit.en.md), got '{name}'",
        "zh": "文件名应由小写字母、数字和连字符组成（如 food-permit.md 或 food-permit.en.md），"
              "实为 '{name}'",
    },
    "unknown_department": {
        "en": "department '{department}' has no profile config/departments/{department}.yaml; "
              "expected one of: {known}",
        "zh": "部门 '{department}' 没有配置文件 config/departments/{department}.yaml；"
              "应为以下之一：{known}",
    },
    "unknown_type_folder": {
        "en": "'{folder}' is not an item type; expected one of: {known}",
        "zh": "'{folder}' 不是事项类型；应为以下之一：{known}",
    },
    "type_mismatch": {
        "en": "expected '{folder}' (the folder the file is in), got '{declared}'; "
              "fix the type or move the file to content/{department}/{declared}/",
        "zh": "应为 '{folder}'（文件所在目录），实为 '{declared}'；"
              "请更正类型或将文件移至 content/{department}/{declared}/",
    },
    # --- cross-references -------------------------------------------------------------
    "duplicate_index_no": {
        "en": "索引号 {value} is also used by {other}; every item needs its own",
        "zh": "索引号 {value} 也被 {other} 使用；每个事项的索引号必须唯一",
    },
    "index_no_prefix": {
        "en": "expected the prefix '{expected}' (organisation code of department "
              "'{department}'), got '{value}'",
        "zh": "前段码应为 '{expected}'（部门 '{department}' 的组织机构代码），实为 '{value}'",
    },
    "index_no_year": {
        "en": "expected the year {expected} (the year of published_date), got '{value}'",
        "zh": "年份应为 {expected}（published_date 的年份），实为 '{value}'",
    },
    "attachment_missing": {
        "en": "attachment '{value}' does not exist (looked for {resolved})",
        "zh": "附件 '{value}' 不存在（查找位置 {resolved}）",
    },
    "attachment_outside": {
        "en": "expected a path inside content/{department}/, got '{value}'",
        "zh": "路径应位于 content/{department}/ 之内，实为 '{value}'",
    },
    "link_missing": {
        "en": "the link target '{value}' does not exist (looked for {resolved})",
        "zh": "链接目标 '{value}' 不存在（查找位置 {resolved}）",
    },
    "unknown_reference": {
        "en": "no item has 索引号 '{value}'; expected the 索引号 of an existing {expected} item",
        "zh": "没有索引号为 '{value}' 的事项；应为已有{expected}事项的索引号",
    },
    "wrong_reference_type": {
        "en": "expected the 索引号 of a {expected} item, got '{value}', which is a {actual} "
              "({other})",
        "zh": "应为{expected}事项的索引号，实为 '{value}'，它是{actual}（{other}）",
    },
    "reference_withheld": {
        "en": "'{value}' names {other}, which is not published ({reason}); a published item "
              "cannot point to it",
        "zh": "'{value}' 指向未发布的 {other}（{reason}）；已发布事项不能引用它",
    },
    "unknown_item_code": {
        "en": "'{value}' is not in the {list_name} of config/departments/{department}.yaml; "
              "expected one of: {known}",
        "zh": "'{value}' 不在 config/departments/{department}.yaml 的{list_name}中；"
              "应为以下之一：{known}",
    },
    "translation_without_original": {
        "en": "this is a translation ('{lang}') but its original {original} does not exist",
        "zh": "这是译文（'{lang}'），但原文 {original} 不存在",
    },
    "translation_lang": {
        "en": "expected '{expected}' (the language in the file name), got '{value}'",
        "zh": "应为 '{expected}'（文件名中的语言），实为 '{value}'",
    },
    "translation_differs": {
        "en": "expected '{expected}' (the same as the original {original}), got '{value}'",
        "zh": "应为 '{expected}'（与原文 {original} 相同），实为 '{value}'",
    },
    "original_lang": {
        "en": "expected the content language '{expected}' for an original; "
              "name a translation <slug>.{value}.md, got '{value}'",
        "zh": "原文应使用内容语言 '{expected}'；译文请命名为 <文件名>.{value}.md，实为 '{value}'",
    },
    "future_date": {
        "en": "expected a date no later than the build date {today}, got '{value}'; "
              "to schedule publication use embargo_until",
        "zh": "应为不晚于构建日期 {today} 的日期，实为 '{value}'；如需定时发布请使用 embargo_until",
    },
    # --- config/columns.yaml ------------------------------------------------------------
    "unknown_name": {
        "en": "expected one of: {expected}; got '{value}'",
        "zh": "应为以下之一：{expected}；实为 '{value}'",
    },
    "duplicate_id": {
        "en": "'{value}' is used twice; each id must be unique",
        "zh": "'{value}' 重复使用；标识必须唯一",
    },
    "column_lists_nothing": {
        "en": "expected `types` (the item types the column lists) or `profile: true`",
        "zh": "应填写 `types`（栏目列出的事项类型）或 `profile: true`",
    },
    "type_in_two_columns": {
        "en": "item type '{value}' is already listed by column '{other}'; a type belongs to "
              "exactly one column",
        "zh": "事项类型 '{value}' 已由栏目 '{other}' 列出；每种类型只能属于一个栏目",
    },
    "type_in_no_column": {
        "en": "item type '{value}' is in no column, so its items could not be found on the "
              "portal; add it to a column's `types`",
        "zh": "事项类型 '{value}' 不属于任何栏目，其事项将无法在门户中找到；请加入某个栏目的 `types`",
    },
    "reserved_department_id": {
        "en": "department id '{value}' is a path the portal itself uses; choose another "
              "file name (reserved: {reserved})",
        "zh": "部门标识 '{value}' 是门户自用的路径，请改用其他文件名（保留：{reserved}）",
    },
    # --- standards profiles (config/standards/) ---------------------------------------
    "profile_not_found": {
        "en": "expected the name of a profile in config/standards/ ({known}); got '{value}'",
        "zh": "应为 config/standards/ 中的配置名称（{known}）；实为 '{value}'",
    },
    "profile_cycle": {
        "en": "profiles extend each other in a circle: {chain}",
        "zh": "标准配置相互继承形成循环：{chain}",
    },
    "unknown_rule_param": {
        "en": "rule {rule} has no parameter '{value}'; its parameters are: {known}",
        "zh": "规则 {rule} 没有参数 '{value}'；其参数为：{known}",
    },
    "bad_pattern": {
        "en": "expected a regular expression; {detail}",
        "zh": "应为正则表达式；{detail}",
    },
    "date_outside_year": {
        "en": "expected a date in {year}; got '{value}'",
        "zh": "应为 {year} 年内的日期；实为 '{value}'",
    },
    "rule_param_type": {
        "en": "expected {expected} (like the default, {default}); got {value}",
        "zh": "应为{expected}（与默认值 {default} 同类）；实为 {value}",
    },
    # --- summary ----------------------------------------------------------------------
    "summary": {
        "en": "{count} problem(s) in {files} file(s); nothing was published. Fix them and run "
              "`make check` again.",
        "zh": "共 {count} 个问题，涉及 {files} 个文件；未发布任何内容。请修正后再次运行 `make check`。",
    },
    "ok": {
        "en": "checked {items} item(s) of {departments} department(s): no problems",
        "zh": "已检查 {departments} 个部门的 {items} 个事项：未发现问题",
    },
}

LANGUAGES = ("en", "zh")


def language_of(locale: str) -> str:
    """Map a locale such as ``zh-CN``, ``zh_CN`` or ``en`` to a catalogue language."""
    return "zh" if locale.lower().startswith("zh") else "en"


Localized = tuple[tuple[str, str], ...]
"""Text in each language, made by :func:`localized`."""


def localized(en: str, zh: str) -> Localized:
    """A parameter value that differs by language (hashable, so problems stay frozen)."""
    return (("en", en), ("zh", zh))


def render(code: str, lang: str, params: dict[str, Any]) -> str:
    """Fill message ``code`` in ``lang`` (``zh`` or ``en``) with ``params``.

    A parameter made by :func:`localized` is resolved to the same language first.
    """
    key = language_of(lang)
    values = {name: dict(value)[key] if _is_localized(value) else value
              for name, value in params.items()}
    return MESSAGES[code][key].format(**values)


def describe(value: Any) -> Any:
    """How a value an editor wrote is shown after 'got' / '实为'."""
    if value is None:
        return localized("nothing", "空值")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value if len(value) <= 60 else value[:57] + "...")
    if isinstance(value, list):
        return localized(f"a list of {len(value)}", f"含 {len(value)} 项的列表")
    if isinstance(value, dict):
        return localized("a mapping of fields", "字段映射")
    return repr(value)


WITHHELD_REASONS = {
    "classification": localized("not public", "非主动公开"),
    "draft": localized("a draft", "草稿"),
    "embargo": localized("under embargo", "尚未到解禁日期"),
}


def _is_localized(value: Any) -> bool:
    return (isinstance(value, tuple) and len(value) == 2
            and all(isinstance(pair, tuple) and len(pair) == 2 for pair in value)
            and {pair[0] for pair in value} == set(LANGUAGES))
