/*
 * mm/filemap.c - the page cache and filemap_fault (docs/scenarios/sigbus-beyond-eof.md; Linux
 * mm/filemap.c).
 *
 * Each inode has an address_space: the pages of the file that are in memory,
 * in a radix tree keyed by page index (lib/xarray.c), so lookup, insertion
 * and removal cost O(log n) however large the file.  A fault on a file-backed VMA asks filemap_fault for
 * the page at vmf->pgoff:
 *   - beyond the last page that holds file data (index >= DIV_ROUND_UP(size,
 *     PAGE_SIZE)) there is nothing to map: VM_FAULT_SIGBUS, which
 *     arch/x86/mm/fault.c turns into SIGBUS BUS_ADRERR at the exact address;
 *   - in the cache: a minor fault;
 *   - otherwise the file system fills a new page through
 *     mapping->a_ops->readpage (a major fault); bytes past EOF in the last
 *     page read as zero.
 * read(2) of a regular file copies out of the same pages (generic_file_read),
 * and write(2) copies into them (generic_file_write), so every reader and
 * every mapping sees one copy; a written page is PG_dirty until
 * mm/page-writeback.c puts it back through a_ops->writepage.
 * The cache holds one reference on each page; every PTE mapping it holds
 * another, so a private write (do_wp_page) always copies.
 */
#include <mm_types.h>
#include <pftrace.h>
#include <xarray.h>
#include <mm.h>
#include <fs.h>
#include <printk.h>
#include <uaccess.h>
#include <string.h>
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <uapi/linux/falloc.h>

/* The cached page at index, or NULL: one radix-tree lookup, O(log n). */
struct page *find_get_page(struct address_space *m, u64 index)
{
	struct page *pg;

	spin_lock(&m->tree_lock);	/* Linux: the lookup is RCU; a page found is pinned before use */
	pg = xa_load(&m->i_pages, index);
	spin_unlock(&m->tree_lock);
	if (pg)
		mark_page_accessed(pg);
	return pg;
}

/*
 * Put a new page into the cache at index; the cache takes over the
 * caller's reference (Linux: add_to_page_cache_lru).  -ENOMEM if the tree
 * could not grow.
 */
int add_to_page_cache(struct page *pg, struct address_space *m, u64 index)
{
	int err;

	spin_lock(&m->tree_lock);
	err = xa_store(&m->i_pages, index, pg);
	if (!err) {
		pg->mapping = m;
		pg->index = index;
		m->nrpages++;
	}
	spin_unlock(&m->tree_lock);
	if (!err)
		lru_cache_add(pg);
	return err;
}

/* Take a page out of the cache and drop the cache's reference
 * (Linux: delete_from_page_cache). */
void delete_from_page_cache(struct page *pg)
{
	struct address_space *m = pg->mapping;

	spin_lock(&m->tree_lock);
	xa_erase(&m->i_pages, pg->index);
	pg->mapping = NULL;
	m->nrpages--;
	spin_unlock(&m->tree_lock);
	lru_cache_del(pg);
	put_page(pg);
}

/* A page no file system fills (no a_ops, or past EOF) reads as zeros. */
static int fill_page(struct inode *inode, struct page *pg)
{
	const struct address_space_operations *a_ops = inode->i_mapping.a_ops;

	if (!a_ops || !a_ops->readpage || (pg->index << PAGE_SHIFT) >= inode->i_size) {
		memset(page_address(pg), 0, PAGE_SIZE);
		pg->flags |= PG_uptodate;
		return 0;
	}
	return a_ops->readpage(NULL, pg);
}

/* A cache miss: a new page, filled by the file system, then cached; ERR_PTR(-ENOMEM or -EIO). */
static struct page *page_cache_read(struct inode *inode, u64 index)
{
	struct page *pg = alloc_page(__GFP_USER);
	int err;
	if (!pg)
		return ERR_PTR(-ENOMEM);
	pg->mapping = &inode->i_mapping;    /* readpage finds its file through it */
	pg->index = index;
	if ((err = fill_page(inode, pg)) < 0 || (err = add_to_page_cache(pg, &inode->i_mapping, index))) {
		pg->mapping = NULL;
		put_page(pg);
		return ERR_PTR(err);
	}
	return pg;
}

/*
 * The page at @index, read from the file if it is not cached (*major) or
 * cached but never filled (a write_begin that failed to read it). An
 * ERR_PTR on failure: -ENOMEM, or the file system's -EIO.
 */
struct page *read_cache_page(struct inode *inode, u64 index, bool *major)
{
	struct page *pg = find_get_page(&inode->i_mapping, index);
	int err;
	*major = false;
	if (pg && (pg->flags & PG_uptodate))
		return pg;
	*major = true;
	if (!pg)
		return page_cache_read(inode, index);
	err = fill_page(inode, pg);
	return err ? ERR_PTR(err) : pg;
}

/*
 * A hole in a file that nothing fills (shmem: no readpage) reads as zeros
 * with no page cached for it: Linux shmem_file_read_iter copies the zero
 * page, so a read never takes up tmpfs's size= or memory.
 */
static bool is_unfilled_hole(struct inode *inode, u64 index)
{
	const struct address_space_operations *a_ops = inode->i_mapping.a_ops;

	return a_ops && !a_ops->readpage && !find_get_page(&inode->i_mapping, index);
}

/* One chunk inside page @off's page: its bytes, or zeros for an unfilled hole; how many were copied, or -errno. */
static ssize_t read_chunk(struct inode *inode, u64 off, char *buf, size_t chunk, bool user)
{
	bool major;
	struct page *pg;
	const u8 *src;
	size_t left;

	if (is_unfilled_hole(inode, off >> PAGE_SHIFT))
		return chunk - (user ? clear_user(buf, chunk) : (memset(buf, 0, chunk), 0));
	pg = read_cache_page(inode, off >> PAGE_SHIFT, &major);
	if (IS_ERR(pg))
		return PTR_ERR(pg);
	src = (const u8 *)page_address(pg) + (off & (PAGE_SIZE - 1));
	pg->flags |= PG_locked;          /* a fault in copy_to_user may reclaim: not this page */
	left = user ? copy_to_user(buf, src, chunk) : (memcpy(buf, src, chunk), 0);
	pg->flags &= ~PG_locked;
	return chunk - left;
}

/*
 * Copy up to @n bytes at @pos out of the page cache (Linux filemap_read):
 * to user space or to a kernel buffer. Stops at EOF; once some bytes are
 * copied, a later error gives a short read.
 */
static ssize_t filemap_read(struct inode *inode, u64 pos, char *buf, size_t n, bool user)
{
	size_t done = 0;

	if (pos >= inode->i_size)
		return 0;
	n = MIN(n, inode->i_size - pos);
	while (done < n) {
		reclaim_if_low();
		u64 off = pos + done;
		size_t chunk = MIN(n - done, PAGE_SIZE - (off & (PAGE_SIZE - 1)));
		ssize_t copied = read_chunk(inode, off, buf + done, chunk, user);

		if (copied < 0)
			return done ? (ssize_t)done : copied;
		if ((size_t)copied < chunk)
			return done ? (ssize_t)done : -EFAULT;
		done += chunk;
	}
	return done;
}

ssize_t generic_file_read(struct file *f, char *ubuf, size_t n)
{
	ssize_t r = filemap_read(f->f_inode, f->f_pos, ubuf, n, true);
	if (r > 0)
		f->f_pos += r;
	if (r >= 0)
		touch_atime(f);		/* Linux filemap_read: file_accessed */
	return r;
}

ssize_t filemap_read_kernel(struct inode *inode, u64 pos, void *buf, size_t n)
{
	return filemap_read(inode, pos, buf, n, false);
}

/* The page for a write: cached, or new, zero-filled and not yet uptodate. */
struct page *grab_cache_page(struct address_space *m, u64 index)
{
	struct page *pg = find_get_page(m, index);

	if (pg)
		return pg;
	pg = alloc_page(__GFP_ZERO | __GFP_USER);
	if (!pg)
		return NULL;
	if (add_to_page_cache(pg, m, index)) {
		put_page(pg);
		return NULL;
	}
	return pg;
}

/* The next chunk of a write, inside one page: write_begin, copy, write_end. */
static ssize_t write_one_page(struct file *f, struct address_space *m, u64 pos, const char *ubuf, size_t n,
			      bool user)
{
	const struct address_space_operations *a_ops = m->a_ops;
	u64 in_page = pos & (PAGE_SIZE - 1);
	size_t chunk = MIN(n, PAGE_SIZE - in_page);
	struct page *pg;
	void *fsdata = NULL;
	int err = a_ops->write_begin(f, m, pos, chunk, &pg, &fsdata);

	if (err)
		return err;
	pg->flags |= PG_locked;                  /* a fault in copy_from_user may reclaim: not this page */
	if (!user)
		memcpy((u8 *)page_address(pg) + in_page, ubuf, chunk);
	else if (copy_from_user((u8 *)page_address(pg) + in_page, ubuf, chunk))
		chunk = 0;
	pg->flags &= ~PG_locked;
	err = a_ops->write_end(f, m, pos, chunk, chunk, pg, fsdata);
	if (err < 0)
		return err;
	return chunk ? (ssize_t)chunk : -EFAULT;
}

/*
 * Linux generic_perform_write: a write() goes into the page cache, the
 * same pages every mapping of the file sees, and is marked dirty for
 * writeback. The file system's write_begin finds the blocks first, so a
 * full disk stops the write there: the bytes already copied count (a short
 * write), and only a write that copied nothing returns -ENOSPC.
 */
static ssize_t generic_perform_write(struct file *f, u64 pos, const char *ubuf, size_t n, bool user)
{
	struct address_space *m = &f->f_inode->i_mapping;
	size_t done = 0;

	if (!m->a_ops || !m->a_ops->write_begin)
		return -EINVAL;
	while (done < n) {
		ssize_t r;

		reclaim_if_low();
		r = write_one_page(f, m, pos + done, ubuf + done, n - done, user);

		if (r < 0)
			return done ? (ssize_t)done : r;
		done += r;
	}
	return done;
}

/*
 * Linux generic_write_check_limits: a write starting at or past
 * RLIMIT_FSIZE sends SIGXFSZ and fails with EFBIG; one that would cross it
 * is cut short there (and so is one crossing the largest file size).
 */
static ssize_t write_check_limits(u64 pos, size_t *n)
{
	u64 limit = current->signal->rlim[RLIMIT_FSIZE].rlim_cur;

	if (limit != RLIM_INFINITY) {
		if (pos >= limit) {
			send_sig(SIGXFSZ, current);
			return -EFBIG;
		}
		*n = MIN(*n, limit - pos);
	}
	if (pos >= MAX_LFS_FILESIZE)
		return -EFBIG;
	*n = MIN(*n, MAX_LFS_FILESIZE - pos);
	return 0;
}

/* Write at @pos, within RLIMIT_FSIZE and the largest file size; mtime and ctime change.
 * @user: @ubuf is user memory (write), else kernel memory (sendfile, Linux's ITER_KVEC). */
static ssize_t write_at(struct file *f, u64 pos, const char *ubuf, size_t n, bool user)
{
	struct inode *inode = f->f_inode;
	ssize_t r;

	if (!n)
		return 0;
	if ((r = write_check_limits(pos, &n)))
		return r;
	r = generic_perform_write(f, pos, ubuf, n, user);
	if (r > 0) {
		inode_set_mtime_ctime_now(inode);
		mark_inode_dirty(inode);
	}
	return r;
}

/* Linux generic_file_write_iter: O_APPEND writes at the end, whatever the offset; s_maxbytes gives EFBIG. */
static ssize_t __generic_file_write(struct file *f, const char *ubuf, size_t n, bool user)
{
	u64 pos = (f->f_flags & O_APPEND) ? f->f_inode->i_size : f->f_pos;
	ssize_t r = write_at(f, pos, ubuf, n, user);

	if (r > 0)
		f->f_pos = pos + r;
	return r;
}

ssize_t generic_file_write(struct file *f, const char *ubuf, size_t n) { return __generic_file_write(f, ubuf, n, true); }

ssize_t generic_file_write_kernel(struct file *f, const void *buf, size_t n)
{
	return __generic_file_write(f, buf, n, false);
}

/* A kernel buffer to @pos, the file's offset untouched (copy_file_range, fallocate). */
ssize_t kernel_write_at(struct file *f, const void *buf, size_t n, u64 pos)
{
	return write_at(f, pos, buf, n, false);
}

/*
 * fallocate for a file system without block preallocation of its own
 * (faultline's ext2; Linux's ext2 answers EOPNOTSUPP, but ext4, xfs and
 * tmpfs, where a Linux program's files usually are, allocate): every page
 * of the range inside the file is read and written back whole, so its
 * holes get blocks (write_begin allocates them: a full disk is ENOSPC now)
 * and its data stays; mode 0 then extends the file with zeros.
 * PUNCH_HOLE writes zeros over the range instead (the blocks stay, so
 * st_blocks does not fall as on ext4). KEEP_SIZE past the end allocates
 * nothing: ext2 cannot keep blocks past i_size.
 */
#define FALLOC_CHUNK PAGE_SIZE

static int rewrite_range(struct file *f, u64 pos, u64 end, bool zero)
{
	char *buf = kmalloc(FALLOC_CHUNK, 0);
	int err = 0;

	if (!buf)
		return -ENOMEM;
	while (pos < end && !err) {
		size_t n = MIN(end - pos, FALLOC_CHUNK - (pos & (FALLOC_CHUNK - 1)));
		ssize_t r = zero ? (memset(buf, 0, n), (ssize_t)n) : filemap_read_kernel(f->f_inode, pos, buf, n);

		if (r >= 0 && r < (ssize_t)n)
			memset(buf + r, 0, n - r);	/* past the end: zeros */
		if (r < 0 || (r = write_at(f, pos, buf, n, false)) < (ssize_t)n)
			err = r < 0 ? (int)r : -ENOSPC;
		pos += n;
	}
	kfree(buf);
	return err;
}

long generic_fallocate(struct file *f, int mode, loff_t offset, loff_t len)
{
	u64 size = f->f_inode->i_size, end = (u64)offset + (u64)len;

	if (mode & ~(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE))
		return -EOPNOTSUPP;
	if (mode & FALLOC_FL_PUNCH_HOLE)
		return rewrite_range(f, offset, MIN(end, size), true);
	if ((mode & FALLOC_FL_KEEP_SIZE) || end <= size)
		return rewrite_range(f, offset, MIN(end, size), false);
	return rewrite_range(f, offset, end, (u64)offset >= size);
}

/*
 * The path of docs/scenarios/sigbus-beyond-eof.md. The size in pages comes
 * from i_size; an offset at or past it is VM_FAULT_SIGBUS
 * (arch/x86/mm/fault.c: do_sigbus, BUS_ADRERR).
 * i_size is read again once the page is in hand, since reading it may have
 * slept while a truncate ran (Linux does the same). A read error is
 * VM_FAULT_SIGBUS too; only a lack of memory is VM_FAULT_OOM.
 */
static vm_fault_t filemap_fault(struct vm_fault *vmf)
{
	struct inode *inode = vmf->vma->vm_file->f_inode;
	bool major;
	struct page *pg;

	/* LAB mmap-eof: BEGIN eof */
	if (vmf->pgoff >= DIV_ROUND_UP(inode->i_size, PAGE_SIZE)) {
		trace_fault_step("filemap_fault (beyond EOF)");
		return VM_FAULT_SIGBUS;
	}
	/* LAB mmap-eof: END eof */
	pg = read_cache_page(inode, vmf->pgoff, &major);
	if (IS_ERR(pg)) {
		trace_fault_step(PTR_ERR(pg) == -ENOMEM ? "filemap_fault (no memory)" : "filemap_fault (read error)");
		return PTR_ERR(pg) == -ENOMEM ? VM_FAULT_OOM : VM_FAULT_SIGBUS;
	}
	if (vmf->pgoff >= DIV_ROUND_UP(inode->i_size, PAGE_SIZE)) {
		trace_fault_step("filemap_fault (beyond EOF after read)");
		return VM_FAULT_SIGBUS;
	}
	trace_fault_step(major ? "filemap_fault (read page)" : "filemap_fault (page cache)");
	get_page(pg);
	vmf->page = pg;
	return major ? VM_FAULT_MAJOR : 0;
}

const struct vm_operations_struct generic_file_vm_ops = { .fault = filemap_fault };
