"""ktest=all boots: the kernel's KTAP output, one Result per "ok N name" /
"not ok N name" line, plus one for the boot itself (plan, numbering,
summary, power-down line, exit status, no oops).

Booted three ways: 64 MiB and 8 GiB under SeaBIOS, 256 MiB under OVMF.
"""
import re

from .boot import Boot
from .config import EXIT_KTEST
from .results import Result, result

KTAP_RESULT = re.compile(r"^(not )?ok (\d+) (\S+)")


def ktest_boots():
    return [
        ktest_boot("ktest=all 256M UEFI", "uefi", mem="256M", uefi=True),   # slowest first
        ktest_boot("ktest=all 64M BIOS", "64M"),
        ktest_boot("ktest=all 8G BIOS", "8G", mem="8G"),
    ]


def ktest_boot(name, label, **kw):
    def check(run):
        results = ktap_results(run, label)
        run.note = f"{sum(r.ok for r in results)}/{len(results)} ktests"
        return [check_ktap_boot(run, name, results)] + results
    return Boot(name, "panic=1 ktest=all", check, excerpt_from=r"^KTAP version", **kw)


def ktap_results(run, label):
    """One Result per KTAP line, with the "# file:line" lines before a failure."""
    results, pending = [], []
    for line in run.lines:
        if line.startswith("    # "):
            pending.append(line.strip())
            continue
        m = KTAP_RESULT.match(line)
        if m:
            results.append(Result(f"ktest {m[3]} ({label})", not m[1], pending if m[1] else []))
            pending = []
    return results


def check_ktap_boot(run, name, results):
    """The boot itself: the plan, the numbering, the summary, the exit."""
    text = "\n".join(run.lines)
    problems = plan_problems(run.lines, text, len(results))
    problems += summary_problems(run.lines, text, results)
    if run.status != EXIT_KTEST:
        problems.append(f"QEMU exit status {run.status}, expected {EXIT_KTEST}")
    return result(name, problems)


def plan_problems(lines, text, count):
    plan = re.search(r"^1\.\.(\d+)$", text, re.M)
    if "KTAP version 1" not in lines or not plan:
        return ["no KTAP header (\"KTAP version 1\" then \"1..N\")"]
    if int(plan[1]) != count:
        return [f"plan says 1..{plan[1]} but {count} results were printed"]
    return []


def summary_problems(lines, text, results):
    """The "# ktest: N passed, N failed" line and the power-down line agree with the results."""
    problems = []
    failed = sum(not r.ok for r in results)
    summary = re.search(r"^# ktest: (\d+) passed, (\d+) failed$", text, re.M)
    if not summary or (int(summary[1]), int(summary[2])) != (len(results) - failed, failed):
        problems.append(f"summary line does not say \"# ktest: {len(results) - failed} passed, "
                        f"{failed} failed\"")
    verdict = "failed" if failed else "passed"
    if f"reboot: Power down (ktest {verdict})" not in lines:
        problems.append(f"no \"reboot: Power down (ktest {verdict})\"")
    return problems
