/*
 * fs/proc/meminfo.c - /proc/meminfo (Linux: fs/proc/meminfo.c), in Linux's
 * format and order, with the numbers faultline keeps; the lines for what it
 * does not have (swap, huge pages, ...) read 0, as on a Linux without them.
 */
#include <mm.h>
#include <proc_fs.h>
#include <init.h>

#define KIB_PER_PAGE (PAGE_SIZE / 1024)

static void meminfo_show(struct seq_file *m)
{
	u64 free = nr_free_pages(), cached = nr_page_cache_pages();

	seq_put_kb(m, "MemTotal:", nr_total_pages() * KIB_PER_PAGE);
	seq_put_kb(m, "MemFree:", free * KIB_PER_PAGE);
	/* Linux si_mem_available: free pages plus the page cache reclaim could free. */
	seq_put_kb(m, "MemAvailable:", (free + cached) * KIB_PER_PAGE);
	seq_put_kb(m, "Buffers:", 0);
	seq_put_kb(m, "Cached:", cached * KIB_PER_PAGE);
	seq_put_kb(m, "SwapCached:", 0);
	seq_put_kb(m, "SwapTotal:", 0);
	seq_put_kb(m, "SwapFree:", 0);
	seq_put_kb(m, "Dirty:", 0);
	seq_put_kb(m, "Writeback:", 0);
}

static int proc_meminfo_init(void)
{
	return proc_create_single("meminfo", meminfo_show);
}
fs_initcall(proc_meminfo_init);
