"""tools/gdb/faultline.py - gdb commands for looking inside faultline
(loaded by tools/gdbinit, so "make gdb" has them; "help fl-..." for each).

  fl-ps                 every task: pid, tgid, parent, state, comm
  fl-vmas [PID]         the VMAs, one line each, as /proc/PID/maps prints them
  fl-pgwalk ADDR [PID]  the 4-level page walk of ADDR, each entry's bits by name
  fl-dmesg [N]          the kernel log ring buffer (the last N lines)
  fl-pagecache INODE    a file's cached pages and their state
  fl-oops               the last oops (or BUG, or panic) in the kernel log
  $fl_task(PID)         a struct task_struct * by pid ($fl_task() is current)
  $fl_user_regs([PID])  the struct pt_regs * saved at the task's last entry

"bt" goes through a trap frame (struct pt_regs) to the RIP that was
interrupted, a kernel function or user code, where the backtrace ends: the
entry code's call frame information does that (arch/x86/entry/entry_64.asm),
and a frame filter here only names those frames, "<trap frame: ...>" and
"<user space>", where gdb would say "<signal handler called>" and "??".

The commands read the kernel's own data structures through the debug
information in kernel.elf (field names, types, array sizes).  Constants
that are #defines, and so absent from the debug information (the PTE bits,
PG_ flags, VM_ flags, the direct-map base), are read from the headers that
define them, so there is one copy of each value: the kernel's.
"""
import ast
import os
import re

import gdb
from gdb.FrameDecorator import FrameDecorator

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


# ------------------------------------------------------------ #defines from the headers

def _read_defines(relpath):
    """{NAME: expression text} of the one-line #defines in a repo file."""
    with open(os.path.join(REPO, relpath), encoding="utf-8") as f:
        text = f.read()
    text = re.sub(r"/\*.*?\*/|//[^\n]*", "", text, flags=re.S)
    return {m[1]: m[2].strip() for m in
            re.finditer(r"^#define[ \t]+([A-Za-z_]\w*)[ \t]+([^\n\\]+)$", text, re.M)}


class Defines:
    """Integer-valued #defines of some headers, evaluated on demand.

    Only integer arithmetic is understood (1UL << 9, A | B, 0xff...UL, other
    names); anything else (casts, function-like macros) is not a number."""

    def __init__(self, *relpaths):
        self.text = {}
        for p in relpaths:
            self.text.update(_read_defines(p))
        self.cache = {}

    def get(self, name):
        if name not in self.cache:
            self.cache[name] = None          # a cycle evaluates to None
            self.cache[name] = self._eval(self.text.get(name))
        return self.cache[name]

    def __getitem__(self, name):
        value = self.get(name)
        if value is None:
            raise gdb.GdbError(f"faultline.py: cannot read #define {name} from the headers")
        return value

    def _eval(self, expr):
        if expr is None:
            return None
        expr = re.sub(r"\b(0[xX][0-9a-fA-F]+|\d+)[uUlL]+\b", r"\1", expr)
        try:
            return self._node(ast.parse(expr, mode="eval").body) & ((1 << 64) - 1)
        except (SyntaxError, ValueError, TypeError):
            return None

    def _node(self, n):
        ops = {ast.LShift: lambda a, b: a << b, ast.RShift: lambda a, b: a >> b,
               ast.BitOr: lambda a, b: a | b, ast.BitAnd: lambda a, b: a & b,
               ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b,
               ast.Mult: lambda a, b: a * b}
        if isinstance(n, ast.Constant) and isinstance(n.value, int):
            return n.value
        if isinstance(n, ast.Name):
            v = self.get(n.id)
            if v is None:
                raise ValueError(n.id)
            return v
        if isinstance(n, ast.BinOp) and type(n.op) in ops:
            return ops[type(n.op)](self._node(n.left), self._node(n.right))
        if isinstance(n, ast.UnaryOp) and isinstance(n.op, ast.Invert):
            return ~self._node(n.operand)
        if isinstance(n, ast.UnaryOp) and isinstance(n.op, ast.USub):
            return -self._node(n.operand)
        raise ValueError(ast.dump(n))

    def bits(self, prefix):
        """[(bit value, NAME without prefix)] of the single-bit defines named PREFIX*."""
        out = []
        for name in self.text:
            if name.startswith(prefix):
                v = self.get(name)
                if v and v & (v - 1) == 0:
                    out.append((v, name[len(prefix):]))
        return out


# Where each constant lives (Linux keeps the same ones in the same places).
PAGE_H = "arch/x86/include/asm/page.h"
PGTABLE_H = "arch/x86/include/asm/pgtable.h"
MM_H = "include/mm.h"
MM_TYPES_H = "include/mm_types.h"
TASK_MMU_C = "fs/proc/task_mmu.c"
FS_H = "include/fs.h"
_defs = {}


def defs(relpath):
    if relpath not in _defs:
        _defs[relpath] = Defines(relpath, PAGE_H)      # page.h: PAGE_SIZE, PAGE_SHIFT for all
    return _defs[relpath]


# ------------------------------------------------------------ reading the kernel

def u64(addr):
    """The 8 bytes at a kernel virtual address."""
    mem = gdb.selected_inferior().read_memory(int(addr), 8)
    return int.from_bytes(bytes(mem), "little")


def container_of(node, type_name, member):
    """The struct TYPE_NAME that holds the list_head/rb_node at NODE."""
    t = gdb.lookup_type(type_name)
    offset = next(f.bitpos // 8 for f in t.fields() if f.name == member)
    addr = int(node) - offset
    return gdb.Value(addr).cast(t.pointer())


def list_for_each_entry(head, type_name, member):
    """Each TYPE_NAME * on the list whose head is HEAD (a struct list_head value)."""
    head_addr = int(head.address)
    node = head["next"]
    seen = 0
    while int(node) != head_addr:
        yield container_of(node, type_name, member)
        node = node["next"]
        seen += 1
        if seen > 100000:
            raise gdb.GdbError("list does not come back to its head: corrupt?")


def c_string(value, limit=256):
    """A NUL-terminated string at a char * or in a char array, read at most LIMIT bytes."""
    addr = int(value.address) if value.type.strip_typedefs().code == gdb.TYPE_CODE_ARRAY else int(value)
    if value.type.strip_typedefs().code == gdb.TYPE_CODE_ARRAY:
        limit = min(limit, value.type.sizeof)
    data = b""
    while len(data) < limit:        # a page at a time: the string may end before a hole
        step = min(limit - len(data), 4096 - (addr + len(data)) % 4096)
        try:
            chunk = bytes(gdb.selected_inferior().read_memory(addr + len(data), step))
        except gdb.MemoryError:
            break
        data += chunk
        if b"\0" in chunk:
            break
    return data.split(b"\0", 1)[0].decode("utf-8", "replace")


def tasks():
    return list_for_each_entry(gdb.parse_and_eval("task_list"), "struct task_struct", "tasks")


def task_by_pid(pid):
    for t in tasks():
        if int(t["pid"]) == pid:
            return t
    raise gdb.GdbError(f"no task with pid {pid}")


def current_task():
    t = gdb.parse_and_eval("current")
    if int(t) == 0:
        raise gdb.GdbError("current is NULL (the kernel has not started its first task yet)")
    return t


def task_arg(arg):
    """The task an optional PID argument names (current by default)."""
    arg = arg.strip()
    if not arg:
        return current_task()
    return task_by_pid(int(gdb.parse_and_eval(arg)))


def task_pt_regs(task):
    """include/sched.h task_pt_regs: the top of the task's kernel stack."""
    regs_t = gdb.lookup_type("struct pt_regs")
    top = int(task["stack"]) + defs(MM_H)["THREAD_SIZE"]
    return gdb.Value(top - regs_t.sizeof).cast(regs_t.pointer())


# ------------------------------------------------------------ the commands

class FlCommand(gdb.Command):
    """A command that reads the kernel: run(arg) does the work."""

    def __init__(self, name):
        super().__init__(name, gdb.COMMAND_DATA)
        self.name = name

    def invoke(self, arg, from_tty):
        try:
            self.run(arg)
        except gdb.MemoryError as e:
            raise gdb.GdbError(f"{self.name}: {e} (before the kernel runs in 64-bit mode, "
                               "stop somewhere in it first: hbreak start_kernel, continue)")


# ------------------------------------------------------------ fl-ps

# fs/proc/array.c task_state_name: the letter and word Linux shows.
STATE_WORDS = {"TASK_RUNNING": "R (running)", "TASK_INTERRUPTIBLE": "S (sleeping)",
               "TASK_STOPPED": "T (stopped)", "TASK_ZOMBIE": "Z (zombie)"}


def task_state(task):
    return STATE_WORDS.get(str(task["state"]), "X (dead)")


class FlPs(FlCommand):
    """List every task: fl-ps
Prints one line per task on task_list (kernel/sched.c), the way ps does:
PID (the thread id), TGID (the process), PPID, STATE as /proc/PID/status
shows it (R running, S sleeping, T stopped, Z zombie, X dead), and COMM.
The task running now (current) is marked with '>'; pid 0 is the idle task."""

    def __init__(self):
        super().__init__("fl-ps")

    def run(self, arg):
        cur = int(gdb.parse_and_eval("current"))
        print(f"  {'PID':>5} {'TGID':>5} {'PPID':>5} {'STATE':<14} COMM")
        for t in tasks():
            parent = t["parent"]
            ppid = int(parent["tgid"]) if int(parent) else 0
            mark = ">" if int(t) == cur else " "
            print(f"{mark} {int(t['pid']):>5} {int(t['tgid']):>5} {ppid:>5} "
                  f"{task_state(t):<14} {c_string(t['comm'])}")


# ------------------------------------------------------------ fl-vmas

def vma_line(v):
    """One line of /proc/PID/maps, as fs/proc/task_mmu.c show_map_vma prints it."""
    mt, proc, page, fs = defs(MM_TYPES_H), defs(TASK_MMU_C), defs(PAGE_H), defs(FS_H)
    flags = int(v["vm_flags"])
    f = v["vm_file"]
    inode = f["f_inode"] if int(f) else None
    major = minor = ino = 0
    if inode is not None:
        ino = int(inode["i_ino"])
        if int(inode["i_sb"]):
            dev = int(inode["i_sb"]["s_dev"])    # the super block's device (fs/super.c)
            major, minor = dev >> fs["MINORBITS"], dev & ((1 << fs["MINORBITS"]) - 1)
        else:
            minor = proc["SHMEM_DEV_MINOR"]
    perms = ("r" if flags & mt["VM_READ"] else "-") + ("w" if flags & mt["VM_WRITE"] else "-") + \
        ("x" if flags & mt["VM_EXEC"] else "-") + ("s" if flags & mt["VM_MAYSHARE"] else "p")
    offset = int(v["vm_pgoff"]) << page["PAGE_SHIFT"] if int(f) else 0
    line = f"{int(v['vm_start']):08x}-{int(v['vm_end']):08x} {perms} {offset:08x} " \
        f"{major:02x}:{minor:02x} {ino} "
    name = None
    if int(f) and int(f["f_path"]):
        name = c_string(f["f_path"], 4096) + ("" if int(inode["i_nlink"]) else " (deleted)")
    elif int(v["vm_name"]):
        name = c_string(v["vm_name"])
    if name is not None:      # seq_pad: spaces to the column, then one more
        line = line.ljust(proc["MAPS_NAME_COLUMN"]) + " " + name
    return line


def vmas(mm):
    return list_for_each_entry(mm["mmap"], "struct vm_area_struct", "vm_list")


class FlVmas(FlCommand):
    """Print a process's VMAs as /proc/PID/maps does: fl-vmas [PID]
One line per struct vm_area_struct on mm->mmap (address order), in the
format of fs/proc/task_mmu.c (Linux's show_map_vma):
  start-end perms offset major:minor inode   name
perms are r/w/x from vm_flags and p (private) or s (VM_MAYSHARE); the name
is the file's path, [heap], [stack] or nothing.  PID defaults to current;
the output is byte for byte what "cat /proc/PID/maps" would print now."""

    def __init__(self):
        super().__init__("fl-vmas")

    def run(self, arg):
        t = task_arg(arg)
        mm = t["mm"]
        if int(mm) == 0:
            raise gdb.GdbError(f"pid {int(t['pid'])} ({c_string(t['comm'])}) is a kernel task: no mm")
        for v in vmas(mm):
            print(vma_line(v))


# ------------------------------------------------------------ fl-pgwalk

# Intel's names for the four tables, top first (SDM vol. 3 section 4.5);
# Linux calls them PGD (P4D folded in), PUD, PMD and PTE.
# Each with the asm/page.h shift of the address bits that index it.
LEVELS = [("PML4", "PGD", "PGDIR_SHIFT"), ("PDPT", "PUD", "PUD_SHIFT"), ("PD", "PMD", "PMD_SHIFT"),
          ("PT", "PTE", "PAGE_SHIFT")]
# Short names for the _PAGE_* bits of asm/pgtable.h (the values come from there).
BIT_NAMES = {"PRESENT": "P", "RW": "RW", "USER": "US", "PWT": "PWT", "PCD": "PCD",
             "ACCESSED": "A", "DIRTY": "D", "PSE": "PS", "GLOBAL": "G", "NX": "NX"}


def pte_bits(entry, leaf_level):
    """The names of the bits set in a page-table entry, lowest bit first."""
    by_bit = {}
    for value, name in defs(PGTABLE_H).bits("_PAGE_"):
        # a bit with two names (SOFTW1 and PROTNONE): the one that says what faultline uses it for
        if value not in by_bit or by_bit[value].startswith("SOFTW"):
            by_bit[value] = name
    names = []
    for value in sorted(by_bit):
        if entry & value:
            name = BIT_NAMES.get(by_bit[value], by_bit[value])
            if name == "PS" and leaf_level:
                name = "PAT"        # bit 7 of a 4 KiB PTE is PAT, not PS (SDM table 4-20)
            names.append(name)
    return names


def address_of(value):
    """An address from an expression: a number, a pointer, or a function or array (its address)."""
    if value.type.strip_typedefs().code in (gdb.TYPE_CODE_FUNC, gdb.TYPE_CODE_ARRAY):
        value = value.address
    return int(value.cast(gdb.lookup_type("unsigned long")))


def pgd_of(task_arg_text):
    """(the top table's kernel address, what it belongs to)."""
    page = defs(PAGE_H)
    if task_arg_text.strip():
        t = task_arg(task_arg_text)
        mm = t["mm"]
        who = f"pid {int(t['pid'])} ({c_string(t['comm'])})"
        if int(mm):
            return int(mm["pgd"]), who + " mm->pgd"
        return int(gdb.parse_and_eval("init_pgd")), who + ", a kernel task: init_pgd"
    cr3 = int(gdb.parse_and_eval("$cr3"))
    return (cr3 & defs(PGTABLE_H)["PTE_PFN_MASK"]) + page["PAGE_OFFSET"], f"CR3 0x{cr3:x}"


class FlPgwalk(FlCommand):
    """Walk the page tables for an address: fl-pgwalk ADDR [PID]
Prints the PML4, PDPT, PD and PT entries that translate ADDR (Linux: PGD,
PUD, PMD, PTE), each with its index, its value and its set bits by name:
  P present   RW writable   US user   PWT/PCD caching   A accessed
  D dirty     PS large page (PAT in a PT entry)   G global   NX no-execute
  PROTNONE    faultline's software bit 9: a PROT_NONE page, P clear
(values from arch/x86/include/asm/pgtable.h), then the physical address,
or the level where the walk stopped.  The tables are those of PID's mm, or
with no PID of the current CR3."""

    def __init__(self):
        super().__init__("fl-pgwalk")

    def run(self, arg):
        argv = gdb.string_to_argv(arg)
        if not argv:
            raise gdb.GdbError("usage: fl-pgwalk ADDR [PID]")
        addr = address_of(gdb.parse_and_eval(argv[0]))
        table, who = pgd_of(" ".join(argv[1:]))
        pt, page = defs(PGTABLE_H), defs(PAGE_H)
        mask, present, huge = pt["PTE_PFN_MASK"], pt["_PAGE_PRESENT"], pt["_PAGE_PSE"]
        protnone = pt.get("_PAGE_PROTNONE") or 0
        print(f"fl-pgwalk 0x{addr:x} in {who}: top table at 0x{table:x}")
        for level, (intel, linux, shift_name) in enumerate(LEVELS):
            shift = page[shift_name]
            index = (addr >> shift) & (page["PTRS_PER_TABLE"] - 1)
            entry = u64(table + 8 * index)
            leaf = level == len(LEVELS) - 1
            bits = " ".join(pte_bits(entry, leaf))
            print(f"  {intel:<4} ({linux}) [{index:3}] 0x{entry:016x}  {bits}".rstrip())
            if not entry & present:
                why = " (PROTNONE: a page is attached, every access faults)" \
                    if leaf and entry & protnone else ""
                print(f"  walk stops at {intel}: entry not present{why}")
                return
            if leaf or entry & huge:
                size = 1 << shift
                phys = (entry & mask & ~(size - 1)) | (addr & (size - 1))
                kind = "4 KiB page" if leaf else f"{size >> 20} MiB page" if size < 1 << 30 \
                    else f"{size >> 30} GiB page"
                print(f"  -> phys 0x{phys:x} ({kind} at 0x{phys - (addr & (size - 1)):x} "
                      f"+ 0x{addr & (size - 1):x})")
                return
            table = (entry & mask) + page["PAGE_OFFSET"]


# ------------------------------------------------------------ the log: fl-dmesg, fl-oops

def log_records():
    """(text, seconds, microseconds) of each record in kernel/printk_ringbuffer.c's ring, oldest first.

    The ring is read in one piece (a thousand records one field at a time
    would be thousands of round trips to the gdb stub)."""
    ring = gdb.parse_and_eval("log_ring")
    rec_t = ring.type.target()
    slots = ring.type.range()[1] + 1
    offset = {f.name: f.bitpos // 8 for f in rec_t.fields()}
    size = {f.name: f.type.sizeof for f in rec_t.fields()}
    data = bytes(gdb.selected_inferior().read_memory(ring.address, ring.type.sizeof))
    next_seq = int(gdb.parse_and_eval("log_next_seq"))

    def field(base, name):
        return int.from_bytes(data[base + offset[name]:base + offset[name] + size[name]], "little")
    out = []
    for seq in range(max(0, next_seq - slots), next_seq):
        base = (seq % slots) * rec_t.sizeof
        n = min(field(base, "len"), size["text"])
        text = data[base + offset["text"]:base + offset["text"] + n].decode("utf-8", "replace")
        us = field(base, "ts_nsec") // 1000
        out.append((text, us // 1000000, us % 1000000))
    return out


def format_record(rec):
    text, s, us = rec
    return f"[{s:5}.{us:06}] {text}"


class FlDmesg(FlCommand):
    """Print the kernel log ring buffer: fl-dmesg [N]
Every record still in log_ring (kernel/printk_ringbuffer.c), oldest first,
as "[seconds.micros] text" like dmesg; with N, only the last N.  The ring
keeps every level, also what console_loglevel kept off the serial port."""

    def __init__(self):
        super().__init__("fl-dmesg")

    def run(self, arg):
        recs = log_records()
        if arg.strip():
            recs = recs[-int(gdb.parse_and_eval(arg)):]
        for rec in recs:
            print(format_record(rec))


# How an oops report starts and ends (arch/x86/kernel/dumpstack.c, arch/x86/mm/fault.c).
DIE_HEADER = re.compile(r"^.+: [0-9a-f]{4} \[#\d+\]")          # "Oops: 0002 [#1] NOPTI"
OOPS_PREAMBLE = re.compile(r"^(BUG[: ]|#PF: |PGD |unable to execute|kernel tried to execute|traps: )")
OOPS_END = "---[ end trace"
OOPS_EPILOGUE = re.compile(r"^(RIP: |Code: |RSP: |R[A-D1]|RBP|RSI|RDI|R0|R1|FS: |CS: |CR2: |Kernel panic"
                           r"|---\[ end Kernel panic|note: )")


def last_oops(texts):
    """[first, last) record indexes of the last oops, BUG or panic; None if none."""
    headers = [i for i, t in enumerate(texts) if DIE_HEADER.match(t)]
    if headers:
        start = headers[-1]
        while start > 0 and OOPS_PREAMBLE.match(texts[start - 1]):
            start -= 1
        end = next((i + 1 for i in range(headers[-1], len(texts)) if texts[i].startswith(OOPS_END)),
                   len(texts))
        while end < len(texts) and OOPS_EPILOGUE.match(texts[end]):
            end += 1
        return start, end
    bugs = [i for i, t in enumerate(texts) if t.startswith("BUG") or t.startswith("Kernel panic")]
    if bugs:
        return bugs[-1], len(texts)
    return None


class FlOops(FlCommand):
    """Print the last oops: fl-oops
Finds the last oops in the kernel log ring (fl-dmesg): its die header
("Oops: 0002 [#1]", "general protection fault: 0000 [#1]", ...) with the
"BUG:", "#PF:" and page-walk lines before it, through "---[ end trace" and
the register dump and panic line after it.  With no oops, the last "BUG" or
"Kernel panic" line and what follows.  Feed it to tools/decode-oops:
  (gdb) pipe fl-oops | tools/decode-oops"""

    def __init__(self):
        super().__init__("fl-oops")

    def run(self, arg):
        recs = log_records()
        span = last_oops([r[0] for r in recs])
        if span is None:
            print("fl-oops: no oops, BUG or panic in the kernel log")
            return
        for rec in recs[span[0]:span[1]]:
            print(format_record(rec))


# ------------------------------------------------------------ fl-pagecache

def inode_arg(arg):
    """A struct inode * from an inode number on the root file system, or an
    expression of type struct inode *, struct file * or struct address_space *."""
    try:
        value = gdb.parse_and_eval(arg)
    except gdb.error as e:
        raise gdb.GdbError(str(e))
    t = value.type.strip_typedefs()
    if t.code == gdb.TYPE_CODE_PTR:
        target = str(t.target().strip_typedefs())
        if target == "struct inode":
            return value
        if target == "struct file":
            return value["f_inode"]
        if target == "struct address_space":
            return value["host"]
        raise gdb.GdbError(f"fl-pagecache: {arg} is a {t}, not an inode, file or address_space")
    ino = int(value)
    sb = gdb.parse_and_eval("root_sb")
    for inode in list_for_each_entry(sb["s_inodes"], "struct inode", "i_list"):
        if int(inode["i_ino"]) == ino:
            return inode
    raise gdb.GdbError(f"fl-pagecache: inode {ino} is not in memory (root_sb->s_inodes)")


def xa_entries(node, base=0):
    """(index, entry, set of marks) of each entry under an xa_node (lib/xarray.c)."""
    if int(node) == 0:
        return
    shift = int(node["shift"])
    slots = node["slots"]
    nslots = slots.type.range()[1] + 1
    marks = node["marks"]
    nmarks = marks.type.range()[1] + 1
    for i in range(nslots):
        slot = slots[i]
        if int(slot) == 0:
            continue
        index = base | (i << shift)
        if shift == 0:
            yield index, slot, {m for m in range(nmarks) if int(marks[m]) >> i & 1}
        else:
            yield from xa_entries(slot.cast(node.type), index)


# What the page cache's xarray marks are for, as include/xarray.h says
# (Linux: PAGECACHE_TAG_DIRTY is XA_MARK_0, PAGECACHE_TAG_WRITEBACK XA_MARK_1).
XA_MARK_NAMES = {0: "tag:dirty", 1: "tag:writeback"}


class FlPagecache(FlCommand):
    """Print a file's page cache: fl-pagecache INODE
INODE is an inode number on the root file system (the number ls -i and
/proc/PID/maps show), or an expression of type struct inode *, struct file *
or struct address_space * (e.g. vmf->vma->vm_file).  One line per page in
mapping->i_pages (an xarray, lib/xarray.c), by index (page offset in the
file): the struct page, its physical address, its PG_ flags by name
(include/mm.h), refcount, mapcount (user PTEs mapping it), and the xarray
marks (the dirty and writeback tags)."""

    def __init__(self):
        super().__init__("fl-pagecache")

    def run(self, arg):
        if not arg.strip():
            raise gdb.GdbError("usage: fl-pagecache INODE")
        inode = inode_arg(arg)
        mapping = inode["i_mapping"]
        page = defs(PAGE_H)
        flag_names = sorted(defs(MM_H).bits("PG_"))
        mem_map = int(gdb.parse_and_eval("mem_map"))
        page_size = gdb.lookup_type("struct page").sizeof
        print(f"inode {int(inode['i_ino'])}: size {int(inode['i_size'])}, "
              f"nrpages {int(mapping['nrpages'])}")
        count = 0
        for index, entry, marks in xa_entries(mapping["i_pages"]["xa_head"]):
            p = entry.cast(gdb.lookup_type("struct page").pointer())
            pfn = (int(p) - mem_map) // page_size
            flags = int(p["flags"])
            names = [n for v, n in flag_names if flags & v] + [XA_MARK_NAMES.get(m, f"mark{m}")
                                                               for m in sorted(marks)]
            print(f"  index {index:<6} page 0x{int(p):x} phys 0x{pfn << page['PAGE_SHIFT']:x} "
                  f"ref {int(p['refcount'])} map {int(p['mapcount'])}  {' '.join(names)}")
            count += 1
        if count != int(mapping["nrpages"]):
            print(f"  (found {count} pages, nrpages says {int(mapping['nrpages'])})")


# ------------------------------------------------------------ convenience functions

class FlTask(gdb.Function):
    """$fl_task(PID): the struct task_struct * of PID; $fl_task() is current."""

    def __init__(self):
        super().__init__("fl_task")

    def invoke(self, pid=None):
        return current_task() if pid is None else task_by_pid(int(pid))


class FlUserRegs(gdb.Function):
    """$fl_user_regs([PID]): the struct pt_regs * at the top of the task's kernel
stack (include/sched.h task_pt_regs): its user registers at its last entry."""

    def __init__(self):
        super().__init__("fl_user_regs")

    def invoke(self, pid=None):
        return task_pt_regs(current_task() if pid is None else task_by_pid(int(pid)))


# ------------------------------------------------------------ naming the trap frames in bt

REGS_ABOVE_RSP = 8              # entry_64.asm: "sub rsp, 8" before each call with pt_regs


class EntryFrameDecorator(FrameDecorator):
    """gdb calls a frame that the call frame information marks as a signal
    frame "<signal handler called>".  In this kernel such a frame is a trap
    frame: an entry stub with the struct pt_regs it saved at rsp + 8
    (arch/x86/entry/entry_64.asm).  The RIP a trap frame restores may be in
    user space, which ends the backtrace."""

    def function(self):
        frame = self.inferior_frame()
        if frame.type() == gdb.SIGTRAMP_FRAME:
            regs = int(frame.read_register("rsp")) + REGS_ABOVE_RSP
            return f"<trap frame: {frame.name() or '??'}, (struct pt_regs *)0x{regs:x}>"
        newer = frame.newer()
        if frame.pc() < defs(PAGE_H)["TASK_SIZE_MAX"] and newer is not None and newer.type() == gdb.SIGTRAMP_FRAME:
            return "<user space>"
        name = super().function()
        if isinstance(name, int) and "No symbol" in gdb.execute(f"info symbol {name}", to_string=True):
            return "??"             # what bt says without a frame filter
        return name


class EntryFrameFilter:
    def __init__(self):
        self.name = "faultline entry frames"
        self.priority = 100
        self.enabled = True
        gdb.frame_filters[self.name] = self

    def filter(self, frames):
        return map(EntryFrameDecorator, frames)


def register():
    EntryFrameFilter()
    for cmd in (FlPs, FlVmas, FlPgwalk, FlDmesg, FlPagecache, FlOops, FlTask, FlUserRegs):
        cmd()


register()
