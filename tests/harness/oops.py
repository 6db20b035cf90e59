"""crash=NAME panic=1 boots: the oops, line by line, against kernel.elf itself
(docs/linux-abi.md §13): the symbol and offset of RIP, the
64 Code: bytes, the page walk, CR2, the register block, the call trace, the
panic, exit status 35.  What each scenario must say is in scenarios.py.
"""
import re

from .boot import Boot
from .config import EXIT_PANIC, HEX16, PAGE_SIZE
from .pagewalk import check_leaf, parse_page_walk
from .logs import expect_lines
from .results import result
from .scenarios import SCENARIOS


def crash_boots():
    return [crash_boot(sc) for sc in SCENARIOS] + [soft_lockup_boot(), hard_lockup_boot(), slab_corruption_boot(),
                                              atomic_sleep_boot()]


def slab_corruption_boot():
    """slub_debug and page_poison=1 catch a write after kfree, a write past
    an object's end, a double kfree and a write to a freed page, each in
    Linux's words with who allocated and freed the object, and the kernel
    goes on (tests/kernel/test_slub_debug.c)."""
    name = "crash slab_corruption (slub_debug)"
    obj = r"Object 0x[0-9a-f]{16}: "
    return Boot(name, "crash=slab_corruption slub_debug page_poison=1 panic=1",
                lambda run: expect_lines(run, name, [
                    r"^BUG kmalloc-64 \(Not tainted\): Poison overwritten",
                    r"@offset=8\. First byte 0x0 instead of 0x6b",
                    r"^Allocated in slab_write_after_free\+0x", r"^Freed in slab_write_after_free\+0x",
                    obj + r"6b 6b 6b 6b 6b 6b 6b 6b 00 6b", r"^FIX kmalloc-64: Restoring Poison ",
                    r"^BUG kmalloc-64 \(Not tainted\): Right Redzone overwritten",
                    r"@offset=64\. First byte 0x0 instead of 0xcc",
                    r"^Allocated in slab_write_past_end\+0x", r"^FIX kmalloc-64: Restoring Right Redzone",
                    r"^BUG kmalloc-64 \(Not tainted\): Object already free",
                    r"again from slab_double_free\+0x.*: a double free",
                    r"^Freed in slab_double_free\+0x",
                    r"^pagealloc: memory corruption", r"^[0-9a-f]{16}: 42$", r"page_write_after_free\+0x",
                    r"^slab_corruption: the kernel went on",
                    r"^Kernel panic - not syncing: crash scenario did not oops"], EXIT_PANIC),
                expects_oops=True)


def soft_lockup_boot():
    """A kernel loop that never ends (interrupts on) is not a silent hang:
    kernel/watchdog.c reports it with the registers and call trace, then
    panics.  watchdog_thresh=1: a report after 2 s, not Linux's 20."""
    name = "crash soft_lockup (watchdog)"
    return Boot(name, "crash=soft_lockup panic=1 watchdog_thresh=1", lambda run: expect_lines(
        run, name, [r"^crash: running scenario soft_lockup",
                    r"^watchdog: BUG: soft lockup - CPU#0 stuck for [2-9]s! \[swapper/0:0\]",
                    r"^CPU: 0 PID: 0 Comm: swapper/0 ",
                    r"^RIP: 0010:crash_spin\+0x",
                    r"^Call Trace:",
                    r"run_crash_scenario\+0x",
                    r"^Kernel panic - not syncing: softlockup: hung tasks"], EXIT_PANIC),
        expects_oops=True)


def atomic_sleep_boot():
    """schedule() with a spinlock held is refused in Linux's words
    (include/spinlock.h: on SMP another CPU could spin on it forever)."""
    name = "crash atomic_sleep (spinlock debug)"
    return Boot(name, "crash=atomic_sleep panic=1", lambda run: expect_lines(
        run, name, [r"^crash: running scenario atomic_sleep",
                    r"^Kernel panic - not syncing: BUG: scheduling while atomic: swapper/0/0/0x00000001"],
        EXIT_PANIC), expects_oops=True)


def hard_lockup_boot():
    """The same loop with interrupts off silences the timer too: the NMI
    watchdog (arch/x86/kernel/nmi.c, the timer's ticks as NMIs through the
    I/O APIC) reports it with the registers and call trace, then panics
    (Linux's words, kernel/watchdog.c).  UEFI, to check the I/O APIC there."""
    name = "crash hard_lockup (NMI watchdog, UEFI)"
    return Boot(name, "crash=hard_lockup panic=1 watchdog_thresh=1", lambda run: expect_lines(
        run, name, [r"^NMI watchdog: enabled on CPU0",
                    r"^crash: running scenario hard_lockup",
                    r"^watchdog: CPU0: Watchdog detected hard LOCKUP on cpu 0",
                    r"^CPU: 0 PID: 0 Comm: swapper/0 ",
                    r"^RIP: 0010:crash_spin\+0x",
                    r"^RSP: 0018:\S+ EFLAGS: [0-9a-f]{5}[014589cd][0-9a-f]{2}\b",   # IF (0x200) clear
                    r"^Call Trace:",
                    r"run_crash_scenario\+0x",
                    r"^Kernel panic - not syncing: Hard LOCKUP"], EXIT_PANIC),
        expects_oops=True, uefi=True)


def crash_boot(sc):
    def check(run):
        return [result(f"crash {sc.name}", CrashCheck(sc, run, run.ctx).check())]
    return Boot(f"crash {sc.name}", f"crash={sc.name} panic=1", check,
                excerpt_from=r"^crash: running scenario", excerpt_to=r"^---\[ end trace",
                expects_oops=True)


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


CODE_BYTES = 64
CODE_BEFORE = 42                # bytes before RIP; the next one is marked <xx>


def check_code_bytes(text, rip, elf, constant=None):
    """64 bytes: 42 before RIP, <the byte at RIP>, 21 after, equal to kernel.elf's.

    Bytes in read-only segments must match exactly.  Bytes in writable
    segments are variables that may have changed since the ELF was linked:
    they are compared only inside constant (an address range known not to
    change), and skipped elsewhere.
    """
    got, problem = parse_code_line(text)
    if problem:
        return [problem]
    start = rip - CODE_BEFORE
    want = elf.read(start, CODE_BYTES)
    if want is None:
        return [f"Code: {start:x}..{rip + 22:x} is not all in kernel.elf's loaded segments"]

    def compared(i):
        a = start + i
        return not elf.writable(a) or (constant and constant[0] <= a < constant[1])
    diff = [i for i in range(CODE_BYTES) if compared(i) and got[i] != want[i]]
    if diff:
        return [f"Code: bytes differ from kernel.elf at RIP{diff[0] - CODE_BEFORE:+d} "
                f"(kernel.elf: {want.hex(' ')})"]
    return []


def parse_code_line(text):
    """(the 64 bytes, None), or (None, what is wrong with the Code: line's format)."""
    words = text.split()
    if len(words) != CODE_BYTES:
        return None, f"Code: has {len(words)} bytes, expected {CODE_BYTES}"
    marked = [i for i, w in enumerate(words) if re.fullmatch(r"<[0-9a-f]{2}>", w)]
    if marked != [CODE_BEFORE]:
        return None, f"Code: marks byte(s) {[i + 1 for i in marked]}, expected only the 43rd"
    if not all(re.fullmatch(r"<?[0-9a-f]{2}>?", w) for w in words):
        return None, "Code: has a word that is not a hex byte"
    return bytes(int(w.strip("<>"), 16) for w in words), None


FRAME = re.compile(r"^ (\? )?(\S+?)\+0x([0-9a-f]+)/0x([0-9a-f]+)$")


def check_frames(frames, syms):
    """Each frame names a real symbol, with nm's size, at an offset inside it."""
    if not frames:
        return ["Call Trace has no frames"]
    return [p for f in frames for p in frame_problems(f, syms)]


def frame_problems(frame, syms):
    m = FRAME.match(frame)
    if not m:
        return [f"Call Trace line {frame!r} is not \" func+0xOFF/0xSIZE\""]
    name, off, size = m[2], int(m[3], 16), int(m[4], 16)
    sym = syms.lookup(name, size)
    if not sym:
        return [f"frame {name} is not a symbol of kernel.elf"]
    if sym[1] is not None and sym[1] != size:
        return [f"frame {name}: size 0x{size:x}, nm -S says 0x{sym[1]:x}"]
    if off > size or off == 0:
        # A frame is a return address, named as Linux's %pB does: the
        # symbol holding address - 1, so the offset may equal the size
        # (a call that ends its function) but is never 0.
        return [f"frame {name}+0x{off:x}/0x{size:x} cannot be a return address"]
    return []
