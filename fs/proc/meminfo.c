/*
 * fs/proc/meminfo.c - /proc/meminfo (Linux: fs/proc/meminfo.c), every
 * line of Linux's in its order and format ("%-16s%8lu kB"), with the
 * numbers faultline has (mm/vmstat.c counts the pages); the lines for what
 * it lacks (swap, zswap, huge pages, NFS, bounce buffers) read 0, as on a
 * Linux without them. Reclaim keeps no active/inactive split: every cache
 * page is on one LRU, shown as inactive, and every anonymous page as
 * active (Linux starts them there).
 */
#include <mm_types.h>
#include <mm.h>
#include <vmstat.h>
#include <proc_fs.h>
#include <init.h>

#define KIB_PER_PAGE (PAGE_SIZE / 1024)
#define VMALLOC_TOTAL_KB 34359738367UL	/* Linux x86-64, 4-level: VMALLOC_SIZE_TB 32, less a page */
#define HUGEPAGE_KB 2048
#define DIRECTMAP_2M_KB(total) ((total) & ~(u64)(HUGEPAGE_KB - 1))

static void kb(struct seq_file *m, const char *name, u64 pages) { seq_put_kb(m, name, pages * KIB_PER_PAGE); }

static void zeros(struct seq_file *m, const char *const *names, int n)
{
	for (int i = 0; i < n; i++)
		seq_put_kb(m, names[i], 0);
}
#define ZEROS(m, ...) do { static const char *const z[] = { __VA_ARGS__ }; \
	zeros(m, z, sizeof(z) / sizeof(z[0])); } while (0)

static void meminfo_show(struct seq_file *m)
{
	struct page_states ps;
	u64 cached;

	global_page_states(&ps);
	cached = ps.file + ps.shmem;
	kb(m, "MemTotal:", ps.total);
	kb(m, "MemFree:", ps.free);
	/* Linux si_mem_available: free pages plus the page cache reclaim could free. */
	kb(m, "MemAvailable:", ps.free + ps.file);
	kb(m, "Buffers:", 0);
	kb(m, "Cached:", cached);
	kb(m, "SwapCached:", 0);
	kb(m, "Active:", ps.anon + ps.shmem);
	kb(m, "Inactive:", ps.file);
	kb(m, "Active(anon):", ps.anon + ps.shmem);
	kb(m, "Inactive(anon):", 0);
	kb(m, "Active(file):", 0);
	kb(m, "Inactive(file):", ps.file);
	ZEROS(m, "Unevictable:", "Mlocked:", "SwapTotal:", "SwapFree:", "Zswap:", "Zswapped:");
	kb(m, "Dirty:", ps.dirty);
	kb(m, "Writeback:", 0);
	kb(m, "AnonPages:", ps.anon);
	kb(m, "Mapped:", ps.mapped);
	kb(m, "Shmem:", ps.shmem);
	kb(m, "KReclaimable:", 0);
	kb(m, "Slab:", ps.slab);
	kb(m, "SReclaimable:", 0);
	kb(m, "SUnreclaim:", ps.slab);
	seq_put_kb(m, "KernelStack:", ps.kernel_stack_kb);
	ZEROS(m, "PageTables:", "SecPageTables:", "NFS_Unstable:", "Bounce:", "WritebackTmp:");
	kb(m, "CommitLimit:", vm_commit_limit());		/* mm/overcommit.c */
	kb(m, "Committed_AS:", vm_memory_committed());
	seq_put_kb(m, "VmallocTotal:", VMALLOC_TOTAL_KB);
	ZEROS(m, "VmallocUsed:", "VmallocChunk:", "Percpu:", "AnonHugePages:", "ShmemHugePages:",
	      "ShmemPmdMapped:", "FileHugePages:", "FilePmdMapped:", "Balloon:");
	seq_printf(m, "HugePages_Total:%8d\nHugePages_Free: %8d\nHugePages_Rsvd: %8d\nHugePages_Surp: %8d\n", 0, 0, 0, 0);
	seq_put_kb(m, "Hugepagesize:", HUGEPAGE_KB);
	seq_put_kb(m, "Hugetlb:", 0);
	seq_put_kb(m, "DirectMap4k:", ps.total * KIB_PER_PAGE - DIRECTMAP_2M_KB(ps.total * KIB_PER_PAGE));
	seq_put_kb(m, "DirectMap2M:", DIRECTMAP_2M_KB(ps.total * KIB_PER_PAGE));
}

static int proc_meminfo_init(void)
{
	return proc_create_single("meminfo", meminfo_show);
}
fs_initcall(proc_meminfo_init);
