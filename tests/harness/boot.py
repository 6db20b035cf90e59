"""One boot: a command line booted in QEMU through tools/qemu-boot.

Boot describes it (ISO command line, memory, firmware, CPU model, time
limit, when to stop QEMU early) and the check its log gets; run_boot()
boots it and turns the cleaned log into Results.  The COM1 log is saved to
build/test-logs/SLUG.log.
"""
import dataclasses
import hashlib
import os
import re
import signal
import subprocess
import sys
import time
from typing import Callable, Optional

from .config import (BIOS_TIMEOUT, LOG_DIR, QEMU_BOOT, QEMU_BOOT_TIMEOUT_STATUS, UEFI_TIMEOUT,
                     USER_TIMEOUT)
from .logs import boot_ms, excerpt, read_log, unexpected_oops
from .results import Outcome, Result

STOP_TIMEOUT = 10               # seconds qemu-boot gets to stop its QEMU after SIGTERM


@dataclasses.dataclass
class Boot:
    """A boot test: one command line, one QEMU run, one check of the log.

    check(run) returns the results; run has .lines, .status, .seconds, .log.
    stop_on is for boots that never end by themselves: QEMU is stopped once
    a line matches it (the check then decides whether the right line came).
    """
    name: str
    cmdline: str
    check: Callable
    mem: str = "64M"
    uefi: bool = False
    cpu: Optional[str] = None
    stop_on: Optional[str] = None
    excerpt_from: Optional[str] = None      # the failure excerpt starts at this line...
    excerpt_to: Optional[str] = None        # ...and ends at this one
    user_output: bool = False               # capture COM2 (user programs' stdout) too
    long_run: bool = False                  # runs ~100 programs: USER_TIMEOUT, not BIOS_TIMEOUT
    save_disk: Optional[str] = None         # qemu-boot --save-disk FILE (needs brd.save in cmdline)
    expects_oops: bool = False              # a crash= boot: its check reads the oops

    @property
    def slug(self):
        slug = re.sub(r"[^A-Za-z0-9_.=,-]+", "-", self.name).strip("-")
        if len(slug) > 120:     # make test T= with many names: keep the file name legal
            slug = slug[:100] + "-" + hashlib.sha1(slug.encode()).hexdigest()[:12]
        return slug

    @property
    def timeout(self):
        if self.long_run:
            return USER_TIMEOUT
        return UEFI_TIMEOUT if self.uefi else BIOS_TIMEOUT


@dataclasses.dataclass
class Run:
    """One finished boot, as its check sees it."""
    lines: list                 # the log, cleaned by read_log()
    status: int                 # QEMU's exit status (qemu-boot's: 124 on timeout)
    seconds: float
    log: str
    ctx: object = None          # images.Context: kernel.elf and its symbols, for the checks
    note: str = ""              # shown in the progress line, e.g. "12/12 ktests"
    stderr: str = ""            # qemu-boot's own messages (e.g. why --save-disk failed)


def qemu_boot(iso, log, timeout, *options):
    """The tools/qemu-boot command line for iso, COM1 to log."""
    return [sys.executable, QEMU_BOOT, "--iso", iso, *options, "--log", log,
            "--timeout", str(timeout)]


def boot_command(boot, iso, log):
    cmd = qemu_boot(iso, log, boot.timeout, "--mem", boot.mem)
    if boot.uefi:
        cmd.append("--uefi")
    if boot.cpu:
        cmd += ["--cpu", boot.cpu]
    if boot.stop_on:
        cmd += ["--stop-on", boot.stop_on]
    if boot.user_output:
        cmd += ["--serial2", log + ".com2"]
    if boot.save_disk:
        cmd += ["--save-disk", boot.save_disk]
    return cmd


def run_boot(boot, ctx):
    """Boot it, check the log; a timeout is a failure of the boot alone, and
    so is an oops, BUG or panic in a boot that did not ask for one."""
    log = os.path.join(LOG_DIR, boot.slug + ".log")
    start = time.monotonic()
    proc = subprocess.run(boot_command(boot, ctx.isos[boot.cmdline], log),
                          stdin=subprocess.DEVNULL, capture_output=True, text=True)
    run = Run(read_log(log), proc.returncode, time.monotonic() - start, log, ctx,
              stderr=proc.stderr)
    if proc.returncode == QEMU_BOOT_TIMEOUT_STATUS:
        results = [Result(boot.name, False, [f"TIMEOUT: no end after {boot.timeout} s"])]
    else:
        results = boot.check(run)
    oopsed = [] if boot.expects_oops else unexpected_oops(run.lines)
    if oopsed:
        # Whatever the check said, a boot that oopsed unasked has failed.
        results = [Result(f"{boot.name}: kernel healthy", False, oopsed)] + results
    failed = any(not r.ok for r in results)
    shown = excerpt(run.lines, boot.excerpt_from, boot.excerpt_to) if failed else []
    return Outcome(results, run.seconds, boot_ms(run.lines), note=run.note, excerpt=shown, log=log)


def stop_qemu_boot(proc, grace=0.0):
    """End a qemu-boot started with Popen, never hanging the suite.

    It gets grace seconds to end by itself (QEMU told to quit), then SIGTERM,
    on which it stops its QEMU (kill would orphan it).  Should it not end
    then either (a SIGTERM that lands while it is reaping QEMU can leave it
    blocked), it and its children are killed by pid.
    """
    try:
        proc.wait(timeout=grace)
        return
    except subprocess.TimeoutExpired:
        pass
    proc.terminate()
    try:
        proc.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        for pid in child_pids(proc.pid) + [proc.pid]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        proc.wait()


def child_pids(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []
