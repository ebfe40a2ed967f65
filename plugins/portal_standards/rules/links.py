"""WEB-D4.3: every internal link and attachment resolves.

Relative links in bodies and every attachment field are already checked when the
portal is read (a dead one stops the build). What remains for the rule is what
that check cannot see: site-absolute links (``/health/policy/…``) written in a
body, which must name a page or file the build produces. During a build the
written site itself is scanned as well (:mod:`portal_standards.sitescan`), with
findings under this same rule.
"""

from __future__ import annotations

import re

from portal_site.listings import build as build_listings
from portal_site.pages import all_pages

from ..audit import Audit, RuleRun
from ..registry import WARNING, Message, rule

_ABSOLUTE = re.compile(r"""(?:\]\(\s*<?|\b(?:href|src)\s*=\s*["'])(/(?!/)[^)\s>"'#?]*)""",
                       re.IGNORECASE)

BROKEN = Message(
    zh="链接 {target} 指向的页面或文件不存在",
    en="the link {target} leads to no page or file of the portal",
    fix_zh="更正链接地址；链接本门户的信息时，请用相对路径指向其 .md 文件，构建时会检查并转换",
    fix_en="correct the address; to link an item of this portal, use a relative path to its "
           ".md file, which the build checks and converts")


def known_addresses(audit: Audit) -> set[str]:
    """Every site-relative address the build writes (pages as ``a/b/``, files as ``a/f.pdf``)."""
    addresses = {item.url for item in audit.published}
    addresses.update(path.removeprefix("content/") for path in audit.portal.attachments)
    addresses.update(page.url if page.file_name is None else page.file_name
                     for page in all_pages(audit.portal, build_listings(audit.portal)))
    addresses.update(("report/", "report/report.json", "report/findings.csv",
                      "report/report.schema.json"))
    return addresses


def resolves(path: str, addresses: set[str]) -> bool:
    """Whether the site-relative ``path`` (no leading slash) names something the build writes."""
    path = path.removesuffix("index.html")
    return path in addresses or f"{path}/" in addresses or path.startswith("theme/")


@rule("WEB-D4.3", title=("链接可用（内部链接和附件均能打开）",
                         "Links work: every internal link and attachment resolves"),
      severity=WARNING, source="2019年政府网站与政务新媒体检查指标 扣分指标：可用性",
      messages={"broken_link": BROKEN, "broken_link_home": BROKEN})
def links_resolve(run: RuleRun) -> None:
    addresses: set[str] | None = None
    for item in run.audit.published:
        if "/" not in item.body:
            continue
        for offset, text in enumerate(item.body.split("\n")):
            for match in _ABSOLUTE.finditer(text):
                addresses = addresses if addresses is not None else known_addresses(run.audit)
                if not resolves(match.group(1).lstrip("/"), addresses):
                    run.at("broken_link", item.source, item.body_line + offset, "body",
                           item.department, target=match.group(1), title=item.title)
