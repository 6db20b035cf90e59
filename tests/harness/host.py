"""Host tests: tests/host/run.sh builds the ext2 and ELF parsers, mm/vma.c
and lib/xarray.c for the host
under ASan/UBSan and runs them, and compares include/uapi's mmap, fcntl and
stat numbers with the host's headers; its "not ok" lines, its exit status and its
"N passed, N failed" line are checked.
"""
import re
import subprocess
import time

from .config import HOST_TESTS, REPO
from .results import Outcome, result
from .runner import Job

NAME = "host tests (ext2, ELF, VMA tree, XArray) under ASan/UBSan; uapi numbers; libFuzzer"
SHOWN_FAILURES = 10
EXCERPT = 20


def host_tests_job():
    """tests/host/run.sh: ext2 and ELF parsers under ASan/UBSan on the host."""
    def run(ctx):
        start = time.monotonic()
        proc = subprocess.run(["bash", HOST_TESTS], capture_output=True, text=True, cwd=REPO)
        problems, summary = host_problems(proc)
        return Outcome([result(NAME, problems)], time.monotonic() - start, note=summary or "",
                       excerpt=(proc.stdout + proc.stderr).splitlines()[-EXCERPT:] if problems else [])
    return Job(NAME, None, run)


def host_problems(proc):
    """(problems, run.sh's summary line or None)."""
    lines = proc.stdout.splitlines()
    bad = [l for l in lines if l.startswith("not ok")]
    summary = next((l for l in reversed(lines) if re.match(r"^\d+ passed, \d+ failed$", l)), None)
    problems = bad[:SHOWN_FAILURES] + ([] if proc.returncode == 0 else [f"run.sh exited {proc.returncode}"])
    if not summary:
        problems.append("no \"N passed, N failed\" line from tests/host/run.sh")
    return problems, summary
