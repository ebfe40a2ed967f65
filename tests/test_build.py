"""The fixture site built through Pelican: pages, links, the publication gate, and failure."""

import gzip
import hashlib
import json
import subprocess
from pathlib import Path

import pytest

from conftest import AS_OF, build_portal, write

def build(site: Path, output: Path) -> subprocess.CompletedProcess:
    return build_portal(site, output)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from conftest import make_site  # noqa: PLC0415

    site = make_site(tmp_path_factory.mktemp("build") / "site")
    output = site.parent / "output"
    result = build(site, output)
    assert result.returncode == 0, result.stderr
    return site, output


def test_every_published_item_has_its_page(built):
    site, output = built
    for source in (site / "content" / "demo").glob("*/example.md"):
        kind = source.parent.name
        assert (output / "demo" / kind / "example" / "index.html").is_file(), kind
    assert (output / "en" / "demo" / "licensing" / "example" / "index.html").is_file()
    assert (output / "demo" / "index.html").is_file()
    assert (output / "index.html").is_file()


def test_withheld_items_appear_nowhere(built):
    _, output = built
    assert list(output.glob("pagefind/*/*/pagefind-entry.json")), "the search index is built"
    for path in output.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":  # the search index's fragments are gzip-compressed
                data = gzip.decompress(data)
            assert b"WITHHELD-MARKER-7f3a" not in data, path
            assert b"EMBARGO-MARKER-9c1d" not in data, path


def test_withheld_attachments_stay_out_and_every_file_is_accounted_for(built):
    site, output = built
    assert not (output / "demo/files/internal-check-list.csv").exists()
    assert (output / "demo/files/permit-application.docx").is_file()
    manifest = json.loads((output / "_build/manifest.json").read_text("utf-8"))
    files, withheld = manifest["files"], manifest["withheld"]
    content = {p.relative_to(site).as_posix() for p in (site / "content").rglob("*")
               if p.is_file()}

    def hidden(source):
        return hashlib.sha256(source.encode("utf-8")).hexdigest()

    assert set(files) | set(withheld) == {path for path in content if path in files} | {
        hidden(path) for path in content if path not in files}
    assert len(files) + len(withheld) == len(content)
    # Withheld files are counted under the hash of their path, never named.
    assert withheld[hidden("content/demo/files/internal-check-list.csv")] == \
        "used-only-by-withheld"
    assert withheld[hidden("content/demo/notice/withheld.md")] == "classification"
    assert withheld[hidden("content/demo/news/embargoed.md")] == "embargo"
    text = (output / "_build/manifest.json").read_text("utf-8")
    assert "withheld.md" not in text and "embargoed" not in text
    assert files["content/demo/licensing/example.md"] == {"fate": "published",
                                                          "url": "demo/licensing/example/"}
    assert "unaccounted" not in manifest["counts"]


def test_an_unused_attachment_is_not_published_and_the_editor_is_told(tmp_path):
    from conftest import make_site  # noqa: PLC0415

    site = make_site(tmp_path / "site")
    (site / "content/demo/files/stray.pdf").write_bytes(b"%PDF-1.4 stray")
    result = build(site, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "content/demo/files/stray.pdf:1: 提示：没有任何信息使用此文件" in result.stdout
    assert not (tmp_path / "out/demo/files/stray.pdf").exists()
    manifest = json.loads((tmp_path / "out/_build/manifest.json").read_text("utf-8"))
    hidden = hashlib.sha256(b"content/demo/files/stray.pdf").hexdigest()
    assert manifest["withheld"][hidden] == "unreferenced"


def test_relative_links_become_portal_urls(built):
    _, output = built
    pages = "".join(p.read_text("utf-8") for p in (output / "demo").rglob("index.html"))
    assert 'href="/demo/files/' in pages
    assert 'href="/demo/policy/example/"' in pages
    assert "../files/" not in pages


def test_interpretation_and_policy_link_both_ways(built):
    _, output = built
    policy = (output / "demo/policy/example/index.html").read_text("utf-8")
    interpretation = (output / "demo/interpretation/example/index.html").read_text("utf-8")
    assert 'href="/demo/interpretation/example/"' in policy
    assert 'href="/demo/policy/example/"' in interpretation


def test_item_page_carries_the_metadata_block(built):
    _, output = built
    page = (output / "demo/policy/example/index.html").read_text("utf-8")
    for label in ("索引号", "主题分类", "发布机构", "成文日期", "发文字号", "发布日期", "有效性"):
        assert f">{label}<" in page


def test_a_broken_file_stops_the_build_with_every_problem_and_no_traceback(site, tmp_path):
    write(site, "content/demo/news/broken.md", "---\ntype: news\ntitle: [unclosed\n---\n")
    write(site, "content/demo/notice/wrong.txt", "not an item")
    (site / "content/demo/files/gone.pdf").symlink_to("deleted.pdf")  # nothing to read
    output = tmp_path / "output"
    result = build(site, output)
    assert result.returncode == 2
    assert "content/demo/news/broken.md:3: 无效" not in result.stderr
    assert "content/demo/news/broken.md:" in result.stderr
    assert "content/demo/notice/wrong.txt:1: 类型目录中只能放 Markdown 事项" in result.stderr
    assert "content/demo/files/gone.pdf:1: 无法读取此文件" in result.stderr
    assert "共 3 个问题，涉及 3 个文件" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not output.exists()


def test_the_model_stays_out_of_full_collections_and_is_freed_by_the_next_build(site):
    """build_model freezes what it made (portal_model.plugin.settle), and the next build in
    the same process (`make devserver`) unfreezes it: the old model is then garbage."""
    import gc  # noqa: PLC0415
    import weakref  # noqa: PLC0415
    from types import SimpleNamespace  # noqa: PLC0415

    from portal_model.plugin import MODEL_SETTING, build_model  # noqa: PLC0415

    pelican = SimpleNamespace(settings={"PATH": str(site / "content"),
                                        "PORTAL_AS_OF": str(AS_OF)})
    try:
        build_model(pelican)
        model = pelican.settings[MODEL_SETTING]
        model.cycle = model  # as Pelican's objects have: freed only by a full collection
        first = weakref.ref(model)
        del model
        assert gc.get_freeze_count() > 0
        build_model(pelican)
        gc.collect()
        assert first() is None
    finally:
        gc.unfreeze()
