"""User programs, compared with Linux: one boot runs every tests/user
program (user/init.c --run-tests), and each must print exactly what it
printed on Linux (tests/user/expected/NAME.out, recorded with
tools/linux-expect) and give back every page it used.  A difference is
shown as a unified diff, expected (Linux) against got (faultline).

The default-CPU boot also saves its RAM disk when init is done (brd.save,
qemu-boot --save-disk build/test-logs/user-disk.img), and diskcheck.py
checks the image on the host: e2fsck -fn, and the file disk_hostcheck wrote.
"""
import difflib
import os

from .boot import Boot
from .config import USER_DISK, USER_EXPECTED, USER_SOURCES, relpath
from .diskcheck import disk_results
from .results import Result, result

DIFF_LINES = 40                 # diff lines shown under a failed comparison
DIFF_CONTEXT = 2


MEMORY_DEBUG = "slub_debug page_poison=1"


# The names of the chosen programs reach init as arguments on the kernel
# command line, and the kernel passes init at most 32 arguments, its own
# name among them (init/kernel_init.c MAX_INIT_ARGS, as Linux's): a boot
# runs 28 names beside "--run-tests" and "/tests" (checked: the 29th of a
# longer list "did not run").  Longer lists are run in several boots.
NAMES_PER_BOOT = 28


def user_programs_boots(names):
    """The boots that run just these tests/user programs (make test T=...):
    as few as init's argument limit allows, so a long list is never cut short."""
    names = sorted(names)
    parts = [names[i:i + NAMES_PER_BOOT] for i in range(0, len(names), NAMES_PER_BOOT)] or [[]]
    if len(parts) == 1:
        return [user_tests_boot("", None, only=parts[0])]
    return [user_tests_boot(f" ({k}/{len(parts)})", None, only=p) for k, p in enumerate(parts, 1)]


def user_tests():
    """The user programs twice: on the default CPU model, and on "-cpu max",
    where the kernel turns SMEP and SMAP on (stac/clac around every uaccess)
    and memory debugging (red zones and poison, mm/slub_debug.c and
    mm/page_poison.c) checks every kmalloc, kfree and page allocation.
    The first also saves its RAM disk for diskcheck.py."""
    return [user_tests_boot("", None, save_disk=USER_DISK),
            user_tests_boot(" (SMEP+SMAP, slub_debug)", "max", debug=MEMORY_DEBUG)]


def user_tests_boot(label, cpu, save_disk=None, debug="", only=None):
    """One boot runs every tests/user program (or only those named); one Result
    for the boot, one per program, and with save_disk the two disk checks."""
    names = only or expected_names()

    def check(run):
        data = read_com2(run.log + ".com2")
        runs = split_user_output(data)
        results = [check_user_run(n, runs, label) for n in names]
        problems = (missing_expected(names) if not only else []) + boot_problems(run, data, cpu)
        run.note = f"{sum(r.ok for r in results)}/{len(results)} programs match Linux"
        disk = disk_results(run, save_disk) if save_disk else []
        return [result(f"user programs boot{label}", problems)] + results + disk
    # brd.save: the kernel halts after syncing, for qemu-boot to copy the disk out.
    cmdline = "panic=1 %s%s-- --run-tests /tests" % ("brd.save " if save_disk else "",
                                                     debug + " " if debug else "")
    name = f"user programs vs Linux{label}"
    if only:
        cmdline += " " + " ".join(only)
        name += ": " + " ".join(only)
    return Boot(name, cmdline, check, mem="256M",
                user_output=True, cpu=cpu, long_run=True, save_disk=save_disk)


def expected_names():
    """The programs with a recorded Linux output, sorted."""
    return sorted(n[:-4] for n in os.listdir(USER_EXPECTED) if n.endswith(".out"))


def expected_path(name):
    return os.path.join(USER_EXPECTED, name + ".out")


def read_expected(name):
    with open(expected_path(name), "rb") as f:
        return f.read()


def read_com2(path):
    if not os.path.exists(path):
        return b""
    with open(path, "rb") as f:
        return f.read()


GLIBC_MARK = b"\n * build: musl glibc\n"     # tests/user/build.sh builds NAME-glibc too


def program_names():
    """tests/user/NAME.c is the program NAME, and NAME-glibc when it asks."""
    names = set()
    for n in os.listdir(USER_SOURCES):
        if n.endswith(".c"):
            names.add(n[:-2])
            with open(os.path.join(USER_SOURCES, n), "rb") as f:
                if GLIBC_MARK in f.read():
                    names.add(n[:-2] + "-glibc")
    return names


def missing_expected(names):
    """Every program built from tests/user needs its expected output."""
    sources = program_names()
    return [f"{n}.c has no expected output (run tools/linux-expect {n})"
            for n in sorted(sources - set(names))]


def boot_problems(run, data, cpu):
    """The boot as a whole: init finished, SMEP/SMAP on where asked (run_boot refuses an oops)."""
    problems = []
    if b"@@@ DONE" not in data:
        problems.append("init never printed \"@@@ DONE\": the run stopped early")
    if cpu == "max" and not any("SMEP on, SMAP on" in l for l in run.lines):
        problems.append("the kernel did not report \"SMEP on, SMAP on\" on -cpu max")
    return problems


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
        slab = tail.partition(b"@@@ SLAB ")[2].split(b"\n", 1)[0].split()
        runs[name.decode()] = (body, free, slab)
    return runs


def check_user_run(name, runs, label):
    """One program: its output is Linux's, and its pages all came back."""
    test = f"user {name}{label}"
    expected = read_expected(name)
    if name not in runs:
        return Result(test, False, ["the program did not run (no \"@@@ BEGIN\" frame)"])
    got, free, slab = runs[name]
    problems, detail = compare_output(test, expected, got, relpath(expected_path(name)))
    if len(free) != 2 or free[0] != free[1]:
        problems.append(f"free memory before/after differs: {b' '.join(free).decode()} "
                        "(the program's pages were not all given back)")
    if len(slab) != 2 or slab[0] != slab[1]:
        problems.append(f"kernel objects in use before/after differ: {b' '.join(slab).decode()} "
                        "(/proc/slabinfo: the program left kmalloc objects behind)")
    return result(test, problems, detail)


def compare_output(test, expected, got, expected_name):
    """([problem], diff lines) if got is not expected, else ([], [])."""
    if got == expected:
        return [], []
    return ([f"output differs from Linux's ({expected_name}):"],
            output_diff(test, expected, got, expected_name))


def output_diff(test, expected, got, expected_name, limit=DIFF_LINES):
    """A unified diff, expected (Linux) against got (faultline), cut at limit lines."""
    exp = expected.decode("latin-1").splitlines()
    out = got.decode("latin-1").splitlines()
    diff = list(difflib.unified_diff(exp, out, f"expected: {expected_name} (Linux)",
                                     f"got: {test} (faultline)", lineterm="", n=DIFF_CONTEXT))
    if not diff:
        return ["(outputs differ only in the final newline)"]
    if len(diff) > limit:
        diff = diff[:limit] + [f"... ({len(diff) - limit} more diff lines)"]
    return diff
