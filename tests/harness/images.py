"""What the boots boot: a private copy of kernel.elf, a RAM disk, and one
ISO per distinct command line (tools/mkiso, into build/test-isos/).
"""
import concurrent.futures
import dataclasses
import hashlib
import os
import re
import shutil
import subprocess
import tempfile

from .config import ISO_DIR, KERNEL, LOG_DIR, MKISO, PARALLEL, REPO, ROOTFS
from .elf import Elf, Symbols


@dataclasses.dataclass
class Context:
    """kernel.elf (path, bytes, symbols), the RAM disk, and {cmdline: ISO path}."""
    elf_path: str
    rootfs: str
    elf: Elf = None
    syms: Symbols = None
    isos: dict = dataclasses.field(default_factory=dict)


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
    return Context(elf_path, rootfs, Elf(elf_path), Symbols(elf_path))


def empty_rootfs():
    """No build/rootfs.img yet (no user programs): an empty ext2 image still boots."""
    path = os.path.join(ISO_DIR, "empty-rootfs.img")
    with tempfile.TemporaryDirectory() as empty:
        subprocess.run(["mke2fs", "-q", "-F", "-t", "ext2", "-d", empty, path, "1M"], check=True,
                       stdout=subprocess.DEVNULL,      # -d reports each file even with -q
                       env={**os.environ, "PATH": os.environ["PATH"] + ":/usr/sbin:/sbin"})
    return path


def iso_name(cmdline):
    slug = re.sub(r"[^A-Za-z0-9_=,.-]+", "_", cmdline)[:40]
    return f"{slug}-{hashlib.sha1(cmdline.encode()).hexdigest()[:8]}.iso"


def mkiso(iso, elf_path, rootfs, cmdline):
    """tools/mkiso; the CompletedProcess, output captured."""
    return subprocess.run([MKISO, iso, elf_path, rootfs, cmdline], capture_output=True, text=True)


def make_isos(ctx, cmdlines):
    """One ISO per command line, PARALLEL at a time; returns {cmdline: problem} for failures."""
    def make(cmdline):
        iso = os.path.join(ISO_DIR, iso_name(cmdline))
        return cmdline, iso, mkiso(iso, ctx.elf_path, ctx.rootfs, cmdline)
    errors = {}
    with concurrent.futures.ThreadPoolExecutor(PARALLEL) as pool:
        for cmdline, iso, proc in pool.map(make, sorted(cmdlines)):
            if proc.returncode:
                errors[cmdline] = f"tools/mkiso failed: {(proc.stdout + proc.stderr).strip()[-300:]}"
            else:
                ctx.isos[cmdline] = iso
    return errors
