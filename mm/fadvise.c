/*
 * mm/fadvise.c - posix_fadvise(2) and readahead(2): a program's hints about
 * the page cache of a file (Linux: mm/fadvise.c generic_fadvise, and
 * mm/readahead.c for readahead(2), which is fadvise WILLNEED on a regular
 * file).
 *
 * faultline reads one page per cache miss and does no readahead of its
 * own, so NORMAL, RANDOM, SEQUENTIAL and NOREUSE change nothing; WILLNEED
 * reads the range into the page cache now, so later reads and faults find
 * it there (minor faults); DONTNEED writes the range's dirty pages back and
 * drops the clean ones nobody maps, as Linux does.  Errors in Linux's order:
 * EBADF, then ESPIPE for a pipe or FIFO, then EINVAL for a negative length
 * or an unknown advice.
 */
#include <syscalls.h>
#include <mm_types.h>
#include <mm.h>
#include <fs.h>
#include <sched.h>
#include <errno.h>
#include <uapi/linux/fadvise.h>

#define LOFF_MAX 0x7fffffffffffffffLL

/* The pages [first, last] the byte range covers; len 0, or a range past LOFF_MAX, means "to the end". */
static void advice_pages(loff_t offset, loff_t len, u64 *first, u64 *last)
{
	u64 end = (u64)offset + (u64)len;

	if (!len || end < (u64)len || end > (u64)LOFF_MAX)
		end = (u64)LOFF_MAX;
	else
		end--;
	*first = (u64)offset >> PAGE_SHIFT;
	*last = end >> PAGE_SHIFT;
}

/* WILLNEED: read what lies inside the file into the cache (Linux force_page_cache_readahead). */
static void read_ahead(struct inode *inode, u64 first, u64 last)
{
	u64 eof_page = DIV_ROUND_UP(inode->i_size, PAGE_SIZE);
	bool major;

	if (!inode->i_mapping.a_ops || !inode->i_mapping.a_ops->readpage)
		return;				/* nothing behind the pages to read (shmem) */
	for (u64 i = first; i <= last && i < eof_page; i++) {
		if (nr_free_pages() < eof_page - i)
			break;			/* a hint: never push out memory for it */
		if (IS_ERR(read_cache_page(inode, i, &major)))
			break;
	}
}

static int generic_fadvise(struct file *f, loff_t offset, loff_t len, int advice)
{
	struct inode *inode = f->f_inode;
	u64 first, last;

	if (S_ISFIFO(inode->i_mode))
		return -ESPIPE;
	if (len < 0)
		return -EINVAL;
	advice_pages(offset, len, &first, &last);
	switch (advice) {
	case POSIX_FADV_NORMAL: case POSIX_FADV_RANDOM: case POSIX_FADV_SEQUENTIAL: case POSIX_FADV_NOREUSE:
		return 0;
	case POSIX_FADV_WILLNEED:
		if (S_ISREG(inode->i_mode))
			read_ahead(inode, first, last);
		return 0;
	case POSIX_FADV_DONTNEED:
		if (S_ISREG(inode->i_mode) && inode->i_mapping.a_ops) {
			filemap_write_and_wait(&inode->i_mapping);
			invalidate_mapping_pages(&inode->i_mapping, first, last);
		}
		return 0;
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE4(fadvise64, int, fd, loff_t, offset, size_t, len, int, advice)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	return generic_fadvise(f, offset, (loff_t)len, advice);
}

/* Linux ksys_readahead: a readable descriptor (EBADF) of a regular file (EINVAL). */
SYSCALL_DEFINE3(readahead, int, fd, loff_t, offset, size_t, count)
{
	struct file *f = fget(fd);

	if (!f || (f->f_flags & O_ACCMODE) == O_WRONLY)
		return -EBADF;
	if (!S_ISREG(f->f_inode->i_mode) || !f->f_inode->i_mapping.a_ops)
		return -EINVAL;
	return generic_fadvise(f, offset, (loff_t)count, POSIX_FADV_WILLNEED);
}
