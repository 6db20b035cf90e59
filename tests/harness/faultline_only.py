"""faultline-only programs (tests/faultline/*.c): behaviour Linux does not
have, such as MAP_NOFAULT (docs/scenarios/nofault.md), so there is no Linux output to record.
Each program checks the rules its header states and prints one line per
rule; tests/faultline/expected/NAME.out is written by hand from those rules
(never copied from a faultline run). Each runs through tools/qrun, and its
stdout plus a last "[exit N]" / "[signal N]" line must equal that file.
A program's header may say " * qrun-args: --mem 64M ..." (qrun options, e.g.
a small guest for reclaim and the OOM killer; without --disk-size there,
DISK_SIZE) and " * log-expect: REGEX"
(a kernel-log line that must appear, e.g. the OOM killer's).
"""
import glob
import os
import re
import shlex
import subprocess
import time

from .compare import compare_output
from .config import BUILD, LOG_DIR, QRUN, REPO, relpath
from .results import Outcome, result
from .runner import Job

NAME = "faultline-only programs (tests/faultline, via tools/qrun)"
SOURCES = os.path.join(REPO, "tests", "faultline")
BINARIES = os.path.join(BUILD, "faultline-tests")
BUILD_SH = os.path.join(REPO, "tests", "user", "build.sh")
# Free room in each program's RAM disk unless its header asks for other:
# qrun's default 32M is for programs that write big files, and GRUB needs
# about 3 s more under TCG to load it.
DISK_SIZE = "4M"
SIGNAL_BASE = 128               # qrun's status for a program killed by signal N


def faultline_only_names():
    """The programs in tests/faultline, sorted."""
    return sorted(os.path.basename(p)[:-2] for p in glob.glob(os.path.join(SOURCES, "*.c")))


def faultline_only_job(only=None):
    """Build tests/faultline/*.c and run each (or only those named) on faultline through qrun."""
    def run(ctx):
        start = time.monotonic()
        names = only or faultline_only_names()
        built = subprocess.run(["bash", BUILD_SH, BINARIES, SOURCES], capture_output=True, text=True)
        if built.returncode:
            return Outcome([result(NAME, [f"build.sh failed: {built.stderr.strip()[-300:]}"])],
                           time.monotonic() - start)
        results = [check_program(ctx, name) for name in names]
        return Outcome(results, time.monotonic() - start, note=f"{len(names)} programs")
    return Job(NAME + (": " + " ".join(only) if only else ""), None, run)


def header_field(name, field):
    """The values of " * field: ..." lines in tests/faultline/NAME.c."""
    with open(os.path.join(SOURCES, f"{name}.c")) as f:
        return [m.group(1).strip() for m in re.finditer(rf"^ \* {field}: (.*)$", f.read(), re.M)]


def check_program(ctx, name):
    log = os.path.join(LOG_DIR, f"faultline-only-{name}.log")
    args = [a for line in header_field(name, "qrun-args") for a in shlex.split(line)]
    if "--disk-size" not in args:
        args = ["--disk-size", DISK_SIZE] + args
    proc = subprocess.run([QRUN, "--log", log] + args + [os.path.join(BINARIES, name)], capture_output=True,
                          stdin=subprocess.DEVNULL, env={**os.environ, "FAULTLINE_KERNEL": ctx.elf_path})
    rc = proc.returncode
    status = f"[signal {rc - SIGNAL_BASE}]" if rc > SIGNAL_BASE else f"[exit {rc}]"
    got = proc.stdout + status.encode() + b"\n"
    expected_file = os.path.join(SOURCES, "expected", f"{name}.out")
    if not os.path.exists(expected_file):
        return result(f"faultline-only {name}", [f"no {relpath(expected_file)}"])
    with open(expected_file, "rb") as f:
        expected = f.read()
    problems, diff = compare_output(f"qrun {name}", expected, got, relpath(expected_file))
    if proc.stderr:
        problems = problems + [f"stderr: {proc.stderr.decode(errors='replace').strip()[:200]}"]
    klog = ""
    if os.path.exists(log):
        with open(log, errors="replace") as f:
            klog = f.read()
    problems = problems + [f"no kernel-log line matches /{pat}/ (log {relpath(log)})"
                           for pat in header_field(name, "log-expect") if not re.search(pat, klog)]
    problems = problems + [f"kernel log: {l.strip()}" for l in klog.splitlines()
                           if re.search(r"Oops|BUG:|Kernel panic", l)]
    return result(f"faultline-only {name}", problems, diff)
