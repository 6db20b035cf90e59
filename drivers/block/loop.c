/*
 * drivers/block/loop.c - the loop device: a file seen as a disk (Linux:
 * drivers/block/loop.c, uapi/linux/loop.h).
 *
 * /dev/loop0../dev/loop7 exist from boot (Linux's CONFIG_BLK_DEV_LOOP_MIN_COUNT
 * is 8); /dev/loop-control finds a free one or adds more, up to MAX_LOOP.
 * LOOP_SET_FD (or LOOP_CONFIGURE) binds a device to an open file; its
 * sectors are then the file's bytes from lo_offset on, up to lo_sizelimit,
 * read and written through the file's page cache (kernel_read and
 * kernel_write_at), so a file system made on /dev/loop0 lives in an
 * ordinary file on the file system below.  LOOP_CLR_FD lets go of the file;
 * while anyone else has the device open (or mounted) it only marks it
 * LO_FLAGS_AUTOCLEAR, and the last close clears it, as Linux does.
 */
#include <blkdev.h>
#include <fs.h>
#include <mm.h>
#include <sched.h>
#include <uaccess.h>
#include <string.h>
#include <printk.h>
#include <errno.h>

#define LOOP_MAJOR 7
#define MISC_MAJOR 10
#define LOOP_CTRL_MINOR 237			/* Linux: /dev/loop-control is misc 237 */
#define LOOP_MIN_COUNT 8			/* made at boot */
#define MAX_LOOP 16				/* loop-control may add up to here */
#define LOOP_NAME_LEN 8				/* "loop15" */
#define DEFAULT_RA_PAGES 32			/* Linux VM_READAHEAD_PAGES: 128 KiB, what BLKRAGET shows first */

/* ioctls (Linux include/uapi/linux/loop.h) */
#define LOOP_SET_FD 0x4c00
#define LOOP_CLR_FD 0x4c01
#define LOOP_SET_STATUS 0x4c02
#define LOOP_GET_STATUS 0x4c03
#define LOOP_SET_STATUS64 0x4c04
#define LOOP_GET_STATUS64 0x4c05
#define LOOP_CHANGE_FD 0x4c06
#define LOOP_SET_CAPACITY 0x4c07
#define LOOP_SET_DIRECT_IO 0x4c08
#define LOOP_SET_BLOCK_SIZE 0x4c09
#define LOOP_CONFIGURE 0x4c0a
#define LOOP_CTL_ADD 0x4c80
#define LOOP_CTL_REMOVE 0x4c81
#define LOOP_CTL_GET_FREE 0x4c82

#define LO_FLAGS_READ_ONLY 1
#define LO_FLAGS_AUTOCLEAR 4
#define LO_FLAGS_PARTSCAN 8
#define LO_FLAGS_DIRECT_IO 16
#define LOOP_SET_STATUS_SETTABLE_FLAGS (LO_FLAGS_AUTOCLEAR | LO_FLAGS_PARTSCAN)
#define LOOP_SET_STATUS_CLEARABLE_FLAGS LO_FLAGS_AUTOCLEAR
#define LOOP_CONFIGURE_SETTABLE_FLAGS (LO_FLAGS_READ_ONLY | LO_FLAGS_AUTOCLEAR | LO_FLAGS_PARTSCAN | LO_FLAGS_DIRECT_IO)
#define LO_NAME_SIZE 64
#define LO_KEY_SIZE 32
#define LOOP_MAX_BLOCK_SIZE PAGE_SIZE

struct loop_info64 {				/* Linux uapi, 232 bytes */
	u64 lo_device, lo_inode, lo_rdevice, lo_offset, lo_sizelimit;
	u32 lo_number, lo_encrypt_type, lo_encrypt_key_size, lo_flags;
	u8 lo_file_name[LO_NAME_SIZE];
	u8 lo_crypt_name[LO_NAME_SIZE];
	u8 lo_encrypt_key[LO_KEY_SIZE];
	u64 lo_init[2];
};

struct loop_info {				/* the old one, x86-64 layout: 168 bytes */
	int lo_number;
	unsigned long lo_device, lo_inode, lo_rdevice;
	int lo_offset, lo_encrypt_type, lo_encrypt_key_size, lo_flags;
	char lo_name[LO_NAME_SIZE];
	u8 lo_encrypt_key[LO_KEY_SIZE];
	unsigned long lo_init[2];
	char reserved[4];
};

struct loop_config {				/* LOOP_CONFIGURE's, 304 bytes */
	u32 fd, block_size;
	struct loop_info64 info;
	u64 reserved[8];
};

struct loop_device {
	struct block_device bd;
	int number;
	bool present;				/* made (at boot or by LOOP_CTL_ADD), not removed */
	char name[LOOP_NAME_LEN];
	struct file *backing;			/* NULL: unbound */
	u64 offset, sizelimit;			/* bytes */
	u32 flags;				/* LO_FLAGS_* */
	int openers;				/* open files of the node, and mounts */
	bool node_made;				/* its /dev node is registered (once, for good) */
	u8 file_name[LO_NAME_SIZE];
};

static struct loop_device loops[MAX_LOOP];

static struct loop_device *LO(struct block_device *bd) { return bd->bd_private; }

/* ------------------------------------------------------------------ the data path */

static int lo_rw(struct block_device *bd, sector_t sector, void *buf, u64 nr, bool write)
{
	struct loop_device *lo = LO(bd);
	u64 pos = lo->offset + (sector << SECTOR_SHIFT), len = nr << SECTOR_SHIFT;
	ssize_t n;

	if (!lo->backing)
		return -ENXIO;
	if (write) {
		n = kernel_write_at(lo->backing, buf, len, pos);
		return n == (ssize_t)len ? 0 : n < 0 ? (int)n : -EIO;
	}
	n = kernel_read(lo->backing, pos, buf, len);
	if (n < 0)
		return (int)n;
	memset((u8 *)buf + n, 0, len - n);	/* past the file's end: zeros (Linux lo_read_simple) */
	return 0;
}

static int lo_read_sectors(struct block_device *bd, sector_t s, void *buf, u64 nr) { return lo_rw(bd, s, buf, nr, false); }
static int lo_write_sectors(struct block_device *bd, sector_t s, const void *buf, u64 nr)
{
	return lo_rw(bd, s, (void *)buf, nr, true);
}

/* Linux lo_req_flush: the backing file's dirty pages go to its disk. */
static int lo_flush(struct block_device *bd)
{
	struct loop_device *lo = LO(bd);

	return lo->backing ? write_inode_now(lo->backing->f_inode) : 0;
}

/* ------------------------------------------------------------------ binding a file */

static u64 backing_size(const struct loop_device *lo)
{
	struct inode *inode = lo->backing->f_inode;
	u64 size = S_ISBLK(inode->i_mode) ? blkdev_size(lo->backing) : inode->i_size;

	size = size > lo->offset ? size - lo->offset : 0;
	if (lo->sizelimit && lo->sizelimit < size)
		size = lo->sizelimit;
	return size;
}

static void lo_update_size(struct loop_device *lo)
{
	lo->bd.bd_nr_sectors = lo->backing ? backing_size(lo) >> SECTOR_SHIFT : 0;
	lo->bd.bd_read_only = lo->flags & LO_FLAGS_READ_ONLY;
}

static bool lo_file_writable(const struct file *f)
{
	u32 acc = f->f_flags & O_ACCMODE;

	return acc == O_WRONLY || acc == O_RDWR;
}

/* Linux loop_configure: a regular file or a block device, not the loop device itself. */
static int loop_bind(struct loop_device *lo, unsigned fd, u32 flags, u32 block_size)
{
	struct file *f = fget(fd);
	u32 mode;

	if (!f)
		return -EBADF;
	if (lo->backing)
		return -EBUSY;
	mode = f->f_inode->i_mode;
	if (!S_ISREG(mode) && !S_ISBLK(mode))
		return -EINVAL;
	if (S_ISBLK(mode) && f->f_inode->i_rdev == lo->bd.bd_dev)
		return -EBUSY;
	if (block_size && (block_size < SECTOR_SIZE || block_size > LOOP_MAX_BLOCK_SIZE || (block_size & (block_size - 1))))
		return -EINVAL;
	lo->backing = get_file(f);
	lo->flags = flags;
	if (!lo_file_writable(f))
		lo->flags |= LO_FLAGS_READ_ONLY;
	lo->offset = lo->sizelimit = 0;
	lo->bd.bd_block_size = block_size;
	memset(lo->file_name, 0, sizeof(lo->file_name));	/* Linux: LOOP_SET_FD names nothing; SET_STATUS may */
	lo_update_size(lo);
	return 0;
}

static void loop_unbind(struct loop_device *lo)
{
	struct file *f = lo->backing;

	write_inode_now(f->f_inode);
	lo->backing = NULL;
	lo->flags = 0;
	lo->offset = lo->sizelimit = 0;
	lo->bd.bd_block_size = 0;
	lo_update_size(lo);
	fput(f);
}

/* Linux loop_clr_fd: while others hold the device, it only becomes autoclear. */
static int loop_clr_fd(struct loop_device *lo)
{
	if (!lo->backing)
		return -ENXIO;
	if (lo->openers > 1) {
		lo->flags |= LO_FLAGS_AUTOCLEAR;
		return 0;
	}
	loop_unbind(lo);
	return 0;
}

/* Linux loop_change_fd: only a read-only device, to a file of the same size. */
static int loop_change_fd(struct loop_device *lo, unsigned fd)
{
	struct file *f = fget(fd), *old = lo->backing;

	if (!old)
		return -ENXIO;
	if (!(lo->flags & LO_FLAGS_READ_ONLY))
		return -EINVAL;
	if (!f)
		return -EBADF;
	if (!S_ISREG(f->f_inode->i_mode) && !S_ISBLK(f->f_inode->i_mode))
		return -EINVAL;
	lo->backing = get_file(f);
	if (backing_size(lo) != (u64)lo->bd.bd_nr_sectors << SECTOR_SHIFT) {
		fput(lo->backing);
		lo->backing = old;
		return -EINVAL;
	}
	fput(old);
	return 0;
}

/* ------------------------------------------------------------------ status */

static void lo_get_info64(const struct loop_device *lo, struct loop_info64 *info)
{
	struct inode *inode = lo->backing->f_inode;

	memset(info, 0, sizeof(*info));
	info->lo_number = lo->number;
	info->lo_device = inode->i_sb ? inode->i_sb->s_dev : 0;
	info->lo_inode = inode->i_ino;
	info->lo_rdevice = inode->i_rdev;
	info->lo_offset = lo->offset;
	info->lo_sizelimit = lo->sizelimit;
	info->lo_flags = lo->flags;
	memcpy(info->lo_file_name, lo->file_name, LO_NAME_SIZE);
}

/* Linux loop_set_status: offset, size limit, name and the settable flags. */
static int lo_set_info64(struct loop_device *lo, const struct loop_info64 *info)
{
	u32 set = info->lo_flags & LOOP_SET_STATUS_SETTABLE_FLAGS;
	u32 clear = ~info->lo_flags & LOOP_SET_STATUS_CLEARABLE_FLAGS;

	if (!lo->backing)
		return -ENXIO;
	if (info->lo_encrypt_key_size > LO_KEY_SIZE || info->lo_encrypt_type)
		return -EINVAL;		/* no transfer functions (Linux dropped cryptoloop) */
	lo->offset = info->lo_offset;
	lo->sizelimit = info->lo_sizelimit;
	memcpy(lo->file_name, info->lo_file_name, LO_NAME_SIZE);
	lo->file_name[LO_NAME_SIZE - 1] = 0;
	lo->flags = (lo->flags & ~clear) | set;
	lo_update_size(lo);
	return 0;
}

static void info64_to_old(const struct loop_info64 *in, struct loop_info *out)
{
	memset(out, 0, sizeof(*out));
	out->lo_number = in->lo_number;
	out->lo_device = in->lo_device;
	out->lo_inode = in->lo_inode;
	out->lo_rdevice = in->lo_rdevice;
	out->lo_offset = (int)in->lo_offset;
	out->lo_flags = in->lo_flags;
	memcpy(out->lo_name, in->lo_file_name, LO_NAME_SIZE);
}

static void old_to_info64(const struct loop_info *in, struct loop_info64 *out)
{
	memset(out, 0, sizeof(*out));
	out->lo_offset = (u32)in->lo_offset;
	out->lo_flags = in->lo_flags;
	out->lo_encrypt_type = in->lo_encrypt_type;
	out->lo_encrypt_key_size = in->lo_encrypt_key_size;
	memcpy(out->lo_file_name, in->lo_name, LO_NAME_SIZE);
}

static long lo_get_status(struct loop_device *lo, u64 arg, bool old)
{
	struct loop_info64 info;
	struct loop_info oinfo;

	if (!arg)
		return -EINVAL;
	if (!lo->backing)
		return -ENXIO;
	lo_get_info64(lo, &info);
	if (!old)
		return copy_to_user((void __user *)arg, &info, sizeof(info)) ? -EFAULT : 0;
	info64_to_old(&info, &oinfo);
	return copy_to_user((void __user *)arg, &oinfo, sizeof(oinfo)) ? -EFAULT : 0;
}

static long lo_set_status(struct loop_device *lo, u64 arg, bool old)
{
	struct loop_info64 info;
	struct loop_info oinfo;

	if (old) {
		if (copy_from_user(&oinfo, (const void __user *)arg, sizeof(oinfo)))
			return -EFAULT;
		old_to_info64(&oinfo, &info);
	} else if (copy_from_user(&info, (const void __user *)arg, sizeof(info))) {
		return -EFAULT;
	}
	return lo_set_info64(lo, &info);
}

static long lo_configure(struct loop_device *lo, u64 arg)
{
	struct loop_config cfg;
	int err;

	if (copy_from_user(&cfg, (const void __user *)arg, sizeof(cfg)))
		return -EFAULT;
	for (size_t i = 0; i < ARRAY_SIZE(cfg.reserved); i++)
		if (cfg.reserved[i])
			return -EINVAL;
	if (cfg.info.lo_flags & ~LOOP_CONFIGURE_SETTABLE_FLAGS)
		return -EINVAL;
	if ((err = loop_bind(lo, cfg.fd, cfg.info.lo_flags, cfg.block_size)))
		return err;
	lo->offset = cfg.info.lo_offset;
	lo->sizelimit = cfg.info.lo_sizelimit;
	if (cfg.info.lo_file_name[0])
		memcpy(lo->file_name, cfg.info.lo_file_name, LO_NAME_SIZE - 1);
	lo_update_size(lo);
	return 0;
}

static long lo_ioctl(struct block_device *bd, unsigned cmd, u64 arg)
{
	struct loop_device *lo = LO(bd);

	switch (cmd) {
	case LOOP_SET_FD: return loop_bind(lo, (unsigned)arg, 0, 0);
	case LOOP_CONFIGURE: return lo_configure(lo, arg);
	case LOOP_CHANGE_FD: return loop_change_fd(lo, (unsigned)arg);
	case LOOP_CLR_FD: return loop_clr_fd(lo);
	case LOOP_SET_STATUS: return lo_set_status(lo, arg, true);
	case LOOP_GET_STATUS: return lo_get_status(lo, arg, true);
	case LOOP_SET_STATUS64: return lo_set_status(lo, arg, false);
	case LOOP_GET_STATUS64: return lo_get_status(lo, arg, false);
	case LOOP_SET_CAPACITY:
		if (!lo->backing)
			return -ENXIO;
		lo_update_size(lo);
		return 0;
	case LOOP_SET_DIRECT_IO:
		if (!lo->backing)
			return -ENXIO;
		lo->flags = arg ? lo->flags | LO_FLAGS_DIRECT_IO : lo->flags & ~LO_FLAGS_DIRECT_IO;
		return 0;
	case LOOP_SET_BLOCK_SIZE:
		if (!lo->backing)
			return -ENXIO;
		if (arg < SECTOR_SIZE || arg > LOOP_MAX_BLOCK_SIZE || (arg & (arg - 1)))
			return -EINVAL;
		bd->bd_block_size = (u32)arg;
		return 0;
	}
	return -ENOTTY;
}

static int lo_open(struct block_device *bd)
{
	struct loop_device *lo = LO(bd);

	if (!lo->present)
		return -ENXIO;
	lo->openers++;
	return 0;
}

/* Linux lo_release: the last one out clears an autoclear device. */
static void lo_release(struct block_device *bd)
{
	struct loop_device *lo = LO(bd);

	if (--lo->openers == 0 && lo->backing && (lo->flags & LO_FLAGS_AUTOCLEAR))
		loop_unbind(lo);
}

static const struct block_device_operations lo_ops = {
	.read_sectors = lo_read_sectors,
	.write_sectors = lo_write_sectors,
	.open = lo_open,
	.release = lo_release,
	.ioctl = lo_ioctl,
	.flush = lo_flush,
};

/* ------------------------------------------------------------------ /dev/loop-control */

static int loop_add(int i)
{
	struct loop_device *lo = &loops[i];
	int err = 0;

	if (lo->present)
		return -EEXIST;
	lo->number = i;
	lo->bd.bd_ops = &lo_ops;
	lo->bd.bd_private = lo;
	lo->bd.bd_dev = MKDEV(LOOP_MAJOR, i);
	lo->bd.bd_desc = lo->name;
	lo->bd.bd_ra_pages = DEFAULT_RA_PAGES;
	snprintf(lo->name, sizeof(lo->name), "loop%d", i);
	if (!bdget(lo->bd.bd_dev))
		err = add_disk(&lo->bd);
	if (!err && !lo->node_made && !(err = register_blkdev_node(lo->name, lo->bd.bd_dev)))
		lo->node_made = true;
	if (!err)
		lo->present = true;
	return err ? err : i;
}

static long loop_control_ioctl(struct file *f, unsigned cmd, u64 arg)
{
	switch (cmd) {
	case LOOP_CTL_ADD:
		if (arg >= MAX_LOOP)
			return -EINVAL;
		return loop_add((int)arg);
	case LOOP_CTL_REMOVE:
		if (arg >= MAX_LOOP || !loops[arg].present)
			return -ENODEV;
		if (loops[arg].backing || loops[arg].openers)
			return -EBUSY;
		loops[arg].present = false;
		return 0;
	case LOOP_CTL_GET_FREE:
		for (int i = 0; i < MAX_LOOP; i++)
			if (loops[i].present && !loops[i].backing)
				return i;
		for (int i = 0; i < MAX_LOOP; i++)
			if (!loops[i].present)
				return loop_add(i);
		return -ENOSPC;
	}
	return -ENOTTY;
}

static const struct file_operations loop_ctl_fops = {
	.ioctl = loop_control_ioctl,
};

void loop_init(void)
{
	register_chrdev_node("loop-control", MKDEV(MISC_MAJOR, LOOP_CTRL_MINOR), &loop_ctl_fops);
	for (int i = 0; i < LOOP_MIN_COUNT; i++)
		loop_add(i);
}
