"""The publication gate's bookkeeping: every content file gets a fate."""

from conftest import AS_OF
from portal_model.loader import load_portal
from portal_model.publication import manifest, published_attachments, unaccounted


def test_a_file_the_model_does_not_know_is_unaccounted(site):
    portal = load_portal(site, today=AS_OF)
    sources = [p.relative_to(site).as_posix() for p in (site / "content").rglob("*")
               if p.is_file()]
    assert unaccounted(manifest(portal, sources)) == []
    data = manifest(portal, [*sources, "content/demo/ghost.bin"])
    assert unaccounted(data) == ["content/demo/ghost.bin"]
    assert data["counts"]["unaccounted"] == 1


def test_an_attachment_used_by_a_published_item_is_published(site):
    portal = load_portal(site, today=AS_OF)
    published = published_attachments(portal)
    assert "content/demo/files/permit-application.docx" in published
    assert "content/demo/files/internal-check-list.csv" not in published
    assert portal.attachment_users["content/demo/files/internal-check-list.csv"] == [
        "content/demo/notice/withheld.md"]


def test_an_attachment_linked_by_reference_is_used_and_published(site):
    """``[text][label]`` with ``[label]: ../files/x`` is a link like any other."""
    news = site / "content" / "demo" / "news" / "example.md"
    news.write_text(news.read_text("utf-8") + "\n名单见[附件][名单]。\n\n"
                    "[名单]: ../files/internal-check-list.csv\n", "utf-8")
    portal = load_portal(site, today=AS_OF)
    assert "content/demo/news/example.md" in portal.attachment_users[
        "content/demo/files/internal-check-list.csv"]
    assert "content/demo/files/internal-check-list.csv" in published_attachments(portal)
