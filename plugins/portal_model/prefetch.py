"""Reading item files: as the memo remembers them, or read ahead by all cores at once when
many have to be read (:class:`Reading` is what the loader asks for each file).

Reading a file the memo of valid files does not hold means composing its front matter node
by node (for the line of every field), validating it against its type's schema and walking
that schema for its dates, attachments and references: most of what a cold ``make check``
or a first build costs, and each file is independent of the others. Before the loader
walks ``content/``, the item files it will have to read are handed, in the order it will
come to them, to forked worker processes; the loader takes each file's result as it comes
to the file, while the workers go on with the next ones, and it need not read the file
again. A valid file comes back as the entry the memo would keep for it (``marshal`` bytes,
far cheaper to send than the objects), with its memo key and body; anything else as
:func:`read_item` left it. Both are what the loader would have made itself with
:func:`read_item` (``tests/test_prefetch.py``), so messages and the model are the same;
below :data:`PARALLEL_FROM` files, or without ``fork``, nothing is read ahead.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .errors import Problem, problem
from .fingerprint import canonical_json, digest
from .frontmatter import Parsed, parse
from .memo import Derived, ValidatedFiles, file_key, pack, unpack
from .messages import localized
from .parallel import chunks, default_jobs, forked_pool, mapped, worth_forking
from .schemas import SchemaSet, validate

PARALLEL_FROM = 400
CHUNK = 200
READING = localized("reading the content files", "读取内容文件")

Read = tuple[Parsed, list[Problem], "Derived | None"]
"""A file parsed, its schema's problems, and what the model derives from it if it is valid."""


class Valid(NamedTuple):
    """A worker's result for a valid file: what the memo keeps of it, and its body."""

    key: str
    entry: bytes
    """:func:`memo.pack` ed: ``marshal`` is several times cheaper to send than objects."""
    body: str


Prefetched = Valid | Read
"""A worker's result for one file: :class:`Valid`, or (a file with problems, or one that is
not plain data) the :data:`Read` itself."""

_schemas: SchemaSet | None = None
"""The schemas, for the workers: set before they are forked, so they are not sent."""


def read_item(schemas: SchemaSet, type_name: str, source: str, data: bytes) -> Read:
    """The item file ``source`` of type ``type_name``, whose bytes are ``data``, read."""
    parsed = parse(data, source)
    if parsed.data is None:
        return parsed, [], None
    found = validate(schemas, f"{type_name}.yaml", parsed, source)
    return parsed, found, None if found else derive(schemas, type_name, parsed)


def unreadable_file(source: str, error: OSError) -> Problem:
    """The problem of a file the file system refuses to read: a message, never a crash."""
    return problem(source, 1, "", "unreadable_file", reason=error.strerror or type(error).__name__)


def cannot_read(source: str, error: OSError) -> Read:
    """What reading the item file ``source`` gives when the file system refuses."""
    return Parsed(None, problems=[unreadable_file(source, error)]), [], None


def derive(schemas: SchemaSet, type_name: str, parsed: Parsed) -> Derived:
    """What the model takes from a valid file besides its text (:data:`memo.Derived`), found
    before any date is made a :class:`datetime.date`: the memo keeps the file as read."""
    data = parsed.data
    return (list(schemas.annotated(type_name, data, "format")),
            list(schemas.annotated(type_name, data, "x-reference")),
            digest("meta", canonical_json(data)), digest("body", parsed.body))


class Ahead:
    """The results of :func:`read_ahead`, each taken once, in the order the files were
    listed (taking a later file waits for the workers to reach it)."""

    def __init__(self, sources: list[str], results: Iterator[list[Prefetched]],
                 pool: ProcessPoolExecutor | None):
        self._listed = set(sources)
        self._coming = zip(sources, itertools.chain.from_iterable(results))
        self._ready: dict[str, Prefetched] = {}
        self._pool = pool

    @classmethod
    def nothing(cls) -> Ahead:
        """No file read ahead: every :meth:`take` is None."""
        return cls([], iter(()), None)

    def take(self, source: str) -> Prefetched | None:
        """``source``'s result, or None when it was not read ahead."""
        if source not in self._listed:
            return None
        self._listed.discard(source)
        while source not in self._ready:
            name, result = next(self._coming)
            self._ready[name] = result
        return self._ready.pop(source)

    def close(self) -> None:
        """Let the workers go (results not taken are dropped: their files were not read)."""
        global _schemas
        # Every result let go, even the last pair zip keeps: a memo key still held here
        # would be marshalled with a back-reference, and the memo differ from a serial read's.
        self._coming, self._ready = zip(), {}
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
        _schemas = None


@dataclass
class Reading:
    """What reading every content file needs: the schemas, the portal root, the memo."""

    schemas: SchemaSet
    root: Path
    memo: ValidatedFiles
    ahead: Ahead = field(default_factory=Ahead.nothing)
    """Files being read by :mod:`portal_model.prefetch`."""
    held: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    """Files the memo holds, as :func:`_to_parse` read them: their bytes and memo key."""
    anew: set[str] = field(default_factory=set)
    """Item files the memo did not hold (``Portal.read_anew``)."""

    def read_item(self, source: str, type_name: str) -> Read:
        """The item file ``source`` read: by a worker, as the memo remembers it, or now."""
        ahead = self.ahead.take(source)
        if ahead is not None:
            self.anew.add(source)
            if not isinstance(ahead, Valid):
                return ahead
            self.memo.adopt(ahead.key, ahead.entry)
            parsed, derived = unpack(ahead.entry, None)
            parsed.body = ahead.body
            return parsed, [], derived
        try:
            data, key = self.held.pop(source, None) or self._read(source, f"{type_name}.yaml")
        except OSError as error:
            self.anew.add(source)
            return cannot_read(source, error)
        remembered = self.memo.parsed(key, data)
        if remembered is not None:
            parsed, derived = remembered
            return parsed, [], derived
        self.anew.add(source)
        parsed, found, derived = read_item(self.schemas, type_name, source, data)
        if derived is not None:
            self.memo.add(key, parsed, derived)
        return parsed, found, derived

    def _read(self, source: str, schema_file: str) -> tuple[bytes, str]:
        data = read_file(os.path.join(self.root, source))
        return data, self.memo.key(schema_file, data)


def read_ahead(schemas: SchemaSet, root: Path, sources: list[str], jobs: int | None = None
               ) -> Ahead:
    """Start reading ``sources`` (item files, project-relative) if there are enough of them
    to be worth it; :meth:`Ahead.close` when done."""
    global _schemas
    jobs = jobs or default_jobs()
    if not worth_forking(len(sources), PARALLEL_FROM, jobs):
        return Ahead.nothing()
    _schemas = schemas
    pool = forked_pool(jobs)
    try:
        results = mapped(pool, _read_chunk, [(root, chunk) for chunk in chunks(sources, CHUNK)],
                         READING)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    return Ahead(sources, results, pool)


def read_file(path: str) -> bytes:
    """The bytes of the file at ``path``. ``Path.read_bytes`` builds objects and buffers
    that cost twice the time of the reading itself on 20,000 small files."""
    descriptor = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        parts = []
        while part := os.read(descriptor, 1 << 18):
            parts.append(part)
    finally:
        os.close(descriptor)
    return b"".join(parts)


def _read_chunk(job: tuple[Path, list[str]]) -> list[Prefetched]:
    assert _schemas is not None, "workers are forked after the schemas are shared"
    root, sources = job
    return [_read_one(_schemas, root, source) for source in sources]


def _read_one(schemas: SchemaSet, root: Path, source: str) -> Prefetched:
    try:
        data = read_file(os.path.join(root, source))
    except OSError as error:
        return cannot_read(source, error)
    type_name = source.split("/")[2]  # content/<department>/<type>/<file>
    read = read_item(schemas, type_name, source, data)
    parsed, _, derived = read
    if derived is not None:
        try:
            return Valid(file_key(f"{type_name}.yaml", data), pack(parsed, derived), parsed.body)
        except ValueError:  # not plain data: sent as it is
            pass
    return read
