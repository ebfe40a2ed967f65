"""Whether ``output/`` is already the build of exactly these inputs, so a build can be skipped.

The *inputs* are every file a build reads: the content folder, ``config/`` beside it, the
plugins, the theme and the settings files (``*.py`` and ``requirements.lock`` of the project
folder), plus the Pelican arguments, the environment the output depends on
(:data:`OUTPUT_ENVIRONMENT`, and the signing key's bytes), today's date (the default as-of
date of every rule) and the installed packages. A build writes their digest into
``output/_build/inputs.json`` with a digest of the output's own files (names, sizes,
modification times), so a portal changed by hand after its build is not taken for a fresh
one either. Any difference means a full build.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

from portal_model.fingerprint import Fingerprint, installed_packages, source_files

from .digest import STAMP, portal_files

PROJECT_FOLDERS = ("plugins", "themes")
PROJECT_FILES = ("*.py", "requirements.lock", "pyproject.toml")
OUTPUT_ENVIRONMENT = ("GONGKAI_AS_OF", "GONGKAI_SIGNING_KEY")
"""Variables that change what a build writes. GONGKAI_TIMINGS, for one, does not, and nor
does SOURCE_DATE_EPOCH: no tool of the build embeds a time (test_integrity builds at two),
so a commit that changes nothing the build reads leaves the portal up to date."""


def inputs_digest(project: Path, content: Path, pelican_args: list[str],
                  environment: dict[str, str]) -> str:
    digest = Fingerprint(json.dumps(pelican_args), sys.version, dt.date.today().isoformat(),
                         json.dumps([environment.get(name) for name in OUTPUT_ENVIRONMENT]),
                         _key_bytes(environment.get("GONGKAI_SIGNING_KEY")),
                         installed_packages())
    folders = [content, content.parent / "config",
               *(project / name for name in PROJECT_FOLDERS)]
    files = sorted({path for pattern in PROJECT_FILES for path in project.glob(pattern)})
    for folder in folders:
        for path in source_files(folder):
            digest.add(path.relative_to(folder.parent).as_posix(), *_contents(path))
    for path in files:
        digest.add(path.name, *_contents(path))
    return digest.hexdigest()


def _contents(path: Path) -> tuple[bytes, ...]:
    """The file's bytes; for a file that cannot be read (a link to a deleted file), why not:
    the build goes on to say so, file by file, in the editors' words."""
    try:
        return (path.read_bytes(),)
    except OSError as error:
        return (b"", f"unreadable: {error.strerror}".encode())


def output_digest(output: Path, files: dict[str, os.stat_result] | None = None) -> str:
    """Names, sizes and modification times of the output's files (the stamp aside), from
    ``files`` when the caller has just listed them all (:func:`digest.write_sums` has)."""
    if files is None:
        files = portal_files(output, (STAMP,))
    digest = Fingerprint()
    for relative in sorted(files):
        digest.add(relative, f"{files[relative].st_size} {files[relative].st_mtime_ns}")
    return digest.hexdigest()


def write_stamp(output: Path, inputs: str,
                files: dict[str, os.stat_result] | None = None) -> None:
    """Record that ``output`` is the build of ``inputs`` (call once it is complete; ``files``
    as for :func:`output_digest`)."""
    stamp = output / STAMP
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(json.dumps({"inputs": inputs, "output": output_digest(output, files)})
                     + "\n", "utf-8")


def is_up_to_date(output: Path, inputs: str) -> bool:
    try:
        recorded = json.loads((output / STAMP).read_text("utf-8"))
    except (OSError, ValueError):
        return False
    return (isinstance(recorded, dict) and recorded.get("inputs") == inputs
            and recorded.get("output") == output_digest(output))


def _key_bytes(path: str | None) -> bytes:
    try:
        return Path(path).read_bytes() if path else b""
    except OSError:
        return b""  # the build itself says the key cannot be read
