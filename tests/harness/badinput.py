"""Bad input the kernel must refuse cleanly, never with a crash or a hang:
unknown ktest / crash names, a command line over 2048 bytes, loglevel=abc,
CPUs without long mode or NX, and a truncated RAM disk.
"""
import os
import re
import subprocess
import time

from .boot import Boot, Run, qemu_boot
from .config import (BIOS_TIMEOUT, COMMAND_LINE_SIZE, EXIT_KTEST, EXIT_PANIC, ISO_DIR, LOG_DIR,
                     MKISO, ROOTFS)
from .logs import KERNEL_LINE, boot_ms, expect_lines, read_log
from .results import Outcome
from .runner import Job

# A boot that does not end by itself is stopped at the expected line, or
# at the first sign that boot went past where that line belongs.
PAST_CMDLINE = "|faultline: boot took"
TRUNCATED_SIZE = 64 * 1024      # the superblock survives, the rest is gone


def bad_input_boots():
    return bad_name_boots() + bad_cmdline_boots() + bad_cpu_boots()


def expecting(name, patterns, status=None):
    """The check of a boot whose log must have these lines (and exit status)."""
    return lambda run: expect_lines(run, name, patterns, status)


def bad_name_boots():
    return [
        Boot("bad ktest=nosuchtest", "ktest=nosuchtest", expecting(
            "bad ktest=nosuchtest",
            [r'^ktest: unknown test "nosuchtest"', r"^reboot: Power down \(ktest failed\)"],
            EXIT_KTEST)),
        Boot("bad crash=nosuch", "crash=nosuch panic=1", expecting(
            "bad crash=nosuch",
            [r'^crash: unknown scenario "nosuch"', r"^Kernel panic - not syncing: "],
            EXIT_PANIC), expects_oops=True),
    ]


def bad_cmdline_boots():
    long_cmdline = "panic=1 faultline_padding=" + "x" * (COMMAND_LINE_SIZE + 64)
    return [
        Boot("bad cmdline over 2048 bytes", long_cmdline, expecting(
            "bad cmdline over 2048 bytes",
            [rf"^cmdline: longer than {COMMAND_LINE_SIZE - 1} bytes"]),
            stop_on=r"cmdline: longer than" + PAST_CMDLINE),
        Boot("bad loglevel=abc", "loglevel=abc", expecting(
            "bad loglevel=abc", [r'^cmdline: bad value for loglevel: "abc"']),
            stop_on=r"cmdline: bad value for loglevel" + PAST_CMDLINE),
    ]


def bad_cpu_boots():
    """CPUs faultline refuses: head.asm says why on COM1 and halts, so QEMU
    is stopped once the line is there (or once a kernel line shows it ran)."""
    return [
        Boot("bad cpu qemu32 (no long mode)", "ktest=all", expecting(
            "bad cpu qemu32 (no long mode)", [r"^faultline: this CPU has no long mode"]),
            cpu="qemu32", stop_on=r"faultline: this CPU has no long mode|" + KERNEL_LINE),
        Boot("bad cpu qemu64,-nx (no NX)", "ktest=all", expecting(
            "bad cpu qemu64,-nx (no NX)", [r"^faultline: this CPU has no NX"]),
            cpu="qemu64,-nx", stop_on=r"faultline: this CPU has no NX|" + KERNEL_LINE),
    ]


def corrupt_rootfs_job():
    """A RAM disk cut short: the mount fails with a clear message, then init
    cannot be found and the kernel says so; never a crash or a hang."""
    name = "bad RAM disk (truncated ext2 image)"

    def run(ctx):
        start = time.monotonic()
        log = os.path.join(LOG_DIR, "bad-truncated-rootfs.log")
        proc = subprocess.run(qemu_boot(truncated_rootfs_iso(ctx), log, BIOS_TIMEOUT, "--mem", "64M"),
                              capture_output=True)
        run = Run(read_log(log), proc.returncode, time.monotonic() - start, log, ctx)
        results = expect_lines(run, name, [r"VFS: cannot mount the RAM disk .*: ext2: image truncated",
                                           r"Kernel panic - not syncing: No working init found"],
                               status=EXIT_PANIC)
        results[0].problems += [f"unexpected: {l}" for l in run.lines if re.match(r"^(BUG:|Oops:)", l)]
        results[0].ok = not results[0].problems
        return Outcome(results, run.seconds, boot_ms(run.lines),
                       excerpt=run.lines[-15:] if not results[0].ok else [], log=log)
    return Job(name, None, run)


def truncated_rootfs_iso(ctx):
    """An ISO (panic=1) whose RAM disk is the first 64 KiB of build/rootfs.img."""
    img = os.path.join(ISO_DIR, "truncated-rootfs.img")
    iso = os.path.join(ISO_DIR, "truncated-rootfs.iso")
    with open(ROOTFS, "rb") as src, open(img, "wb") as dst:
        dst.write(src.read(TRUNCATED_SIZE))
    subprocess.run([MKISO, iso, ctx.elf_path, img, "panic=1"], check=True)
    return iso
