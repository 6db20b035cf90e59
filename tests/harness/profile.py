"""make profile's tool on one small benchmark: tools/profile/profile
anon_read_fault must name the fault path's functions among the top ones, and
the instructions it counts per operation must agree with the benchmark's own
rdtsc measure (the plugin sees what -icount's TSC counts).
"""
import os
import re
import subprocess
import time

from .config import REPO
from .results import Outcome, result
from .runner import Job

NAME = "make profile: per-function instructions of anon_read_fault (tools/profile)"
BENCH = "anon_read_fault"
TOP = 12
MUST = ["do_page_fault", "handle_mm_fault"]
HEAD = re.compile(r"([0-9,.]+) instructions per operation counted \(make bench's median round: ([0-9,.]+)\)")


def check(out):
    problems = []
    rows = [l.split() for l in out.splitlines() if re.match(r"\s*[0-9,.]+\s+[0-9.]+%\s+(kernel|user)\s", l)]
    top = [r[3] for r in rows[:TOP]]
    for fn in MUST:
        if fn not in top:
            problems.append(f"{fn} is not among the top {TOP} functions: {' '.join(top)}")
    m = HEAD.search(out)
    if not m:
        problems.append("no 'instructions per operation counted' line")
    else:
        counted, median = (float(x.replace(",", "")) for x in m.groups())
        if abs(counted - median) > 0.02 * median:
            problems.append(f"counted {counted} instructions per operation, the benchmark measured {median}")
    return problems


def profile_job():
    def run(ctx):
        start = time.monotonic()
        build = subprocess.run(["make", "-s", "build/profile/insn_profile.so"], cwd=REPO,
                               capture_output=True, text=True)
        if build.returncode:
            return Outcome([result(NAME, ["building the plugin failed: " + build.stderr[-500:]])],
                           time.monotonic() - start)
        p = subprocess.run([os.path.join(REPO, "tools", "profile", "profile"), BENCH, "--top", str(TOP),
                            "--timeout", "120"], cwd=REPO, capture_output=True, text=True)
        problems = [f"tools/profile/profile failed: {p.stderr.strip()[-800:]}"] if p.returncode else check(p.stdout)
        return Outcome([result(NAME, problems, p.stdout.splitlines() if problems else [])],
                       time.monotonic() - start)
    return Job(NAME, None, run)
