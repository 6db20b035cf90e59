"""info tlb: the oops's page walk for rodata_write against QEMU's own
page-table dump.

Booted without panic=1 so the machine stays up after the oops; the
monitor's "info tlb" prints each mapped page as "VADDR: PADDR XGPDACTUW"
(flags of the last-level entry), which must agree with the walk's last
entry.
"""
import os
import re
import socket
import subprocess
import tempfile
import time

from .boot import qemu_boot, stop_qemu_boot
from .config import BIOS_TIMEOUT, HEX16, LOG_DIR, PAGE_SIZE
from .logs import boot_ms, read_log, wait_for_line
from .pagewalk import PTE_NX, PTE_PFN, PTE_RW, parse_page_walk
from .results import Outcome, result
from .runner import Job

NAME = "info tlb rodata_write"
CMDLINE = "crash=rodata_write"
MONITOR_TIMEOUT = 5
TLB_FLAGS = (("X", PTE_NX), ("G", 1 << 8), ("D", 1 << 6), ("A", 1 << 5), ("U", 1 << 2), ("W", PTE_RW))


def info_tlb_job():
    def run(ctx):
        start = time.monotonic()
        log = os.path.join(LOG_DIR, "info-tlb-rodata_write.log")
        problems, detail = compare_info_tlb(ctx.isos[CMDLINE], log)
        return Outcome([result(NAME, problems)], time.monotonic() - start, boot_ms(read_log(log)),
                       excerpt=detail if problems else [], log=log)
    return Job(NAME, CMDLINE, run)


def compare_info_tlb(iso, log):
    """(problems, lines worth showing): boot to the oops, ask QEMU, compare."""
    if os.path.exists(log):
        os.remove(log)          # the last run's log would satisfy wait_for_line at once
    tlb, problem = info_tlb_after_oops(iso, log)
    if problem:
        return [problem], read_log(log)[-20:]
    lines = read_log(log)
    address = next((int(m[1], 16) for l in lines
                    if (m := re.match(rf"^BUG: unable to handle page fault for address: ({HEX16})", l))),
                   None)
    walk = next((l for l in lines if l.startswith("PGD ")), None)
    if address is None or walk is None:
        return ["no BUG line or page walk in the oops"], lines[-20:]
    return tlb_problems(address, parse_page_walk(walk)[0], tlb)


def info_tlb_after_oops(iso, log):
    """(info tlb's output, None) once the oops is over, or (None, problem)."""
    with tempfile.TemporaryDirectory(prefix="faultline-mon-") as tmp:
        sock_path = os.path.join(tmp, "monitor.sock")
        proc = subprocess.Popen(qemu_boot(iso, log, BIOS_TIMEOUT) + ["--monitor", sock_path],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        try:
            if not wait_for_line(log, r"^---\[ end Kernel panic", proc, BIOS_TIMEOUT):
                return None, "the oops never finished (no \"---[ end Kernel panic\")"
            return monitor_command(sock_path, "info tlb"), None
        finally:
            stop_qemu_boot(proc)


def monitor_command(sock_path, command):
    """Send one HMP command; return its output (read until the next "(qemu)" prompt)."""
    with socket.socket(socket.AF_UNIX) as s:
        s.settimeout(MONITOR_TIMEOUT)
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
    """The walk's last entry and QEMU's entry for the page: same frame, same flags."""
    page = address & ~(PAGE_SIZE - 1)
    m = re.search(rf"^{page:016x}: ([0-9a-f]+) ([-XGPDACTUW]{{9}})$", tlb, re.M)
    if not m:
        return [f"info tlb has no entry for page {page:016x}"], []
    leaf_lvl, leaf = walk[-1]
    qemu_phys, flags = int(m[1], 16), m[2]
    problems = []
    if qemu_phys & PTE_PFN != leaf & PTE_PFN:
        problems.append(f"oops {leaf_lvl} maps {leaf & PTE_PFN:x}, QEMU says {qemu_phys:x}")
    for letter, bit in TLB_FLAGS:
        if (letter in flags) != bool(leaf & bit):
            problems.append(f"oops {leaf_lvl} {leaf:x} and QEMU's flags {flags} disagree on {letter}")
    return problems, [m[0]]
