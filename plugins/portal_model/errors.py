"""One exception hierarchy and one problem format for the whole portal.

Every editor-facing problem is a :class:`Problem`: a file, a line, a field and
a message, rendered in one grammar::

    content/health/licensing/food-permit.md:7: time_limit: expected an integer number of working days, got 'twenty'

Problems are collected from every file before anything stops; the build then
raises one :class:`ContentValidationError` carrying all of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

from .messages import Localized, render


@dataclass(frozen=True, order=True)
class Problem:
    """One thing an editor must fix, located as precisely as we can."""

    path: str
    """Path relative to the project root, with forward slashes."""
    line: int
    """1-based line in ``path``; 1 when the problem concerns the whole file."""
    field: str = ""
    """Dotted field path inside the front matter (``materials[2].copies``), or ''."""
    code: str = dc_field(default="", compare=False)
    """Message identifier in :mod:`portal_model.messages`."""
    params: tuple[tuple[str, Any], ...] = dc_field(default=(), compare=False)

    def message(self, lang: str) -> str:
        return render(self.code, lang, dict(self.params))

    def format(self, lang: str) -> str:
        location = f"{self.path}:{self.line}:"
        if self.field:
            location += f" {self.field}:"
        return f"{location} {self.message(lang)}"


def problem(path: str, line: int, field_path: str, code: str, **params: Any) -> Problem:
    """Build a :class:`Problem`; ``params`` fill the message template."""
    return Problem(path, line, field_path, code, tuple(sorted(params.items())))


class PortalError(Exception):
    """Base of every error Gongkai raises on purpose."""

    exitcode = 1

    def report(self, lang: str) -> str:
        """What the editor reads (in ``lang``): errors that carry problems list every one."""
        return str(self)


class PortalConfigError(PortalError):
    """The portal's own configuration (``config/``, settings) is wrong."""

    exitcode = 3


STOPPED_BY_MACHINE = 4
"""The exit status of a run the machine stopped (memory, a killed worker, a full or failing
disk), in every command: a merge gate can tell it from the content's failures (1 blocking
findings, 2 content, 3 configuration) and run it again on a machine that can."""


class MachineError(PortalError):
    """The machine failed the run (a worker killed, memory exhausted): not an editor's
    mistake, but not a bug either, so no traceback. The message says what the run was
    doing and what to do."""

    exitcode = STOPPED_BY_MACHINE
    code = ""
    """The message in :mod:`portal_model.messages`; it has a ``{work}`` parameter."""

    def __init__(self, work: Localized):
        self.work = work
        """What the run was doing, :func:`portal_model.messages.localized`."""
        super().__init__(render(self.code, "en", {"work": work}))

    def report(self, lang: str) -> str:
        return render(self.code, lang, {"work": self.work})

    def __reduce__(self) -> tuple[type, tuple[Localized]]:
        return type(self), (self.work,)  # raised in a worker, it is sent to the build


class WorkerLost(MachineError):
    """A forked worker process ended before its work did: killed, most often by the system
    when memory ran out."""

    code = "worker_lost"


class OutOfMemory(MachineError):
    """Memory could not be had: an allocation, a thread's stack or a fork was refused
    (:mod:`portal_model.exhaustion`)."""

    code = "out_of_memory"


class ContentValidationError(PortalError):
    """Content failed validation; carries every problem found."""

    exitcode = 2

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} content problem(s)")

    def report(self, lang: str) -> str:
        lines = [p.format(lang) for p in self.problems]
        lines.append(render("summary", lang, {"count": len(self.problems),
                                              "files": len({p.path for p in self.problems})}))
        return "\n".join(lines)
