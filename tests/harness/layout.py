"""The layering rules: tools/check-layout (docs/layout.md) on the tree as it
is.  Each of its rules is one result: fs-generic, arch-only, headers-alone
(every header compiles on its own under -Werror), no-foreign-protos,
no-unprototyped, folder-readme.  The lines a broken rule names are shown.
"""
import os
import re
import subprocess
import time

from .config import REPO
from .results import Outcome, result
from .runner import Job

NAME = "layout rules (tools/check-layout)"
CHECK_LAYOUT = os.path.join(REPO, "tools", "check-layout")
SHOWN = 10


def layout_job():
    """tools/check-layout: one result per rule."""
    def run(ctx):
        start = time.monotonic()
        proc = subprocess.run([CHECK_LAYOUT], capture_output=True, text=True, cwd=REPO)
        return Outcome(layout_results(proc), time.monotonic() - start)
    return Job(NAME, None, run)


def layout_results(proc):
    """One Result per "ok N rule" / "not ok N rule" line, with the lines
    printed under a broken rule as its problems."""
    results, current, shown = [], None, []
    for line in proc.stdout.splitlines() + ["ok 0 end"]:
        m = re.match(r"^(not )?ok \d+ (\S+)", line)
        if not m:
            if current and len(shown) < SHOWN and line.strip():
                shown.append(line.strip())
            continue
        if current:
            results.append(result(f"layout {current[0]}", shown if current[1] else []))
        current, shown = (m.group(2), bool(m.group(1))), []
    if not results or proc.returncode not in (0, 1):
        results.append(result(NAME, [f"check-layout exited {proc.returncode}: "
                                     f"{proc.stderr.strip()[-200:]}"]))
    elif proc.returncode == 1 and all(r.ok for r in results):
        results.append(result(NAME, ["check-layout exited 1 but reported no broken rule"]))
    return results
