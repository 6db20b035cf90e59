/*
 * include/vmstat.h - memory counters (Linux: include/linux/vmstat.h,
 * mmzone.h's node_stat_item): events counted as they happen
 * (count_vm_event), and the page states of /proc/meminfo and /proc/vmstat,
 * counted from mem_map when asked (mm/vmstat.c).
 */
#ifndef _FAULTLINE_VMSTAT_H
#define _FAULTLINE_VMSTAT_H
#include "types.h"

enum vm_event_item { PGFAULT, PGMAJFAULT, OOM_KILL, NR_VM_EVENT_ITEMS };
extern u64 vm_events[NR_VM_EVENT_ITEMS];
static inline void count_vm_event(enum vm_event_item item) { vm_events[item]++; }

/* What each page is now, in pages (Linux: global_node_page_state and friends). */
struct page_states {
	u64 total, free;
	u64 file;			/* page cache of files (Cached) */
	u64 shmem;			/* shared anonymous memory's pages */
	u64 anon;			/* anonymous pages mapped by a process (AnonPages) */
	u64 mapped;			/* page-cache pages some process maps (Mapped) */
	u64 dirty;
	u64 slab;			/* kmalloc's pages (all unreclaimable) */
	u64 kernel_stack_kb;
};
void global_page_states(struct page_states *ps);

#endif
