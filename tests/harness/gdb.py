"""gdb: the debugging tools, in one boot driven by gdb in batch mode.

The boot runs busybox's cat as init: "init=/bin/cat panic=1 -- /proc/self/maps",
so the process prints its own /proc/PID/maps on the console (COM1, our log).
QEMU starts halted (-S) with its gdb stub on a free port; gdb loads
tools/gdb/faultline.py and stops four times:

  A  hbreak do_page_fault if user_mode(regs): cat's first fault, the fetch
     of its first instruction.  bt, fl-ps, fl-vmas, fl-pgwalk $cr2.
  B  break do_read_fault: the same fault, further down (a file page).
     The stop names do_read_fault at mm/memory.c; bt.
  C  break *proc_pid_maps: cat is reading /proc/self/maps.  fl-vmas (what
     the kernel is about to print), fl-pgwalk of cat's RIP and RSP and of
     kernel text and data, fl-pagecache of cat's file, fl-dmesg.
  D  break *do_exit: cat has printed its maps and exits.  gdb makes the
     kernel oops there: the pc goes to crash_null_write
     (arch/x86/kernel/crash.c) with a NULL argument.  Then break panic:
     the oops is in the log.  bt, fl-oops.

and the checks hold each answer against a rule, not against an earlier run:

  bt       ends at the RIP the trap interrupted (A, B: the user RIP, which
           for an instruction fetch is CR2; D: crash_null_write, then the
           system call's user RIP), with the trap frames in between and no
           "Backtrace stopped" (arch/x86/entry/entry_64.asm's CFI).
  break    on do_read_fault stops in do_read_fault (vmf=...) at mm/memory.c;
           and on kernel.elf alone, "break STEP" for each fault-path step
           the seeds name is placed in STEP's own file, not in a header of
           a helper inlined at its entry (include/types.h noinline_for_gdb).
  fl-vmas  byte for byte the lines the kernel printed for /proc/self/maps;
           at A, the VMA holding CR2 is executable (error code: a fetch).
  fl-pgwalk  A stops at a not-present entry (error code bit P clear); the
           text page is P US, neither RW nor NX (an r-xp VMA); the stack
           page P RW US NX; kernel data P RW G NX, kernel text P G, neither
           RW nor NX ("text RX, data RW+NX", arch/x86/mm/init.c).
  fl-pagecache  lists the page of cat's file under its RIP, uptodate and
           mapped, at the physical address fl-pgwalk found for the RIP.
  fl-dmesg the boot's own "Command line:" and "Run /bin/cat" lines.
  fl-oops  the BUG/Oops/RIP/end-trace lines the console printed, and
           tools/decode-oops turns its RIP into arch/x86/kernel/crash.c.
  fl-ps    cat is pid 1, running, current; the idle task is pid 0.

Why a hardware breakpoint first: gdb inserts a software breakpoint
("break") by writing int3 into memory as soon as the target runs.  At that
point the CPU is still in GRUB's 32-bit code with paging off, and
do_page_fault's address (0xffffffff8...) does not exist yet, so the write
fails ("Cannot insert breakpoint ... Cannot access memory").  A hardware
breakpoint ("hbreak") is only an address in a debug register, compared with
each instruction's linear address, so it survives the switch to 64-bit mode
and paging.  Once stopped in do_page_fault, "break" works.

Why "set architecture i386:x86-64" before "target remote": QEMU's x86-64
stub always sends the 64-bit register block ('g' packet, 608 bytes here),
even while the CPU still runs 16- or 32-bit code.  A gdb that has settled on
i386 rejects it with "Remote 'g' packet reply is too long (expected 312
bytes, got 608 bytes)".  Naming the 64-bit architecture before connecting
keeps it right.

Run alone: tests/run_tests.py -k gdb (it builds the ISO first).
"""
import os
import re
import socket
import subprocess
import time

from .boot import qemu_boot, stop_qemu_boot
from .config import EXIT_PANIC, LOG_DIR, REPO
from .results import Outcome, result
from .runner import Job

NAME = "gdb"
CMDLINE = "init=/bin/cat panic=1 -- /proc/self/maps"
# /bin/cat is a symlink to busybox: the mapping names the file it resolved to, as Linux's maps do.
CAT_FILE = "/bin/busybox"
BOOT_TIMEOUT = 60               # the whole boot, including the stops in gdb
GDB_TIMEOUT = 50
CONNECT_TRIES = 20              # QEMU opens the stub's socket a moment after it starts
CONNECT_RETRY_SECONDS = 0.25
G_PACKET_ERROR = "Remote 'g' packet reply is too long"
FL_COMMANDS = ("fl-ps", "fl-vmas", "fl-pgwalk", "fl-dmesg", "fl-pagecache", "fl-oops")
X86_PF_PROT, X86_PF_INSTR = 0x1, 0x10    # arch/x86/include/asm/trap_pf.h
USER_SPACE_END = 1 << 47
PAGE_SIZE = 4096
MAPS_LINE = re.compile(r"^[0-9a-f]{8,}-[0-9a-f]{8,} [r-][w-][x-][ps] [0-9a-f]{8} ")
STAMP = re.compile(r"^\[\s*\d+\.\d{6}\] ")


def gdb_job():
    def run(ctx):
        start = time.monotonic()
        log = os.path.join(LOG_DIR, "gdb.log")
        results, transcript = run_gdb_session(ctx.elf_path, ctx.isos[CMDLINE], log)
        failed = any(not r.ok for r in results)
        return Outcome(results, time.monotonic() - start,
                       excerpt=transcript if failed else [], log=log)
    return Job(NAME, CMDLINE, run)


def free_port():
    """A TCP port nobody listens on now (the OS picks it)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def marked(name, *commands):
    """An "@@NAME" echo before commands, so their answers can be found."""
    return [f"echo @@{name} \\n", *commands, "echo @@- \\n"]


def gdb_commands(elf, port):
    cache = 'python gdb.execute("fl-pagecache %d" % ' \
        'int(gdb.parse_and_eval("current->mm->exe_file->f_inode->i_ino")))'
    return [
        "set pagination off", "set confirm off", "set width 0",
        f"file {elf}",
        "set architecture i386:x86-64",
        f"source {os.path.join(REPO, 'tools', 'gdb', 'faultline.py')}",
        f"target remote :{port}",
        *[c for cmd in FL_COMMANDS for c in marked(f"HELP-{cmd}", f"help {cmd}")],
        "hbreak do_page_fault if (regs->cs & 3) == 3",
        *marked("A-CONT", "continue"),
        *marked("A-CR2", "p/x $cr2"), *marked("A-ERR", "p error_code"),
        *marked("A-BT", "bt"), *marked("A-PS", "fl-ps"), *marked("A-VMAS", "fl-vmas"),
        *marked("A-PGWALK", "fl-pgwalk $cr2"),
        "delete", "break do_read_fault",
        *marked("B-CONT", "continue"), *marked("B-BT", "bt"),
        "delete", "break *proc_pid_maps",
        *marked("C-CONT", "continue"),
        *marked("C-VMAS", "fl-vmas"), *marked("C-VMAS1", "fl-vmas 1"),
        *marked("C-RIP", "p/x $fl_user_regs()->rip"),
        *marked("C-PGRIP", "fl-pgwalk $fl_user_regs()->rip"),
        *marked("C-PGRSP", "fl-pgwalk $fl_user_regs()->rsp 1"),
        *marked("C-PGDATA", "fl-pgwalk &init_task"),
        *marked("C-PGTEXT", "fl-pgwalk do_page_fault"),
        *marked("C-CACHE", cache),
        *marked("C-DMESG", "fl-dmesg"),
        # cat prints its maps and exits.  At do_exit's first instruction gdb
        # makes the kernel oops: crash_null_write(NULL) in do_exit's place, so
        # its return address is a real caller's (the exit_group system call).
        "delete", "break *do_exit",
        *marked("D-EXIT", "continue"),
        *marked("D-RIP", "p/x $fl_user_regs()->rip"),
        "set var $rdi = 0", "set var $pc = crash_null_write",
        "delete", "break panic",
        *marked("D-CONT", "continue"), *marked("D-BT", "bt"), *marked("D-OOPS", "fl-oops"),
        "echo @@END \\n",
    ]


def gdb_command(elf, port):
    cmd = ["gdb", "-batch", "-nx"]
    for c in gdb_commands(elf, port):
        cmd += ["-ex", c]
    return cmd


def run_gdb(elf, port):
    """gdb's transcript; retried while QEMU has not opened the port yet."""
    for _ in range(CONNECT_TRIES):
        proc = subprocess.run(gdb_command(elf, port), capture_output=True, text=True,
                              timeout=GDB_TIMEOUT, stdin=subprocess.DEVNULL, cwd=REPO)
        out = proc.stdout + proc.stderr
        if "Connection refused" not in out:
            return out
        time.sleep(CONNECT_RETRY_SECONDS)
    return out


def sections(out):
    """{MARKER: the text gdb printed after "@@MARKER", up to the next marker}."""
    return {m[1]: m[2] for m in re.finditer(r"@@(\S+) \n(.*?)(?=@@\S+ \n|\Z)", out, re.S)}


# ------------------------------------------------------------ bt

def frames(bt):
    """[(pc or None, function or the bracketed text)] of each "#N" line."""
    out = []
    for line in bt.splitlines():
        m = re.match(r"^#\d+\s+(?:(0x[0-9a-f]+) in )?(\S+)", line)
        if m:
            out.append((int(m[1], 16) if m[1] else None, "<trap>" if "<signal" in line or "<trap frame" in line else m[2]))
    return out


def backtrace_problems(label, bt, expect, user_rip):
    """bt names the functions of expect in that order, each trap frame is
    followed by the interrupted RIP, and it ends at user_rip."""
    problems = []
    if "Backtrace stopped" in bt or not bt.strip():
        problems.append(f"{label}: {(bt.strip().splitlines() or ['no bt'])[-1]}")
    names = [f for _, f in frames(bt)]
    it = iter(names)
    missing = [e for e in expect if e not in it]
    if missing:
        problems.append(f"{label}: bt lacks {missing[0]} (in order {expect}); it has {names}")
    fr = frames(bt)
    if not fr or fr[-1][0] != user_rip:
        problems.append(f"{label}: bt does not end at the user RIP 0x{user_rip:x}: {fr[-1:] or 'no frames'}")
    elif sum(1 for pc, _ in fr if pc is not None and pc < USER_SPACE_END) != 1:
        problems.append(f"{label}: bt has frames beyond the user RIP (garbage from the user stack)")
    return problems


def bt_problems(s, cr2, exit_rip):
    problems = backtrace_problems("stop A (user fault)", s.get("A-BT", ""),
                                  ["do_page_fault", "do_trap", "<trap>"], cr2)
    problems += backtrace_problems("stop B (do_read_fault)", s.get("B-BT", ""),
                                   ["do_read_fault", "do_fault", "handle_mm_fault", "do_user_addr_fault",
                                    "do_page_fault", "do_trap", "<trap>"], cr2)
    d = s.get("D-BT", "")
    problems += backtrace_problems("stop D (panic after the oops)", d,
                                   ["panic", "page_fault_oops", "do_page_fault", "do_trap", "<trap>",
                                    "crash_null_write", "do_syscall_64", "<trap>"], exit_rip)
    a = s.get("A-BT", "")
    trap_regs = re.search(r"<trap frame: common_interrupt, \(struct pt_regs \*\)(0x[0-9a-f]+)>", a)
    do_trap_regs = re.search(r" do_trap \(regs=(0x[0-9a-f]+), vector=14\)", a)
    if not trap_regs or not do_trap_regs or trap_regs[1] != do_trap_regs[1]:
        problems.append("stop A: the trap frame does not name common_interrupt and the pt_regs "
                        "do_trap was given")
    names = [f for _, f in frames(d)]
    if "<trap>" in names and names[names.index("<trap>") + 1:][:1] != ["crash_null_write"]:
        problems.append("stop D: the frame after the trap frame is not crash_null_write, the "
                        "instruction that faulted (a signal frame is looked up at its RIP, not RIP - 1)")
    return problems


# The fault-path steps README and the seeds name, and the file each is in.
FAULT_PATH = {
    "arch/x86/mm/fault.c": ("do_page_fault", "do_user_addr_fault", "bad_area", "access_error",
                            "bad_area_access_error", "mm_fault_error", "do_sigbus"),
    "arch/x86/mm/extable.c": ("search_exception_tables", "fixup_exception"),
    "mm/vma.c": ("find_vma", "expand_stack"),
    "mm/memory.c": ("handle_mm_fault", "do_anonymous_page", "do_wp_page", "do_fault", "do_read_fault",
                    "do_cow_fault", "do_shared_fault"),
    "mm/filemap.c": ("filemap_fault",),
    "kernel/signal.c": ("force_sig_fault",),
}


def fault_path_break_problems(elf):
    """"break STEP" on kernel.elf alone (no boot): every location gdb plants
    must be reported in STEP, at a line of STEP's own file, not at a header
    of a helper inlined at its entry (include/types.h noinline_for_gdb)."""
    cmd = ["gdb", "-batch", "-nx", elf]
    for funcs in FAULT_PATH.values():
        cmd += [a for f in funcs for a in ("-ex", f"break {f}")]
    out = subprocess.run(cmd + ["-ex", "info breakpoints"], capture_output=True, text=True,
                         timeout=GDB_TIMEOUT).stdout
    where = {}
    for func, path in re.findall(r"0x[0-9a-f]+ in (\S+) at (\S+):\d+$", out, re.M):
        where.setdefault(func, set()).add(path)
    return [f"break {f}: stops at {sorted(where.get(f, ['nowhere']))}, not only in {path}"
            for path, funcs in FAULT_PATH.items() for f in funcs
            if where.get(f) != {path}]


def breakpoint_problems(s, elf):
    """A breakpoint on a fault-path step reports that function and its file."""
    problems = fault_path_break_problems(elf)
    if not re.search(r"Breakpoint \d+, do_read_fault \(vmf=0x[0-9a-f]+\) at mm/memory\.c:\d+", s.get("B-CONT", "")):
        problems.append("break do_read_fault did not stop in do_read_fault (vmf=...) at mm/memory.c: "
                        + " | ".join(s.get("B-CONT", "").strip().splitlines()[:2]))
    return problems


# ------------------------------------------------------------ the fl- commands

def help_problems(s):
    return [f"help {cmd} says nothing about {cmd}" for cmd in FL_COMMANDS
            if cmd not in s.get(f"HELP-{cmd}", "") or "Undefined command" in s.get(f"HELP-{cmd}", "")]


def ps_problems(s):
    ps = s.get("A-PS", "")
    problems = []
    if not re.search(r"^>\s+1\s+1\s+0\s+R \(running\)\s+cat$", ps, re.M):
        problems.append("fl-ps: no line '> 1 1 0 R (running) cat' (cat is pid 1 and current)")
    if not re.search(r"^\s+0\s+0\s+0\s+\S", ps, re.M):
        problems.append("fl-ps: no line for pid 0 (the idle task)")
    return problems


def vma_of(lines, addr):
    for line in lines:
        start, end = (int(x, 16) for x in line.split()[0].split("-"))
        if start <= addr < end:
            return line
    return None


def vmas_problems(s, log_lines, cr2, err):
    problems = []
    printed = [l for l in log_lines if MAPS_LINE.match(l)]
    at_c = s.get("C-VMAS", "").splitlines()
    if not printed:
        problems.append("the log has no /proc/self/maps lines from cat")
    elif at_c != printed:
        problems.append("fl-vmas at proc_pid_maps differs from the /proc/self/maps the kernel printed")
        problems += [f"  kernel: {l!r}" for l in printed] + [f"  fl-vmas: {l!r}" for l in at_c]
    if s.get("C-VMAS1", "").splitlines() != at_c:
        problems.append("fl-vmas 1 differs from fl-vmas (pid 1 is current)")
    line = vma_of(s.get("A-VMAS", "").splitlines(), cr2)
    if line is None:
        problems.append(f"fl-vmas at the fault: no VMA holds CR2 0x{cr2:x}")
    elif err & X86_PF_INSTR and line.split()[1][2] != "x" or not line.endswith(CAT_FILE):
        problems.append(f"fl-vmas at the fault: a fetch from 0x{cr2:x} in a VMA that is not "
                        f"{CAT_FILE}'s executable text: {line}")
    return problems


def walk(text):
    """(bits of the last entry printed, the page's physical address or None, stopped?)."""
    entries = re.findall(r"^\s+(?:PML4|PDPT|PD|PT)\s.*\] 0x[0-9a-f]{16}\s*(.*)$", text, re.M)
    page = re.search(r"-> phys 0x[0-9a-f]+ \(4 KiB page at (0x[0-9a-f]+)", text)
    return (set(entries[-1].split()) if entries else None, int(page[1], 16) if page else None,
            "walk stops at" in text)


# What each mapping's PTE must say, from its VMA or the kernel's mapping rules.
PTE_RULES = [
    ("C-PGRIP", "cat's text (an r-xp VMA)", {"P", "US"}, {"RW", "NX"}),
    ("C-PGRSP", "cat's stack (rw-p)", {"P", "RW", "US", "NX"}, set()),
    ("C-PGDATA", "kernel data, init_task (RW+NX)", {"P", "RW", "G", "NX"}, {"US"}),
    ("C-PGTEXT", "kernel text, do_page_fault (RX)", {"P", "G"}, {"RW", "NX", "US"}),
]


def pgwalk_problems(s, err):
    problems = []
    bits, _, stopped = walk(s.get("A-PGWALK", ""))
    if not err & X86_PF_PROT and not stopped:
        problems.append("fl-pgwalk $cr2 at a not-present fault did not stop at a not-present entry")
    for key, what, need, forbid in PTE_RULES:
        bits, page, stopped = walk(s.get(key, ""))
        if bits is None or stopped or page is None:
            problems.append(f"fl-pgwalk of {what}: no complete walk: "
                            + " | ".join(s.get(key, "").strip().splitlines()))
        elif not need <= bits or bits & forbid:
            problems.append(f"fl-pgwalk of {what}: bits {sorted(bits)}, expected {sorted(need)} "
                            f"and none of {sorted(forbid)}")
    return problems


def pagecache_problems(s, rip):
    cache = s.get("C-CACHE", "")
    text = vma_of(s.get("C-VMAS", "").splitlines(), rip)
    if text is None:
        return [f"fl-vmas has no VMA for cat's RIP 0x{rip:x}"]
    f = text.split()
    start, offset, ino = int(f[0].split("-")[0], 16), int(f[2], 16), int(f[4])
    index = (rip - start + offset) // PAGE_SIZE
    problems = []
    if not re.search(rf"^inode {ino}: size \d+, nrpages \d+$", cache, re.M):
        problems.append(f"fl-pagecache: no 'inode {ino}:' header (the inode fl-vmas shows)")
    m = re.search(rf"^\s+index {index}\s+page 0x[0-9a-f]+ phys (0x[0-9a-f]+) ref \d+ map (\d+)\s+(.*)$",
                  cache, re.M)
    _, rip_page, _ = walk(s.get("C-PGRIP", ""))
    if not m:
        problems.append(f"fl-pagecache: no line for index {index}, the page under cat's RIP")
    elif "uptodate" not in m[3].split() or int(m[2]) < 1:
        problems.append(f"fl-pagecache: page {index} is not uptodate and mapped: {m[0].strip()}")
    elif rip_page is not None and int(m[1], 16) != rip_page:
        problems.append(f"fl-pagecache: page {index} is at {m[1]}, fl-pgwalk found 0x{rip_page:x}")
    return problems


def dmesg_problems(s):
    dmesg = s.get("C-DMESG", "")
    lines = dmesg.splitlines()
    problems = [f"fl-dmesg lacks the boot's line {want!r}" for want in
                (f"Command line: {CMDLINE}", "Run /bin/cat as init process")
                if not any(STAMP.sub("", l) == want for l in lines)]
    if lines and not all(STAMP.match(l) for l in lines):
        problems.append("fl-dmesg: a line without its [seconds.micros] stamp")
    return problems


QRUN_OOPS_LINES = 12            # tools/qrun report_oops: the first 12 lines, "qrun:   " before each


def oops_forms(oops):
    """The oops as tools/decode-oops meets it: fl-oops's output; tools/qrun's
    stderr report; a terminal's copy of a "make run" session (CR LF, escape
    sequences, the shell prompt before the first line and after the last)."""
    texts = [STAMP.sub("", l) for l in oops]
    qrun = ["qrun: the kernel oopsed (--log FILE keeps the whole log):"] + \
        [f"qrun:   {t}" for t in texts[:QRUN_OOPS_LINES]]
    prompt = "\x1b[1mfaultline:/# \x1b[0m"
    session = f"{prompt}\x1b[6n/tests/crashme\r\n{prompt}" + "\r\n".join(oops) + f"\r\n{prompt}"
    return [("fl-oops's output", "\n".join(oops)), ("a tools/qrun report", "\n".join(qrun)),
            ("a make run session", session)]


def oops_problems(s, log_lines, elf):
    oops = s.get("D-OOPS", "").splitlines()
    texts = [STAMP.sub("", l) for l in oops]
    problems = []
    for want in ("BUG: kernel NULL pointer dereference, address: 0000000000000000",
                 "Oops: 0002 [#1] NOPTI", "RIP: 0010:crash_null_write+0x0/", "---[ end trace"):
        if not any(t.startswith(want) for t in texts):
            problems.append(f"fl-oops lacks {want!r}")
    if texts and not texts[0].startswith("BUG:"):
        problems.append(f"fl-oops does not start at the BUG line: {texts[0]!r}")
    console = {STAMP.sub("", l) for l in log_lines}
    problems += [f"fl-oops line not on the console: {t!r}" for t in texts if t not in console][:3]
    for form, text in oops_forms(oops):
        decoded = subprocess.run([os.path.join(REPO, "tools", "decode-oops"), "--elf", elf],
                                 input=text, capture_output=True, text=True).stdout
        if not re.search(r"^RIP crash_null_write\+0x0/0x[0-9a-f]+ -> arch/x86/kernel/crash\.c:\d+",
                         decoded, re.M):
            problems.append(f"tools/decode-oops on {form} does not place the RIP in "
                            f"arch/x86/kernel/crash.c: {decoded.strip()[:200]!r}")
        elif form != "a tools/qrun report" and not re.search(
                r"^  do_syscall_64\+0x[0-9a-f]+/0x[0-9a-f]+ -> arch/x86/entry/syscall_64\.c:\d+", decoded, re.M):
            problems.append(f"tools/decode-oops on {form}: no do_syscall_64 frame in its Call Trace")
    return problems


def number(text):
    m = re.search(r"= (0x[0-9a-f]+|\d+)", text or "")
    return int(m[1], 0) if m else None


def check_transcript(out, log_lines, elf):
    """[(result name, problems)] for each thing checked."""
    if G_PACKET_ERROR in out:
        return [("gdb: connects", [f"gdb: {G_PACKET_ERROR} (gdb assumed a 32-bit register block; "
                                   "see the comment at the top of tests/harness/gdb.py)"])]
    s = sections(out)
    cr2, err, rip = number(s.get("A-CR2")), number(s.get("A-ERR")), number(s.get("C-RIP"))
    exit_rip = number(s.get("D-RIP"))
    if not re.search(r"Breakpoint 1, do_page_fault \(", s.get("A-CONT", "")) or None in (cr2, err, rip, exit_rip) \
            or "@@END" not in out:
        return [("gdb: stops in do_page_fault for cat's first user fault",
                 ["gdb did not get through its stops: " + " | ".join(out.strip().splitlines()[-3:])])]
    return [
        ("gdb: bt through the trap frame to the interrupted RIP", bt_problems(s, cr2, exit_rip)),
        ("gdb: breakpoints on the fault path stop in the function named", breakpoint_problems(s, elf)),
        ("gdb: help fl-*", help_problems(s)),
        ("gdb: fl-ps", ps_problems(s)),
        ("gdb: fl-vmas is /proc/PID/maps", vmas_problems(s, log_lines, cr2, err)),
        ("gdb: fl-pgwalk", pgwalk_problems(s, err)),
        ("gdb: fl-pagecache", pagecache_problems(s, rip)),
        ("gdb: fl-dmesg", dmesg_problems(s)),
        ("gdb: fl-oops and decode-oops", oops_problems(s, log_lines, elf)),
    ]


def read_log(log):
    try:
        with open(log, encoding="utf-8", errors="replace") as f:
            return [l.rstrip("\r\n") for l in f.read().replace("\r\n", "\n").split("\n")]
    except OSError:
        return []


def run_gdb_session(elf, iso, log):
    """Boot iso halted, drive gdb; return (results, transcript lines)."""
    port = free_port()
    qemu = subprocess.Popen(qemu_boot(iso, log, BOOT_TIMEOUT, "--gdb-wait", "--gdb-port", str(port)),
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    extra = []
    try:
        out = run_gdb(elf, port)
        # gdb detached, so the kernel goes on: the rest of the oops, then panic=1's exit.
        status = qemu.wait(timeout=BOOT_TIMEOUT)
        if status != EXIT_PANIC:
            extra.append(f"after gdb detached, QEMU exited {status}, expected {EXIT_PANIC} (panic=1)")
        checks = check_transcript(out, read_log(log), elf)
    except subprocess.TimeoutExpired as e:
        checks, out = [("gdb: the session", [f"timed out: {' '.join(e.cmd[:2]) if e.cmd else 'QEMU'}"])], ""
    finally:
        stop_qemu_boot(qemu)
    checks[-1] = (checks[-1][0], checks[-1][1] + extra)
    with open(log + ".gdb", "w") as f:
        f.write(out)
    return [result(name, problems) for name, problems in checks], out.splitlines()
