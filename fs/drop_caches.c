/*
 * fs/drop_caches.c - /proc/sys/vm/drop_caches (Linux: fs/drop_caches.c).
 * Writing 1 drops the clean page-cache pages no process maps, 2 the unused
 * inodes, 3 both. Dirty pages stay: run sync first, as Linux's
 * documentation says. make test's init does both before each free-memory
 * measurement, so a test's cached files do not count as a leak.
 */
#include <fs.h>
#include <mm.h>
#include <init.h>
#include <proc_fs.h>
#include <errno.h>

#define DROP_PAGECACHE 1
#define DROP_SLAB 2			/* Linux: dentries and inodes */

static long last_value;

static void drop_caches_show(struct seq_file *m)
{
	seq_printf(m, "%ld\n", last_value);
}

static int drop_caches_write(const char *buf, size_t n)
{
	long v = 0;
	const char *p = buf;

	for (; *p >= '0' && *p <= '9'; p++)
		v = v * 10 + (*p - '0');
	if (p == buf || (*p && *p != '\n') || v < 1 || v > 4)
		return -EINVAL;			/* Linux: proc_dointvec_minmax, 1..4 */
	if (v & DROP_PAGECACHE)
		drop_clean_page_cache();
	if (v & DROP_SLAB)
		prune_icache(true);
	last_value = v;
	return 0;
}

static int drop_caches_init(void)
{
	return proc_create_rw("sys/vm/drop_caches", drop_caches_show, drop_caches_write);
}
fs_initcall(drop_caches_init);
