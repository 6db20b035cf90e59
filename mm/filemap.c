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
 *   - otherwise read it from the file system (a major fault); bytes past EOF
 *     in the last page read as zero.
 * The cache holds one reference on each page; every PTE mapping it holds
 * another, so a private write (do_wp_page) always copies.
 */
#include <mm_types.h>
#include <mm.h>
#include <fs.h>
#include <printk.h>
#include <string.h>

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

static struct page *add_to_page_cache(struct inode *inode, u64 index)
{
	struct page *pg = alloc_page(0);
	u64 off = index << PAGE_SHIFT;
	ssize_t n;
	if (!pg)
		return NULL;
	n = off < inode->i_size ? ext2_read(&rootfs, &inode->ext2, off, page_address(pg), PAGE_SIZE) : 0;
	if (n < 0) {
		put_page(pg);
		return NULL;
	}
	memset((u8 *)page_address(pg) + n, 0, PAGE_SIZE - n);
	pg->mapping = &inode->i_mapping;
	pg->index = index;
	pg->flags |= PG_uptodate;
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
