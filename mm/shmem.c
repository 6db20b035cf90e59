/*
 * mm/shmem.c - memory that is a file: shared anonymous memory (mmap
 * MAP_SHARED|MAP_ANONYMOUS) and memfd_create's files (Linux: mm/shmem.c).
 *
 * Such a mapping must keep its data when its PTEs go away (fork shares it,
 * MADV_DONTNEED drops only the PTEs: docs/linux-abi.md §7), so, as Linux does with
 * shmem, it is backed by an unnamed in-memory file: an inode whose page
 * cache is the memory itself.  Its ->fault finds the page at pgoff or adds
 * a zeroed one (past the end of the file: SIGBUS, as Linux's shmem_fault);
 * the pages live until the last mapping of the inode goes.
 *
 * A memfd is such a file with a descriptor: read and write go through the
 * page cache (generic_file_read/write, shmem_write_begin: a new page is a
 * zeroed one), ftruncate through shmem_setattr, and no page has a disk
 * behind it (no readpage or writepage), so reclaim never takes one. Its
 * seals (mm/memfd.c) are checked where Linux checks them: write_begin
 * (F_SEAL_WRITE, F_SEAL_GROW), setattr (F_SEAL_SHRINK, F_SEAL_GROW) and
 * mmap (no shared writable mapping under F_SEAL_WRITE).
 *
 * A tmpfs file (shmem_super.c, shmem_dir.c) is the same file with a name
 * and a super block: its pages also count against the mount's size=
 * (shmem_acct_block: ENOSPC, or SIGBUS for a fault) and in its st_blocks.
 */
#include <mm_types.h>
#include <pftrace.h>
#include <mm.h>
#include <fs.h>
#include <string.h>
#include <printk.h>
#include <errno.h>
#include <time.h>
#include <uapi/linux/falloc.h>
#include "shmem_fs.h"

/* ---------------------------------------------------------------- tmpfs's size= */

/*
 * Linux shmem_recalc_inode: the page cache is the truth.  Pages leave it
 * behind our back (truncate, a clean page fadvise dropped) and may come
 * into it without us (filemap_fault, which exec's mappings use, caches a
 * zeroed page for a hole), so a tmpfs inode's count is brought to its
 * nrpages before every decision and every report.
 */
void shmem_recalc_inode(struct inode *inode)
{
	struct shmem_inode_info *info = SHMEM_I(inode);
	struct shmem_sb_info *sbinfo;
	s64 delta;

	if (!inode->i_sb)
		return;			/* a memfd: no mount, no limit */
	sbinfo = SHMEM_SB(inode->i_sb);
	delta = (s64)inode->i_mapping.nrpages - (s64)info->alloced;
	info->alloced += delta;
	sbinfo->used_blocks += delta;
	inode->i_blocks += delta * BLOCKS_PER_PAGE;
}

/* The inode goes: its pages no longer count (Linux shmem_evict_inode -> shmem_truncate_range). */
void shmem_unacct_inode(struct inode *inode)
{
	struct shmem_inode_info *info = SHMEM_I(inode);

	SHMEM_SB(inode->i_sb)->used_blocks -= info->alloced;
	info->alloced = 0;
	inode->i_blocks = 0;
}

/*
 * Room for one more page in @inode's mount (Linux shmem_inode_acct_blocks):
 * -ENOSPC once size= is used up, which a write returns and a fault turns
 * into SIGBUS.  The page, once in the cache, is counted by the next
 * shmem_recalc_inode.
 */
static int shmem_acct_block(struct inode *inode)
{
	struct shmem_sb_info *sbinfo;

	if (!inode->i_sb)
		return 0;
	shmem_recalc_inode(inode);
	sbinfo = SHMEM_SB(inode->i_sb);
	if (sbinfo->max_blocks && sbinfo->used_blocks >= sbinfo->max_blocks)
		return -ENOSPC;
	return 0;
}

static vm_fault_t shmem_fault(struct vm_fault *vmf)
{
	struct inode *inode = vmf->vma->vm_file->f_inode;
	struct page *pg = find_get_page(&inode->i_mapping, vmf->pgoff);
	if (vmf->pgoff >= DIV_ROUND_UP(inode->i_size, PAGE_SIZE)) {
		trace_fault_step("shmem_fault (beyond EOF)");
		return VM_FAULT_SIGBUS;
	}
	if (!pg) {
		if (shmem_acct_block(inode)) {
			trace_fault_step("shmem_fault (tmpfs full)");
			return VM_FAULT_SIGBUS;	/* Linux: shmem_get_folio's -ENOSPC, vmf_error */
		}
		pg = alloc_page(__GFP_ZERO | __GFP_USER);
		if (!pg)
			return VM_FAULT_OOM;
		pg->flags |= PG_uptodate;	/* zeroed is its content: read() must not fill it again */
		if (add_to_page_cache(pg, &inode->i_mapping, vmf->pgoff)) {
			put_page(pg);
			return VM_FAULT_OOM;
		}
		shmem_recalc_inode(inode);
		trace_fault_step("shmem_fault (new zeroed page)");
	} else {
		trace_fault_step("shmem_fault (page cache)");
	}
	get_page(pg);
	vmf->page = pg;
	return 0;
}

static const struct vm_operations_struct shmem_vm_ops = { .fault = shmem_fault };

/*
 * Give a new shared anonymous VMA its backing file (Linux:
 * shmem_zero_setup): a whole shmem file, as a memfd's, so that what works
 * on one (fallocate through madvise(MADV_REMOVE)) works on the other.
 */
int shmem_zero_setup(struct vm_area_struct *vma)
{
	u64 pages = vma_pages(vma);
	struct file *f;

	/* Linux shmem_acct_size: the whole size is committed up front, unless MAP_NORESERVE */
	if (!(vma->vm_flags & VM_NORESERVE) && vm_enough_memory(vma->vm_mm, (long)pages))
		return -ENOMEM;
	if (!(f = shmem_file_setup("dev/zero", (loff_t)(vma->vm_end - vma->vm_start), SHMEM_FILE_MODE))) {
		if (!(vma->vm_flags & VM_NORESERVE))
			vm_unacct_memory((long)pages);
		return -ENOMEM;
	}
	f->f_inode->i_committed = (vma->vm_flags & VM_NORESERVE) ? 0 : pages;	/* given back with the inode */
	vma->vm_file = f;
	vma_link_file(vma);
	vma->vm_ops = &shmem_vm_ops;
	vma->vm_name = "/dev/zero (deleted)";
	return 0;
}

/* ---------------------------------------------------------------- shmem files (memfd) */

static const struct file_operations shmem_file_operations;

bool is_file_shmem(const struct file *f) { return f->f_op == &shmem_file_operations; }

u32 *shmem_seals(struct file *f)
{
	return is_file_shmem(f) ? &SHMEM_I(f->f_inode)->seals : NULL;
}

/* Linux shmem_write_begin: the seals first; a page not there yet is a zeroed one. */
static int shmem_write_begin(struct file *file, struct address_space *mapping, loff_t pos, unsigned len,
			     struct page **pagep, void **fsdata)
{
	struct inode *inode = mapping->host;
	u32 seals = SHMEM_I(inode)->seals;
	struct page *pg;
	int err;

	if (seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE))
		return -EPERM;
	if ((seals & F_SEAL_GROW) && (u64)pos + len > inode->i_size)
		return -EPERM;
	if (!find_get_page(mapping, pos >> PAGE_SHIFT) && (err = shmem_acct_block(inode)))
		return err;		/* a new page, and no room for it under size= */
	if (!(pg = grab_cache_page(mapping, pos >> PAGE_SHIFT)))
		return -ENOMEM;
	pg->flags |= PG_uptodate;	/* grab_cache_page zeroed it: a hole reads as zeros */
	shmem_recalc_inode(inode);
	*pagep = pg;
	return 0;
}

/* No readpage or writepage: nothing behind the pages, so reclaim leaves them alone (mm/vmscan.c). */
static const struct address_space_operations shmem_aops = {
	.write_begin = shmem_write_begin, .write_end = generic_write_end,
};

/* Linux shmem_setattr: a size change obeys the seals, then the page cache follows it. */
static int shmem_setattr(struct inode *inode, const struct iattr *attr)
{
	u32 seals = SHMEM_I(inode)->seals;

	if (attr->ia_valid & ATTR_SIZE) {
		if ((u64)attr->ia_size < inode->i_size && (seals & F_SEAL_SHRINK))
			return -EPERM;
		if ((u64)attr->ia_size > inode->i_size && (seals & F_SEAL_GROW))
			return -EPERM;
		if ((u64)attr->ia_size != inode->i_size)
			truncate_setsize(inode, attr->ia_size);
		shmem_recalc_inode(inode);
	}
	setattr_copy(inode, attr);
	return 0;
}

/* Linux shmem_fileattr_set: tmpfs keeps only these four flags; another is EOPNOTSUPP. */
#define SHMEM_FL_USER_MODIFIABLE (FS_IMMUTABLE_FL | FS_APPEND_FL | FS_NODUMP_FL | FS_NOATIME_FL)

int shmem_fileattr_set(struct inode *inode, u32 flags)
{
	u64 now = ktime_get_real_ns();

	if (flags & ~SHMEM_FL_USER_MODIFIABLE)
		return -EOPNOTSUPP;
	inode->i_fsflags = flags;
	inode->i_ctime = now / NSEC_PER_SEC;
	inode->i_ctime_nsec = now % NSEC_PER_SEC;
	return 0;
}

static const struct inode_operations shmem_inode_operations = { .setattr = shmem_setattr,
								 .fileattr_set = shmem_fileattr_set };

/* Any shared mapping that may write, now or after mprotect (Linux mapping_writably_mapped). */
bool mapping_writably_mapped(struct address_space *m)
{
	struct list_head *p;

	list_for_each(p, &m->i_mmap) {
		struct vm_area_struct *v = list_entry(p, struct vm_area_struct, shared);

		if ((v->vm_flags & VM_SHARED) && (v->vm_flags & VM_MAYWRITE))
			return true;
	}
	return false;
}

/* Linux shmem_mmap -> memfd_check_seals_mmap: a write seal forbids shared writable mappings,
 * and takes VM_MAYWRITE from shared read-only ones so mprotect cannot add it. */
static int shmem_mmap(struct file *f, struct vm_area_struct *vma)
{
	struct shmem_inode_info *info = SHMEM_I(f->f_inode);

	if ((info->seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE)) && (vma->vm_flags & VM_SHARED)) {
		if (vma->vm_flags & VM_WRITE)
			return -EPERM;
		vma->vm_flags &= ~VM_MAYWRITE;
	}
	vma->vm_ops = &shmem_vm_ops;
	if (!f->f_inode->i_sb)
		vma->vm_name = info->vm_name;	/* a tmpfs file's mappings show its path (f_path) */
	return 0;
}

/*
 * Linux shmem_fallocate, as far as this page cache goes: a range larger
 * than the whole of size= fails at once (ENOSPC), the pages come through
 * write_begin (ENOSPC when size= runs out: the size the file had is
 * restored, as Linux undoes a failed fallocate), and F_SEAL_GROW and
 * F_SEAL_WRITE hold.  PUNCH_HOLE writes zeros and keeps the pages (Linux
 * frees them: st_blocks stays here).
 */
static long shmem_fallocate(struct file *f, int mode, loff_t offset, loff_t len)
{
	struct inode *inode = f->f_inode;
	u32 seals = SHMEM_I(inode)->seals;
	u64 first = (u64)offset >> PAGE_SHIFT, end = DIV_ROUND_UP((u64)offset + (u64)len, PAGE_SIZE);
	u64 old_size = inode->i_size;
	long err;

	if (mode & ~(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE))
		return -EOPNOTSUPP;
	if ((mode & FALLOC_FL_PUNCH_HOLE) && (seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE)))
		return -EPERM;
	if (!(mode & FALLOC_FL_PUNCH_HOLE) && (seals & F_SEAL_GROW) && (u64)offset + (u64)len > old_size)
		return -EPERM;
	if (inode->i_sb && SHMEM_SB(inode->i_sb)->max_blocks && end - first > SHMEM_SB(inode->i_sb)->max_blocks)
		return -ENOSPC;
	err = generic_fallocate(f, mode, offset, len);
	if (err && inode->i_size > old_size)
		truncate_setsize(inode, old_size);
	shmem_recalc_inode(inode);
	return err;
}

static const struct file_operations shmem_file_operations = {
	.read = generic_file_read, .write = generic_file_write, .mmap = shmem_mmap,
	.fallocate = shmem_fallocate, .seekable = true,
};

/* A tmpfs regular file: a memfd's operations, with a name (Linux shmem_get_inode, S_IFREG). */
void shmem_reg_inode_init(struct inode *inode)
{
	inode->i_op = &shmem_inode_operations;
	inode->i_fop = &shmem_file_operations;
	inode->i_mapping.a_ops = &shmem_aops;
}

/*
 * Linux shmem_file_setup: an unlinked regular file of memory (st_nlink 0),
 * open O_RDWR | O_LARGEFILE. @name is what its mappings are called.
 */
struct file *shmem_file_setup(const char *name, loff_t size, umode_t mode)
{
	struct inode *inode = new_inode_pseudo_sized(sizeof(struct shmem_inode));
	struct shmem_inode_info *info;
	struct file *f;

	if (!inode)
		return NULL;
	info = &container_of(inode, struct shmem_inode, vfs_inode)->info;
	inode->i_ino = get_next_ino();
	snprintf(info->vm_name, sizeof(info->vm_name), "/%s (deleted)", name);
	inode->i_mode = S_IFREG | (mode & S_IALLUGO);
	inode->i_nlink = 0;
	inode->i_size = size;
	shmem_reg_inode_init(inode);
	inode->i_private = info;
	inode_set_times_now(inode);
	f = file_open_inode(inode, O_RDWR | O_LARGEFILE);
	iput(inode);			/* the file holds it now (or, if none, it goes) */
	return f;
}
