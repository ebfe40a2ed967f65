"""A build writes into the folders of the portal it replaced (portal_integrity.folders)."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

from conftest import AS_OF, ROOT, make_site
from portal_integrity.folders import empty_files, make_folders, prune_empty, subfolders
from portal_model.fingerprint import tree_files
from test_integrity import beside, built, tree, verify_site


def folders_of(root: Path) -> set[str]:
    return set(subfolders(root))


def test_emptying_removes_files_and_links_keeps_folders_and_never_follows_a_link(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "kept.txt").write_text("外", "utf-8")
    folder = tmp_path / "portal"
    (folder / "a" / "b").mkdir(parents=True)
    (folder / "a" / "b" / "index.html").write_text("页", "utf-8")
    (folder / "top.xml").write_text("<x/>", "utf-8")
    (folder / "a" / "linked-folder").symlink_to(outside, target_is_directory=True)
    (folder / "a" / "linked-file").symlink_to(outside / "kept.txt")
    stop = threading.Event()
    stop.set()
    assert empty_files(folder, stop) is False  # stopped before the first folder
    assert (folder / "top.xml").exists()
    assert empty_files(folder) is True
    assert sorted(str(path.relative_to(folder)) for path in folder.rglob("*")) == ["a", "a/b"]
    assert (outside / "kept.txt").read_text("utf-8") == "外"


def test_pruning_removes_every_folder_without_a_file_however_deep(tmp_path):
    for relative in ("empty/deeper/deepest", "kept/empty", "kept/full", "x"):
        (tmp_path / relative).mkdir(parents=True)
    (tmp_path / "kept" / "full" / "index.html").write_text("页", "utf-8")
    (tmp_path / "x" / "file").write_text("", "utf-8")
    left = prune_empty(tmp_path)
    assert folders_of(tmp_path) == {"kept", "kept/full", "x"}
    # What is left, listed on the way, as tree_files lists it.
    assert sorted(left) == ["kept/full/index.html", "x/file"] and left == tree_files(tmp_path)
    assert tmp_path.is_dir()  # the folder itself stays, even when it ends up empty
    prune_empty(tmp_path / "kept" / "full")
    assert (tmp_path / "kept" / "full").is_dir()


def test_a_skeleton_is_made_of_every_folder_parents_first(tmp_path):
    source = tmp_path / "source"
    for relative in ("a/b/c", "a/d", "e"):
        (source / relative).mkdir(parents=True)
    listed = subfolders(source)
    assert all(listed.index(os.path.dirname(name)) < listed.index(name)
               for name in listed if "/" in name)
    make_folders(tmp_path / "copy", listed)
    assert folders_of(tmp_path / "copy") == folders_of(source) == {"a", "a/b", "a/b/c", "a/d", "e"}


def test_rebuilds_write_into_the_replaced_portals_folders(tmp_path):
    site = make_site(tmp_path / "site")
    output = tmp_path / "output"
    item = site / "content" / "demo" / "news" / "example.md"
    assert built(site, output).returncode == 0
    # The first build leaves folders for the next one: the portal's own, without a file.
    [(spare_name, spare_files)] = beside(output).items()
    assert spare_name.startswith("spare-") and spare_files == []
    spare = output.parent / f".output.{spare_name}"
    assert folders_of(spare) == folders_of(output)
    spare_folder = (spare / "demo" / "news" / "example").stat().st_ino
    first_folder = (output / "demo" / "news" / "example").stat().st_ino
    item.write_text(item.read_text("utf-8") + "\n追加一句。\n", "utf-8")
    assert built(site, output).returncode == 0
    # The second build was written into those folders; the third into the first portal's.
    assert (output / "demo" / "news" / "example").stat().st_ino == spare_folder
    assert list(beside(output)) == [next(iter(beside(output)))]  # only the replaced portal
    gone = site / "content" / "demo" / "emergency" / "example.md"
    gone.unlink()
    assert built(site, output).returncode == 0
    assert (output / "demo" / "news" / "example").stat().st_ino == first_folder
    # The removed item's folder, left over from the reused portal, is gone too.
    assert not (output / "demo" / "emergency" / "example").exists()
    assert all(any(path.is_file() for path in (output / name).rglob("*"))
               for name in folders_of(output)), "a folder without a file is left"
    # Byte for byte (and folder for folder) the portal a build from nothing makes.
    clean = tmp_path / "clean"
    shutil.copytree(site, clean, ignore=shutil.ignore_patterns(".cache"))
    assert built(clean, tmp_path / "clean-output").returncode == 0
    assert tree(tmp_path / "clean-output") == tree(output)
    assert folders_of(tmp_path / "clean-output") == folders_of(output)


def test_a_failed_build_leaves_its_folders_emptied_for_the_next(tmp_path):
    site = make_site(tmp_path / "site")
    output = tmp_path / "output"
    assert built(site, output).returncode == 0
    item = site / "content" / "demo" / "news" / "example.md"
    good = item.read_text("utf-8")
    item.write_text(good + "\n追加一句。\n", "utf-8")
    assert built(site, output).returncode == 0  # the spare is used; the first portal retired
    [(retired, files)] = beside(output).items()
    assert retired.startswith("retired-") and files
    item.write_text("---\ntitle: [\n---\n", "utf-8")
    assert built(site, output).returncode == 2
    # The retired portal's folders were taken, and are left without their files.
    [(left, files)] = beside(output).items()
    assert left.startswith("spare-") and files == []
    item.write_text(good, "utf-8")
    assert built(site, output).returncode == 0
    assert list(beside(output)) and all(name.startswith("retired-") for name in beside(output))


def test_an_up_to_date_build_leaves_the_replaced_portal_to_the_next_build(tmp_path,
                                                                          monkeypatch):
    """Emptying a replaced portal takes seconds at 20,000 items: a build that finds nothing
    to do stops it and returns, and the next build that takes the folder finishes it."""
    from portal_integrity import build  # noqa: PLC0415

    site = make_site(tmp_path / "site")
    output = tmp_path / "output"
    item = site / "content" / "demo" / "news" / "example.md"
    assert built(site, output).returncode == 0
    item.write_text(item.read_text("utf-8") + "\n追加一句。\n", "utf-8")
    assert built(site, output).returncode == 0
    [(retired, files)] = beside(output).items()
    assert retired.startswith("retired-") and files

    class Slow(build._Reuse):
        """Starts emptying only once told to stop (a minute otherwise): as if it were huge."""

        def run(self) -> None:
            self.stopping.wait(60)
            super().run()

    monkeypatch.setattr(build, "_Reuse", Slow)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1763683200")  # as test_integrity.built has it
    started = time.monotonic()
    assert build.main(["--output", str(output), "--", str(site / "content"), "-s",
                       str(ROOT / "pelicanconf.py"), "--fatal", "warnings",
                       "-e", f'PORTAL_AS_OF="{AS_OF}"']) == 0
    assert time.monotonic() - started < 30
    # The replaced portal's folders are a spare, still holding its files.
    [(spare, left)] = beside(output).items()
    assert spare.startswith("spare-") and sorted(left) == sorted(files)
    item.write_text(item.read_text("utf-8") + "\n再追加一句。\n", "utf-8")
    monkeypatch.undo()
    assert built(site, output).returncode == 0
    assert "再追加一句" in (output / "demo" / "news" / "example" / "index.html").read_text("utf-8")
    assert verify_site(output).returncode == 0
    [(retired, _)] = beside(output).items()  # the spare was emptied and built in
    assert retired.startswith("retired-")


def test_the_portal_listed_in_two_parts_is_the_portal_listed_at_once(tmp_path):
    """scripts/build lists all but the search index while Pelican waits for it, then the
    index: the same files, digests and pruned folders as one walk at the end."""
    from portal_integrity.build import _Lister  # noqa: PLC0415
    from portal_integrity.digest import Listing  # noqa: PLC0415

    def portal(root: Path, bundles: bool) -> Path:
        for relative in ("a/b/index.html", "feed.xml", "pagefind/zh/x.pf", "gone/left/"):
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if not relative.endswith("/") and (bundles or "pagefind" not in relative):
                path.write_text(relative, "utf-8")
        return root

    for bundles in (True, False):
        once, parts = portal(tmp_path / f"once{bundles}", bundles), \
            portal(tmp_path / f"parts{bundles}", bundles)
        whole = _Lister(once, Listing(once))
        whole.finish()
        split = _Lister(parts, Listing(parts))
        split.all_but("nested/name")  # only a top-level folder can be left for later
        assert split.last is None
        split.all_but("pagefind")
        assert "pagefind/zh/x.pf" not in split.listing.digests
        split.finish()
        assert split.listing.digests == whole.listing.digests
        assert folders_of(parts) == folders_of(once)
        assert ("pagefind" in folders_of(parts)) is bundles  # an empty index folder goes too


def test_a_build_lists_the_portal_while_pelican_waits_for_the_search_index(tmp_path,
                                                                           monkeypatch):
    """The Pelican run announces its last folder (gated.announce_last_folder, called by
    portal_search) and the build lists the rest then: run here, the build's side is seen."""
    from conftest import AS_OF, ROOT  # noqa: PLC0415
    from portal_integrity import build  # noqa: PLC0415

    site = make_site(tmp_path / "site")
    heard: list[str] = []
    all_but = build._Lister.all_but
    monkeypatch.setattr(build._Lister, "all_but",
                        lambda lister, folder: heard.append(folder) or all_but(lister, folder))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1763683200")
    status = build.main(["--output", str(tmp_path / "output"), "--", str(site / "content"),
                         "-s", str(ROOT / "pelicanconf.py"), "--fatal", "warnings",
                         "-e", f'PORTAL_AS_OF="{AS_OF}"'])
    assert status == 0 and heard == ["pagefind"]
    assert tree(tmp_path / "output")  # listed whole: verify-site checks the list elsewhere
