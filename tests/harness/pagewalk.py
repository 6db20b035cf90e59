"""Page-table entries as the oops prints them ("PGD .. P4D .. PUD .. PMD ..
PTE .."): the walk's format, and what its last entry must say about the
faulting page (checked against kernel.elf's load addresses).  The info tlb
job compares the same walk with QEMU's view.
"""
import re


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
    return entries, problems + walk_stop_problems([e for e in entries if e[0] != "P4D"])


def walk_stop_problems(walked):
    """The walk must stop exactly at the first entry not present or mapping a large page."""
    problems = []
    for lvl, v in walked[:-1]:
        if not v & PTE_PRESENT or (lvl in ("PUD", "PMD") and v & PTE_PSE):
            problems.append(f"page walk went on past {lvl} {v:x} (not present or a large page)")
    last_lvl, last = walked[-1]
    if last_lvl != "PTE" and last & PTE_PRESENT and not (last_lvl != "PGD" and last & PTE_PSE):
        problems.append(f"page walk stopped at a present {last_lvl} {last:x} that maps no large page")
    return problems


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
    return problems + leaf_address_problems(lvl, v, address, elf)


def leaf_address_problems(lvl, v, address, elf):
    """The entry maps the physical page kernel.elf is loaded at."""
    phys = elf.phys(address)
    page_mask = PTE_PFN if lvl == "PTE" else PTE_PFN & ~((1 << (21 if lvl == "PMD" else 30)) - 1)
    if phys is not None and (v & page_mask) != (phys & page_mask):
        return [f"{lvl} {v:x} maps physical {v & page_mask:x}, but kernel.elf loads "
                f"{address:x} at {phys & page_mask:x}"]
    return []
