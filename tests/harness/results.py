"""Results and their reporting in TAP (the format of Linux's KTAP): "ok N
name" / "not ok N name" per counted check, "# SKIP reason" for a check that
could not run here, "# " lines explaining a failure, a "# [i/n]" progress
line per boot or job, "1..N" at the end, and the closing "N passed, N
failed" (a skipped check counts as passed, as in KTAP).

Every check the suite counts is one Result: a boot or job as a whole, or
one line inside it (a KTAP "ok N name", one user program's comparison).
"""
import dataclasses
import os
import sys
import traceback
from typing import Optional

from .config import relpath

SHOWN_FAILED_NAMES = 12         # names listed on the "failed:" line


@dataclasses.dataclass
class Result:
    """One counted test: a boot, or one KTAP line inside a boot.

    problems are one line each; detail is shown under them as it is (a
    unified diff of expected and actual output, for instance).
    """
    name: str
    ok: bool
    problems: list = dataclasses.field(default_factory=list)
    detail: list = dataclasses.field(default_factory=list)
    skip: str = ""              # why it could not run here (ok, "# SKIP why")


def result(name, problems, detail=None):
    """A Result that passed if there are no problems."""
    return Result(name, not problems, problems, detail or [])


@dataclasses.dataclass
class Outcome:
    """What a job hands back for its progress line."""
    results: list
    seconds: float
    boot_ms: Optional[float] = None
    note: str = ""
    excerpt: list = dataclasses.field(default_factory=list)
    log: Optional[str] = None


def failed_outcome(name, problem):
    """A test that could not run at all (no ISO, a harness error)."""
    return Outcome([Result(name, False, [problem])], 0.0)


def harness_error(name, exc):
    """A job that crashed (a harness bug) is a failure, not a traceback in the middle."""
    where = traceback.extract_tb(exc.__traceback__)[-1]
    return failed_outcome(name, f"harness error: {type(exc).__name__}: {exc} "
                                f"(at {os.path.basename(where.filename)}:{where.lineno})")


class Progress:
    """TAP lines, counts, and the closing "N passed, N failed"."""

    def __init__(self, total):
        self.total, self.done, self.passed, self.failed, self.skipped = total, 0, 0, [], 0
        print("TAP version 13", flush=True)

    def report(self, name, outcome):
        self.done += 1
        bad = [r for r in outcome.results if not r.ok]
        verdict = "ok" if not bad else f"FAILED ({len(bad)} of {len(outcome.results)})"
        print(f"# [{self.done:2}/{self.total}] {name} ... {verdict} ({timing(outcome)})")
        for r in outcome.results:
            self.tap_line(r, outcome, r is next(iter(bad), None))
        sys.stdout.flush()

    def tap_line(self, r, outcome, first_failure):
        number = self.passed + len(self.failed) + 1
        if r.ok:
            self.passed += 1
            self.skipped += bool(r.skip)
            print(f"ok {number} {r.name}" + (f" # SKIP {r.skip}" if r.skip else ""))
            return
        self.failed.append(r.name)
        print(f"not ok {number} {r.name}")
        self.explain(r, outcome, first_failure)

    def explain(self, result, outcome, first_failure):
        for p in result.problems:
            print(f"#   - {p}")
        for line in result.detail:
            print(f"#     {line}")
        if outcome.excerpt and first_failure and not result.detail:   # a diff says it all
            print("#   log:")
            for line in outcome.excerpt:
                print(f"#   | {line}")
        if outcome.log:
            print(f"#   full log: {relpath(outcome.log)}")

    def finish(self):
        """Print the closing lines; return the exit status (1 if anything failed)."""
        print(f"1..{self.passed + len(self.failed)}")
        if self.skipped:
            print(f"# {self.skipped} skipped")
        if self.failed:
            shown = ", ".join(self.failed[:SHOWN_FAILED_NAMES])
            more = " ..." if len(self.failed) > SHOWN_FAILED_NAMES else ""
            print(f"# failed: {shown}{more}")
        print(f"{self.passed} passed, {len(self.failed)} failed")
        return 1 if self.failed else 0


def timing(outcome):
    """The parenthesis of a progress line: "12/12 ktests, 3.1 s, boot 850 ms"."""
    text = f"{outcome.seconds:.1f} s"
    if outcome.boot_ms is not None:
        text += f", boot {outcome.boot_ms:.0f} ms"
    return f"{outcome.note}, {text}" if outcome.note else text
