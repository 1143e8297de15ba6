"""Problems found in the inputs: values collected and reported together, never raised one by one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input file.

    `file` is the path as the user gave it, `where` the entry inside it (a manifest entry, an
    operation, a JSON pointer), `message` what is wrong and `hint` what probably was meant.
    """

    file: str
    where: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = (
            f"{self.file}: {self.where}: {self.message}"
            if self.where
            else f"{self.file}: {self.message}"
        )
        return f"{text} ({self.hint})" if self.hint else text


def shorten(message: str, limit: int = 300) -> str:
    """`message` on one line (white space folded), cut to `limit` characters with `...`."""
    message = " ".join(message.split())
    return message if len(message) <= limit else message[: limit - 3] + "..."


class InputError(Exception):
    """Raised by a pipeline step when its input has problems; carries all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems), key=_report_order(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def _report_order(problems: list[Problem]) -> Callable[[Problem], tuple[str, int]]:
    first_seen = {p: i for i, p in reversed(list(enumerate(problems)))}
    return lambda p: (p.file, first_seen[p])


class OutputError(Exception):
    """The output cannot be written (permissions, a file in the way, a full disk): a problem
    of the environment, neither of the inputs nor of the generator."""
