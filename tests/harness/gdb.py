"""gdb: debug a kernel oops through QEMU's gdb stub (the "gdb hbreak
do_page_fault" job).

Boots "crash=null_deref panic=1" halted at the first instruction (-S) with
the gdb stub on a free port, then runs gdb in batch mode:

  file build/kernel.elf
  set architecture i386:x86-64
  target remote :PORT
  hbreak do_page_fault
  continue
  print $pc / info symbol $pc / p/x $cr2 / bt 8

and checks that gdb stopped in do_page_fault with error_code 2, that CR2 is
0 (the NULL store) and that the backtrace goes do_page_fault <- do_trap.

Why a hardware breakpoint: gdb inserts a software breakpoint ("break") by
writing int3 into memory as soon as the target runs.  At that point the CPU
is still in GRUB's 32-bit code with paging off, and do_page_fault's address
(0xffffffff8...) does not exist yet, so the write fails ("Cannot insert
breakpoint ... Cannot access memory").  A hardware breakpoint ("hbreak")
is only an address in a debug register, compared with each instruction's
linear address, so it survives the switch to 64-bit mode and paging.

Why "set architecture i386:x86-64" before "target remote": QEMU's x86-64
stub always sends the 64-bit register block ('g' packet, 608 bytes here),
even while the CPU still runs 16- or 32-bit code.  A gdb that has settled on
i386 (a 32-bit kernel ELF loaded with "file", as many multiboot kernels are,
or "set architecture i386") rejects QEMU's target description and stops
with "Remote 'g' packet reply is too long (expected 312 bytes, got 608
bytes)" -- tried on this machine.  The standard cure is to name the 64-bit
architecture before connecting, as here (kernel.elf is ELF64, so gdb's own
guess would be right too; the explicit line keeps it right), and to debug
the 32-bit boot code as x86-64 registers, which it is.

Run alone: tests/run_tests.py -k gdb (it builds the ISO first).
"""
import os
import re
import socket
import subprocess
import time

from .boot import qemu_boot, stop_qemu_boot
from .config import EXIT_PANIC, LOG_DIR
from .results import Outcome, result
from .runner import Job

NAME = "gdb hbreak do_page_fault"
CMDLINE = "crash=null_deref panic=1"
BOOT_TIMEOUT = 30               # the whole boot, including the wait for gdb
GDB_TIMEOUT = 30
CONNECT_TRIES = 20              # QEMU opens the stub's socket a moment after it starts
CONNECT_RETRY_SECONDS = 0.25
G_PACKET_ERROR = "Remote 'g' packet reply is too long"


def gdb_job():
    def run(ctx):
        start = time.monotonic()
        log = os.path.join(LOG_DIR, "gdb-null_deref.log")
        problems, transcript = run_gdb_session(ctx.elf_path, ctx.isos[CMDLINE], log)
        return Outcome([result(NAME, problems)], time.monotonic() - start,
                       excerpt=transcript if problems else [], log=log)
    return Job(NAME, CMDLINE, run)


def free_port():
    """A TCP port nobody listens on now (the OS picks it)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gdb_command(elf, port):
    # echo markers make each answer easy to find in gdb's output.
    commands = [
        f"file {elf}",
        "set architecture i386:x86-64",
        f"target remote :{port}",
        "hbreak do_page_fault",
        "continue",
        "echo @@PC \\n", "print $pc",
        "echo @@SYMBOL \\n", "info symbol $pc",
        "echo @@CR2 \\n", "p/x $cr2",
        "echo @@BT \\n", "bt 8",
    ]
    cmd = ["gdb", "-batch", "-nx"]
    for c in commands:
        cmd += ["-ex", c]
    return cmd


def run_gdb(elf, port):
    """gdb's transcript; retried while QEMU has not opened the port yet."""
    for _ in range(CONNECT_TRIES):
        proc = subprocess.run(gdb_command(elf, port), capture_output=True, text=True,
                              timeout=GDB_TIMEOUT, stdin=subprocess.DEVNULL)
        out = proc.stdout + proc.stderr
        if "Connection refused" not in out:
            return out
        time.sleep(CONNECT_RETRY_SECONDS)
    return out


def section(out, marker):
    """The lines gdb printed after an "@@MARKER" echo, up to the next marker."""
    m = re.search(rf"@@{marker} \n(.*?)(?=@@|\Z)", out, re.S)
    return m[1] if m else ""


def check_transcript(out):
    """What gdb saw: the stop in do_page_fault, $pc, CR2 and the backtrace."""
    if G_PACKET_ERROR in out:
        return [f"gdb: {G_PACKET_ERROR} (gdb assumed a 32-bit register block; "
                "see the comment at the top of tests/harness/gdb.py)"]
    return stop_problems(out) + cr2_problems(out) + backtrace_problems(out)


def stop_problems(out):
    """gdb stopped at the breakpoint, in do_page_fault, for a write to a missing page."""
    problems = []
    if not re.search(r"Breakpoint 1, .*do_page_fault", out):
        problems.append("gdb did not stop at the do_page_fault hardware breakpoint")
    elif not re.search(r"do_page_fault \(.*error_code=2\b", out):
        problems.append("do_page_fault's error_code is not 2 (a kernel write to a missing page)")
    if not re.search(r"<do_page_fault(\+\d+)?>", section(out, "PC")):
        problems.append("$pc is not in do_page_fault")
    if not section(out, "SYMBOL").startswith("do_page_fault "):
        problems.append("info symbol $pc does not say do_page_fault")
    return problems


def cr2_problems(out):
    cr2 = re.search(r"= (0x[0-9a-f]+)", section(out, "CR2"))
    if not cr2 or int(cr2[1], 16) != 0:
        return [f"$cr2 is {cr2[1] if cr2 else 'unreadable'}, expected 0x0 (the NULL store)"]
    return []


def backtrace_problems(out):
    bt = section(out, "BT")
    return [f"bt does not mention {func}" for func in ("do_page_fault", "do_trap")
            if not re.search(rf"\b{func} \(", bt)]


def run_gdb_session(elf, iso, log):
    """Boot iso halted, drive gdb; return (problems, transcript lines)."""
    port = free_port()
    qemu = subprocess.Popen(qemu_boot(iso, log, BOOT_TIMEOUT, "--gdb-wait", "--gdb-port", str(port)),
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        out = run_gdb(elf, port)
        problems = check_transcript(out)
        # gdb detached, so the kernel goes on: the oops, then panic=1's exit.
        status = qemu.wait(timeout=BOOT_TIMEOUT)
        if status != EXIT_PANIC:
            problems.append(f"after gdb detached, QEMU exited {status}, expected {EXIT_PANIC} (panic=1)")
    except subprocess.TimeoutExpired as e:
        problems, out = [f"timed out: {' '.join(e.cmd[:2]) if e.cmd else 'QEMU'}"], ""
    finally:
        stop_qemu_boot(qemu)
    return problems, out.splitlines()
