/*
 * mm/slub_debug.c - "slub_debug": catch heap corruption where it happens
 * (Linux: the debug half of mm/slub.c; Documentation/mm/slub.rst).
 *
 * A use-after-free or double free usually shows up far from its cause, as
 * a crash in kmalloc on a corrupt free list (issue 13 found exactly that).
 * With slub_debug each object gets red zones and a poisoned body while it
 * is free (mm/slab.h draws the slot), and every kmalloc and kfree checks:
 *
 *   kmalloc: the free object's poison and red zones are intact, or a write
 *            after free happened: "Poison overwritten" / "Redzone overwritten";
 *   kfree:   the pointer is an object's start ("Invalid object pointer"),
 *            the object is not free already ("Object already free": a double
 *            free), and its red zones are intact (a write past the end).
 *
 * A report is printed as Linux's SLUB prints it, a "BUG kmalloc-64 (Not
 * tainted): ..." banner, the bad bytes, who allocated and who freed the
 * object (the caller's symbol), and the current call trace; then the damage
 * is repaired ("FIX kmalloc-64: ...") and the kernel goes on, as Linux does.
 * The test harness fails any boot whose log holds a "BUG" banner.
 */
#include <cmdline.h>
#include <printk.h>
#include <sched.h>
#include <string.h>
#include <time.h>
#include <asm/traps.h>
#include "slab.h"

bool slub_debug;

static int set_slub_debug(const char *v)
{
	slub_debug = true;	/* Linux's option letters (F, Z, P, U) all mean "everything" here */
	return 0;
}
__setup("slub_debug", set_slub_debug);

static u8 *left_redzone(void *obj) { return (u8 *)obj - SLAB_REDZONE; }
static u8 *right_redzone(void *obj, size_t objsz) { return (u8 *)obj + objsz; }

static struct slab_track *track(void *obj, size_t objsz, enum track_item which)
{
	return (struct slab_track *)((u8 *)obj + objsz + SLAB_REDZONE + sizeof(void *)) + which;
}

static void set_track(void *obj, size_t objsz, enum track_item which, void *addr)
{
	struct slab_track *t = track(obj, objsz, which);
	t->addr = addr;
	t->pid = current ? current->pid : 0;
	t->when = jiffies;
}

static void set_redzones(void *obj, size_t objsz, u8 val)
{
	memset(left_redzone(obj), val, SLAB_REDZONE);
	memset(right_redzone(obj, objsz), val, SLAB_REDZONE);
}

static void poison_object(void *obj, size_t objsz)
{
	memset(obj, POISON_FREE, objsz - 1);
	((u8 *)obj)[objsz - 1] = POISON_END;
}

/* A fresh slab's object: free, poisoned, never allocated. */
void init_object_debug(void *obj, size_t objsz)
{
	set_redzones(obj, objsz, SLUB_RED_INACTIVE);
	poison_object(obj, objsz);
	memset(track(obj, objsz, TRACK_ALLOC), 0, 2 * sizeof(struct slab_track));
}

static void print_track(const char *what, struct slab_track *t)
{
	if (t->addr)
		pr_err("%s in %pS age=%lu cpu=0 pid=%d\n", what, t->addr, jiffies - t->when, t->pid);
}

static void slab_bug(size_t objsz, const char *reason)
{
	pr_err("=============================================================================\n");
	pr_err("BUG kmalloc-%lu (Not tainted): %s\n", objsz, reason);
	pr_err("-----------------------------------------------------------------------------\n");
	pr_err("\n");
}

/* Linux prints the whole object; its first 16 bytes say enough here. */
static void print_object_bytes(const u8 *obj, size_t objsz)
{
	char line[16 * 3 + 1];
	size_t n = MIN(objsz, 16UL);
	for (size_t i = 0; i < n; i++)
		snprintf(line + 3 * i, 4, "%02x ", obj[i]);
	line[3 * n - 1] = '\0';
	pr_err("Object 0x%p: %s\n", obj, line);
}

/* Who allocated and freed the object, what it holds, and how we got here. */
static void print_trailer(void *obj, size_t objsz)
{
	print_track("Allocated", track(obj, objsz, TRACK_ALLOC));
	print_track("Freed", track(obj, objsz, TRACK_FREE));
	print_object_bytes(obj, objsz);
	dump_stack();
}

/* The first byte of [start, start+len) that is not val, or NULL. */
static u8 *first_mismatch(u8 *start, size_t len, u8 val)
{
	for (size_t i = 0; i < len; i++)
		if (start[i] != val)
			return start + i;
	return NULL;
}

/* Check that bytes hold val; if not, report, restore and return false. */
static bool check_bytes(void *obj, size_t objsz, const char *what, u8 *start, size_t len, u8 val)
{
	u8 *bad = first_mismatch(start, len, val), *end = start + len;
	char reason[48];
	if (!bad)
		return true;
	while (end > bad && end[-1] == val)	/* Linux reports the damaged bytes only */
		end--;
	snprintf(reason, sizeof(reason), "%s overwritten", what);
	slab_bug(objsz, reason);
	pr_err("0x%p-0x%p @offset=%ld. First byte 0x%x instead of 0x%x\n",
	       bad, end - 1, (long)(bad - (u8 *)obj), *bad, val);
	print_trailer(obj, objsz);
	pr_err("FIX kmalloc-%lu: Restoring %s 0x%p-0x%p=0x%x\n", objsz, what, bad, end - 1, val);
	memset(bad, val, end - bad);
	return false;
}

/* kmalloc handed out obj: it must still be exactly as kfree left it. */
void alloc_debug_processing(void *obj, size_t objsz, void *caller)
{
	check_bytes(obj, objsz, "Left Redzone", left_redzone(obj), SLAB_REDZONE, SLUB_RED_INACTIVE);
	check_bytes(obj, objsz, "Right Redzone", right_redzone(obj, objsz), SLAB_REDZONE, SLUB_RED_INACTIVE);
	if (check_bytes(obj, objsz, "Poison", obj, objsz - 1, POISON_FREE))
		check_bytes(obj, objsz, "Poison", (u8 *)obj + objsz - 1, 1, POISON_END);
	set_redzones(obj, objsz, SLUB_RED_ACTIVE);
	set_track(obj, objsz, TRACK_ALLOC, caller);
}

static bool valid_object_pointer(struct page *pg, void *obj, size_t objsz)
{
	long off = (u8 *)obj - (u8 *)page_address(pg) - (long)object_offset();
	long slot = (long)slot_size(objsz);
	return off >= 0 && off % slot == 0 && off / slot < (long)PAGE_SIZE / slot;
}

/* kfree(obj): false when it must not be freed (reported instead). */
bool free_debug_processing(struct page *pg, void *obj, size_t objsz, void *caller)
{
	if (!valid_object_pointer(pg, obj, objsz)) {
		slab_bug(objsz, "Invalid object pointer");
		pr_err("kfree(0x%p) from %pS is not the start of an object\n", obj, caller);
		dump_stack();
		return false;
	}
	if (!first_mismatch(right_redzone(obj, objsz), SLAB_REDZONE, SLUB_RED_INACTIVE)) {
		slab_bug(objsz, "Object already free");
		pr_err("kfree(0x%p) again from %pS: a double free\n", obj, caller);
		print_trailer(obj, objsz);
		return false;
	}
	check_bytes(obj, objsz, "Left Redzone", left_redzone(obj), SLAB_REDZONE, SLUB_RED_ACTIVE);
	check_bytes(obj, objsz, "Right Redzone", right_redzone(obj, objsz), SLAB_REDZONE, SLUB_RED_ACTIVE);
	set_track(obj, objsz, TRACK_FREE, caller);
	poison_object(obj, objsz);
	set_redzones(obj, objsz, SLUB_RED_INACTIVE);
	return true;
}
