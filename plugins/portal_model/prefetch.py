"""Item files parsed ahead, by all cores at once, when many have to be parsed.

Composing front matter node by node (for the line of every field) is most of what a cold
``make check`` costs, and each file is independent of the others. Before the loader walks
``content/``, the item files it will have to parse (those the memo of valid files does not
hold) are parsed by forked worker processes; the loader then takes each file's result from
here instead of parsing it itself. The results are the very ``Parsed`` values the loader
would have made (``tests/test_prefetch.py``), so messages and the model are the same;
below :data:`PARALLEL_FROM` files, or without ``fork``, nothing is parsed ahead.
"""

from __future__ import annotations

from pathlib import Path

from .frontmatter import Parsed, body_of, parse
from .parallel import chunks, default_jobs, forked_map, worth_forking

PARALLEL_FROM = 400
CHUNK = 200


def parse_ahead(root: Path, sources: list[str], jobs: int | None = None) -> dict[str, Parsed]:
    """``source`` (project-relative path) -> its file parsed, for as many as are worth it."""
    jobs = jobs or default_jobs()
    if not worth_forking(len(sources), PARALLEL_FROM, jobs):
        return {}
    work = [(root, chunk) for chunk in chunks(sources, CHUNK)]
    found: dict[str, Parsed] = {}
    for (_, chunk), results in zip(work, forked_map(_parse_chunk, work, jobs)):
        found.update(zip(chunk, results))
    return found


def restore_body(parsed: Parsed, data: bytes) -> Parsed:
    """A result of :func:`parse_ahead` with its body, which workers do not send back."""
    if parsed.data is not None:
        parsed.body = body_of(data, parsed.body_line)
    return parsed


def _parse_chunk(job: tuple[Path, list[str]]) -> list[Parsed]:
    root, sources = job
    results = []
    for source in sources:
        parsed = parse((root / source).read_bytes(), source)
        parsed.body = ""  # the parent has the bytes: sending bodies back costs more
        results.append(parsed)
    return results
