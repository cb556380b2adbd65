"""fundsim's errors in Python, with the location of bad input as attributes."""

from __future__ import annotations

import re
from typing import Optional

from . import _core

#: "FILE:LINE:COL: key.path: what; expected ..." (the program's one-line shape).
_LOCATED = re.compile(r"^(?P<file>.*?):(?P<line>\d+):(?P<column>\d+): (?P<key>[^:]*): (?P<what>.*)$", re.S)
#: "--set K=V: key.path: what" (an override, no file position).
_FLAG = re.compile(r"^(?P<file>--set [^:]*): (?P<key>[^:]*): (?P<what>.*)$", re.S)


class ConfigError(ValueError):
    """Bad input. Attributes: ``file`` (path, ``"<dict>"`` or ``"--set K=V"``),
    ``line`` and ``column`` (1-based, None when not known), ``key_path``
    (dotted, e.g. ``fund.max_leverage``; None when not known) and ``reason``.
    ``str(e)`` is the program's one-line message."""

    def __init__(self, message: str, file: Optional[str] = None, line: Optional[int] = None,
                 column: Optional[int] = None, key_path: Optional[str] = None, reason: str = ""):
        super().__init__(message)
        self.file = file
        self.line = line
        self.column = column
        self.key_path = key_path
        self.reason = reason or message

    @classmethod
    def from_message(cls, message: str, temp_file: Optional[str] = None) -> "ConfigError":
        """Parses the engine's message; ``temp_file`` (a dict's temporary file) shows as ``<dict>``."""
        if temp_file:
            message = message.replace(temp_file, "<dict>")
        m = _LOCATED.match(message)
        if m:
            return cls(message, m["file"], int(m["line"]), int(m["column"]), m["key"] or None, m["what"])
        m = _FLAG.match(message)
        if m:
            return cls(message, m["file"], None, None, m["key"] or None, m["what"])
        return cls(message)


class ModelError(RuntimeError):
    """The model reached a state it cannot continue from (names world and step)."""


class IoError(OSError):
    """Reading or writing result files failed."""


def translate(error: Exception, temp_file: Optional[str] = None) -> Exception:
    """The package's exception for one raised by the compiled module."""
    if isinstance(error, _core.ConfigError):
        return ConfigError.from_message(str(error), temp_file)
    if isinstance(error, _core.ModelError):
        return ModelError(str(error))
    if isinstance(error, _core.IoError):
        return IoError(str(error))
    return error
