"""The exception and warning btsnap raises."""

from __future__ import annotations


class BtsnapError(Exception):
    """A btsnap failure; ``str(e)`` is btsnap's one-line message.

    ``code`` is btsnap's exit code for it: 1 for a failure, 2 for a bad request.
    """

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


class BtsnapWarning(UserWarning):
    """Something about a capture the researcher should know (a file edited mid-run, say)."""
