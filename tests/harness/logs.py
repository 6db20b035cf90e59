"""COM1 logs: cleaning them, and the simple checks any boot's log can get.

Timestamps ("[    0.123456] ") and GRUB's escape sequences are removed
before any line is matched.
"""
import re
import time

from .config import EXCERPT_LINES
from .results import result

TIMESTAMP = re.compile(r"^\[\s*\d+\.\d+\] ")
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
KERNEL_LINE = r"\[\s*\d+\.\d+\] "               # any timestamped kernel line (raw log)
BOOT_TIME = re.compile(r"faultline: boot took ([\d.]+) ms")
UNEXPECTED = re.compile(r"^(BUG:|BUG kmalloc-|pagealloc: memory corruption|list_(add|del) corruption|Oops:|Kernel panic|watchdog: BUG:|.*: [0-9a-f]{4} \[#\d+\])")


def read_log(path):
    """The COM1 log as the kernel printed it: no CR, escapes or timestamps.

    Trailing spaces are kept: the page-walk line's trailing space is part of
    its format.
    """
    try:
        with open(path, "rb") as f:
            text = f.read().decode("utf-8", "replace")
    except FileNotFoundError:
        return []
    # GRUB ends its lines with "\n\r", the kernel with "\r\n": drop every CR.
    return [TIMESTAMP.sub("", ANSI_ESCAPE.sub("", line).replace("\r", "")) for line in text.split("\n")]


def boot_ms(lines):
    """The kernel's own "boot took N ms", or None."""
    for line in lines:
        m = BOOT_TIME.search(line)
        if m:
            return float(m[1])
    return None


def excerpt(lines, start_pattern=None, end_pattern=None):
    """The part of the log worth reading under a failure: from start_pattern
    through end_pattern if they are there, else the end of the log."""
    lines = [l for l in lines if l.strip()]
    start = next((i for i, l in enumerate(lines) if start_pattern and re.search(start_pattern, l)),
                 None)
    if start is None:
        return lines[-EXCERPT_LINES:]
    end = next((i + 1 for i in range(start, len(lines))
                if end_pattern and re.search(end_pattern, lines[i])), len(lines))
    return lines[start:end][:EXCERPT_LINES]


def unexpected_oops(lines):
    """Problems for a boot that must not oops or panic at all."""
    bad = [l for l in lines if UNEXPECTED.match(l)]
    return [f"unexpected: {l}" for l in bad[:3]]


def expect_lines(run, name, patterns, status=None):
    """A boot whose log must contain each pattern (in order), and end with status."""
    problems = []
    pos = 0
    for pat in patterns:
        i = next((i for i in range(pos, len(run.lines)) if re.search(pat, run.lines[i])), None)
        if i is None:
            problems.append(f"missing line: /{pat}/")
        else:
            pos = i + 1
    if status is not None and run.status != status:
        problems.append(f"QEMU exit status {run.status}, expected {status}")
    return [result(name, problems)]


def wait_for_line(log, pattern, proc, timeout):
    """Wait until a line of log matches pattern; False if proc ended or time ran out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if any(re.match(pattern, l) for l in read_log(log)):
            return True
        time.sleep(0.1)
    return False
