/*
 * mm/memfd.c - memfd_create and file seals (Linux: mm/memfd.c).
 *
 * memfd_create(name, flags) gives a descriptor for a new shmem file
 * (mm/shmem.c): anonymous memory with a file's interface, so it can be
 * ftruncated, written, mapped MAP_SHARED and handed to another process
 * (fork, or exec without MFD_CLOEXEC), every mapping seeing the same pages.
 * Its mappings are called "/memfd:NAME (deleted)", as in Linux's
 * /proc/PID/maps.
 *
 * Seals (fcntl F_ADD_SEALS, F_GET_SEALS) are promises about the file's
 * future that a receiver can check: no shrinking, no growing, no writing,
 * no more seals. Only MFD_ALLOW_SEALING files take them; the others start
 * with F_SEAL_SEAL. F_SEAL_WRITE needs every shared writable mapping gone
 * first (EBUSY).
 */
#include <syscalls.h>
#include <fs.h>
#include <mm.h>
#include <uaccess.h>
#include <string.h>
#include <printk.h>
#include <errno.h>

#define MFD_CLOEXEC 0x0001U		/* Linux uapi/linux/memfd.h */
#define MFD_ALLOW_SEALING 0x0002U
#define MFD_HUGETLB 0x0004U
#define MFD_NOEXEC_SEAL 0x0008U		/* Linux 6.3: not executable, and sealed so */
#define MFD_EXEC 0x0010U
#define MFD_ALL_FLAGS (MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_HUGETLB | MFD_NOEXEC_SEAL | MFD_EXEC)
#define MFD_NAME_PREFIX "memfd:"
#define MFD_NAME_MAX_LEN (NAME_MAX - (sizeof(MFD_NAME_PREFIX) - 1))	/* 249 */
#define F_SEAL_EXEC 0x0020		/* Linux 6.3: the x bits cannot change */
#define F_ALL_SEALS (F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_FUTURE_WRITE | F_SEAL_EXEC)
#define MEMFD_MODE SHMEM_FILE_MODE	/* less the x bits under MFD_NOEXEC_SEAL */

/* Linux's order: flags (EINVAL), then the name (EFAULT, or EINVAL when longer than 249 bytes). */
static long memfd_flags_check(unsigned int flags)
{
	if (flags & ~MFD_ALL_FLAGS)
		return -EINVAL;
	if (flags & MFD_HUGETLB)
		return -EINVAL;		/* no huge pages here (Linux: ENOENT-ish without hugetlbfs) */
	if ((flags & MFD_EXEC) && (flags & MFD_NOEXEC_SEAL))
		return -EINVAL;
	return 0;
}

SYSCALL_DEFINE2(memfd_create, const char __user *, uname, unsigned int, flags)
{
	char name[sizeof(MFD_NAME_PREFIX) + MFD_NAME_MAX_LEN + 1];
	size_t plen = sizeof(MFD_NAME_PREFIX) - 1;
	long len, err = memfd_flags_check(flags);
	struct file *f;
	int fd;

	if (err)
		return err;
	memcpy(name, MFD_NAME_PREFIX, plen);
	len = strncpy_from_user(name + plen, uname, MFD_NAME_MAX_LEN + 1);
	if (len < 0)
		return len == -EFAULT ? -EFAULT : -EINVAL;
	if ((size_t)len > MFD_NAME_MAX_LEN)
		return -EINVAL;
	f = shmem_file_setup(name, 0, (flags & MFD_NOEXEC_SEAL) ? MEMFD_MODE & ~0111 : MEMFD_MODE);
	if (!f)
		return -ENOMEM;
	if (flags & MFD_NOEXEC_SEAL)
		*shmem_seals(f) = F_SEAL_EXEC;	/* and sealing stays allowed (Linux) */
	else if (!(flags & MFD_ALLOW_SEALING))
		*shmem_seals(f) = F_SEAL_SEAL;
	fd = install_cloexec(f, 0, flags & MFD_CLOEXEC);
	if (fd < 0)
		fput(f);
	return fd;
}

/* Linux memfd_add_seals: a writable file, known seals, not sealed against sealing. */
static long memfd_add_seals(struct file *f, u32 *seals, unsigned long add)
{
	if ((f->f_flags & O_ACCMODE) == O_RDONLY)
		return -EPERM;
	if (add & ~(unsigned long)F_ALL_SEALS)
		return -EINVAL;
	if (*seals & F_SEAL_SEAL)
		return -EPERM;
	if ((add & F_SEAL_WRITE) && !(*seals & F_SEAL_WRITE) && mapping_writably_mapped(&f->f_inode->i_mapping))
		return -EBUSY;
	*seals |= add;
	return 0;
}

/* EINVAL for a file that is not a memfd (Linux memfd_fcntl). */
long memfd_fcntl(struct file *f, unsigned int cmd, unsigned long arg)
{
	u32 *seals = shmem_seals(f);

	if (!seals)
		return -EINVAL;
	return cmd == F_GET_SEALS ? (long)*seals : memfd_add_seals(f, seals, arg);
}
