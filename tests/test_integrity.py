"""Atomic builds, reproducible output, and the signed SHA-256 list checked by verify-site."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from conftest import AS_OF, ROOT, make_site
from portal_integrity import digest as digest_module
from portal_integrity import gated
from portal_integrity.digest import SUMS, file_digest, served_files, write_sums
from portal_integrity.uptodate import output_digest


def build(site: Path, output: Path, *options: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "scripts" / "build"), "--output", str(output), *options,
         "--",
         str(site / "content"), "-s", str(ROOT / "pelicanconf.py"), "--fatal", "warnings",
         "-e", f'PORTAL_AS_OF="{AS_OF}"'],
        env={**os.environ, "SOURCE_DATE_EPOCH": "1763683200", **env},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def built(site: Path, output: Path, **env: str) -> subprocess.CompletedProcess:
    process = build(site, output, **env)
    out, err = process.communicate(timeout=300)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def verify_site(output: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "verify-site"), str(output),
                           *args], capture_output=True, text=True, check=False)


def tree(folder: Path) -> dict[str, str]:
    return {path: file_digest(folder / path) for path in served_files(folder)}


def beside(output: Path) -> dict[str, list[str]]:
    """The folders builds left beside ``output``, by state, with the files each holds."""
    return {folder.name.removeprefix(f".{output.name}."): sorted(
        str(path.relative_to(folder)) for path in folder.rglob("*") if not path.is_dir())
        for folder in output.parent.glob(f".{output.name}.*")}


def only_spare_folders(output: Path) -> bool:
    """Beside ``output`` at most one spare folder for the next build, holding no file."""
    left = beside(output)
    return len(left) <= 1 and all(name.startswith("spare-") and not files
                                  for name, files in left.items())


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    site = make_site(tmp_path_factory.mktemp("integrity") / "site")
    output = site.parent / "output"
    result = built(site, output)
    assert result.returncode == 0, result.stderr
    return site, output


def test_a_fresh_build_verifies(portal):
    _, output = portal
    assert (output / SUMS).is_file()
    result = verify_site(output)
    assert result.returncode == 0 and "OK" in result.stdout


def test_modified_missing_and_extra_files_are_reported(portal, tmp_path):
    _, output = portal
    copy = tmp_path / "deployed"
    subprocess.run(["cp", "-r", str(output), str(copy)], check=True)
    with (copy / "index.html").open("a", encoding="utf-8") as page:
        page.write("<script>defaced()</script>")
    (copy / "404.html").unlink()
    (copy / "demo" / "backdoor.php").write_text("<?php", "utf-8")
    result = verify_site(copy)
    assert result.returncode == 1
    assert result.stdout.splitlines()[:3] == ["modified: index.html", "missing: 404.html",
                                              "extra: demo/backdoor.php"]


def test_signature_is_checked_with_the_public_key(tmp_path):
    site = make_site(tmp_path / "site")
    key = Ed25519PrivateKey.generate()
    (tmp_path / "key.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    (tmp_path / "public.pem").write_bytes(key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    output = tmp_path / "output"
    result = built(site, output, GONGKAI_SIGNING_KEY=str(tmp_path / "key.pem"))
    assert result.returncode == 0, result.stderr
    assert verify_site(output, "--public-key", str(tmp_path / "public.pem")).returncode == 0
    # The stamp counts the signature among the output's files, as the next build does.
    again = built(site, output, GONGKAI_SIGNING_KEY=str(tmp_path / "key.pem"))
    assert "is up to date" in again.stdout
    # Someone who changes a page and rewrites the list to match cannot forge the signature.
    (output / "index.html").write_text("defaced", "utf-8")
    sums = (output / SUMS).read_text("utf-8").splitlines()
    sums = [f"{file_digest(output / 'index.html')}  index.html" if line.endswith("  index.html")
            else line for line in sums]
    (output / SUMS).write_text("\n".join(sums) + "\n", "utf-8")
    result = verify_site(output, "--public-key", str(tmp_path / "public.pem"))
    assert result.returncode == 1 and "signature: invalid" in result.stdout


def test_two_builds_of_the_same_content_are_byte_identical(portal, tmp_path):
    site, output = portal
    again = tmp_path / "again"
    # At another commit's time: nothing written depends on it, which is why neither the
    # cache keys nor the up-to-date check include SOURCE_DATE_EPOCH.
    assert built(site, again, SOURCE_DATE_EPOCH="1000000000").returncode == 0
    first = tree(output)
    assert any(path.startswith("pagefind/") for path in first)  # the search index included
    assert tree(again) == first
    assert (again / SUMS).read_bytes() == (output / SUMS).read_bytes()


def test_a_failed_build_leaves_the_previous_portal_untouched(portal, tmp_path):
    site, output = portal
    before = tree(output)
    broken = make_site(tmp_path / "broken")
    (broken / "content/demo/news/example.md").write_text("---\ntitle: [\n---\n", "utf-8")
    # A link to a deleted file: the up-to-date check reads every input before Pelican runs.
    (broken / "content/demo/files/gone.pdf").symlink_to("deleted.pdf")
    # A name in GBK (报告.pdf): digested as bytes, and named to the editor.
    with open(os.fsencode(broken / "content/demo/files") + b"/\xb1\xa8\xb8\xe6.pdf", "wb"):
        pass
    result = built(broken, output)
    assert result.returncode == 2 and "is unchanged" in result.stderr
    assert "content/demo/files/gone.pdf:1: 无法读取此文件" in result.stderr
    assert "content/demo/files/\\xb1\\xa8\\xb8\\xe6.pdf:1: 名称不是有效的 UTF-8" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree(output) == before
    assert only_spare_folders(output), beside(output)


def test_an_interrupted_build_leaves_the_previous_portal_untouched(portal):
    site, output = portal
    before = tree(output)
    process = build(site, output, "--force")  # the same inputs: without it, nothing to do
    deadline = time.monotonic() + 60
    while not list(output.parent.glob(".output.building-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert tree(output) == before
    # The next build clears what the killed one left behind (or builds in its folders).
    assert built(site, output).returncode == 0
    assert only_spare_folders(output), beside(output)
    assert tree(output) == before


def test_nothing_changed_means_nothing_built_and_any_change_means_a_build(tmp_path):
    site = make_site(tmp_path / "site")
    output = tmp_path / "output"
    assert built(site, output).returncode == 0
    before = tree(output)
    again = built(site, output)
    assert again.returncode == 0 and "is up to date" in again.stdout
    assert tree(output) == before
    # Pelican, started while the inputs were digested, was stopped at the gate: it wrote
    # nothing and said nothing.
    assert again.stdout.strip().splitlines() == [line for line in again.stdout.splitlines()
                                                 if "is up to date" in line]
    assert again.stderr == "" and not list(tmp_path.glob(".output.building-*"))
    # A portal changed by hand after its build is built again, not taken as fresh.
    page = output / "index.html"
    page.write_text(page.read_text("utf-8") + "<!-- by hand -->", "utf-8")
    repaired = built(site, output)
    assert "is up to date" not in repaired.stdout and tree(output) == before
    item = next((site / "content").rglob("*.md"))
    item.write_text(item.read_text("utf-8") + "\n追加一句。\n", "utf-8")
    edited = built(site, output)
    assert edited.returncode == 0 and "is up to date" not in edited.stdout
    assert tree(output) != before
    assert verify_site(output).returncode == 0  # the stamp is not a served file


def test_unchanged_pages_are_linked_from_the_live_portal_never_written_through(tmp_path):
    site = make_site(tmp_path / "site")
    output = tmp_path / "output"
    assert built(site, output).returncode == 0
    edited_page = output / "demo" / "news" / "example" / "index.html"
    kept_page = output / "demo" / "policy" / "example" / "index.html"
    witness = tmp_path / "witness.html"  # the live copy of the page the edit changes
    os.link(edited_page, witness)
    # Files other than pages: an attachment, a feed (front matter only), and an attachment
    # the rebuild changes, whose live copy must keep its old bytes too.
    kept_files = [output / "demo" / "files" / "permit-sample.pdf",
                  output / "demo" / "news" / "feed.atom.xml", kept_page]
    edited_file = output / "demo" / "files" / "2026-budget.xlsx"
    file_witness = tmp_path / "witness.xlsx"
    os.link(edited_file, file_witness)
    before, file_before = witness.read_bytes(), file_witness.read_bytes()
    kept_inodes = [path.stat().st_ino for path in kept_files]
    item = site / "content" / "demo" / "news" / "example.md"
    item.write_text(item.read_text("utf-8") + "\n追加一句。\n", "utf-8")
    attachment = site / "content" / "demo" / "files" / "2026-budget.xlsx"
    attachment.write_bytes(attachment.read_bytes() + b"\0")
    result = built(site, output)
    assert result.returncode == 0 and "linked from the live portal" in result.stdout, result.stdout
    # The same files, not copies.
    assert [path.stat().st_ino for path in kept_files] == kept_inodes
    # The old page and attachment were replaced, not written over.
    assert witness.read_bytes() == before and file_witness.read_bytes() == file_before
    assert "追加一句" in edited_page.read_text("utf-8")
    assert edited_file.read_bytes() == attachment.read_bytes()
    # The same portal built from nothing: byte for byte the same.
    clean_site = tmp_path / "clean"
    shutil.copytree(site, clean_site, ignore=shutil.ignore_patterns(".cache"))
    assert built(clean_site, tmp_path / "clean-output").returncode == 0
    assert tree(tmp_path / "clean-output") == tree(output)
    assert verify_site(output).returncode == 0
    # The replaced portal stays until the next build, which removes it.
    first_retired = list(output.parent.glob(".output.retired-*"))
    assert len(first_retired) == 1
    item.write_text(item.read_text("utf-8") + "\n再追加一句。\n", "utf-8")
    assert built(site, output).returncode == 0
    assert not first_retired[0].exists()
    assert len(list(output.parent.glob(".output.*"))) == 1


def test_a_linked_file_keeps_its_listed_digest_unless_changed_since_the_list(tmp_path,
                                                                            monkeypatch):
    previous, new = tmp_path / "previous", tmp_path / "new"
    for folder in (previous, new):
        (folder / "a").mkdir(parents=True)
    (previous / "a" / "index.html").write_text("一", "utf-8")
    (previous / "b.html").write_text("二", "utf-8")
    for page in (previous / "a" / "index.html", previous / "b.html"):
        os.utime(page, (time.time() - 60,) * 2)  # written well before the list
    write_sums(previous)
    os.link(previous / "a" / "index.html", new / "a" / "index.html")
    (new / "b.html").write_text("三", "utf-8")  # a page written again: hashed
    hashed: list[str] = []
    monkeypatch.setattr(digest_module, "file_digest",
                        lambda path: hashed.append(path.name) or file_digest(path))
    files = write_sums(new, previous=previous)
    assert hashed == ["b.html"]  # the linked page keeps its listed digest
    assert verify_site(new).returncode == 0
    assert output_digest(new, files) == output_digest(new)  # the stamp needs no new walk
    # The live file edited in place after its list: the link sees the edit, the list not.
    with (previous / "a" / "index.html").open("a", encoding="utf-8") as page:
        page.write("改")
    hashed.clear()
    write_sums(new, previous=previous)
    assert sorted(hashed) == ["b.html", "index.html"]
    assert verify_site(new).returncode == 0


def test_pelican_waits_at_the_gate_and_a_shut_gate_runs_nothing(monkeypatch):
    """gated.main imports ahead, then runs Pelican only on the go-ahead (scripts/build), and
    lets it write only once the build says its output folder holds no file."""
    ran: list[list[str]] = []
    monkeypatch.setattr("pelican.main", ran.append)
    monkeypatch.setattr(sys, "argv", ["pytest"])  # main names the process "pelican"
    for opened, ready, status in ((True, True, 0), (True, False, 0), (False, False, 1)):
        gate = gated.Gate()
        monkeypatch.setenv(gated.GATE_ENV, str(gate.reading))
        gate.open() if opened else gate.close()
        assert gated.main(["content", "-s", "pelicanconf.py"]) == status
        assert gated.GATE_ENV not in os.environ  # not passed on to what Pelican starts
        if opened:  # Pelican runs, and at get_generators waits for the folder
            os.fstat(gate.reading)  # still open: the second byte is still to come
            gate.ready() if ready else gate.close()
            if ready:
                gated._OutputReady.wait(None)
            else:  # the build went away before the folder was ready: nothing is written
                with pytest.raises(SystemExit):
                    gated._OutputReady.wait(None)
        with pytest.raises(OSError):
            os.fstat(gate.reading)  # closed after reading
    assert ran == [["content", "-s", "pelicanconf.py"]] * 2


def test_the_run_tells_the_build_which_folder_it_still_writes(monkeypatch):
    """gated.announce_last_folder: the build's listener hears the folder once, then nothing
    more; a run that ends without a word makes it hear nothing (it lists all at the end)."""
    for says in (True, False):
        heard: list[str] = []
        news = gated.News()
        run_end = os.dup(news.writing)  # what the Pelican process inherits
        monkeypatch.setattr(gated, "_news", run_end)
        news.started(heard.append)
        if says:
            gated.announce_last_folder("pagefind")
            gated.announce_last_folder("pagefind")  # said once only
        else:
            os.close(run_end)
            monkeypatch.setattr(gated, "_news", None)
        news.join()
        assert heard == (["pagefind"] if says else [])
    gated.announce_last_folder("pagefind")  # not started by scripts/build: nothing to tell


def test_a_build_removes_what_dead_builds_left_but_not_a_running_builds_folder(tmp_path):
    """Two `make html` at once: neither may remove the folder the other is building in."""
    from portal_integrity.build import BUILDING, _leftovers  # noqa: PLC0415

    output = tmp_path / "output"
    output.mkdir()
    running = tmp_path / f".output{BUILDING}{os.getpid()}"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = tmp_path / f".output{BUILDING}{dead.pid}"
    for folder in (running, left):
        folder.mkdir()
    assert _leftovers(output).dead == [left]
