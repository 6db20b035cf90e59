"""The RAM disk after the user-program boot, read on the host.

The default-CPU user-program boot has "brd.save" on its command line and
runs tools/qemu-boot --save-disk build/test-logs/user-disk.img: once init
has exited (and the kernel has synced its file systems) the disk is copied
out of guest memory.  Two results come from that image, in the same boot:

  user disk: e2fsck -fn clean       e2fsck -fn exits 0: whatever the guest
                                    wrote left a consistent ext2 file system
  user disk: /tmp/hostcheck.txt     debugfs reads the file that
    read on the host                tests/user/disk_hostcheck.c wrote, and it
                                    is exactly HOSTCHECK_CONTENT

(The second fails until the kernel's ext2 can write; it says so.)
"""
import os
import subprocess

from .config import SBIN_ENV, relpath
from .results import result

E2FSCK_NAME = "user disk: e2fsck -fn clean"
HOSTCHECK_NAME = "user disk: /tmp/hostcheck.txt read on the host"
HOSTCHECK_PATH = "/tmp/hostcheck.txt"
SHOWN_LINES = 30                # e2fsck / debugfs lines shown under a failure

# What tests/user/disk_hostcheck.c writes: keep the two in step.
HOSTCHECK_HEADER = (b"faultline host check\n"
                    b"written by tests/user/disk_hostcheck on the guest\n"
                    b"then 20000 bytes: 'a' + (i * 7) % 26, a newline after every 100th\n")
HOSTCHECK_TAIL = 20000


def hostcheck_content():
    tail = bytes(ord("\n") if i % 100 == 99 else ord("a") + (i * 7) % 26
                 for i in range(HOSTCHECK_TAIL))
    return HOSTCHECK_HEADER + tail


def disk_results(run, image):
    """The two results for the image qemu-boot --save-disk wrote (or did not)."""
    if not os.path.exists(image):
        why = [l for l in run.stderr.splitlines() if l.startswith("qemu-boot:")]
        problem = (f"the RAM disk was not saved to {relpath(image)} "
                   f"(qemu-boot status {run.status})")
        detail = why or ["(qemu-boot said nothing; see the log)"]
        return [result(E2FSCK_NAME, [problem], detail), result(HOSTCHECK_NAME, [problem])]
    return [check_e2fsck(image), check_hostcheck(image)]


def tool(cmd):
    """Run an e2fsprogs tool: (exit status, stdout bytes, stderr text), or a problem."""
    try:
        p = subprocess.run(cmd, capture_output=True, env=SBIN_ENV, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, b"", f"{cmd[0]} could not run: {e} (tools/install-deps installs e2fsprogs)"
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def check_e2fsck(image):
    rc, out, err = tool(["e2fsck", "-fn", image])
    if rc is None:
        return result(E2FSCK_NAME, [err])
    if rc == 0:
        return result(E2FSCK_NAME, [])
    lines = (out.decode("utf-8", "replace") + err).splitlines()
    if len(lines) > SHOWN_LINES:
        lines = lines[:SHOWN_LINES] + [f"... ({len(lines) - SHOWN_LINES} more lines)"]
    return result(E2FSCK_NAME, [f"e2fsck -fn {relpath(image)} exited {rc}, not 0 "
                                "(4: errors left uncorrected): the guest left the file system "
                                "inconsistent"], lines)


def check_hostcheck(image):
    rc, got, err = tool(["debugfs", "-R", f"cat {HOSTCHECK_PATH}", image])
    if rc is None:
        return result(HOSTCHECK_NAME, [err])
    said = [l for l in err.splitlines() if l.strip() and not l.startswith("debugfs ")]
    expected = hostcheck_content()
    if got == expected:
        return result(HOSTCHECK_NAME, [])
    if not got and said:
        return result(HOSTCHECK_NAME, [
            f"{HOSTCHECK_PATH} cannot be read from {relpath(image)}: {' / '.join(said)}",
            "the file tests/user/disk_hostcheck wrote on faultline did not reach the disk "
            "(expected while the kernel's ext2 is read-only; see that program's own result)"])
    return result(HOSTCHECK_NAME, [f"{HOSTCHECK_PATH} in {relpath(image)} is not what "
                                   "tests/user/disk_hostcheck wrote"], describe_difference(expected, got))


def describe_difference(expected, got):
    """Sizes, the first differing offset, and the bytes around it."""
    at = next((i for i, (a, b) in enumerate(zip(expected, got)) if a != b), min(len(expected), len(got)))
    lo = max(0, at - 20)
    return [f"expected {len(expected)} bytes, got {len(got)}; first difference at byte {at}",
            f"expected: {expected[lo:at + 40]!r}",
            f"got:      {got[lo:at + 40]!r}"]
