/*
 * mm/vmstat.c - the memory counters and /proc/vmstat (Linux:
 * mm/vmstat.c).
 *
 * Events (page faults, OOM kills) are counted where they happen. Page
 * states are not kept as running counters here: global_page_states()
 * walks mem_map and classifies each page by its flags and mapping, which
 * is exact and, for the few hundred thousand pages a guest has, quick
 * enough for a file someone reads now and then. /proc/vmstat prints them
 * with Linux's names and in Linux's order; the items of features faultline
 * lacks (swap, NUMA, huge pages, compaction) read 0.
 */
#include <mm.h>
#include <fs.h>
#include <sched.h>
#include <vmstat.h>
#include <mm_types.h>
#include <proc_fs.h>
#include <init.h>

u64 vm_events[NR_VM_EVENT_ITEMS];

static void classify_page(struct page *pg, struct page_states *ps)
{
	if (pg->flags & (PG_reserved | PG_buddy))
		return;
	if (pg->flags & PG_slab) {
		ps->slab++;
		return;
	}
	if (pg->mapping) {
		/* Linux NR_SHMEM: shared anonymous memory, memfd and tmpfs, whose pages have nothing behind them */
		bool shmem = !pg->mapping->a_ops || !pg->mapping->a_ops->readpage;

		if (shmem)
			ps->shmem++;
		else
			ps->file++;
		if (pg->mapcount > 0)
			ps->mapped++;
		if ((pg->flags & PG_dirty) && !shmem)
			ps->dirty++;		/* Linux: a shmem page is never dirty for writeback (noop_dirty_folio) */
	} else if (pg->mapcount > 0 && pg != zero_page) {
		ps->anon++;
	}
}

void global_page_states(struct page_states *ps)
{
	struct task_struct *t;

	*ps = (struct page_states){ .total = nr_total_pages(), .free = nr_free_pages() };
	for (u64 pfn = 0; pfn < max_pfn; pfn++)
		classify_page(pfn_to_page(pfn), ps);
	list_for_each_entry(t, &task_list, tasks)
		if (t->state != TASK_DEAD)
			ps->kernel_stack_kb += THREAD_SIZE / 1024;
}

/* Linux vmstat_text, the items faultline has a number for, and the zeros around them in order. */
static void vmstat_show(struct seq_file *m)
{
	struct page_states ps;

	global_page_states(&ps);
	seq_printf(m, "nr_free_pages %lu\n", ps.free);
	seq_printf(m, "nr_zone_inactive_anon 0\nnr_zone_active_anon %lu\n", ps.anon);
	seq_printf(m, "nr_zone_inactive_file %lu\nnr_zone_active_file 0\n", ps.file);
	seq_printf(m, "nr_zone_unevictable 0\nnr_zone_write_pending %lu\nnr_mlock 0\n", ps.dirty);
	seq_printf(m, "nr_bounce 0\nnr_zspages 0\nnr_free_cma 0\n");
	seq_printf(m, "nr_inactive_anon 0\nnr_active_anon %lu\n", ps.anon);
	seq_printf(m, "nr_inactive_file %lu\nnr_active_file 0\nnr_unevictable 0\n", ps.file);
	seq_printf(m, "nr_slab_reclaimable 0\nnr_slab_unreclaimable %lu\n", ps.slab);
	seq_printf(m, "nr_isolated_anon 0\nnr_isolated_file 0\n");
	seq_printf(m, "nr_anon_pages %lu\nnr_mapped %lu\nnr_file_pages %lu\n", ps.anon, ps.mapped, ps.file + ps.shmem);
	seq_printf(m, "nr_dirty %lu\nnr_writeback 0\nnr_writeback_temp 0\n", ps.dirty);
	seq_printf(m, "nr_shmem %lu\nnr_shmem_hugepages 0\nnr_shmem_pmdmapped 0\n", ps.shmem);
	seq_printf(m, "nr_file_hugepages 0\nnr_file_pmdmapped 0\nnr_anon_transparent_hugepages 0\n");
	seq_printf(m, "nr_kernel_stack %lu\nnr_page_table_pages 0\nnr_swapcached 0\n", ps.kernel_stack_kb);
	seq_printf(m, "pgpgin 0\npgpgout 0\npswpin 0\npswpout 0\n");
	seq_printf(m, "pgfault %lu\npgmajfault %lu\n", vm_events[PGFAULT], vm_events[PGMAJFAULT]);
	seq_printf(m, "oom_kill %lu\n", vm_events[OOM_KILL]);
}

static int proc_vmstat_init(void)
{
	return proc_create_single("vmstat", vmstat_show);
}
fs_initcall(proc_vmstat_init);
