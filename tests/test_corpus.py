"""The benchmark corpus generator: deterministic, valid, and covering every item type."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import AS_OF, ROOT, problem_lines
from portal_model.loader import load_portal

GENERATOR = ROOT / "benchmarks" / "corpus.py"
N = 60


def generate(target: Path, *args: str) -> Path:
    subprocess.run([sys.executable, str(GENERATOR), str(N), str(target), *args], check=True,
                   capture_output=True, text=True)
    return target


def tree(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes()
            for path in sorted(root.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("corpus") / "portal")


def test_same_arguments_give_a_byte_identical_tree(corpus, tmp_path):
    again = tree(generate(tmp_path / "again"))
    assert len(again) > N
    assert again == tree(corpus)


def test_the_seed_changes_the_corpus(corpus, tmp_path):
    other = tree(generate(tmp_path / "other", "--seed", "7"))
    first = tree(corpus)
    assert other.keys() & first.keys()  # config and guides keep their names
    assert [name for name in other if other[name] != first.get(name)]


def test_the_corpus_is_a_valid_portal_with_every_item_type(corpus):
    assert problem_lines(corpus) == []
    portal = load_portal(corpus, today=AS_OF)
    originals = [item for item in portal.items if not item.is_translation]
    assert len(originals) == N
    assert len(portal.departments) == 5
    schemas = {path.stem for path in (ROOT / "config" / "schemas").glob("[a-z]*.yaml")}
    assert {item.type for item in originals} == schemas
    assert all(item.published for item in originals)
    assert all(item.published_date <= AS_OF for item in portal.items)
    assert any(item.is_translation and item.lang == "en" for item in portal.items)


def test_department_lists_match_the_published_items(corpus):
    portal = load_portal(corpus, today=AS_OF)
    for dept_id, department in portal.departments.items():
        items = [item for item in portal.items
                 if item.department == dept_id and not item.is_translation]
        config = department.config

        def published(kind: str, field: str) -> list:
            return sorted(item.meta[field] for item in items if item.type == kind)

        assert published("licensing", "item_code") == sorted(
            entry["code"] for entry in config["licensing_items"])
        assert published("service-guide", "item_code") == sorted(
            entry["code"] for entry in config["service_items"])
        normative = [item for item in items if item.type == "policy"
                     and item.meta["doc_type"] == "行政规范性文件"]
        assert sorted(item.meta["doc_no"] for item in normative) == sorted(
            entry["doc_no"] for entry in config["normative_documents"])


def test_interpretations_and_revisions_point_at_policies_of_their_department(corpus):
    portal = load_portal(corpus, today=AS_OF)
    interpretations = [item for item in portal.items
                       if item.type == "interpretation" and not item.is_translation]
    assert interpretations
    for item in interpretations:
        target = portal.by_index_no[item.meta["interprets"]]
        assert (target.type, target.department) == ("policy", item.department)
        assert target.published_date <= item.published_date


def test_a_folder_with_files_is_refused_unless_forced_and_then_only_config_and_content_go(
        tmp_path):
    (tmp_path / "notes.txt").write_text("kept", "utf-8")
    command = [sys.executable, str(GENERATOR), "5", str(tmp_path)]
    refused = subprocess.run(command, capture_output=True, text=True)
    assert refused.returncode == 2 and "not empty" in refused.stderr
    assert not (tmp_path / "content").exists()
    subprocess.run([*command, "--force"], check=True, capture_output=True)
    subprocess.run([*command, "--force"], check=True, capture_output=True)
    assert (tmp_path / "notes.txt").read_text("utf-8") == "kept"
    assert problem_lines(tmp_path) == []


def test_links_are_replaced_never_written_through_and_a_dangling_one_is_refused(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "content").mkdir(parents=True)
    (elsewhere / "content" / "precious.md").write_text("kept", "utf-8")
    portal = tmp_path / "portal"
    portal.mkdir()
    (portal / "content").symlink_to(elsewhere / "content")
    subprocess.run([sys.executable, str(GENERATOR), "5", str(portal), "--force"], check=True,
                   capture_output=True)
    assert not (portal / "content").is_symlink() and (portal / "content").is_dir()
    assert (elsewhere / "content" / "precious.md").read_text("utf-8") == "kept"
    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / "gone")
    refused = subprocess.run([sys.executable, str(GENERATOR), "5", str(dangling), "--force"],
                             capture_output=True, text=True)
    assert refused.returncode == 2 and "does not exist" in refused.stderr
    assert "Traceback" not in refused.stderr
