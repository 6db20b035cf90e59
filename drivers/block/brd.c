/*
 * drivers/block/brd.c - the RAM-disk block device (Linux:
 * drivers/block/brd.c): an image already in memory, read and written
 * sector by sector.
 *
 * bdev_read_sectors() is the one place the range is checked, so every read a
 * file system makes, with whatever block number it computed from a corrupt
 * image, either lands inside the device or fails with -EIO (see
 * include/blkdev.h).
 */
#include <blkdev.h>
#include <errno.h>
#include <string.h>

/* Written as two comparisons so that sector + nr can never overflow. */
static bool bdev_range_ok(const struct block_device *bd, sector_t sector, u64 nr)
{
	return sector <= bd->bd_nr_sectors && nr <= bd->bd_nr_sectors - sector;
}

int bdev_read_sectors(struct block_device *bd, sector_t sector, void *buf, u64 nr)
{
	if (!bdev_range_ok(bd, sector, nr))
		return -EIO;
	return bd->bd_ops->read_sectors(bd, sector, buf, nr);
}

int bdev_write_sectors(struct block_device *bd, sector_t sector, const void *buf, u64 nr)
{
	if (!bd->bd_ops->write_sectors)
		return -EROFS;
	if (!bdev_range_ok(bd, sector, nr))
		return -EIO;
	return bd->bd_ops->write_sectors(bd, sector, buf, nr);
}

static int brd_read_sectors(struct block_device *bd, sector_t sector, void *buf, u64 nr)
{
	const u8 *base = bd->bd_private;

	memcpy(buf, base + (sector << SECTOR_SHIFT), nr << SECTOR_SHIFT);
	return 0;
}

/* The image is the disk: a write lands in it at once, so saving guest
 * memory (tools/qemu-boot --save-disk) brings every written block home. */
static int brd_write_sectors(struct block_device *bd, sector_t sector, const void *buf, u64 nr)
{
	u8 *base = bd->bd_private;

	memcpy(base + (sector << SECTOR_SHIFT), buf, nr << SECTOR_SHIFT);
	return 0;
}

static const struct block_device_operations brd_ops = {
	.read_sectors = brd_read_sectors,
	.write_sectors = brd_write_sectors,
};

/* A partial last sector cannot be read: the device ends at a sector boundary. */
void brd_init_bdev(struct block_device *bd, const void *base, u64 size)
{
	bd->bd_ops = &brd_ops;
	bd->bd_private = (void *)base;
	bd->bd_nr_sectors = size >> SECTOR_SHIFT;
	bd->bd_desc = "RAM disk";
}
