/*
 * include/blkdev.h - the block-device layer under the file systems
 * (Linux: include/linux/blkdev.h, much reduced).
 *
 * A block device is an array of 512-byte sectors behind a read (and, for a
 * writable file system later, a write) operation. File systems never see the
 * memory behind a device: they ask fs/buffer.c for a block by number, and
 * bdev_read_sectors()/bdev_write_sectors() refuse any range outside the
 * device, so a corrupt block number becomes -EIO instead of a stray access.
 */
#ifndef _FAULTLINE_BLKDEV_H
#define _FAULTLINE_BLKDEV_H
#include "types.h"

typedef u64 sector_t;

#define SECTOR_SHIFT 9			/* Linux's logical sector: 512 bytes */
#define SECTOR_SIZE (1u << SECTOR_SHIFT)

struct block_device;

struct block_device_operations {
	/* Copy @nr sectors from @sector on into @buf (the range is already checked). */
	int (*read_sectors)(struct block_device *bd, sector_t sector, void *buf, u64 nr);
	/* The other way; NULL on a read-only device. */
	int (*write_sectors)(struct block_device *bd, sector_t sector, const void *buf, u64 nr);
	/* Optional: the device's node is opened or its last file closed (loop's autoclear). */
	int (*open)(struct block_device *bd);
	void (*release)(struct block_device *bd);
	/* Optional: the driver's own ioctls (LOOP_*); -ENOTTY for one it does not know. */
	long (*ioctl)(struct block_device *bd, unsigned cmd, u64 arg);
	/* Optional: what was written reaches stable storage (fsync, BLKFLSBUF). */
	int (*flush)(struct block_device *bd);
};

struct block_device {
	const struct block_device_operations *bd_ops;
	sector_t bd_nr_sectors;		/* device size */
	const char *bd_desc;		/* for messages, e.g. "RAM disk" */
	u32 bd_dev;			/* its device number (st_rdev of its node, st_dev of a file system on it); 0: none */
	void *bd_private;		/* the driver's */
	bool bd_read_only;		/* BLKROSET, LO_FLAGS_READ_ONLY: no writable open, no writable mount */
	u32 bd_block_size;		/* logical block size for BLKSSZGET; 0: SECTOR_SIZE */
	u64 bd_ra_pages;		/* BLKRASET's readahead, kept only to be read back (none is done) */
};

static inline u64 bdev_nr_bytes(const struct block_device *bd)
{
	return bd->bd_nr_sectors << SECTOR_SHIFT;
}

/* Read @nr sectors at @sector: 0, or -EIO if any lies past the device end. */
int bdev_read_sectors(struct block_device *bd, sector_t sector, void *buf, u64 nr);
/* Write them: 0, -EIO past the end, -EROFS on a device without a write. */
int bdev_write_sectors(struct block_device *bd, sector_t sector, const void *buf, u64 nr);

/* block/bdev.c: devices by number, and their nodes opened as files */
struct file;
struct file_operations;
int add_disk(struct block_device *bd);		/* 0, or -ENOSPC when the table is full */
struct block_device *bdget(u32 dev);		/* the device with that number, or NULL */
bool bdev_read_only(const struct block_device *bd);
bool bdev_ready(const struct block_device *bd);	/* has a medium: a bound loop device */
int blkdev_get(struct block_device *bd);	/* a mount holds it (the driver counts it as open) */
void blkdev_put(struct block_device *bd);
/* drivers/block/loop.c: /dev/loop-control and /dev/loop0..7 */
void loop_init(void);
u64 blkdev_size(struct file *f);		/* lseek's SEEK_END on a device node */
int blkdev_fsync(struct file *f);
extern const struct file_operations def_blk_fops;

/* drivers/block/brd.c: describe an in-memory image of @size bytes at @base. */
void brd_init_bdev(struct block_device *bd, const void *base, u64 size);

/* drivers/block/brd_boot.c: the RAM disk the boot loader loaded, or NULL. */
struct block_device *brd_root_bdev(void);

/*
 * drivers/block/brd_boot.c: with "brd.save" on the command line, print
 * "brd: ram0 ready to save: phys 0x<hex> size <bytes>" and halt for good
 * (interrupts off) so the host can copy the RAM disk out of guest memory
 * (tools/qemu-boot --save-disk); without it, return at once.  Called after
 * the file systems are synced, right before machine_power_off().
 */
void brd_save_point(void);

#endif
