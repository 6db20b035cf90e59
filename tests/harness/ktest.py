"""ktest=all boots: the kernel's KTAP output, one Result per "ok N name" /
"not ok N name" line, plus one for the boot itself (plan, numbering,
summary, power-down line, exit status, no oops).

Booted three ways: 64 MiB and 8 GiB under SeaBIOS, 256 MiB under OVMF.
The wall clock is checked on the way: the 64 MiB boot has "clock=fixed"
and must start at 2025-11-24 16:00:00 UTC; the others read the CMOS clock,
which QEMU sets to the host's time, so their date must be today's.
"""
import re
import time

from .boot import Boot
from .config import EXIT_KTEST
from .results import Result, result

KTAP_RESULT = re.compile(r"^(not )?ok (\d+) (\S+)")


CLOCK_LINE = re.compile(r"^(rtc_cmos|clock=fixed): setting system clock to \S+ UTC \((\d+)\)$")
FIXED_EPOCH = 1764000000        # kernel/time/timekeeping.c: 2025-11-24 16:00:00 UTC
CLOCK_SLACK = 600               # seconds between QEMU's start and the kernel's reading, and then some


def ktest_boots():
    return [
        ktest_boot("ktest=all 256M UEFI", "uefi", mem="256M", uefi=True),   # slowest first
        ktest_boot("ktest=all 64M BIOS clock=fixed", "64M", fixed_clock=True),
        ktest_boot("ktest=all 8G BIOS", "8G", mem="8G"),
    ]


def ktest_boot(name, label, fixed_clock=False, **kw):
    def check(run):
        results = ktap_results(run, label)
        run.note = f"{sum(r.ok for r in results)}/{len(results)} ktests"
        clock = result(f"wall clock ({label}): {'clock=fixed' if fixed_clock else 'the CMOS clock, today'}",
                       clock_problems(run.lines, fixed_clock))
        return [check_ktap_boot(run, name, results), clock] + results
    cmdline = "panic=1 ktest=all" + (" clock=fixed" if fixed_clock else "")
    return Boot(name, cmdline, check, excerpt_from=r"^KTAP version", **kw)


def clock_problems(lines, fixed):
    """The boot's "setting system clock to DATE (SECONDS)" line: the fixed date, or now."""
    found = [m for m in map(CLOCK_LINE.match, lines) if m]
    if len(found) != 1:
        return [f"{len(found)} \"setting system clock to\" lines, expected one"]
    how, secs = found[0][1], int(found[0][2])
    if fixed and (how, secs) != ("clock=fixed", FIXED_EPOCH):
        return [f"clock=fixed set the clock by {how} to {secs}, not {FIXED_EPOCH}"]
    if not fixed and (how != "rtc_cmos" or abs(secs - time.time()) > CLOCK_SLACK):
        return [f"the clock came from {how} at {secs}, {secs - time.time():+.0f} s from the host's time"]
    return []


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
