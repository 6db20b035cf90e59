/*
 * block/bdev.c - block devices as files (Linux: block/bdev.c, block/fops.c
 * and block/ioctl.c, much reduced).
 *
 * A driver registers each device it has (add_disk); a block-special inode
 * (a /dev node, or one made with mknod on a file system) finds its device
 * by number (bdget).  Opening the node gives a file whose read and write
 * go straight to the device's sectors: faultline keeps no page cache for
 * a device, so what mkfs writes through /dev/loop0 is what ext2 reads
 * when it mounts the device, with nothing to flush in between.  A
 * partial sector is read, changed and written back whole.
 */
#include <blkdev.h>
#include <fs.h>
#include <mm.h>
#include <uaccess.h>
#include <cred.h>
#include <string.h>
#include <errno.h>

#define MAX_DISKS 16
#define BOUNCE_SIZE PAGE_SIZE		/* sectors moved per step between the device and user memory */
#define SECTORS_PER_BOUNCE (BOUNCE_SIZE >> SECTOR_SHIFT)

/* Linux include/uapi/linux/fs.h: the generic block ioctls */
#define BLKROSET 0x125d
#define BLKROGET 0x125e
#define BLKRRPART 0x125f
#define BLKRASET 0x1262
#define BLKRAGET 0x1263
#define BLKGETSIZE 0x1260
#define BLKFLSBUF 0x1261
#define BLKSSZGET 0x1268
#define BLKBSZGET 0x80081270
#define BLKBSZSET 0x40081271
#define BLKGETSIZE64 0x80081272
#define BLKDISCARD 0x1277
#define BLKIOMIN 0x1278
#define BLKIOOPT 0x1279
#define BLKALIGNOFF 0x127a
#define BLKPBSZGET 0x127b
#define BLKDISCARDZEROES 0x127c
#define BLKZEROOUT 0x127f

static struct block_device *disks[MAX_DISKS];

int add_disk(struct block_device *bd)
{
	for (int i = 0; i < MAX_DISKS; i++)
		if (!disks[i]) {
			disks[i] = bd;
			return 0;
		}
	return -ENOSPC;
}

struct block_device *bdget(u32 dev)
{
	for (int i = 0; i < MAX_DISKS; i++)
		if (disks[i] && disks[i]->bd_dev == dev)
			return disks[i];
	return NULL;
}

bool bdev_read_only(const struct block_device *bd)
{
	return bd->bd_read_only || !bd->bd_ops->write_sectors;
}

bool bdev_ready(const struct block_device *bd)
{
	return bd->bd_nr_sectors > 0;
}

/* A holder that is not a file (a mount): counted by the driver as an opener. */
int blkdev_get(struct block_device *bd)
{
	return bd->bd_ops->open ? bd->bd_ops->open(bd) : 0;
}

void blkdev_put(struct block_device *bd)
{
	if (bd->bd_ops->release)
		bd->bd_ops->release(bd);
}

static struct block_device *file_bdev(struct file *f)
{
	return bdget(f->f_inode->i_rdev);
}

u64 blkdev_size(struct file *f)
{
	struct block_device *bd = file_bdev(f);

	return bd ? bdev_nr_bytes(bd) : 0;
}

/* Linux blkdev_open: a read-only device opens for reading only. */
static int blkdev_open(struct file *f)
{
	struct block_device *bd = file_bdev(f);
	u32 acc = f->f_flags & O_ACCMODE;

	if (!bd)
		return -ENXIO;
	if ((acc == O_WRONLY || acc == O_RDWR) && bdev_read_only(bd))
		return -EACCES;
	if (bd->bd_ops->open)
		return bd->bd_ops->open(bd);
	return 0;
}

static void blkdev_release(struct file *f)
{
	struct block_device *bd = file_bdev(f);

	if (bd && bd->bd_ops->release)
		bd->bd_ops->release(bd);
}

/* The sectors around [pos, pos + n) into @bounce; n is cut to the bounce and the device end. */
static ssize_t read_around(struct block_device *bd, u64 pos, size_t *n, u8 *bounce, sector_t *first, u64 *nr)
{
	u64 end = bdev_nr_bytes(bd);
	size_t skip = pos & (SECTOR_SIZE - 1);

	if (*n > BOUNCE_SIZE - skip)
		*n = BOUNCE_SIZE - skip;
	if (*n > end - pos)
		*n = end - pos;
	*first = pos >> SECTOR_SHIFT;
	*nr = DIV_ROUND_UP(skip + *n, SECTOR_SIZE);
	return bdev_read_sectors(bd, *first, bounce, *nr);
}

static ssize_t blkdev_rw(struct file *f, char *ubuf, size_t n, bool write)
{
	struct block_device *bd = file_bdev(f);
	u8 *bounce;
	size_t done = 0;
	ssize_t err = 0;

	if (!bd)
		return -ENXIO;
	if (f->f_pos >= bdev_nr_bytes(bd))
		return write && n ? -ENOSPC : 0;	/* Linux blkdev_write_iter: nothing fits past the end */
	if (!(bounce = kmalloc(BOUNCE_SIZE, 0)))
		return -ENOMEM;
	while (done < n && f->f_pos < bdev_nr_bytes(bd)) {
		size_t chunk = n - done, skip = f->f_pos & (SECTOR_SIZE - 1);
		sector_t first;
		u64 nr;

		if ((err = read_around(bd, f->f_pos, &chunk, bounce, &first, &nr)))
			break;
		if (write && copy_from_user(bounce + skip, ubuf + done, chunk))
			err = -EFAULT;
		else if (write)
			err = bdev_write_sectors(bd, first, bounce, nr);
		else if (copy_to_user(ubuf + done, bounce + skip, chunk))
			err = -EFAULT;
		if (err)
			break;
		done += chunk;
		f->f_pos += chunk;
	}
	kfree(bounce);
	return done ? (ssize_t)done : err;
}

static ssize_t blkdev_read(struct file *f, char *ubuf, size_t n) { return blkdev_rw(f, ubuf, n, false); }
static ssize_t blkdev_write(struct file *f, const char *ubuf, size_t n) { return blkdev_rw(f, (char *)ubuf, n, true); }

int blkdev_fsync(struct file *f)
{
	struct block_device *bd = file_bdev(f);

	return bd && bd->bd_ops->flush ? bd->bd_ops->flush(bd) : 0;
}

static long put_u64(u64 arg, u64 v) { return put_user(v, (u64 __user *)arg) ? -EFAULT : 0; }
static long put_int(u64 arg, int v) { return put_user(v, (int __user *)arg) ? -EFAULT : 0; }

/* Linux blkdev_roset: root makes the device read-only (or writable again); open files keep their mode. */
static long blkdev_roset(struct block_device *bd, u64 arg)
{
	int ro;

	if (!capable(CAP_SYS_ADMIN))
		return -EACCES;
	if (get_user(ro, (int __user *)arg))
		return -EFAULT;
	bd->bd_read_only = ro != 0;
	return 0;
}

/* Linux blkdev_ioctl: the generic ones here, the rest to the driver (loop's LOOP_*). */
static long blkdev_ioctl(struct file *f, unsigned cmd, u64 arg)
{
	struct block_device *bd = file_bdev(f);

	if (!bd)
		return -ENXIO;
	switch (cmd) {
	case BLKGETSIZE64: return put_u64(arg, bdev_nr_bytes(bd));
	case BLKGETSIZE: return put_u64(arg, bd->bd_nr_sectors);
	case BLKSSZGET:
	case BLKPBSZGET:
	case BLKIOMIN: return put_int(arg, bd->bd_block_size ? bd->bd_block_size : SECTOR_SIZE);
	case BLKBSZGET: return put_int(arg, PAGE_SIZE);
	case BLKIOOPT:
	case BLKALIGNOFF:
	case BLKDISCARDZEROES: return put_int(arg, 0);
	case BLKROGET: return put_int(arg, bdev_read_only(bd));
	case BLKROSET: return blkdev_roset(bd, arg);
	case BLKRAGET: return put_u64(arg, bd->bd_ra_pages * PAGE_SIZE / SECTOR_SIZE);
	case BLKRASET:
		if (!capable(CAP_SYS_ADMIN))
			return -EACCES;
		bd->bd_ra_pages = arg * SECTOR_SIZE / PAGE_SIZE;	/* Linux: kept in pages, given in sectors */
		return 0;
	case BLKFLSBUF: return blkdev_fsync(f);
	case BLKRRPART: return -EINVAL;		/* Linux: a device without partitions */
	case BLKDISCARD:
	case BLKZEROOUT: return -EOPNOTSUPP;
	}
	return bd->bd_ops->ioctl ? bd->bd_ops->ioctl(bd, cmd, arg) : -ENOTTY;
}

const struct file_operations def_blk_fops = {
	.read = blkdev_read,
	.write = blkdev_write,
	.ioctl = blkdev_ioctl,
	.open = blkdev_open,
	.release = blkdev_release,
	.seekable = true,
};
