/*
 * mm/filemap.c - the page cache and filemap_fault (seed 000; Linux
 * mm/filemap.c).
 *
 * Each inode has an address_space: the pages of the file that are in memory,
 * keyed by page index.  A fault on a file-backed VMA asks filemap_fault for
 * the page at vmf->pgoff:
 *   - beyond the last page that holds file data (index >= DIV_ROUND_UP(size,
 *     PAGE_SIZE)) there is nothing to map: VM_FAULT_SIGBUS, which
 *     arch/x86/mm/fault.c turns into SIGBUS BUS_ADRERR at the exact address;
 *   - in the cache: a minor fault;
 *   - otherwise the file system fills a new page through
 *     mapping->a_ops->readpage (a major fault); bytes past EOF in the last
 *     page read as zero.
 * read(2) of a regular file copies out of the same pages (generic_file_read).
 * The cache holds one reference on each page; every PTE mapping it holds
 * another, so a private write (do_wp_page) always copies.
 */
#include <mm_types.h>
#include <mm.h>
#include <fs.h>
#include <printk.h>
#include <uaccess.h>
#include <string.h>
#include <errno.h>

struct page *find_get_page(struct address_space *m, u64 index)
{
	struct list_head *p;
	list_for_each(p, &m->pages) {
		struct page *pg = list_entry(p, struct page, lru);
		if (pg->index == index)
			return pg;
	}
	return NULL;
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

static struct page *add_to_page_cache(struct inode *inode, u64 index)
{
	struct page *pg = alloc_page(0);
	if (!pg)
		return NULL;
	pg->mapping = &inode->i_mapping;
	pg->index = index;
	if (fill_page(inode, pg) < 0) {
		pg->mapping = NULL;
		put_page(pg);
		return NULL;
	}
	list_add(&pg->lru, &inode->i_mapping.pages);
	inode->i_mapping.nrpages++;
	return pg;
}

struct page *read_cache_page(struct inode *inode, u64 index, bool *major)
{
	struct page *pg = find_get_page(&inode->i_mapping, index);
	*major = false;
	if (pg)
		return pg;
	*major = true;
	return add_to_page_cache(inode, index);
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
		u64 off = pos + done, in_page = off & (PAGE_SIZE - 1);
		size_t chunk = MIN(n - done, PAGE_SIZE - in_page);
		bool major;
		struct page *pg = read_cache_page(inode, off >> PAGE_SHIFT, &major);
		const u8 *src;

		if (!pg)
			return done ? (ssize_t)done : -EIO;
		src = (const u8 *)page_address(pg) + in_page;
		if (!user)
			memcpy(buf + done, src, chunk);
		else if (copy_to_user(buf + done, src, chunk))
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
	return r;
}

ssize_t filemap_read_kernel(struct inode *inode, u64 pos, void *buf, size_t n)
{
	return filemap_read(inode, pos, buf, n, false);
}

/* Drop every cached page (the inode is going away). */
void truncate_inode_pages(struct address_space *m)
{
	while (!list_empty(&m->pages)) {
		struct page *pg = list_first_entry(&m->pages, struct page, lru);
		list_del(&pg->lru);
		pg->mapping = NULL;
		m->nrpages--;
		put_page(pg);
	}
}

static vm_fault_t filemap_fault(struct vm_fault *vmf)
{
	struct inode *inode = vmf->vma->vm_file->f_inode;
	u64 max_idx = (inode->i_size + PAGE_SIZE - 1) >> PAGE_SHIFT;
	bool major;
	struct page *pg;

	if (vmf->pgoff >= max_idx) {
		/* OpenBSD's __MAP_NOFAULT (seed 001): a page the file cannot back
		 * becomes a private zero-filled page instead of a SIGBUS. */
		if (vmf->vma->vm_flags & VM_NOFAULT) {
			trace_fault_step("filemap_fault (beyond EOF, MAP_NOFAULT: anonymous page)");
			return VM_FAULT_NOFAULT_ANON;
		}
		trace_fault_step("filemap_fault (beyond EOF)");
		return VM_FAULT_SIGBUS;
	}
	pg = read_cache_page(inode, vmf->pgoff, &major);
	if (!pg)
		return VM_FAULT_OOM;
	trace_fault_step(major ? "filemap_fault (read page)" : "filemap_fault (page cache)");
	get_page(pg);
	vmf->page = pg;
	return major ? VM_FAULT_MAJOR : 0;
}

const struct vm_operations_struct generic_file_vm_ops = { .fault = filemap_fault };
