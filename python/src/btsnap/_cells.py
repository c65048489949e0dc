"""The code cells a Jupyter kernel ran, as one Python file that ``python`` can run.

IPython syntax (line magics, cell magics, shell lines, ``?`` help) is kept as comments: the file
shows everything that ran, and runs without IPython. A commented line inside an indented block
becomes ``pass  # ...`` so the block keeps a body. The text depends only on the cells, so the
same cells give the same bytes, and a sweep in one notebook shares one manifest.
"""

from __future__ import annotations

import re
from typing import Callable, Dict, List, Optional, Sequence, Tuple

HEADER = (
    "# The code cells a Jupyter kernel ran, in execution order, as btsnap recorded them.\n"
    "# IPython magics and shell lines are kept as comments.\n"
)

# Cell magics whose body is Python run once in the kernel's namespace: the body stays code.
PYTHON_BODY_MAGICS = ("time", "capture")

# A span of a cell's lines that is IPython syntax: (first line, number of lines).
Span = Tuple[int, int]
SpanFinder = Callable[[List[str]], Optional[Span]]
Cleanup = Callable[[List[str]], List[str]]

_SPECIAL_LINE = re.compile(r"^\s*(?:[%!?]|[\w.\[\], ]+=\s*[%!])|\?\??\s*$")

# Each cell as runnable text, by its source and whether IPython's rules found the spans: a sweep
# captures a thousand times in one cell, and tokenizing every cell each time adds up.
_RUNNABLE: Dict[Tuple[str, bool], str] = {}
_RUNNABLE_LIMIT = 4096


def script(cells: Sequence[str], find_span: Optional[SpanFinder] = None, cleanup: Sequence[Cleanup] = ()) -> str:
    """The file: a header, then each cell under ``# In[n]:`` (its place in the kernel's
    history), with IPython syntax commented. ``find_span`` finds the first span of IPython
    syntax in a cell's lines (IPython's own rules, when the kernel has them); without it, a
    line-by-line rule is used. ``cleanup`` are IPython's transforms that ran before the code
    (dedent, prompt stripping)."""
    parts = [HEADER]
    for number, cell in enumerate(cells, 1):
        key = (cell, find_span is not None)
        text = _RUNNABLE.get(key)
        if text is None:
            text = "".join(runnable(cell, find_span, cleanup)).rstrip("\n") + "\n"
            if len(_RUNNABLE) >= _RUNNABLE_LIMIT:
                _RUNNABLE.clear()
            _RUNNABLE[key] = text
        parts.append("\n\n# In[%d]:\n\n" % number)
        parts.append(text)
    return "".join(parts)


def runnable(cell: str, find_span: Optional[SpanFinder], cleanup: Sequence[Cleanup] = ()) -> List[str]:
    """The lines of ``cell``, ending in newlines, with its IPython syntax commented."""
    lines = (cell if cell.endswith("\n") else cell + "\n").splitlines(keepends=True)
    for transform in cleanup:
        lines = transform(lines)
    if lines and lines[0].startswith("%%"):
        words = lines[0][2:].split()
        body = lines[1:]
        if words and words[0] in PYTHON_BODY_MAGICS:
            return ["# " + lines[0]] + _commented_spans(body, find_span)
        return ["# " + line for line in lines]
    return _commented_spans(lines, find_span)


def commented(lines: List[str]) -> List[str]:
    """``lines`` (one statement of IPython syntax) as comments; in an indented block the first
    becomes ``pass  # ...``, since a block needs a statement."""
    first = lines[0]
    indent = first[: len(first) - len(first.lstrip())]
    head = indent + "pass  # " + first.lstrip() if indent else "# " + first
    return [head] + ["# " + line for line in lines[1:]]


def _commented_spans(lines: List[str], find_span: Optional[SpanFinder]) -> List[str]:
    if find_span is None:
        return [commented([line])[0] if _SPECIAL_LINE.search(line.rstrip("\n")) and not _is_comment(line) else line
                for line in lines]
    for _ in range(len(lines) + 1):
        span = find_span(lines)
        if span is None:
            break
        start, count = span
        lines = lines[:start] + commented(lines[start:start + count]) + lines[start + count:]
    return lines


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")
