"""The syscall fuzzer, bounded: tools/fuzz/fuzz.c makes FUZZ_CALLS system
calls with random (often invalid) arguments on faultline through
tools/fuzz/run, which fails on a kernel oops, BUG or panic, on a hang, or on
a problem the fuzzer detects itself (a hung worker, a worker killed by a
signal nothing it did could bring).  `make fuzz` runs the long version.
"""
import os
import subprocess
import time

from .config import BUILD, REPO
from .results import Outcome, result
from .runner import Job

NAME = "syscall fuzzer, bounded (tools/fuzz via tools/qrun)"
FUZZ_RUN = os.path.join(REPO, "tools", "fuzz", "run")
FUZZ_SRC = os.path.join(REPO, "tools", "fuzz", "fuzz.c")
FUZZ_BIN = os.path.join(BUILD, "fuzz", "fuzz")
FUZZ_SEED = 1
FUZZ_CALLS = 20000
EXCERPT = 30


def fuzz_job():
    """Build the fuzzer and run FUZZ_CALLS calls of seed FUZZ_SEED on faultline."""
    def run(ctx):
        start = time.monotonic()
        os.makedirs(os.path.dirname(FUZZ_BIN), exist_ok=True)
        built = subprocess.run([os.environ.get("MUSL_GCC", "musl-gcc"), "-static", "-O2", "-Wall", "-Werror",
                                "-fno-stack-protector", FUZZ_SRC, "-o", FUZZ_BIN], capture_output=True, text=True)
        if built.returncode:
            return Outcome([result(NAME, [f"build failed: {built.stderr.strip()[-300:]}"])],
                           time.monotonic() - start)
        proc = subprocess.run([FUZZ_RUN, "--seed", str(FUZZ_SEED), "--count", str(FUZZ_CALLS), "--hang", "15",
                               "--no-rerun"], capture_output=True, text=True, stdin=subprocess.DEVNULL,
                              env={**os.environ, "FAULTLINE_KERNEL": ctx.elf_path})
        lines = proc.stdout.splitlines()
        problems = [] if proc.returncode == 0 else \
            [f"tools/fuzz/run exited {proc.returncode}: oops, hang or problem (logs in build/fuzz/)"]
        return Outcome([result(NAME, problems)], time.monotonic() - start,
                       note=f"{FUZZ_CALLS} calls, seed {FUZZ_SEED}",
                       excerpt=(lines + proc.stderr.splitlines())[-EXCERPT:] if problems else [])
    return Job(NAME, None, run)
