#!/usr/bin/env python3
"""tests/run_tests.py - the `make test` driver: boot faultline in QEMU, many ways.

Every boot is one ISO (tools/mkiso, one per distinct command line, built into
build/test-isos/) booted headless by tools/qemu-boot with COM1 saved to
build/test-logs/NAME.log.  Boots run two at a time.  What is checked:

  ktest=all, 64 MiB BIOS / 8 GiB BIOS / 256 MiB UEFI   the KTAP output: every
                         "ok N name" / "not ok N name" line is one result
  crash=NAME panic=1     the oops, line by line, against kernel.elf itself
                         (seed 004 and linux-abi.md section 13): the symbol and
                         offset of RIP, the 64 Code: bytes, the page walk, CR2,
                         the call trace, the panic, exit status 35
  bad input              unknown ktest / crash names, a command line over 2048
                         bytes, loglevel=abc, CPUs without long mode or NX
  gdb                    tests/gdb_test.py: a hardware breakpoint on
                         do_page_fault through QEMU's gdb stub
  decode-oops            tools/decode-oops resolves a saved oops to crash.c
  info tlb               the oops's page walk against QEMU's own view

The last line is "N passed, N failed"; the exit status is 1 if anything
failed or timed out.  Timestamps ("[    0.123456] ") and GRUB's escape
sequences are removed before any line is matched.
"""
import concurrent.futures
import dataclasses
import difflib
import hashlib
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import traceback
from typing import Callable, Optional

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, "tests"))
import gdb_test  # noqa: E402  (after the path is set)

BUILD = os.path.join(REPO, "build")
ISO_DIR = os.path.join(BUILD, "test-isos")
LOG_DIR = os.path.join(BUILD, "test-logs")
KERNEL = os.path.join(BUILD, "kernel.elf")
ROOTFS = os.path.join(BUILD, "rootfs.img")
MKISO = os.path.join(REPO, "tools", "mkiso")
QEMU_BOOT = os.path.join(REPO, "tools", "qemu-boot")
DECODE_OOPS = os.path.join(REPO, "tools", "decode-oops")

PARALLEL = 2                    # the machines have two cores; TCG uses one each
BIOS_TIMEOUT = 20               # seconds; a BIOS boot takes ~1.5 s under TCG
UEFI_TIMEOUT = 60               # OVMF alone takes ~6 s under TCG
USER_TIMEOUT = 180              # all user programs in one boot: ~20 s, slower on a loaded machine
EXIT_KTEST = 33                 # isa-debug-exit: (0x10 << 1) | 1 after ktest
EXIT_PANIC = 35                 # (0x11 << 1) | 1 after a panic with panic=1
COMMAND_LINE_SIZE = 2048        # the kernel's buffer (Linux x86's size)
KERNEL_VIRT = 0xffffffff80000000
PAGE_SIZE = 4096
EXCERPT_LINES = 40              # log lines shown under a failure

TIMESTAMP = re.compile(r"^\[\s*\d+\.\d+\] ")
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
KERNEL_LINE = r"\[\s*\d+\.\d+\] "               # any timestamped kernel line (raw log)
BOOT_TIME = re.compile(r"faultline: boot took ([\d.]+) ms")
HEX16 = "[0-9a-f]{16}"


# ================================================================ results
@dataclasses.dataclass
class Result:
    """One counted test: a boot, or one KTAP line inside a boot."""
    name: str
    ok: bool
    problems: list = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Outcome:
    """What a job hands back for its progress line."""
    results: list
    seconds: float
    boot_ms: Optional[float] = None
    note: str = ""
    excerpt: list = dataclasses.field(default_factory=list)
    log: Optional[str] = None


# ================================================================ the kernel image
class Elf:
    """Bytes and physical addresses of kernel.elf by virtual address.

    Uses the PT_LOAD program headers, which is what GRUB loads: they cover
    the padding between sections too, so the 64 Code: bytes can be compared
    even where they straddle the end of one section and the start of another.
    """
    PT_LOAD = 1
    PF_W = 2

    def __init__(self, path):
        with open(path, "rb") as f:
            self.data = f.read()
        if self.data[:4] != b"\x7fELF" or self.data[4] != 2:
            raise ValueError(f"{path}: not an ELF64 file")
        phoff, = struct.unpack_from("<Q", self.data, 0x20)
        phentsize, phnum = struct.unpack_from("<HH", self.data, 0x36)
        self.segments = []
        for i in range(phnum):
            (p_type, flags, offset, vaddr, paddr, filesz,
             _memsz, _align) = struct.unpack_from("<IIQQQQQQ", self.data, phoff + i * phentsize)
            if p_type == self.PT_LOAD:
                self.segments.append((vaddr, filesz, offset, paddr, flags & self.PF_W))

    def _segment(self, vaddr):
        for seg in self.segments:
            if seg[0] <= vaddr < seg[0] + seg[1]:
                return seg
        return None

    def read(self, vaddr, size):
        """The file's bytes at [vaddr, vaddr + size), or None where not file-backed."""
        out = bytearray()
        for a in range(vaddr, vaddr + size):
            seg = self._segment(a)
            if seg is None:
                return None
            out.append(self.data[seg[2] + a - seg[0]])
        return bytes(out)

    def writable(self, vaddr):
        seg = self._segment(vaddr)
        return bool(seg and seg[4])

    def phys(self, vaddr):
        seg = self._segment(vaddr)
        return None if seg is None else seg[3] + vaddr - seg[0]


class Symbols:
    """nm -S of kernel.elf: name -> [(address, size or None)]."""

    def __init__(self, elf_path):
        self.path = elf_path
        out = subprocess.run(["nm", "-S", elf_path], capture_output=True, text=True,
                             check=True).stdout
        self.by_name = {}
        for line in out.splitlines():
            parts = line.split()
            if len(parts) == 4:
                self.by_name.setdefault(parts[3], []).append((int(parts[0], 16), int(parts[1], 16)))
            elif len(parts) == 3:
                self.by_name.setdefault(parts[2], []).append((int(parts[0], 16), None))

    def lookup(self, name, size=None):
        """(address, size) of name; among same-named statics, the one of the given size."""
        entries = self.by_name.get(name, [])
        for entry in entries:
            if size is None or entry[1] == size:
                return entry
        return entries[0] if entries else None

    def instructions(self, name):
        """[(address, text)] of a function, from objdump -d."""
        addr, size = self.lookup(name)
        out = subprocess.run(["objdump", "-d", "--no-show-raw-insn", f"--start-address={addr:#x}",
                              f"--stop-address={addr + size:#x}", self.path],
                             capture_output=True, text=True, check=True).stdout
        insns = []
        for line in out.splitlines():
            m = re.match(r"^\s*([0-9a-f]+):\t(.*)$", line)
            if m:
                insns.append((int(m[1], 16), m[2].strip()))
        return insns


# ================================================================ logs
def read_log(path):
    """The COM1 log as the kernel printed it: no CR, escapes or timestamps.

    Trailing spaces are kept: the page-walk line's trailing space is part of
    its format.
    """
    try:
        with open(path, "rb") as f:
            text = f.read().decode("utf-8", "replace")
    except FileNotFoundError:
        return []
    # GRUB ends its lines with "\n\r", the kernel with "\r\n": drop every CR.
    return [TIMESTAMP.sub("", ANSI_ESCAPE.sub("", line).replace("\r", "")) for line in text.split("\n")]


def boot_ms(lines):
    for line in lines:
        m = BOOT_TIME.search(line)
        if m:
            return float(m[1])
    return None


def excerpt(lines, start_pattern=None, end_pattern=None):
    """The part of the log worth reading under a failure: from start_pattern
    through end_pattern if they are there, else the end of the log."""
    lines = [l for l in lines if l.strip()]
    start = next((i for i, l in enumerate(lines) if start_pattern and re.search(start_pattern, l)),
                 None)
    if start is None:
        return lines[-EXCERPT_LINES:]
    end = next((i + 1 for i in range(start, len(lines))
                if end_pattern and re.search(end_pattern, lines[i])), len(lines))
    return lines[start:end][:EXCERPT_LINES]


def unexpected_oops(lines):
    """Problems for a boot that must not oops or panic at all."""
    bad = [l for l in lines if re.match(r"^(BUG:|Oops:|Kernel panic|.*: [0-9a-f]{4} \[#\d+\])", l)]
    return [f"unexpected: {l}" for l in bad[:3]]


# ================================================================ one boot
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

    @property
    def slug(self):
        return re.sub(r"[^A-Za-z0-9_.=,-]+", "-", self.name).strip("-")

    @property
    def timeout(self):
        if self.long_run:
            return USER_TIMEOUT
        return UEFI_TIMEOUT if self.uefi else BIOS_TIMEOUT


@dataclasses.dataclass
class Run:
    lines: list                 # the log, cleaned by read_log()
    status: int                 # QEMU's exit status (qemu-boot's: 124 on timeout)
    seconds: float
    log: str
    ctx: "Context" = None       # kernel.elf and its symbols, for checks that need them
    note: str = ""              # shown in the progress line, e.g. "12/12 ktests"


def boot_command(boot, iso, log):
    cmd = [sys.executable, QEMU_BOOT, "--iso", iso, "--mem", boot.mem, "--log", log,
           "--timeout", str(boot.timeout)]
    if boot.uefi:
        cmd.append("--uefi")
    if boot.cpu:
        cmd += ["--cpu", boot.cpu]
    if boot.stop_on:
        cmd += ["--stop-on", boot.stop_on]
    if boot.user_output:
        cmd += ["--serial2", log + ".com2"]
    return cmd


def run_boot(boot, ctx):
    log = os.path.join(LOG_DIR, boot.slug + ".log")
    start = time.monotonic()
    proc = subprocess.run(boot_command(boot, ctx.isos[boot.cmdline], log),
                          stdin=subprocess.DEVNULL, capture_output=True, text=True)
    run = Run(read_log(log), proc.returncode, time.monotonic() - start, log, ctx)
    if proc.returncode == 124:
        results = [Result(boot.name, False, [f"TIMEOUT: no end after {boot.timeout} s"])]
    else:
        results = boot.check(run)
    failed = any(not r.ok for r in results)
    return Outcome(results, run.seconds, boot_ms(run.lines), note=run.note,
                   excerpt=excerpt(run.lines, boot.excerpt_from, boot.excerpt_to) if failed else [], log=log)


def expect_lines(run, name, patterns, status=None):
    """A boot whose log must contain each pattern (in order), and end with status."""
    problems = []
    pos = 0
    for pat in patterns:
        i = next((i for i in range(pos, len(run.lines)) if re.search(pat, run.lines[i])), None)
        if i is None:
            problems.append(f"missing line: /{pat}/")
        else:
            pos = i + 1
    if status is not None and run.status != status:
        problems.append(f"QEMU exit status {run.status}, expected {status}")
    return [Result(name, not problems, problems)]


# ================================================================ ktest boots
KTAP_RESULT = re.compile(r"^(not )?ok (\d+) (\S+)")


def ktap_results(run, label):
    """One Result per KTAP line, with the "# file:line" lines before a failure."""
    results, pending = [], []
    for line in run.lines:
        if line.startswith("    # "):
            pending.append(line.strip())
            continue
        m = KTAP_RESULT.match(line)
        if m:
            results.append(Result(f"ktest {m[3]} ({label})", not m[1], pending if m[1] else []))
            pending = []
    return results


def check_ktap_boot(run, name, results):
    """The boot itself: the plan, the numbering, the summary, the exit."""
    problems = []
    text = "\n".join(run.lines)
    plan = re.search(r"^1\.\.(\d+)$", text, re.M)
    if "KTAP version 1" not in run.lines or not plan:
        problems.append("no KTAP header (\"KTAP version 1\" then \"1..N\")")
    elif int(plan[1]) != len(results):
        problems.append(f"plan says 1..{plan[1]} but {len(results)} results were printed")
    failed = sum(not r.ok for r in results)
    summary = re.search(r"^# ktest: (\d+) passed, (\d+) failed$", text, re.M)
    if not summary or (int(summary[1]), int(summary[2])) != (len(results) - failed, failed):
        problems.append(f"summary line does not say \"# ktest: {len(results) - failed} passed, "
                        f"{failed} failed\"")
    verdict = "failed" if failed else "passed"
    if f"reboot: Power down (ktest {verdict})" not in run.lines:
        problems.append(f"no \"reboot: Power down (ktest {verdict})\"")
    if run.status != EXIT_KTEST:
        problems.append(f"QEMU exit status {run.status}, expected {EXIT_KTEST}")
    problems += unexpected_oops(run.lines)
    return Result(name, not problems, problems)


def ktest_boot(name, label, **kw):
    def check(run):
        results = ktap_results(run, label)
        run.note = f"{sum(r.ok for r in results)}/{len(results)} ktests"
        return [check_ktap_boot(run, name, results)] + results
    return Boot(name, "ktest=all", check, excerpt_from=r"^KTAP version", **kw)


# ================================================================ crash scenarios
@dataclasses.dataclass(frozen=True)
class PageFault:
    error_code: int
    access: str                 # "write access", "instruction fetch"
    reason: str                 # "permissions violation", "not-present page"
    target: Optional[str]       # symbol at the faulting address; None: address 0
    leaf: str                   # what the last walked entry must be: "ro", "nx" or "absent"


@dataclasses.dataclass(frozen=True)
class Scenario:
    name: str
    func: Optional[str]         # the function RIP names; None: RIP is pf.target (data)
    insn: Optional[str]         # the faulting instruction (objdump), None: any in func
    header: str                 # the die header, a regex
    pf: Optional[PageFault] = None
    guard_page: bool = False    # stack overflow: reported from #DF
    panic: str = "Fatal exception"

    @property
    def caller(self):
        """The function the trace must name: the static CRASH_SCENARIO(name) one.

        For stack_overflow the trace is a long run of crash_recurse frames (it
        called itself until the stack ran out); its caller there is itself.
        """
        return "crash_recurse" if self.guard_page else "crash_" + self.name


STORE = r"^mov\w*\s+\S+,\(%r\w+\)"
SCENARIOS = [
    Scenario("rodata_write", "crash_write_rodata", STORE, r"^Oops: 0003 \[#1\]",
             PageFault(0x3, "write access", "permissions violation", "crash_rodata_value", "ro")),
    Scenario("ro_after_init_write", "crash_write_ro_after_init", STORE, r"^Oops: 0003 \[#1\]",
             PageFault(0x3, "write access", "permissions violation",
                       "crash_ro_after_init_value", "ro")),
    Scenario("null_deref", "crash_null_write", STORE, r"^Oops: 0002 \[#1\]",
             PageFault(0x2, "write access", "not-present page", None, "absent")),
    Scenario("nx_exec", None, None, r"^Oops: 0011 \[#1\]",
             PageFault(0x11, "instruction fetch", "permissions violation", "crash_data_page", "nx")),
    Scenario("stack_overflow", "crash_recurse", None, r"^stack guard page: 0000 \[#1\]",
             guard_page=True, panic="Fatal exception in interrupt"),
    Scenario("gp_fault", "crash_load_noncanonical", r"^mov\w*\s+\(%r\w+\),",
             r"^general protection fault(, probably for non-canonical address 0x[0-9a-f]+)?"
             r": 0000 \[#1\]"),
    Scenario("ud2", "crash_invalid_opcode", r"^ud2", r"^invalid opcode: 0000 \[#1\]"),
    Scenario("divide_error", "crash_divide", r"^i?div", r"^divide error: 0000 \[#1\]"),
]

# Lines an oops may carry that this kernel does not print (yet): skipped
# when checking that the register block is contiguous.
OPTIONAL_OOPS_LINES = re.compile(r"^(Hardware name:|PKRU:|DR[0-7]:)")
RESYNC_LINES = 3                # an expected line this close after a stray one: carry on from it


class LogCursor:
    """Match expected lines in order, collecting what is wrong."""

    def __init__(self, lines):
        self.lines, self.pos, self.problems = lines, 0, []

    def find(self, pattern, what, next_line=False):
        """The first match at or after the cursor; with next_line, it must be the very next line.

        Each wrong line is reported once.  A stray line just before the
        expected one is skipped; a changed line is stepped over, so the lines
        after it are still checked in their places instead of failing in a
        cascade.
        """
        hit = next((i for i in range(self.pos, len(self.lines))
                    if re.match(pattern, self.lines[i])), None)
        if next_line and hit != self.next_significant():
            at = self.next_significant()
            found = self.lines[at] if at < len(self.lines) else "the end of the log"
            self.problems.append(f"{what}: expected /{pattern}/, found {found!r}")
            if hit is None or hit > at + RESYNC_LINES:
                self.pos = at + 1
                return None
        elif hit is None:
            self.problems.append(f"{what}: no line matching /{pattern}/ (in order)")
            return None
        self.pos = hit + 1
        return re.match(pattern, self.lines[hit])

    def next_significant(self):
        """Where the next line is, skipping lines an oops may carry that we do not check."""
        i = self.pos
        while i < len(self.lines) and OPTIONAL_OOPS_LINES.match(self.lines[i]):
            i += 1
        return i


class CrashCheck:
    """Every line of one oops, checked against kernel.elf (not against the kernel's word)."""

    def __init__(self, sc, run, ctx):
        self.sc, self.run, self.ctx = sc, run, ctx
        self.cur = LogCursor(run.lines)
        self.problems = self.cur.problems
        self.fault_address = None

    def check(self):
        self.cur.find(r"^crash: running scenario " + self.sc.name + "$", "scenario start")
        if self.sc.pf:
            self.check_page_fault_lines()
        elif self.sc.guard_page:
            self.check_guard_page_line()
        self.cur.find(self.sc.header, "die header", next_line=bool(self.sc.pf or self.sc.guard_page))
        self.cur.find(r"^CPU: 0 PID: \d+ Comm: \S+", "CPU line", next_line=True)
        rip = self.check_rip()
        self.check_code(rip)
        self.check_registers()
        self.check_call_trace()
        self.check_end()
        if any("[#2]" in l for l in self.run.lines):
            self.problems.append("a second oops ([#2]): the oops code itself faulted")
        return self.problems

    # ---------------------------------------------------------------- #PF
    def check_page_fault_lines(self):
        pf = self.sc.pf
        if pf.error_code & 0x10:
            self.cur.find(r"^kernel tried to execute NX-protected page - exploit attempt\? "
                          r"\(uid: 0\)$", "NX line")
        if pf.target is None:
            m = self.cur.find(r"^BUG: kernel NULL pointer dereference, address: (0{16})$",
                              "BUG line", next_line=bool(pf.error_code & 0x10))
        else:
            m = self.cur.find(r"^BUG: unable to handle page fault for address: (" + HEX16 + ")$",
                              "BUG line", next_line=bool(pf.error_code & 0x10))
        if m:
            self.fault_address = int(m[1], 16)
            self.check_fault_address()
        self.cur.find(rf"^#PF: supervisor {pf.access} in kernel mode$", "#PF access", True)
        self.cur.find(rf"^#PF: error_code\(0x{pf.error_code:04x}\) - {pf.reason}$", "#PF code", True)
        m = self.cur.find(r"^PGD [0-9a-f]+ P4D [0-9a-f]+ ?.*$", "page walk", next_line=True)
        if m:
            self.check_page_walk(m[0])

    def check_fault_address(self):
        pf = self.sc.pf
        if pf.target is None:
            return
        sym = self.ctx.syms.lookup(pf.target)
        if not sym:
            self.problems.append(f"{pf.target} is not in kernel.elf's symbols")
        elif sym[0] != self.fault_address:
            self.problems.append(f"BUG line address {self.fault_address:016x} is not "
                                 f"{pf.target} ({sym[0]:016x})")

    def check_page_walk(self, line):
        entries, problems = parse_page_walk(line)
        self.problems.extend(problems)
        if entries and self.fault_address is not None:
            self.problems.extend(check_leaf(entries[-1], self.sc.pf.leaf, self.fault_address,
                                            self.ctx.elf))

    # ---------------------------------------------------------------- #DF
    def check_guard_page_line(self):
        m = self.cur.find(rf"^BUG: TASK stack guard page was hit at ({HEX16}) "
                          rf"\(stack is ({HEX16})\.\.({HEX16})\)$", "guard page line")
        if not m:
            return
        hit, lo, hi = (int(x, 16) for x in m.groups())
        self.fault_address = hit
        if not lo - PAGE_SIZE <= hit < lo:
            self.problems.append(f"guard page hit {hit:x} is not in the page below the "
                                 f"stack {lo:x}..{hi:x}")

    # ---------------------------------------------------------------- RIP and Code
    def check_rip(self):
        """The faulting instruction's address, from the RIP line and nm."""
        m = self.cur.find(r"^RIP: 0010:(\S+)$", "RIP line", next_line=True)
        if not m:
            return None
        if self.sc.func is None:
            return self.check_data_rip(m[1])
        return self.check_text_rip(m[1])

    def check_text_rip(self, text):
        m = re.fullmatch(r"(\S+?)\+0x([0-9a-f]+)/0x([0-9a-f]+)", text)
        if not m:
            self.problems.append(f"RIP {text!r} is not SYMBOL+0xOFF/0xSIZE")
            return None
        name, off, size = m[1], int(m[2], 16), int(m[3], 16)
        if name != self.sc.func:
            self.problems.append(f"RIP names {name}, but the fault is in {self.sc.func}")
            return None
        if not self.ctx.syms.lookup(name):
            self.problems.append(f"{name} is not in kernel.elf's symbols")
            return None
        addr, nm_size = self.ctx.syms.lookup(name)
        if nm_size != size:
            self.problems.append(f"RIP size 0x{size:x} but nm -S says {name} is 0x{nm_size:x}")
        rip = addr + off
        insns = dict(self.ctx.syms.instructions(name))
        if rip not in insns:
            self.problems.append(f"RIP {name}+0x{off:x} = {rip:x} is not an instruction boundary")
        elif self.sc.insn and not re.match(self.sc.insn, insns[rip]):
            self.problems.append(f"RIP {name}+0x{off:x} is {insns[rip]!r}, which cannot "
                                 f"raise this fault (expected /{self.sc.insn}/)")
        return rip

    def check_data_rip(self, text):
        """nx_exec: RIP is the data page itself (Linux: raw "0xffff..." or a data symbol)."""
        if not self.ctx.syms.lookup(self.sc.pf.target):
            self.problems.append(f"{self.sc.pf.target} is not in kernel.elf's symbols")
            return None
        target = self.ctx.syms.lookup(self.sc.pf.target)[0]
        m = re.fullmatch(r"0x([0-9a-f]+)", text)
        if m:
            rip = int(m[1], 16)
        elif text.startswith(self.sc.pf.target + "+0x0/"):
            rip = target
        else:
            self.problems.append(f"RIP {text!r}: expected 0x{target:x} or {self.sc.pf.target}+0x0/...")
            return None
        if rip != target:
            self.problems.append(f"RIP {rip:x} is not {self.sc.pf.target} ({target:x})")
        return rip

    def check_code(self, rip):
        m = self.cur.find(r"^Code: (.*)$", "Code line", next_line=True)
        if m and rip is not None:
            self.problems.extend(check_code_bytes(m[1], rip, self.ctx.elf, self.constant_range()))

    def constant_range(self):
        """Bytes in writable memory that nothing changes at run time: the data page nx_exec runs."""
        sym = self.ctx.syms.lookup(self.sc.pf.target) if self.sc.func is None else None
        return (sym[0], sym[0] + sym[1]) if sym else None

    # ---------------------------------------------------------------- registers
    def check_registers(self):
        self.cur.find(rf"^RSP: 0018:{HEX16} EFLAGS: [0-9a-f]{{8}}$", "RSP line", True)
        for regs in (("RAX", "RBX", "RCX"), ("RDX", "RSI", "RDI"), ("RBP", "R08", "R09"),
                     ("R10", "R11", "R12"), ("R13", "R14", "R15")):
            self.cur.find("^" + " ".join(f"{r}: {HEX16}" for r in regs) + "$", regs[0] + " line", True)
        self.cur.find(rf"^FS:  {HEX16}\([0-9a-f]{{4}}\) GS:{HEX16}\([0-9a-f]{{4}}\) knlGS:{HEX16}$",
                      "FS line", True)
        self.cur.find(rf"^CS:  0010 DS: [0-9a-f]{{4}} ES: [0-9a-f]{{4}} CR0: {HEX16}$", "CS line", True)
        m = self.cur.find(rf"^CR2: ({HEX16}) CR3: ({HEX16}) CR4: ({HEX16})$", "CR2 line", True)
        if m and self.fault_address is not None and int(m[1], 16) != self.fault_address:
            self.problems.append(f"CR2 {m[1]} is not the faulting address {self.fault_address:016x}")

    # ---------------------------------------------------------------- trace and end
    def check_call_trace(self):
        self.cur.find(r"^Call Trace:$", "Call Trace", next_line=True)
        if not self.cur.find(r"^ <TASK>$", "<TASK>", next_line=True):
            return
        start = self.cur.pos
        if not self.cur.find(r"^ </TASK>$", "</TASK>"):
            return
        frames = self.run.lines[start:self.cur.pos - 1]
        self.problems.extend(check_frames(frames, self.ctx.syms))
        names = [re.sub(r"^ (\? )?", "", f).split("+")[0] for f in frames]
        if self.sc.caller not in names:
            self.problems.append(f"Call Trace does not name the caller {self.sc.caller} "
                                 f"(frames: {', '.join(names) or 'none'})")

    def check_end(self):
        if self.sc.pf:
            self.cur.find(rf"^CR2: {self.fault_address or 0:016x}$", "closing CR2 line")
        self.cur.find(r"^---\[ end trace 0000000000000000 \]---$", "end trace")
        panic = re.escape(self.sc.panic)
        self.cur.find(rf"^Kernel panic - not syncing: {panic}$", "panic line")
        self.cur.find(rf"^---\[ end Kernel panic - not syncing: {panic} \]---$", "end panic")
        if self.run.status != EXIT_PANIC:
            self.problems.append(f"QEMU exit status {self.run.status}, expected {EXIT_PANIC} "
                                 "(panic=1 ends QEMU through isa-debug-exit)")


PT_LEVELS = ["PGD", "P4D", "PUD", "PMD", "PTE"]
PTE_PRESENT, PTE_RW, PTE_PSE, PTE_NX = 1 << 0, 1 << 1, 1 << 7, 1 << 63
PTE_PFN = 0x000ffffffffff000


def parse_page_walk(line):
    """[(level, value)] of "PGD .. P4D .. PUD .. PMD .. PTE ..", and its format problems.

    Linux's dump_pagetable: raw hex values; P4D repeats PGD on 4-level
    paging; the walk stops at the first entry that is not present or maps a
    large page; every printed level but the PTE keeps a trailing space.
    """
    entries = re.findall(r"(PGD|P4D|PUD|PMD|PTE) ([0-9a-f]+)", line)
    entries = [(lvl, int(v, 16)) for lvl, v in entries]
    problems = []
    if [l for l, _ in entries] != PT_LEVELS[:len(entries)] or len(entries) < 2:
        return entries, [f"page walk levels out of order: {line!r}"]
    expected = "".join(f"{l} {v:x}" + ("" if l == "PTE" else " ") for l, v in entries)
    if line != expected:
        problems.append(f"page walk {line!r} is not formatted as {expected!r}")
    if entries[1][1] != entries[0][1]:
        problems.append("P4D differs from PGD (with 4-level paging the P4D is the PGD)")
    walked = [e for e in entries if e[0] != "P4D"]
    for lvl, v in walked[:-1]:
        if not v & PTE_PRESENT or (lvl in ("PUD", "PMD") and v & PTE_PSE):
            problems.append(f"page walk went on past {lvl} {v:x} (not present or a large page)")
    last_lvl, last = walked[-1]
    if last_lvl != "PTE" and last & PTE_PRESENT and not (last_lvl != "PGD" and last & PTE_PSE):
        problems.append(f"page walk stopped at a present {last_lvl} {last:x} that maps no large page")
    return entries, problems


def check_leaf(entry, want, address, elf):
    """The last entry against what the fault says about the page."""
    lvl, v = entry
    if want == "absent":
        return [] if not v & PTE_PRESENT else [f"{lvl} {v:x} is present, but the fault was not-present"]
    problems = []
    if not v & PTE_PRESENT:
        problems.append(f"{lvl} {v:x} is not present, but the fault was a protection fault")
    if not v & PTE_NX:
        problems.append(f"{lvl} {v:x} lacks NX (bit 63): data must not be executable")
    if want == "ro" and v & PTE_RW:
        problems.append(f"{lvl} {v:x} is writable (RW, bit 1), yet a write faulted")
    phys = elf.phys(address)
    page_mask = PTE_PFN if lvl == "PTE" else PTE_PFN & ~((1 << (21 if lvl == "PMD" else 30)) - 1)
    if phys is not None and (v & page_mask) != (phys & page_mask):
        problems.append(f"{lvl} {v:x} maps physical {v & page_mask:x}, but kernel.elf loads "
                        f"{address:x} at {phys & page_mask:x}")
    return problems


def check_code_bytes(text, rip, elf, constant=None):
    """64 bytes: 42 before RIP, <the byte at RIP>, 21 after, equal to kernel.elf's.

    Bytes in read-only segments must match exactly.  Bytes in writable
    segments are variables that may have changed since the ELF was linked:
    they are compared only inside constant (an address range known not to
    change), and skipped elsewhere.
    """
    words = text.split()
    if len(words) != 64:
        return [f"Code: has {len(words)} bytes, expected 64"]
    marked = [i for i, w in enumerate(words) if re.fullmatch(r"<[0-9a-f]{2}>", w)]
    if marked != [42]:
        return [f"Code: marks byte(s) {[i + 1 for i in marked]}, expected only the 43rd"]
    if not all(re.fullmatch(r"<?[0-9a-f]{2}>?", w) for w in words):
        return ["Code: has a word that is not a hex byte"]
    got = bytes(int(w.strip("<>"), 16) for w in words)
    want = elf.read(rip - 42, 64)
    if want is None:
        return [f"Code: {rip - 42:x}..{rip + 22:x} is not all in kernel.elf's loaded segments"]
    def compared(i):
        a = rip - 42 + i
        return not elf.writable(a) or (constant and constant[0] <= a < constant[1])
    diff = [i for i in range(64) if compared(i) and got[i] != want[i]]
    if diff:
        return [f"Code: bytes differ from kernel.elf at RIP{diff[0] - 42:+d} "
                f"(kernel.elf: {want.hex(' ')})"]
    return []


FRAME = re.compile(r"^ (\? )?(\S+?)\+0x([0-9a-f]+)/0x([0-9a-f]+)$")


def check_frames(frames, syms):
    """Each frame names a real symbol, with nm's size, at an offset inside it."""
    if not frames:
        return ["Call Trace has no frames"]
    problems = []
    for f in frames:
        m = FRAME.match(f)
        if not m:
            problems.append(f"Call Trace line {f!r} is not \" func+0xOFF/0xSIZE\"")
            continue
        name, off, size = m[2], int(m[3], 16), int(m[4], 16)
        sym = syms.lookup(name, size)
        if not sym:
            problems.append(f"frame {name} is not a symbol of kernel.elf")
        elif sym[1] is not None and sym[1] != size:
            problems.append(f"frame {name}: size 0x{size:x}, nm -S says 0x{sym[1]:x}")
        elif off > size or off == 0:
            # A frame is a return address, named as Linux's %pB does: the
            # symbol holding address - 1, so the offset may equal the size
            # (a call that ends its function) but is never 0.
            problems.append(f"frame {name}+0x{off:x}/0x{size:x} cannot be a return address")
    return problems


def crash_boot(sc):
    def check(run):
        problems = CrashCheck(sc, run, run.ctx).check()
        return [Result(f"crash {sc.name}", not problems, problems)]
    return Boot(f"crash {sc.name}", f"crash={sc.name} panic=1", check,
                excerpt_from=r"^crash: running scenario", excerpt_to=r"^---\[ end trace")


# ================================================================ bad input
def bad_input_boots():
    long_cmdline = "panic=1 faultline_padding=" + "x" * (COMMAND_LINE_SIZE + 64)
    # A boot that does not end by itself is stopped at the expected line, or
    # at the first sign that boot went past where that line belongs.
    past_cmdline = "|faultline: boot took"
    return [
        Boot("bad ktest=nosuchtest", "ktest=nosuchtest", lambda run: expect_lines(
            run, "bad ktest=nosuchtest",
            [r'^ktest: unknown test "nosuchtest"', r"^reboot: Power down \(ktest failed\)"],
            EXIT_KTEST)),
        Boot("bad crash=nosuch", "crash=nosuch panic=1", lambda run: expect_lines(
            run, "bad crash=nosuch",
            [r'^crash: unknown scenario "nosuch"', r"^Kernel panic - not syncing: "],
            EXIT_PANIC)),
        Boot("bad cmdline over 2048 bytes", long_cmdline, lambda run: expect_lines(
            run, "bad cmdline over 2048 bytes",
            [rf"^cmdline: longer than {COMMAND_LINE_SIZE - 1} bytes"]),
            stop_on=r"cmdline: longer than" + past_cmdline),
        Boot("bad loglevel=abc", "loglevel=abc", lambda run: expect_lines(
            run, "bad loglevel=abc", [r'^cmdline: bad value for loglevel: "abc"']),
            stop_on=r"cmdline: bad value for loglevel" + past_cmdline),
        # CPUs faultline refuses: head.asm says why on COM1 and halts, so QEMU
        # is stopped once the line is there (or once a kernel line shows it ran).
        Boot("bad cpu qemu32 (no long mode)", "ktest=all", lambda run: expect_lines(
            run, "bad cpu qemu32 (no long mode)", [r"^faultline: this CPU has no long mode"]),
            cpu="qemu32", stop_on=r"faultline: this CPU has no long mode|" + KERNEL_LINE),
        Boot("bad cpu qemu64,-nx (no NX)", "ktest=all", lambda run: expect_lines(
            run, "bad cpu qemu64,-nx (no NX)", [r"^faultline: this CPU has no NX"]),
            cpu="qemu64,-nx", stop_on=r"faultline: this CPU has no NX|" + KERNEL_LINE),
    ]


# ================================================================ user programs
USER_EXPECTED = os.path.join(REPO, "tests", "user", "expected")
USER_SOURCES = os.path.join(REPO, "tests", "user")


def split_user_output(data):
    """COM2 of a --run-tests boot -> {name: (output, free_before, free_after)}.

    user/init.c frames each program: "@@@ BEGIN name", its stdout, then
    "[exit N]" or "[signal N]", then "@@@ FREE before after" (sysinfo freeram).
    """
    runs = {}
    for chunk in data.split(b"@@@ BEGIN ")[1:]:
        name, _, rest = chunk.partition(b"\n")
        body, _, tail = rest.partition(b"@@@ FREE ")
        free = tail.split(b"\n", 1)[0].split()
        runs[name.decode()] = (body, free)
    return runs


def diff_lines(expected, got, limit=12):
    exp = expected.decode("latin-1").splitlines()
    out = got.decode("latin-1").splitlines()
    diff = list(difflib.unified_diff(exp, out, "linux", "faultline", lineterm="", n=1))
    return diff[2:2 + limit] or ["(outputs differ only in the final newline)"]


def check_user_run(name, runs, label):
    problems = []
    with open(os.path.join(USER_EXPECTED, name + ".out"), "rb") as f:
        expected = f.read()
    if name not in runs:
        return Result(f"user {name}{label}", False, ["the program did not run (no \"@@@ BEGIN\" frame)"])
    got, free = runs[name]
    if got != expected:
        problems += diff_lines(expected, got)
    if len(free) != 2 or free[0] != free[1]:
        problems.append(f"free memory before/after differs: {b' '.join(free).decode()} "
                        "(the program's pages were not all given back)")
    return Result(f"user {name}{label}", not problems, problems)


def user_tests():
    """The user programs twice: on the default CPU model, and on "-cpu max",
    where the kernel turns SMEP and SMAP on (stac/clac around every uaccess)."""
    return [user_tests_boot("", None), user_tests_boot(" (SMEP+SMAP)", "max")]


def user_tests_boot(label, cpu):
    """One boot runs every tests/user program; each must print exactly what it
    printed on Linux (tests/user/expected/NAME.out, recorded with
    tools/linux-expect) and give back every page it used."""
    names = sorted(n[:-4] for n in os.listdir(USER_EXPECTED) if n.endswith(".out"))
    sources = {n[:-2] for n in os.listdir(USER_SOURCES) if n.endswith(".c")}

    def check(run):
        path = run.log + ".com2"
        data = open(path, "rb").read() if os.path.exists(path) else b""
        runs = split_user_output(data)
        results = [check_user_run(n, runs, label) for n in names]
        problems = [f"{n}.c has no expected output (run tools/linux-expect {n})"
                    for n in sorted(sources - set(names))]
        if b"@@@ DONE" not in data:
            problems.append("init never printed \"@@@ DONE\": the run stopped early")
        if cpu == "max" and not any("SMEP on, SMAP on" in l for l in run.lines):
            problems.append("the kernel did not report \"SMEP on, SMAP on\" on -cpu max")
        problems += unexpected_oops(run.lines)
        run.note = f"{sum(r.ok for r in results)}/{len(results)} programs match Linux"
        return [Result(f"user programs boot{label}", not problems, problems)] + results
    return Boot(f"user programs vs Linux{label}", "panic=1 -- --run-tests /tests", check, mem="256M",
                user_output=True, cpu=cpu, long_run=True)


def corrupt_rootfs_job():
    """A RAM disk cut short: the mount fails with a clear message, then init
    cannot be found and the kernel says so; never a crash or a hang."""
    name = "bad RAM disk (truncated ext2 image)"

    def run(ctx):
        start = time.monotonic()
        img = os.path.join(ISO_DIR, "truncated-rootfs.img")
        iso = os.path.join(ISO_DIR, "truncated-rootfs.iso")
        log = os.path.join(LOG_DIR, "bad-truncated-rootfs.log")
        with open(ROOTFS, "rb") as src, open(img, "wb") as dst:
            dst.write(src.read(64 * 1024))         # the superblock survives, the rest is gone
        subprocess.run([MKISO, iso, ctx.elf_path, img, "panic=1"], check=True)
        proc = subprocess.run([sys.executable, QEMU_BOOT, "--iso", iso, "--mem", "64M", "--log", log,
                               "--timeout", str(BIOS_TIMEOUT)], capture_output=True)
        run = Run(read_log(log), proc.returncode, time.monotonic() - start, log, ctx)
        results = expect_lines(run, name, [r"VFS: cannot mount the RAM disk .*: ext2: image truncated",
                                           r"Kernel panic - not syncing: No working init found"], status=35)
        results[0].problems += [f"unexpected: {l}" for l in run.lines if re.match(r"^(BUG:|Oops:)", l)]
        results[0].ok = not results[0].problems
        return Outcome(results, run.seconds, boot_ms(run.lines),
                       excerpt=run.lines[-15:] if not results[0].ok else [], log=log)
    return Job(name, None, run)


# pftrace: each program's faults must name the path the seeds describe.
PFTRACE_CASES = [
    ("stack_below_rsp", [r"pf: pid \d+ addr 0x7ff\w+ .*err 0x6 \[user write not-present\] vma \[\[stack\] rw- growsdown\] \(next above\) -> expand_stack -> handle_mm_fault -> do_anonymous_page"]),
    ("null_write", [r"err 0x6 \[user write not-present\] vma \[[^]]*\] \(next above\) -> bad_area -> SIGSEGV SEGV_MAPERR",
                    r"addr 0x0 "]),
    ("ro_write", [r"\[user write protection\] vma \[anon r--\] -> access_error -> SIGSEGV SEGV_ACCERR"]),
    ("sigbus_eof", [r"-> filemap_fault \(beyond EOF\) -> SIGBUS BUS_ADRERR",
                    r"-> filemap_fault \(read page\)"]),
    ("fork_cow", [r"-> do_wp_page \(copy\)"]),
    ("efault", [r"\[kernel read not-present\].* -> fixup_exception -> -EFAULT"]),
]


def pftrace_job():
    """tools/qrun --cmdline pftrace on a few programs: the trace lines name
    each fault's path (seeds 000, 002, 003), and qrun itself is exercised."""
    name = "pftrace names each fault's path (via tools/qrun)"

    def run(ctx):
        start = time.monotonic()
        problems = []
        for prog, patterns in PFTRACE_CASES:
            log = os.path.join(LOG_DIR, f"pftrace-{prog}.log")
            proc = subprocess.run([os.path.join(REPO, "tools", "qrun"), "--log", log, "--cmdline", "pftrace",
                                   os.path.join(BUILD, "tests", prog)], capture_output=True,
                                  env={**os.environ, "FAULTLINE_KERNEL": ctx.elf_path})
            lines = read_log(log)
            for pat in patterns:
                if not any(re.search(pat, l) for l in lines):
                    problems.append(f"{prog}: no pftrace line matches /{pat}/ (log {log})")
            with open(os.path.join(REPO, "tests", "user", "expected", prog + ".out"), "rb") as f:
                expected = f.read()
            if proc.stdout + b"" != expected.rsplit(b"[", 1)[0]:
                problems.append(f"{prog}: qrun's stdout differs from tests/user/expected/{prog}.out")
        return Outcome([Result(name, not problems, problems)], time.monotonic() - start,
                       note=f"{len(PFTRACE_CASES)} programs")
    return Job(name, None, run)


def host_tests_job():
    """tests/host/run.sh: ext2 and ELF parsers under ASan/UBSan on the host."""
    script = os.path.join(REPO, "tests", "host", "run.sh")

    def run(ctx):
        start = time.monotonic()
        proc = subprocess.run(["bash", script], capture_output=True, text=True, cwd=REPO)
        lines = proc.stdout.splitlines()
        bad = [l for l in lines if l.startswith("not ok")]
        summary = next((l for l in reversed(lines) if re.match(r"^\d+ passed, \d+ failed$", l)), None)
        problems = bad[:10] + ([] if proc.returncode == 0 else [f"run.sh exited {proc.returncode}"])
        if not summary:
            problems.append("no \"N passed, N failed\" line from tests/host/run.sh")
        note = summary or ""
        return Outcome([Result("host tests (ext2, ELF) under ASan/UBSan", not problems, problems)],
                       time.monotonic() - start, note=note,
                       excerpt=(proc.stdout + proc.stderr).splitlines()[-20:] if problems else [])
    return Job("host tests (ext2, ELF) under ASan/UBSan", None, run)


# ================================================================ jobs other than a plain boot
@dataclasses.dataclass
class Job:
    """A named step of the suite that is not a plain Boot (gdb, decode-oops, info tlb)."""
    name: str
    cmdline: Optional[str]
    run: Callable
    after_boots: bool = False   # needs a boot's log: runs once the boots are done


def gdb_job():
    cmdline = "crash=null_deref panic=1"

    def run(ctx):
        start = time.monotonic()
        log = os.path.join(LOG_DIR, "gdb-null_deref.log")
        problems, transcript = gdb_test.run(ctx.elf_path, ctx.isos[cmdline], log, QEMU_BOOT)
        return Outcome([Result("gdb hbreak do_page_fault", not problems, problems)],
                       time.monotonic() - start, excerpt=transcript if problems else [], log=log)
    return Job("gdb hbreak do_page_fault", cmdline, run)


def decode_oops_job():
    log = os.path.join(LOG_DIR, "crash-rodata_write.log")

    def run(ctx):
        start = time.monotonic()
        proc = subprocess.run([sys.executable, DECODE_OOPS, "--elf", ctx.elf_path, log],
                              capture_output=True, text=True)
        out = proc.stdout.splitlines()
        problems = []
        if proc.returncode:
            problems.append(f"decode-oops exited {proc.returncode}: {proc.stderr.strip()}")
        elif not any(re.match(r"^RIP crash_write_rodata\+0x[0-9a-f]+/0x[0-9a-f]+ -> "
                              r"(?:[\w/]+/)?crash\.c:\d+", l) for l in out):
            problems.append("the RIP frame did not resolve to kernel/crash.c:LINE")
        return Outcome([Result("decode-oops rodata_write", not problems, problems)],
                       time.monotonic() - start, excerpt=out + proc.stderr.splitlines(), log=log)
    return Job("decode-oops rodata_write", None, run, after_boots=True)


def info_tlb_job():
    """The oops's page walk for rodata_write against QEMU's own page-table dump.

    Booted without panic=1 so the machine stays up after the oops; the
    monitor's "info tlb" prints each mapped page as
    "VADDR: PADDR XGPDACTUW" (flags of the last-level entry).
    """
    cmdline = "crash=rodata_write"

    def run(ctx):
        start = time.monotonic()
        log = os.path.join(LOG_DIR, "info-tlb-rodata_write.log")
        problems, detail = compare_info_tlb(ctx.isos[cmdline], log)
        return Outcome([Result("info tlb rodata_write", not problems, problems)],
                       time.monotonic() - start, boot_ms(read_log(log)),
                       excerpt=detail if problems else [], log=log)
    return Job("info tlb rodata_write", cmdline, run)


def compare_info_tlb(iso, log):
    if os.path.exists(log):
        os.remove(log)          # the last run's log would satisfy wait_for_line at once
    with tempfile.TemporaryDirectory(prefix="faultline-mon-") as tmp:
        sock_path = os.path.join(tmp, "monitor.sock")
        proc = subprocess.Popen([sys.executable, QEMU_BOOT, "--iso", iso, "--log", log,
                                 "--timeout", str(BIOS_TIMEOUT), "--monitor", sock_path],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        try:
            if not wait_for_line(log, r"^---\[ end Kernel panic", proc, BIOS_TIMEOUT):
                return ["the oops never finished (no \"---[ end Kernel panic\")"], read_log(log)[-20:]
            tlb = monitor_command(sock_path, "info tlb")
        finally:
            proc.terminate()        # qemu-boot stops its QEMU on SIGTERM (kill would orphan it)
            proc.wait()
    lines = read_log(log)
    address = next((int(m[1], 16) for l in lines
                    if (m := re.match(rf"^BUG: unable to handle page fault for address: ({HEX16})", l))),
                   None)
    walk = next((l for l in lines if l.startswith("PGD ")), None)
    if address is None or walk is None:
        return ["no BUG line or page walk in the oops"], lines[-20:]
    return tlb_problems(address, parse_page_walk(walk)[0], tlb)


def wait_for_line(log, pattern, proc, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if any(re.match(pattern, l) for l in read_log(log)):
            return True
        time.sleep(0.1)
    return False


def monitor_command(sock_path, command):
    """Send one HMP command; return its output (read until the next "(qemu)" prompt)."""
    with socket.socket(socket.AF_UNIX) as s:
        s.settimeout(5)
        s.connect(sock_path)
        read_until_prompt(s)                      # the banner
        s.sendall(command.encode() + b"\n")
        out = read_until_prompt(s)
        s.sendall(b"quit\n")
    return out.replace("\r", "")


def read_until_prompt(s):
    data = b""
    while not data.endswith(b"(qemu) "):
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
    return data.decode("utf-8", "replace")


def tlb_problems(address, walk, tlb):
    page = address & ~(PAGE_SIZE - 1)
    m = re.search(rf"^{page:016x}: ([0-9a-f]+) ([-XGPDACTUW]{{9}})$", tlb, re.M)
    if not m:
        return [f"info tlb has no entry for page {page:016x}"], []
    leaf_lvl, leaf = walk[-1]
    qemu_phys, flags = int(m[1], 16), m[2]
    problems = []
    if qemu_phys & PTE_PFN != leaf & PTE_PFN:
        problems.append(f"oops {leaf_lvl} maps {leaf & PTE_PFN:x}, QEMU says {qemu_phys:x}")
    for letter, bit in (("X", PTE_NX), ("G", 1 << 8), ("D", 1 << 6), ("A", 1 << 5),
                        ("U", 1 << 2), ("W", PTE_RW)):
        if (letter in flags) != bool(leaf & bit):
            problems.append(f"oops {leaf_lvl} {leaf:x} and QEMU's flags {flags} disagree on {letter}")
    return problems, [m[0]]


# ================================================================ the suite
def suite():
    boots = [
        ktest_boot("ktest=all 256M UEFI", "uefi", mem="256M", uefi=True),   # slowest first
        ktest_boot("ktest=all 64M BIOS", "64M"),
        ktest_boot("ktest=all 8G BIOS", "8G", mem="8G"),
    ]
    boots += [crash_boot(sc) for sc in SCENARIOS]
    boots += bad_input_boots()
    boots += user_tests()
    jobs = [gdb_job(), info_tlb_job(), decode_oops_job(), host_tests_job(), corrupt_rootfs_job(),
            pftrace_job()]
    return boots, jobs


@dataclasses.dataclass
class Context:
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


def make_isos(ctx, cmdlines):
    """One ISO per command line, PARALLEL at a time; returns {cmdline: problem} for failures."""
    def make(cmdline):
        iso = os.path.join(ISO_DIR, iso_name(cmdline))
        proc = subprocess.run([MKISO, iso, ctx.elf_path, ctx.rootfs, cmdline],
                              capture_output=True, text=True)
        return cmdline, iso, proc
    errors = {}
    with concurrent.futures.ThreadPoolExecutor(PARALLEL) as pool:
        for cmdline, iso, proc in pool.map(make, sorted(cmdlines)):
            if proc.returncode:
                errors[cmdline] = f"tools/mkiso failed: {(proc.stdout + proc.stderr).strip()[-300:]}"
            else:
                ctx.isos[cmdline] = iso
    return errors


class Progress:
    """Progress lines, counts, and the closing "N passed, N failed"."""

    def __init__(self, total):
        self.total, self.done, self.passed, self.failed = total, 0, 0, []

    def report(self, name, outcome):
        self.done += 1
        bad = [r for r in outcome.results if not r.ok]
        self.passed += len(outcome.results) - len(bad)
        self.failed += [r.name for r in bad]
        timing = f"{outcome.seconds:.1f} s"
        if outcome.boot_ms is not None:
            timing += f", boot {outcome.boot_ms:.0f} ms"
        note = f"{outcome.note}, " if outcome.note else ""
        verdict = "ok" if not bad else f"FAILED ({len(bad)} of {len(outcome.results)})"
        print(f"[{self.done:2}/{self.total}] {name} ... {verdict} ({note}{timing})", flush=True)
        for r in bad:
            self.explain(r, outcome)

    def explain(self, result, outcome):
        print(f"    FAIL {result.name}")
        for p in result.problems:
            print(f"      - {p}")
        if outcome.excerpt and result is next(r for r in outcome.results if not r.ok):
            print("      log:")
            for line in outcome.excerpt:
                print(f"      | {line}")
        if outcome.log:
            print(f"      full log: {os.path.relpath(outcome.log, REPO)}")
        sys.stdout.flush()

    def finish(self):
        if self.failed:
            shown = ", ".join(self.failed[:12]) + (" ..." if len(self.failed) > 12 else "")
            print(f"failed: {shown}")
        print(f"{self.passed} passed, {len(self.failed)} failed")
        return 1 if self.failed else 0


def run_all(ctx, boots, jobs, progress):
    """PARALLEL at a time, in list order (slowest first); jobs that read a boot's log last."""
    first = [(b.name, lambda b=b: run_boot(b, ctx)) for b in boots]
    first += [(j.name, lambda j=j: j.run(ctx)) for j in jobs if not j.after_boots]
    later = [(j.name, lambda j=j: j.run(ctx)) for j in jobs if j.after_boots]
    for batch in (first, later):
        with concurrent.futures.ThreadPoolExecutor(PARALLEL) as pool:
            futures = {pool.submit(fn): name for name, fn in batch}
            for fut in concurrent.futures.as_completed(futures):
                progress.report(futures[fut], outcome_of(fut, futures[fut]))


def outcome_of(fut, name):
    """A job that crashed (a harness bug) is a failure, not a traceback in the middle."""
    try:
        return fut.result()
    except Exception as e:  # noqa: BLE001 - any harness error is reported as a failure
        where = traceback.extract_tb(e.__traceback__)[-1]
        return Outcome([Result(name, False, [f"harness error: {type(e).__name__}: {e} "
                                             f"(at {os.path.basename(where.filename)}:{where.lineno})"])],
                       0.0)


def main():
    start = time.monotonic()
    ctx = prepare_inputs()
    boots, jobs = suite()
    cmdlines = {b.cmdline for b in boots} | {j.cmdline for j in jobs if j.cmdline}
    t0 = time.monotonic()
    iso_errors = make_isos(ctx, cmdlines)
    print(f"built {len(ctx.isos)} ISOs in {time.monotonic() - t0:.1f} s "
          f"({os.path.relpath(ISO_DIR, REPO)}/); booting {PARALLEL} at a time under TCG", flush=True)
    progress = Progress(len(boots) + len(jobs))
    runnable_boots = [b for b in boots if b.cmdline in ctx.isos]
    runnable_jobs = [j for j in jobs if j.cmdline is None or j.cmdline in ctx.isos]
    for item in [b for b in boots if b not in runnable_boots] + \
                [j for j in jobs if j not in runnable_jobs]:
        progress.report(item.name, Outcome([Result(item.name, False, [iso_errors[item.cmdline]])], 0.0))
    run_all(ctx, runnable_boots, runnable_jobs, progress)
    print(f"suite took {time.monotonic() - start:.1f} s; logs in {os.path.relpath(LOG_DIR, REPO)}/")
    return progress.finish()


if __name__ == "__main__":
    sys.exit(main())
