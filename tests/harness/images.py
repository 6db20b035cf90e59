"""What the boots boot: a private copy of kernel.elf, a RAM disk, and one
ISO per distinct command line (tools/mkiso, into build/test-isos/).

build/rootfs.img has 32 MiB of free room (tools/mkrootfs) for make run's
files; no test needs that much, so no boot takes it as it is (rootfs_for):
- the boots that run the test programs (--run-tests) boot a compact copy,
  the same files with COMPACT_SLACK_BLOCKS free (resize2fs -M, then grown
  by that much);
- the others that reach init (gdb, the terminal, bad input) a lean copy of
  that without the glibc builds of the tests (~30 MiB of the ~50), which
  also fits the 64 MiB guest GRUB must load it into;
- a boot that ends before init runs (crash= and ktest=, ends_before_init)
  an empty 1 MiB RAM disk.
"""
import concurrent.futures
import dataclasses
import hashlib
import os
import re
import shutil
import subprocess
import tempfile

from .config import ISO_DIR, KERNEL, LOG_DIR, MKISO, PARALLEL, REPO, ROOTFS, SBIN_ENV, USER_BINARIES
from .elf import Elf, Symbols

COMPACT_SLACK_BLOCKS = 1024     # 4 MiB free in the compact RAM disk


@dataclasses.dataclass
class Context:
    """kernel.elf (path, bytes, symbols), the RAM disks (full, compact), and {cmdline: ISO path}."""
    elf_path: str
    rootfs: str
    elf: Elf = None
    syms: Symbols = None
    isos: dict = dataclasses.field(default_factory=dict)
    rootfs_compact: str = None
    rootfs_empty: str = None
    rootfs_lean: str = None


# init/kernel_init.c rest_init: a crash= scenario oopses and a ktest= run
# powers off before the init process is started, so no file is ever read.
BEFORE_INIT = re.compile(r"(^|\s)(crash|ktest)=")


RUN_TESTS = "--run-tests"     # user/init.c: run the programs of a directory (tests/harness/compare.py)


def ends_before_init(cmdline):
    """Does a boot of this command line end before /sbin/init runs?"""
    return bool(BEFORE_INIT.search(cmdline))


def prepare_inputs():
    """A private copy of kernel.elf (others may rebuild build/ while we run) and a rootfs."""
    for d in (ISO_DIR, LOG_DIR):
        shutil.rmtree(d, ignore_errors=True)     # nothing from an earlier kernel may linger
        os.makedirs(d)
    if not os.path.exists(KERNEL):
        subprocess.run(["make", "-C", REPO, "build/kernel.elf"], check=True)
    elf_path = os.path.join(ISO_DIR, "kernel.elf")
    shutil.copyfile(KERNEL, elf_path)
    rootfs = ROOTFS
    if not os.path.exists(rootfs):
        rootfs = empty_rootfs()
    compact = compact_rootfs(rootfs)
    return Context(elf_path, rootfs, Elf(elf_path), Symbols(elf_path), rootfs_compact=compact,
                   rootfs_empty=empty_rootfs(), rootfs_lean=lean_rootfs(compact))


def compact_rootfs(rootfs):
    """A copy of rootfs shrunk to its files plus COMPACT_SLACK_BLOCKS; rootfs
    itself if resize2fs cannot (the boots are then only slower)."""
    path = os.path.join(ISO_DIR, "compact-rootfs.img")
    shutil.copyfile(rootfs, path)
    return path if shrink(path) else rootfs


def lean_rootfs(compact):
    """A copy of the compact RAM disk without /tests/*-glibc; the compact
    one itself if debugfs or resize2fs cannot."""
    path = os.path.join(ISO_DIR, "lean-rootfs.img")
    shutil.copyfile(compact, path)
    twins = sorted(n for n in os.listdir(USER_BINARIES) if n.endswith("-glibc")) \
        if os.path.isdir(USER_BINARIES) else []
    removed = subprocess.run(["debugfs", "-w", "-f", "-", path], capture_output=True, text=True,
                             input="".join(f"rm /tests/{n}\n" for n in twins), env=SBIN_ENV)
    return path if removed.returncode == 0 and shrink(path) else compact


def shrink(path):
    """Shrink the ext2 image at path to its files plus COMPACT_SLACK_BLOCKS; False if resize2fs cannot."""
    def resize2fs(*args):
        return subprocess.run(["resize2fs", "-f", path, *args], capture_output=True, text=True,
                              env=SBIN_ENV).returncode == 0
    if not resize2fs("-M"):
        return False
    m = re.search(r"^Block count:\s+(\d+)", subprocess.run(
        ["dumpe2fs", "-h", path], capture_output=True, text=True, env=SBIN_ENV).stdout, re.M)
    return bool(m) and resize2fs(str(int(m[1]) + COMPACT_SLACK_BLOCKS))


def empty_rootfs():
    """An empty ext2 image: it still mounts, for boots that read no file
    (and for a tree with no build/rootfs.img yet)."""
    path = os.path.join(ISO_DIR, "empty-rootfs.img")
    with tempfile.TemporaryDirectory() as empty:
        subprocess.run(["mke2fs", "-q", "-F", "-t", "ext2", "-d", empty, path, "1M"], check=True,
                       stdout=subprocess.DEVNULL,      # -d reports each file even with -q
                       env=SBIN_ENV)
    return path


def iso_name(cmdline):
    slug = re.sub(r"[^A-Za-z0-9_=,.-]+", "_", cmdline)[:40]
    return f"{slug}-{hashlib.sha1(cmdline.encode()).hexdigest()[:8]}.iso"


def mkiso(iso, elf_path, rootfs, cmdline):
    """tools/mkiso; the CompletedProcess, output captured."""
    return subprocess.run([MKISO, iso, elf_path, rootfs, cmdline], capture_output=True, text=True)


def rootfs_for(ctx, cmdline):
    """The RAM disk a boot of cmdline gets (see the module's docstring)."""
    if ends_before_init(cmdline) and ctx.rootfs_empty:
        return ctx.rootfs_empty
    if RUN_TESTS not in cmdline and ctx.rootfs_lean:
        return ctx.rootfs_lean
    return ctx.rootfs_compact or ctx.rootfs


def make_isos(ctx, cmdlines):
    """One ISO per command line, PARALLEL at a time, each with the RAM disk
    rootfs_for picks.  Returns {cmdline: problem} for failures."""
    def make(cmdline):
        iso = os.path.join(ISO_DIR, iso_name(cmdline))
        return cmdline, iso, mkiso(iso, ctx.elf_path, rootfs_for(ctx, cmdline), cmdline)
    errors = {}
    with concurrent.futures.ThreadPoolExecutor(PARALLEL) as pool:
        for cmdline, iso, proc in pool.map(make, sorted(cmdlines)):
            if proc.returncode:
                errors[cmdline] = f"tools/mkiso failed: {(proc.stdout + proc.stderr).strip()[-300:]}"
            else:
                ctx.isos[cmdline] = iso
    return errors
