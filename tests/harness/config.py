"""Where the harness finds things and how long it lets them take.

Paths into the repository and build/, the QEMU time limits, the exit
statuses the kernel ends QEMU with, and a few sizes the checks share.
"""
import os

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.path.join(REPO, "build")
ISO_DIR = os.path.join(BUILD, "test-isos")
LOG_DIR = os.path.join(BUILD, "test-logs")
KERNEL = os.path.join(BUILD, "kernel.elf")
ROOTFS = os.path.join(BUILD, "rootfs.img")
USER_BINARIES = os.path.join(BUILD, "tests")
MKISO = os.path.join(REPO, "tools", "mkiso")
QEMU_BOOT = os.path.join(REPO, "tools", "qemu-boot")
DECODE_OOPS = os.path.join(REPO, "tools", "decode-oops")
QRUN = os.path.join(REPO, "tools", "qrun")
HOST_TESTS = os.path.join(REPO, "tests", "host", "run.sh")
USER_SOURCES = os.path.join(REPO, "tests", "user")
USER_EXPECTED = os.path.join(USER_SOURCES, "expected")
USER_DISK = os.path.join(LOG_DIR, "user-disk.img")   # the RAM disk after the user-program boot

PARALLEL = 2                    # the machines have two cores; TCG uses one each
BIOS_TIMEOUT = 60               # seconds; a BIOS boot takes ~1.5 s under TCG, far more on a loaded host
UEFI_TIMEOUT = 60               # OVMF alone takes ~6 s under TCG
USER_TIMEOUT = 300              # all ~250 user programs in one boot: ~100 s alone, 180 s seen on a loaded machine
QEMU_BOOT_TIMEOUT_STATUS = 124  # qemu-boot's exit status when --timeout ran out
EXIT_KTEST = 33                 # isa-debug-exit: (0x10 << 1) | 1 after ktest
EXIT_PANIC = 35                 # (0x11 << 1) | 1 after a panic with panic=1
COMMAND_LINE_SIZE = 2048        # the kernel's buffer (Linux x86's size)
PAGE_SIZE = 4096
EXCERPT_LINES = 40              # log lines shown under a failure
HEX16 = "[0-9a-f]{16}"


# e2fsprogs (mke2fs, e2fsck, debugfs, resize2fs) live in /sbin, not on every user's PATH.
SBIN_ENV = {**os.environ, "PATH": os.environ.get("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin"}


def relpath(path):
    """path as shown to the reader: relative to the repository."""
    return os.path.relpath(path, REPO)
