"""pftrace through tools/qrun: a few user programs run with the pftrace
command-line word, whose trace lines must name each fault's path (docs/tour.md;
000, 002, 003); qrun's stdout must be the program's recorded Linux output.
And the pftrace command: one process traced on its own channel (serial
port 3) while another runs untraced.
"""
import os
import re
import subprocess
import time

from .compare import compare_output, expected_path, read_expected
from .config import LOG_DIR, QRUN, REPO, USER_BINARIES, relpath
from .logs import read_log
from .results import Outcome, result
from .runner import Job

NAME = "pftrace names each fault's path (via tools/qrun)"
ONE_NAME = "pftrace PROG traces PROG and its children only, on the trace channel"
ONE_SCRIPT = os.path.join(os.path.dirname(__file__), "data", "pftrace_one.sh")
PFPLOT, VMAPLOT = (os.path.join(REPO, "tools", t) for t in ("pfplot", "vmaplot"))
PF_PID_RE = re.compile(r"pf: pid (\d+) ")

# pftrace: each program's faults must name the path docs/tour.md describes.
PFTRACE_CASES = [
    ("stack_below_rsp", [r"pf: pid \d+ addr 0x7ff\w+ .*err 0x6 \[user write not-present\] vma \[\[stack\] rw- growsdown\] 0x\w+-0x\w+ \(next above\) -> expand_stack -> handle_mm_fault -> do_anonymous_page"]),
    ("null_write", [r"err 0x6 \[user write not-present\] vma \[[^]]*\] 0x\w+-0x\w+ \(next above\) -> bad_area -> SIGSEGV SEGV_MAPERR",
                    r"addr 0x0 "]),
    ("ro_write", [r"\[user write protection\] vma \[anon r--\] 0x\w+-0x\w+ -> access_error -> SIGSEGV SEGV_ACCERR"]),
    ("sigbus_eof", [r"-> do_fault \(/\S+/sigbus_eof pgoff \d+\) -> do_read_fault -> filemap_fault \(beyond EOF\) -> VM_FAULT_SIGBUS -> do_sigbus -> SIGBUS BUS_ADRERR",
                    r"-> filemap_fault \(read page\)"]),
    ("fork_cow", [r"-> do_wp_page \(copy\)"]),
    ("efault", [r"\[kernel read not-present\].* -> fixup_exception -> -EFAULT"]),
]


def pftrace_job():
    """tools/qrun --cmdline pftrace on a few programs: the trace lines name
    each fault's path (docs/scenarios/), and qrun itself is exercised."""
    def run(ctx):
        start = time.monotonic()
        problems, detail = [], []
        for prog, patterns in PFTRACE_CASES:
            p, d = check_program(ctx, prog, patterns)
            problems += p
            detail += d
        results = [result(NAME, problems, detail), result(ONE_NAME, check_one_process(ctx))]
        return Outcome(results, time.monotonic() - start, note=f"{len(PFTRACE_CASES) + 1} programs")
    return Job(NAME, None, run)


def check_program(ctx, prog, patterns):
    """([problem], diff lines) for one program under qrun --cmdline pftrace."""
    log = os.path.join(LOG_DIR, f"pftrace-{prog}.log")
    # --disk-size 1M: these programs write no files, and a smaller RAM disk
    # loads faster; stdin /dev/null, or qrun would copy ours into the image.
    proc = subprocess.run([QRUN, "--log", log, "--cmdline", "pftrace", "--disk-size", "1M",
                           os.path.join(USER_BINARIES, prog)], capture_output=True,
                          stdin=subprocess.DEVNULL,
                          env={**os.environ, "FAULTLINE_KERNEL": ctx.elf_path})
    lines = read_log(log)
    problems = [f"{prog}: no pftrace line matches /{pat}/ (log {log})"
                for pat in patterns if not any(re.search(pat, l) for l in lines)]
    # The recorded output ends with init's "[exit N]" line, which qrun does not print.
    expected = read_expected(prog).rsplit(b"[", 1)[0]
    differs, diff = compare_output(f"qrun {prog}", expected, proc.stdout, relpath(expected_path(prog)))
    if differs:
        problems.append(f"{prog}: qrun's stdout differs from tests/user/expected/{prog}.out")
    return problems, diff


def check_one_process(ctx):
    """[problem] for data/pftrace_one.sh: the pftrace command's lines reach
    the channel file, name the file and page offset of a file fault, and
    come from the traced program and its forked child only; the console
    (kernel log) gets none of them."""
    log = os.path.join(LOG_DIR, "pftrace-one.log")
    channel = os.path.join(LOG_DIR, "pftrace-one.trace")
    if os.path.exists(channel):
        os.unlink(channel)
    adds = [a for prog in ("stack_below_rsp", "fork_cow")
            for a in ("--add", f"{os.path.join(USER_BINARIES, prog)}:/t/{prog}")]
    proc = subprocess.run([QRUN, "--log", log, "--pftrace", channel, "--disk-size", "1M"] + adds +
                          [ONE_SCRIPT], capture_output=True, stdin=subprocess.DEVNULL,
                          env={**os.environ, "FAULTLINE_KERNEL": ctx.elf_path})
    out = proc.stdout.decode(errors="replace")
    pids = dict(re.findall(r"^(shell|untraced|traced) (\d+)$", out, re.M))
    if proc.returncode != 0 or "done" not in out or len(pids) != 3:
        return [f"qrun {relpath(ONE_SCRIPT)} exited {proc.returncode}, printed {out!r} (log {log})"]
    lines = read_log(channel) if os.path.exists(channel) else []
    seen = {int(p) for l in lines for p in PF_PID_RE.findall(l)}
    problems = []
    if int(pids["untraced"]) in seen:
        problems.append(f"the untraced program (pid {pids['untraced']}) has lines in {channel}")
    if int(pids["traced"]) not in seen:
        problems.append(f"no line of the traced program (pid {pids['traced']}) in {channel}")
    if not seen - {int(pids["traced"]), int(pids["untraced"]), int(pids["shell"])}:
        problems.append(f"no line of the traced program's forked child in {channel}")
    if not any(re.search(r"-> do_fault \(/t/fork_cow pgoff \d+\)", l) for l in lines):
        problems.append(f"no file fault naming /t/fork_cow and its page offset in {channel}")
    if any("pf: pid" in l for l in read_log(log)):
        problems.append(f"pftrace lines reached the console (log {log}), not only the channel")
    return problems + plot_problems(channel, pids["shell"])


def plot_problems(channel, shell_pid):
    """tools/pfplot and tools/vmaplot draw the channel's file: the faults,
    with fork_cow's copy-on-write ones among them, and the shell's address
    space from its vmadump, with its stack and some resident pages."""
    problems = []
    pf_svg, vma_svg = channel + ".faults.svg", channel + ".space.svg"
    pf = subprocess.run([PFPLOT, channel, "-o", pf_svg], capture_output=True, text=True)
    if pf.returncode or not re.search(r"\d+ COW", pf.stdout) or not svg_has(pf_svg, "fault number"):
        problems.append(f"tools/pfplot {relpath(channel)}: status {pf.returncode}, said "
                        f"{(pf.stdout + pf.stderr).strip()[-300:]!r}; no COW faults or no picture")
    vm = subprocess.run([VMAPLOT, channel, "-o", vma_svg], capture_output=True, text=True)
    m = re.search(r"pid (\d+) .*: (\d+) VMAs, (\d+) resident pages", vm.stdout)
    if vm.returncode or not m or m[1] != shell_pid or int(m[3]) == 0 or not svg_has(vma_svg, "[stack]"):
        problems.append(f"tools/vmaplot {relpath(channel)}: status {vm.returncode}, said "
                        f"{(vm.stdout + vm.stderr).strip()[-300:]!r}; wanted the shell's (pid {shell_pid}) "
                        "address space with resident pages and its [stack]")
    return problems


def svg_has(path, text):
    try:
        with open(path, errors="replace") as f:
            return text in f.read()
    except OSError:
        return False
