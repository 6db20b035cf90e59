"""faultline-only programs (tests/faultline/*.c): behaviour Linux does not
have, such as MAP_NOFAULT (seed 001), so there is no Linux output to record.
Each program checks the rules its header states and prints one line per
rule; tests/faultline/expected/NAME.out is written by hand from those rules
(never copied from a faultline run). Each runs through tools/qrun, and its
stdout plus a last "[exit N]" / "[signal N]" line must equal that file.
"""
import glob
import os
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
SIGNAL_BASE = 128               # qrun's status for a program killed by signal N


def faultline_only_job():
    """Build tests/faultline/*.c and run each on faultline through qrun."""
    def run(ctx):
        start = time.monotonic()
        names = sorted(os.path.basename(p)[:-2] for p in glob.glob(os.path.join(SOURCES, "*.c")))
        built = subprocess.run(["bash", BUILD_SH, BINARIES, SOURCES], capture_output=True, text=True)
        if built.returncode:
            return Outcome([result(NAME, [f"build.sh failed: {built.stderr.strip()[-300:]}"])],
                           time.monotonic() - start)
        results = [check_program(ctx, name) for name in names]
        return Outcome(results, time.monotonic() - start, note=f"{len(names)} programs")
    return Job(NAME, None, run)


def check_program(ctx, name):
    log = os.path.join(LOG_DIR, f"faultline-only-{name}.log")
    proc = subprocess.run([QRUN, "--log", log, os.path.join(BINARIES, name)], capture_output=True,
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
    return result(f"faultline-only {name}", problems, diff)
