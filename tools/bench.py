#!/usr/bin/env python3
"""tools/bench.py - instructions per operation, faultline beside Linux (make bench).

What is measured
    Each program in user/bench/ (one static musl binary, the same file on
    both kernels) times one kind of kernel operation with rdtsc around many
    repetitions (an anonymous write or read fault, a stack-growth fault, a
    SIGSEGV round trip, getppid(), fork+exit+wait, mmap+munmap, a write fault
    with 10, 10,000 or 100,000 VMAs, mmap+munmap with 10 or 100,000 VMAs;
    and on files: a page-cache-hit read fault, a major fault, a MAP_PRIVATE
    copy-on-write fault, read() and write() of a cached 16 MiB file and a
    copy between two MAP_SHARED mappings, per 4 KiB page, and fork+execve
    of a 1 MiB program+wait; each program's comment says what it counts)
    and prints one line

        bench NAME OPS_PER_RUN INSTRUCTIONS_PER_OP

    (the median over several timed rounds of OPS_PER_RUN operations each, an
    untimed warm-up round first; see user/bench/bench.h).  This script boots
    faultline and then Debian's own Linux kernel in the same QEMU, with the
    same accelerator, CPU model, memory and -icount flags, runs every program
    on each, and prints both numbers and their ratio (faultline / Linux:
    below 1 means faultline executes fewer instructions for the operation).

Why -icount shift=0
    Under TCG with "-icount shift=0" QEMU's virtual clock advances exactly
    1 ns per executed guest instruction, and the guest TSC is derived from
    that clock: rdtsc in user space reads an instruction counter that counts
    every guest instruction, user and kernel, including the kernel's fault,
    syscall and scheduler paths, which is what we want.  The result is
    deterministic and independent of the host's speed and load (wall-clock
    time under TCG is not: it is printed only as the time each boot took).
    Caveats: it counts instructions, not cycles (a `rep stos` iteration is
    one instruction under TCG; no cache or TLB effects); a timer interrupt
    inside a round adds its instructions to that round (the median drops
    those rounds); while the guest CPU is halted the clock jumps ahead to the
    next timer (no benchmark halts inside a timed round: each runs alone on
    the one CPU).

Linux side
    Debian's kernel package (the one linux-image-amd64 depends on) is
    fetched with `apt-get download` and unpacked with `dpkg-deb -x` into
    build/linux/ (nothing is installed); the initramfs holds /init
    (user/bench/linux_init.c), /dev/console and /bench/*.  Both are cached in
    build/linux/.  Debian's defaults stay as they are (THP "always",
    init_on_alloc, mitigations as the kernel picks them for QEMU's CPU);
    the benchmarks ask for MADV_NOHUGEPAGE so that a fault is a 4 KiB fault.
    The changes: /init raises vm.max_map_count from 65530 to 262144 for
    the 100,000-VMA programs (faultline has no VMA-count limit), and
    vm.dirty_background_ratio / vm.dirty_ratio from 10 / 20 to 60 / 80, so
    that Linux's flusher does not write back inside file_write's timed
    rounds (faultline has no background write-back; see linux_init.c).

Boot: the boot_to_user line
    Both boots also run tools/profile/boot_insns.c, a QEMU plugin that
    counts the instructions each kernel executes from its first one in the
    upper half of the address space to the first user instruction (init's);
    firmware, boot loader and the early code at physical addresses (Linux's
    decompressor, faultline's 32-bit entry) are not counted, on either.  It
    is one "operation" per boot; make bench builds the plugin.

Files: the same ext2 image on both
    build/bench-rootfs.img (tools/mkrootfs, with ROOTFS_FREE free) is
    faultline's root file system, a RAM disk, and Linux's virtio disk
    (snapshot=on: the file never changes).  The file programs create their
    data files at run time in $BENCH_DIR, else /tmp: /tmp of the root on
    faultline, /mnt/tmp on Linux, where /init mounts the image as ext2
    (Debian's ext4 driver, CONFIG_EXT4_USE_FOR_EXT2).  Debian builds ext4,
    virtio and brd as modules: the few needed (LINUX_MODULES and their
    dependencies, read from the .ko files' .modinfo) are kept in
    build/linux/modules/ and put into the initramfs, and /init loads them.
    By default (--linux-disk brd) /init copies the disk into a RAM disk of
    Linux's own (brd, /dev/ram0) and mounts that: faultline reads its disk
    from memory too, so a major fault is a synchronous copy on both.  With
    --linux-disk virtio Linux mounts /dev/vda itself; then a major fault
    waits for QEMU's asynchronous I/O, the idle guest's clock follows the
    host's (icount sleep=on), and file_fault_major counts host time.

Usage: tools/bench.py [--only faultline|linux] [--linux-disk brd|virtio] [--timeout SECONDS]
"""
import argparse
import glob
import gzip
import os
import re
import shutil
import stat
import struct
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
B = os.path.join(REPO, "build")
SRC = os.path.join(REPO, "user", "bench")
BIN = os.path.join(B, "bench")                 # the programs (/tests on faultline)
LINUX = os.path.join(B, "linux")               # Debian's kernel and our initramfs
MUSL_GCC = os.environ.get("MUSL_GCC", "musl-gcc")
CFLAGS = ["-static", "-O2", "-Wall", "-Werror"]
QEMU = "qemu-system-x86_64"
QEMU_COMMON = ["-accel", "tcg", "-icount", "shift=0", "-m", "256M",
               "-display", "none", "-no-reboot"]
LINUX_APPEND = "console=ttyS0 quiet panic=-1 nokaslr"
ROOTFS_FREE = "64M"                            # room for the file benchmarks' data files
# The modules Linux's /init loads (Debian builds them as modules), with
# their dependencies found in the .ko files; brd last: /init sizes it.
# crc32c_generic is only ext4's soft dependency ("softdep=pre: crc32c"),
# but 6.1's ext4 refuses to mount anything without a crc32c driver, and
# QEMU's default CPU has no SSE4.2 for crc32c-intel.
LINUX_MODULES = ["virtio_pci", "virtio_blk", "crc32c_generic", "ext4", "brd"]
FAULTLINE_CMDLINE = "quiet panic=1 -- --run-tests /tests"   # quiet: as LINUX_APPEND
BENCH_LINE = re.compile(r"^bench (\S+) (\d+) ([0-9.]+)\s*$")
POLL = 0.2                                     # how often a boot's output is read
DONE_GRACE = 5.0                               # seconds QEMU may take to exit after DONE


class BenchError(Exception):
    pass


def log(msg):
    print(f"bench: {msg}", file=sys.stderr, flush=True)


def run(cmd, what, **kw):
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    except FileNotFoundError:
        raise BenchError(f"{what}: {cmd[0]} not found (make deps, or apt-get install it)")
    if p.returncode != 0:
        out = (p.stdout + p.stderr).strip()
        raise BenchError(f"{what} failed (exit {p.returncode}): {' '.join(cmd)}\n{out[-2000:]}")
    return p.stdout


def newer(target, sources):
    """True when target is missing or older than any source."""
    if not os.path.exists(target):
        return True
    t = os.path.getmtime(target)
    return any(os.path.getmtime(s) > t for s in sources)


# ---------------------------------------------------------------- programs

def build_programs():
    """user/bench/*.c -> build/bench/NAME; linux_init.c -> build/linux/init."""
    os.makedirs(BIN, exist_ok=True)
    os.makedirs(LINUX, exist_ok=True)
    headers = glob.glob(os.path.join(SRC, "*.h"))
    names = []
    for src in sorted(glob.glob(os.path.join(SRC, "*.c"))):
        name = os.path.basename(src)[:-2]
        if name == "linux_init":
            out = os.path.join(LINUX, "init")
        else:
            out = os.path.join(BIN, name)
            names.append(name)
        if newer(out, [src] + headers):
            log(f"MUSL {os.path.relpath(src, REPO)}")
            run([MUSL_GCC] + CFLAGS + [src, "-o", out], f"building {name}")
    # Programs whose source is gone must not be run.
    for f in os.listdir(BIN):
        if f not in names:
            os.unlink(os.path.join(BIN, f))
    if not names:
        raise BenchError(f"no benchmark sources in {SRC}")
    return names


# ---------------------------------------------------------------- booting

def boot(cmd, out_path, timeout, what):
    """Run QEMU until it exits (or "@@@ DONE" has been written to out_path and
    QEMU lingers, or timeout seconds have passed).  Returns (wall-clock
    seconds, QEMU's exit status or "killed" or "timeout")."""
    if os.path.exists(out_path):
        os.unlink(out_path)
    log(f"booting {what}: {' '.join(cmd)}")
    t0 = time.monotonic()
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT)
    except FileNotFoundError:
        raise BenchError(f"{cmd[0]} not found (make deps installs qemu-system-x86)")
    done_at = None
    status = None
    while True:
        try:
            proc.wait(timeout=POLL)
            status = proc.returncode
            break
        except subprocess.TimeoutExpired:
            pass
        now = time.monotonic()
        if done_at is None and os.path.exists(out_path):
            with open(out_path, "rb") as f:
                if b"@@@ DONE" in f.read():
                    done_at = now
        if (done_at is not None and now - done_at > DONE_GRACE) or now - t0 > timeout:
            proc.kill()
            proc.wait()
            status = "killed" if done_at is not None else "timeout"
            break
    elapsed = (done_at if status == "killed" else time.monotonic()) - t0
    qout = proc.stdout.read().decode(errors="replace").strip()
    if qout:
        log(f"{what}: QEMU said: {qout[-1000:]}")
    if status == "timeout":
        log(f"{what}: no '@@@ DONE' after {timeout:.0f} s: QEMU stopped")
    return elapsed, status


def parse_output(path, names, what):
    """The "bench" lines of one boot: {name: (ops, instr_per_op)}, and a list of
    problems (programs that did not run, failed or printed no result)."""
    try:
        with open(path, "rb") as f:
            text = f.read().decode(errors="replace").replace("\r", "")
    except OSError as e:
        raise BenchError(f"{what}: cannot read {path}: {e}")
    results, problems = {}, []
    current, body = None, []

    def close(status):
        if current is None:
            return
        if status != "[exit 0]":
            tail = " | ".join(l for l in body[-6:] if l.strip())
            problems.append(f"{what}: {current}: {status or 'no end'}"
                            + (f" (output: {tail})" if tail else ""))

    status = None
    for line in text.split("\n"):
        if line.startswith("@@@ BEGIN "):
            close(status)
            current, body, status = line[len("@@@ BEGIN "):].strip(), [], None
            continue
        if current is None:
            continue
        m = BENCH_LINE.match(line)
        if m:
            results[m[1]] = (int(m[2]), float(m[3]))
        elif re.match(r"^\[(exit|signal) -?\d+\]$|^\[fork failed\]$", line.strip()):
            status = line.strip()
        elif line.startswith("@@@ "):
            pass
        else:
            body.append(line)
    close(status)
    if "@@@ DONE" not in text:
        problems.append(f"{what}: the run did not finish (no '@@@ DONE' in {path})")
    for n in names:
        if n not in results:
            problems.append(f"{what}: no 'bench {n} ...' line")
    return results, problems


# ---------------------------------------------------------------- faultline

def build_rootfs():
    """build/bench-rootfs.img: faultline's root file system (ext2: /sbin/init,
    /bin/sh, /tests = the programs, a world-writable /tmp with ROOTFS_FREE
    free).  The same image is Linux's disk: the file benchmarks keep their
    data files in /tmp on faultline and in /mnt/tmp on Linux (the image
    mounted at /mnt), so both run them on the same ext2 file system."""
    for f in ("user/init", "user/sh"):
        if not os.path.exists(os.path.join(B, f)):
            raise BenchError(f"build/{f} is missing: run 'make all' first")
    rootfs = os.path.join(B, "bench-rootfs.img")
    log("ROOTFS build/bench-rootfs.img")
    run([os.path.join(REPO, "tools", "mkrootfs"), rootfs, os.path.join(B, "user", "init"),
         os.path.join(B, "user", "sh"), "--tests", BIN, "--free", ROOTFS_FREE], "tools/mkrootfs")
    return rootfs


def run_faultline(names, rootfs, timeout):
    if not os.path.exists(os.path.join(B, "kernel.elf")):
        raise BenchError("build/kernel.elf is missing: run 'make all' first")
    iso = os.path.join(B, "bench.iso")
    log("ISO build/bench.iso")
    run([os.path.join(REPO, "tools", "mkiso"), iso, os.path.join(B, "kernel.elf"), rootfs,
         FAULTLINE_CMDLINE], "tools/mkiso")
    klog = os.path.join(B, "bench-faultline.klog")
    out = os.path.join(B, "bench-faultline.out")
    if os.path.exists(klog):
        os.unlink(klog)
    plugin, boot_count = boot_plugin_args("faultline")
    cmd = [QEMU] + QEMU_COMMON + ["-cdrom", iso,
                                  "-device", "isa-debug-exit,iobase=0xf4,iosize=4",
                                  "-serial", "file:" + klog, "-serial", "file:" + out] + plugin
    secs, status = boot(cmd, out, timeout, "faultline")
    results, problems = parse_output(out, names, "faultline")
    problems += filter(None, [add_boot_count(results, boot_count, "faultline")])
    if status == "timeout":
        problems.insert(0, f"faultline: no '@@@ DONE' after {timeout:.0f} s (QEMU stopped)")
    if problems:
        problems.append(f"faultline: kernel log {os.path.relpath(klog, REPO)}:\n"
                        + kernel_log_excerpt(klog))
    return results, problems, secs


BOOT_PLUGIN = os.path.join(B, "profile", "boot_insns.so")
BOOT_LINE = "boot_to_user"


def boot_plugin_args(what):
    """QEMU's -plugin option for boot_insns.so, writing to build/bench-WHAT.boot."""
    path = os.path.join(B, f"bench-{what}.boot")
    if os.path.exists(path):
        os.unlink(path)
    if not os.path.exists(BOOT_PLUGIN):
        return [], path
    return ["-plugin", f"{BOOT_PLUGIN},out={path}"], path


def add_boot_count(results, path, what):
    """results[BOOT_LINE] = (1, instructions) from the plugin's file; a problem or None."""
    if not os.path.exists(BOOT_PLUGIN):
        return f"{what}: no {os.path.relpath(BOOT_PLUGIN, REPO)} (make bench builds it): no {BOOT_LINE} line"
    try:
        with open(path) as f:
            m = re.match(rf"{BOOT_LINE} (\d+)$", f.read().strip())
    except OSError:
        m = None
    if not m:
        return f"{what}: the boot_insns plugin wrote no count to {os.path.relpath(path, REPO)}"
    results[BOOT_LINE] = (1, float(m.group(1)))
    return None


def kernel_log_excerpt(path):
    try:
        with open(path, "rb") as f:
            lines = f.read().decode(errors="replace").replace("\r", "").split("\n")
    except OSError:
        return "    (no kernel log)"
    keep = [l for l in lines if re.search(r"oops|panic|BUG|WARN|error|fault|ENOSYS|not implemented|killed|segv", l, re.I)]
    keep = keep[-30:] or [l for l in lines if l.strip()][-20:]
    return "\n".join("    " + l for l in keep) or "    (empty)"


# ---------------------------------------------------------------- Linux

def linux_package():
    """The linux-image-6.1.0-*-amd64 package that linux-image-amd64 depends on."""
    def ask():
        try:
            p = subprocess.run(["apt-cache", "depends", "linux-image-amd64"],
                               capture_output=True, text=True)
        except FileNotFoundError:
            raise BenchError("apt-cache not found: the Linux side needs a Debian host")
        m = re.search(r"Depends:\s*(linux-image-[0-9][^\s]*-amd64)", p.stdout)
        return m[1] if m else None
    pkg = ask()
    if not pkg:
        log("apt-cache knows no linux-image-amd64: running apt-get update")
        try:
            p = subprocess.run(["apt-get", "update"], capture_output=True, text=True)
        except FileNotFoundError:
            raise BenchError("apt-get not found: the Linux side needs a Debian host")
        if p.returncode != 0:
            raise BenchError("apt-get update failed (no network, or not root?):\n"
                             + (p.stdout + p.stderr).strip()[-1500:])
        pkg = ask()
    if not pkg:
        raise BenchError("apt-cache depends linux-image-amd64 names no linux-image-*-amd64 package")
    return pkg


def cached_vmlinuz(pkg=None):
    pat = f"vmlinuz-{pkg[len('linux-image-'):]}" if pkg else "vmlinuz-*"
    found = sorted(glob.glob(os.path.join(LINUX, "pkg", "boot", pat)))
    return found[-1] if found else None


def modinfo(path):
    """The .modinfo section of a kernel module (an ELF64 relocatable file):
    {key: [values]}, e.g. "depends" (what modinfo(8) prints; kmod's tools
    need not be installed on the host)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:5] != b"\x7fELF\x02":
        raise BenchError(f"{path}: not an ELF64 file")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
    secs = [struct.unpack_from("<IIQQQQ", data, shoff + i * shentsize) for i in range(shnum)]
    strtab = secs[shstrndx][4]
    for name, _typ, _flags, _addr, off, size in secs:
        if data[strtab + name:data.index(b"\0", strtab + name)] == b".modinfo":
            info = {}
            for kv in data[off:off + size].split(b"\0"):
                if b"=" in kv:
                    k, v = kv.decode(errors="replace").split("=", 1)
                    info.setdefault(k, []).append(v)
            return info
    return {}


def keep_modules(pkgdir):
    """Copy LINUX_MODULES and what they depend on out of the unpacked package
    into build/linux/modules/ (decompressed if Debian compressed them), and
    write load.list there: one file name a line, dependencies first, the
    order /init loads them in.  VERSION names the kernel they belong to."""
    found = glob.glob(os.path.join(pkgdir, "lib", "modules", "*", "kernel"))
    if len(found) != 1:
        raise BenchError(f"{pkgdir}: no single lib/modules/VERSION/kernel/")
    version = os.path.basename(os.path.dirname(found[0]))
    files = {}
    for root, _dirs, fs in os.walk(found[0]):
        for f in fs:
            m = re.match(r"^(.*)\.ko(\.xz|\.zst|\.gz)?$", f)
            if m:
                files[m[1].replace("-", "_")] = os.path.join(root, f)
    dest = os.path.join(LINUX, "modules")
    shutil.rmtree(dest, ignore_errors=True)
    os.makedirs(dest)
    order = []

    def add(name, chain):
        name = name.replace("-", "_")
        if name in order:
            return
        if name in chain:
            raise BenchError(f"module dependency loop: {' -> '.join(chain + [name])}")
        if name not in files:
            raise BenchError(f"{version}: no module {name}.ko (needed by {chain or 'bench'})")
        src, out = files[name], os.path.join(dest, name + ".ko")
        if src.endswith(".ko"):
            shutil.copyfile(src, out)
        else:
            tool = {".xz": "xz", ".zst": "zstd", ".gz": "gzip"}[os.path.splitext(src)[1]]
            with open(out, "wb") as f:
                p = subprocess.run([tool, "-dc", src], stdout=f)
            if p.returncode:
                raise BenchError(f"{tool} -dc {src} failed")
        for dep in ",".join(modinfo(out).get("depends", [])).split(","):
            if dep:
                add(dep, chain + [name])
        order.append(name)

    for name in LINUX_MODULES:
        add(name, [])
    with open(os.path.join(dest, "load.list"), "w") as f:
        f.write("".join(n + ".ko\n" for n in order))
    with open(os.path.join(dest, "VERSION"), "w") as f:
        f.write(version + "\n")
    log(f"kept modules {', '.join(order)}")


def cached_modules(vmlinuz):
    """Whether build/linux/modules/ holds the modules of this vmlinuz."""
    try:
        with open(os.path.join(LINUX, "modules", "VERSION")) as f:
            version = f.read().strip()
        with open(os.path.join(LINUX, "modules", "load.list")) as f:
            listed = f.read().split()
    except OSError:
        return False
    return os.path.basename(vmlinuz) == "vmlinuz-" + version and \
        all(os.path.exists(os.path.join(LINUX, "modules", m)) for m in listed) and \
        all(m + ".ko" in listed for m in LINUX_MODULES)


def get_linux_kernel():
    """Debian's kernel image and the few modules /init needs, downloaded and
    unpacked once into build/linux/pkg/boot/ and build/linux/modules/."""
    try:
        pkg = linux_package()
    except BenchError as e:
        old = cached_vmlinuz()
        if old and cached_modules(old):
            log(f"{e}\nbench: using the cached {os.path.relpath(old, REPO)}")
            return old
        raise
    have = cached_vmlinuz(pkg)
    if have and cached_modules(have):
        return have
    dl = os.path.join(LINUX, "deb")
    shutil.rmtree(dl, ignore_errors=True)
    os.makedirs(dl)
    log(f"apt-get download {pkg}")
    try:
        p = subprocess.run(["apt-get", "download", pkg], cwd=dl, capture_output=True, text=True)
    except FileNotFoundError:
        raise BenchError("apt-get not found: the Linux side needs a Debian host")
    debs = glob.glob(os.path.join(dl, "*.deb"))
    if p.returncode != 0 or not debs:
        raise BenchError(f"apt-get download {pkg} failed (no network?):\n"
                         + (p.stdout + p.stderr).strip()[-1500:])
    shutil.rmtree(os.path.join(LINUX, "pkg"), ignore_errors=True)
    log(f"dpkg-deb -x {os.path.basename(debs[0])}")
    run(["dpkg-deb", "-x", debs[0], os.path.join(LINUX, "pkg")], "dpkg-deb -x")
    shutil.rmtree(dl, ignore_errors=True)          # 70 MB; the kernel is all we need
    have = cached_vmlinuz(pkg)
    if not have:
        raise BenchError(f"{pkg} holds no boot/vmlinuz-*")
    keep_modules(os.path.join(LINUX, "pkg"))
    # Keep only the kernel and its config (the modules are 400 MB unpacked;
    # the few needed are in build/linux/modules/ now).
    for entry in os.listdir(os.path.join(LINUX, "pkg")):
        if entry != "boot":
            shutil.rmtree(os.path.join(LINUX, "pkg", entry), ignore_errors=True)
    return have


def cpio_newc(entries):
    """A "newc" cpio archive from (name, mode, data, rdev_major, rdev_minor)."""
    out = bytearray()
    ino = 1

    def pad4():
        out.extend(b"\0" * (-len(out) % 4))

    for name, mode, data, rmaj, rmin in entries + [("TRAILER!!!", 0, b"", 0, 0)]:
        nameb = name.encode() + b"\0"
        fields = [ino, mode, 0, 0, 2 if stat.S_ISDIR(mode) else 1, 0, len(data),
                  0, 0, rmaj, rmin, len(nameb), 0]
        out += b"070701" + b"".join(b"%08X" % v for v in fields)
        out += nameb
        pad4()
        out += data
        pad4()
        ino += 1
    return bytes(out)


def build_initramfs(names):
    """build/linux/initramfs.cpio.gz: /init, /dev/console, /mnt, /bench/NAME,
    /modules/NAME.ko and /modules/load.list."""
    init = os.path.join(LINUX, "init")
    with open(os.path.join(LINUX, "modules", "load.list")) as f:
        mods = f.read().split()
    progs = [os.path.join(BIN, n) for n in names]
    modpaths = [os.path.join(LINUX, "modules", m) for m in mods]
    target = os.path.join(LINUX, "initramfs.cpio.gz")
    listing = os.path.join(LINUX, "initramfs.list")
    contents = "\n".join(names + mods)
    if not newer(target, [init, __file__] + progs + modpaths) and os.path.exists(listing) \
            and open(listing).read() == contents:
        return target
    log("INITRAMFS build/linux/initramfs.cpio.gz")
    entries = [("dev", stat.S_IFDIR | 0o755, b"", 0, 0),
               ("dev/console", stat.S_IFCHR | 0o600, b"", 5, 1),
               ("mnt", stat.S_IFDIR | 0o755, b"", 0, 0),
               ("modules", stat.S_IFDIR | 0o755, b"", 0, 0),
               ("bench", stat.S_IFDIR | 0o755, b"", 0, 0)]
    with open(init, "rb") as f:
        entries.append(("init", stat.S_IFREG | 0o755, f.read(), 0, 0))
    for n, p in zip(names, progs):
        with open(p, "rb") as f:
            entries.append(("bench/" + n, stat.S_IFREG | 0o755, f.read(), 0, 0))
    for m, p in zip(mods, modpaths):
        with open(p, "rb") as f:
            entries.append(("modules/" + m, stat.S_IFREG | 0o644, f.read(), 0, 0))
    entries.append(("modules/load.list", stat.S_IFREG | 0o644,
                    "".join(m + "\n" for m in mods).encode(), 0, 0))
    with open(target, "wb") as f:
        f.write(gzip.compress(cpio_newc(entries), compresslevel=6, mtime=0))
    with open(listing, "w") as f:
        f.write(contents)
    return target


def run_linux(names, rootfs, disk, timeout):
    vmlinuz = get_linux_kernel()
    initrd = build_initramfs(names)
    out = os.path.join(B, "bench-linux.out")
    # The image is a virtio disk; snapshot=on: writes go to a temporary
    # overlay, the file itself never changes.  benchdisk= reaches /init as
    # an environment variable (the kernel passes on parameters it does not know).
    plugin, boot_count = boot_plugin_args("linux")
    cmd = [QEMU] + QEMU_COMMON + ["-kernel", vmlinuz, "-initrd", initrd,
                                  "-drive", f"file={rootfs},if=virtio,format=raw,snapshot=on",
                                  "-append", f"{LINUX_APPEND} benchdisk={disk}",
                                  "-serial", "file:" + out] + plugin
    secs, status = boot(cmd, out, timeout, "Linux")
    results, problems = parse_output(out, names, "Linux")
    problems += filter(None, [add_boot_count(results, boot_count, "Linux")])
    if status == "timeout":
        problems.insert(0, f"Linux: no '@@@ DONE' after {timeout:.0f} s (QEMU stopped); "
                        f"output in {os.path.relpath(out, REPO)}")
    return results, problems, secs, os.path.basename(vmlinuz)


# ---------------------------------------------------------------- report

def fmt(v):
    return f"{v:,.1f}" if v is not None else "-"


def report(names, fl, lx, fl_secs, lx_secs, kernel_name, disk):
    w = max(len(n) for n in names + ["benchmark"])
    head = f"{'benchmark':<{w}}  {'faultline instr/op':>18}  {'linux instr/op':>14}  {'ratio fl/linux':>14}"
    print(head)
    print("-" * len(head))
    wins = compared = 0
    for n in names:
        f = fl.get(n, (None, None))[1] if fl is not None else None
        l = lx.get(n, (None, None))[1] if lx is not None else None
        ratio = f / l if f is not None and l else None
        if ratio is not None:
            compared += 1
            wins += ratio < 1
        print(f"{n:<{w}}  {fmt(f):>18}  {fmt(l):>14}  {(f'{ratio:.2f}' if ratio is not None else '-'):>14}")
    print()
    if fl_secs is not None:
        print(f"faultline boot: {fl_secs:.1f} s wall clock (TCG, -icount shift=0)")
    if lx_secs is not None:
        print(f"Linux boot:     {lx_secs:.1f} s wall clock ({kernel_name}, same QEMU flags)")
        if disk == "brd":
            print("file_* and exec_1m: the same ext2 image on both, in a RAM disk "
                  "(Linux: a brd copy of its virtio disk)")
        else:
            print("file_* and exec_1m on Linux: the virtio disk itself (--linux-disk virtio): "
                  "Linux's major faults include host I/O time, not only instructions")
    if compared:
        print(f"faultline executes fewer instructions than Linux on {wins} of {compared} benchmarks")


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", choices=["faultline", "linux"], help="boot only one kernel")
    ap.add_argument("--timeout", type=float, default=600,
                    help="seconds each boot may take (default 600)")
    ap.add_argument("--linux-disk", choices=["brd", "virtio"], default="brd",
                    help="Linux's ext2: a copy of the image in a RAM disk (brd, "
                    "the default, as faultline's) or the virtio disk itself")
    args = ap.parse_args(argv)
    if not shutil.which(QEMU):
        raise BenchError(f"{QEMU} not found: run 'make deps' (qemu-system-x86)")
    names = build_programs()
    rootfs = build_rootfs()
    fl = lx = fl_secs = lx_secs = kernel_name = None
    problems = []
    if args.only != "linux":
        try:
            fl, p, fl_secs = run_faultline(names, rootfs, args.timeout)
            problems += p
        except BenchError as e:
            problems.append(f"faultline side failed: {e}")
    if args.only != "faultline":
        try:
            lx, p, lx_secs, kernel_name = run_linux(names, rootfs, args.linux_disk, args.timeout)
            problems += p
        except BenchError as e:
            problems.append(f"Linux side skipped: {e}")
    report(names + [BOOT_LINE], fl, lx, fl_secs, lx_secs, kernel_name, args.linux_disk)
    if problems:
        print("\nproblems:", file=sys.stderr)
        for p in problems:
            print("  " + p, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BenchError as e:
        print(f"bench: error: {e}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
