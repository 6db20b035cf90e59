"""pftrace through tools/qrun: a few user programs run with the pftrace
command-line word, whose trace lines must name each fault's path (docs/tour.md;
000, 002, 003); qrun's stdout must be the program's recorded Linux output.
"""
import os
import re
import subprocess
import time

from .compare import compare_output, expected_path, read_expected
from .config import LOG_DIR, QRUN, USER_BINARIES, relpath
from .logs import read_log
from .results import Outcome, result
from .runner import Job

NAME = "pftrace names each fault's path (via tools/qrun)"

# pftrace: each program's faults must name the path docs/tour.md describes.
PFTRACE_CASES = [
    ("stack_below_rsp", [r"pf: pid \d+ addr 0x7ff\w+ .*err 0x6 \[user write not-present\] vma \[\[stack\] rw- growsdown\] \(next above\) -> expand_stack -> handle_mm_fault -> do_anonymous_page"]),
    ("null_write", [r"err 0x6 \[user write not-present\] vma \[[^]]*\] \(next above\) -> bad_area -> SIGSEGV SEGV_MAPERR",
                    r"addr 0x0 "]),
    ("ro_write", [r"\[user write protection\] vma \[anon r--\] -> access_error -> SIGSEGV SEGV_ACCERR"]),
    ("sigbus_eof", [r"-> do_fault -> do_read_fault -> filemap_fault \(beyond EOF\) -> VM_FAULT_SIGBUS -> do_sigbus -> SIGBUS BUS_ADRERR",
                    r"-> filemap_fault \(read page\)"]),
    ("fork_cow", [r"-> do_wp_page \(copy\)"]),
    ("efault", [r"\[kernel read not-present\].* -> fixup_exception -> -EFAULT"]),
]


def pftrace_job():
    """tools/qrun --cmdline pftrace on a few programs: the trace lines name
    each fault's path (docs/scenarios/), and qrun itself is exercised."""
    def run(ctx):
        start = time.monotonic()
        problems, detail = [], []
        for prog, patterns in PFTRACE_CASES:
            p, d = check_program(ctx, prog, patterns)
            problems += p
            detail += d
        return Outcome([result(NAME, problems, detail)], time.monotonic() - start,
                       note=f"{len(PFTRACE_CASES)} programs")
    return Job(NAME, None, run)


def check_program(ctx, prog, patterns):
    """([problem], diff lines) for one program under qrun --cmdline pftrace."""
    log = os.path.join(LOG_DIR, f"pftrace-{prog}.log")
    # --disk-size 1M: these programs write no files, and a smaller RAM disk
    # loads faster; stdin /dev/null, or qrun would copy ours into the image.
    proc = subprocess.run([QRUN, "--log", log, "--cmdline", "pftrace", "--disk-size", "1M",
                           os.path.join(USER_BINARIES, prog)], capture_output=True,
                          stdin=subprocess.DEVNULL,
                          env={**os.environ, "FAULTLINE_KERNEL": ctx.elf_path})
    lines = read_log(log)
    problems = [f"{prog}: no pftrace line matches /{pat}/ (log {log})"
                for pat in patterns if not any(re.search(pat, l) for l in lines)]
    # The recorded output ends with init's "[exit N]" line, which qrun does not print.
    expected = read_expected(prog).rsplit(b"[", 1)[0]
    differs, diff = compare_output(f"qrun {prog}", expected, proc.stdout, relpath(expected_path(prog)))
    if differs:
        problems.append(f"{prog}: qrun's stdout differs from tests/user/expected/{prog}.out")
    return problems, diff
