"""Bad input the kernel must refuse cleanly, never with a crash or a hang:
unknown ktest / crash names, a command line over 2048 bytes, loglevel=abc,
CPUs without long mode or NX, a truncated RAM disk, and RAM disks with
corrupt ext2 metadata (superblock, group descriptors, root directory,
/sbin/init's inode and directory entry, directory and symlink loops).
"""
import os
import re
import subprocess
import tempfile
import threading
import time

from .boot import Boot, Run, qemu_boot
from .config import (BIOS_TIMEOUT, COMMAND_LINE_SIZE, EXIT_KTEST, EXIT_PANIC, ISO_DIR, LOG_DIR,
                     MKISO, ROOTFS, SBIN_ENV)
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


# ------------------------------------------------------------------ corrupt ext2 RAM disks

CORRUPT_DIRS = ("bin", "etc", "sbin")   # what init needs, copied out of build/rootfs.img
CORRUPT_MEM = "64M"
CORRUPT_TIMEOUT = 20                    # seconds; each boot ends by itself in ~3 s (panic=1)
MOUNT_FAILED = r"^VFS: cannot mount the RAM disk \(\d+ bytes\): ext2: "
NO_INIT = r"^Kernel panic - not syncing: No working init found"
EIO, ENOENT, EACCES, ELOOP = 5, 2, 13, 40
S_IFLNK = 0xA000
EXT4_EXTENTS_FL = 0x00080000


class Ext2Image:
    """Just enough of ext2 (fs/ext2/ext2.h) to find and patch the bytes of a
    superblock field, a group descriptor, an inode or a directory entry."""
    SB = 1024

    def __init__(self, data):
        self.data = bytearray(data)
        self.block_size = 1024 << self.sb_u32(24)
        self.inodes_per_group = self.sb_u32(40)
        self.inode_size = self.sb_u16(88) if self.sb_u32(76) >= 1 else 128
        self.gdt = (self.sb_u32(20) + 1) * self.block_size

    def u32(self, off):
        return int.from_bytes(self.data[off:off + 4], "little")

    def put(self, off, value, size=4):
        self.data[off:off + size] = value.to_bytes(size, "little")

    def sb_u32(self, field):
        return self.u32(self.SB + field)

    def sb_u16(self, field):
        return int.from_bytes(self.data[self.SB + field:self.SB + field + 2], "little")

    def gd(self, group, field):
        """Byte offset of a group descriptor's field (bg_inode_table is 8)."""
        return self.gdt + 32 * group + field

    def inode(self, ino):
        """Byte offset of inode ino."""
        group, index = divmod(ino - 1, self.inodes_per_group)
        return self.u32(self.gd(group, 8)) * self.block_size + index * self.inode_size

    def i_block(self, ino, n):
        return self.inode(ino) + 40 + 4 * n

    def dirents(self, ino):
        """(offset, inode, name) of each entry in the first block of directory ino."""
        start = self.u32(self.i_block(ino, 0)) * self.block_size
        off, out = start, []
        while off < start + self.block_size:
            rec_len = int.from_bytes(self.data[off + 4:off + 6], "little")
            name_len = self.data[off + 6]
            out.append((off, self.u32(off), bytes(self.data[off + 8:off + 8 + name_len]).decode()))
            if rec_len == 0:
                break
            off += rec_len
        return out

    def dirent(self, dir_ino, name):
        return next(e for e in self.dirents(dir_ino) if e[2] == name and e[1])

    def lookup(self, path):
        ino = 2
        for name in path.strip("/").split("/"):
            ino = self.dirent(ino, name)[1]
        return ino


def _bad_magic(im):
    im.put(im.SB + 56, 0x1234, 2)


def _absurd_block_size(im):
    im.put(im.SB + 24, 20)                                    # 1 GiB blocks


def _blocks_past_end(im):
    im.put(im.SB + 4, im.sb_u32(4) * 16)


def _inodes_past_end(im):
    """Inode count and per-group count both 64 times larger: the inode table
    they describe runs far past the image."""
    im.put(im.SB + 0, im.sb_u32(0) * 64)
    im.put(im.SB + 40, im.sb_u32(40) * 64)


def _gd_inode_table_past_end(im):
    im.put(im.gd(0, 8), im.sb_u32(4) + 100)


def _gd_inode_table_max(im):
    im.put(im.gd(0, 8), 0xfffffff0)


def _root_not_dir(im):
    im.put(im.inode(2), 0x81a4, 2)                             # S_IFREG | 0644


def _root_rec_len_zero(im):
    im.put(im.dirents(2)[0][0] + 4, 0, 2)                      # "." of /


def _sbin_is_root(im):
    im.put(im.dirent(2, "sbin")[0], 2)                         # /sbin -> /: a directory loop


def _init_is_sbin(im):
    sbin = im.lookup("/sbin")
    im.put(im.dirent(sbin, "init")[0], sbin)                   # /sbin/init -> /sbin


def _init_symlink_loop(im):
    """/sbin/init becomes a fast symlink to itself."""
    ino, target = im.lookup("/sbin/init"), b"/sbin/init"
    off = im.inode(ino)
    im.put(off, S_IFLNK | 0o777, 2)
    im.put(off + 4, len(target))                               # i_size
    im.put(off + 28, 0)                                        # i_blocks: a fast symlink
    im.data[off + 40:off + 100] = target.ljust(60, b"\0")


def _init_block_past_end(im):
    im.put(im.i_block(im.lookup("/sbin/init"), 0), im.sb_u32(4) + 1000)


def _init_extents_flag(im):
    off = im.inode(im.lookup("/sbin/init"))
    im.put(off + 32, im.u32(off + 32) | EXT4_EXTENTS_FL)


def _init_dirent_ino_past_end(im):
    im.put(im.dirent(im.lookup("/sbin"), "init")[0], im.sb_u32(0) + 7)


# (name, patch, the line that must come before the panic)
CORRUPTIONS = [
    ("bad magic", _bad_magic, MOUNT_FAILED + r"bad magic 0x1234"),
    ("block size 1 GiB", _absurd_block_size, MOUNT_FAILED + r".*s_log_block_size"),
    ("block count past the image end", _blocks_past_end, MOUNT_FAILED + r"image truncated"),
    ("inode count and inode table past the image end", _inodes_past_end, MOUNT_FAILED),
    ("group 0 inode table past the end", _gd_inode_table_past_end, MOUNT_FAILED + r".*inode table"),
    ("group 0 inode table at block 0xfffffff0", _gd_inode_table_max, MOUNT_FAILED + r".*inode table"),
    ("root inode not a directory", _root_not_dir, MOUNT_FAILED + r".*root inode"),
    ("rec_len 0 in the root directory", _root_rec_len_zero,
     rf"{MOUNT_FAILED}|^Failed to execute /sbin/init \(error -{EIO}\)"),
    ("directory loop: /sbin is /", _sbin_is_root, rf"^Failed to execute /sbin/init \(error -{ENOENT}\)"),
    ("directory loop: /sbin/init is /sbin", _init_is_sbin,
     rf"^Failed to execute /sbin/init \(error -{EACCES}\)"),
    ("symlink loop: /sbin/init -> /sbin/init", _init_symlink_loop,
     rf"^Failed to execute /sbin/init \(error -{ELOOP}\)"),
    ("/sbin/init block pointer past the end", _init_block_past_end,
     rf"^Failed to execute /sbin/init \(error -{EIO}\)"),
    ("/sbin/init has the ext4 extents flag", _init_extents_flag,
     rf"^Failed to execute /sbin/init \(error -{EIO}\)"),
    ("/sbin's entry for init names an inode past the end", _init_dirent_ino_past_end,
     rf"^Failed to execute /sbin/init \(error -{EIO}\)"),
]

_small_rootfs_lock = threading.Lock()


def small_rootfs(ctx):
    """A small RAM disk made of build/rootfs.img's /bin, /etc and /sbin, as
    tools/mkrootfs makes one (4 KiB blocks, 256-byte inodes); the whole
    rootfs would take GRUB ~15 s per boot to load under TCG.  Made once.
    busybox and its applet links are left out: they would not fit, and the
    corruptions concern /sbin/init."""
    path = os.path.join(ISO_DIR, "corrupt-base.img")
    with _small_rootfs_lock:
        if os.path.exists(path):
            return path
        with tempfile.TemporaryDirectory() as stage:
            for d in CORRUPT_DIRS:
                subprocess.run(["debugfs", "-R", f"rdump /{d} {stage}", ctx.rootfs], check=True,
                               capture_output=True, env=SBIN_ENV)
            drop_busybox(os.path.join(stage, "bin"))
            subprocess.run(["mke2fs", "-q", "-F", "-t", "ext2", "-b", "4096", "-m", "0", "-N", "64",
                            "-E", "root_owner=0:0", "-d", stage, path + ".tmp", "1M"],
                           check=True, capture_output=True, env=SBIN_ENV)
        with open(path + ".tmp", "rb") as f:
            Ext2Image(f.read()).lookup("/sbin/init")     # StopIteration if debugfs copied nothing
        os.rename(path + ".tmp", path)
        return path


def drop_busybox(bindir):
    """Remove /bin/busybox and the symbolic links to it (tools/mkrootfs --busybox)."""
    for name in os.listdir(bindir) if os.path.isdir(bindir) else []:
        path = os.path.join(bindir, name)
        if name == "busybox" or os.path.islink(path):
            os.remove(path)


def corrupt_image_jobs():
    """One boot per corrupted copy of the RAM disk: each ends with a clear
    mount error or a failed exec of /sbin/init, then "No working init found"
    (panic=1 ends QEMU), never an oops, another panic or a hang."""
    return [_corrupt_image_job(i, *c) for i, c in enumerate(CORRUPTIONS)]


def _corrupt_image_job(index, what, patch, first_line):
    name = f"bad RAM disk ({what})"
    slug = f"corrupt-{index:02d}"

    def run(ctx):
        start = time.monotonic()
        img = os.path.join(ISO_DIR, slug + ".img")
        iso = os.path.join(ISO_DIR, slug + ".iso")
        log = os.path.join(LOG_DIR, f"bad-{slug}.log")
        with open(small_rootfs(ctx), "rb") as f:
            im = Ext2Image(f.read())
        patch(im)
        with open(img, "wb") as f:
            f.write(im.data)
        subprocess.run([MKISO, iso, ctx.elf_path, img, "panic=1"], check=True)
        proc = subprocess.run(qemu_boot(iso, log, CORRUPT_TIMEOUT, "--mem", CORRUPT_MEM),
                              capture_output=True)
        os.remove(iso)
        run = Run(read_log(log), proc.returncode, time.monotonic() - start, log, ctx)
        results = expect_lines(run, name, [first_line, NO_INIT], status=EXIT_PANIC)
        panics = [l for l in run.lines if re.match(r"^Kernel panic", l) and not re.match(NO_INIT, l)]
        results[0].problems += [f"unexpected: {l}" for l in run.lines
                                if re.match(r"^(BUG:|Oops:|general protection|UBSAN|KASAN)", l)][:3]
        results[0].problems += [f"unexpected: {l}" for l in panics[:1]]
        results[0].ok = not results[0].problems
        return Outcome(results, run.seconds, boot_ms(run.lines),
                       excerpt=run.lines[-15:] if not results[0].ok else [], log=log)
    return Job(name, None, run)
