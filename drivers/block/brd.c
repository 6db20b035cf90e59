/*
 * drivers/block/brd.c - reads from the in-memory RAM-disk image.
 *
 * Every read the file systems make goes through bdev_read(), so checking the
 * range once here is what turns "corrupt block number" into -EIO rather than
 * an out-of-bounds load (see include/blkdev.h).
 */
#include <blkdev.h>
#include <errno.h>
#include <string.h>

void bdev_init(struct block_device *bd, const void *base, u64 size)
{
	bd->base = base;
	bd->size = size;
	bd->block_size = BDEV_SECTOR_SIZE;
}

/* Written as two comparisons so that byte_off + len can never overflow. */
static bool bdev_range_ok(const struct block_device *bd, u64 byte_off, u64 len)
{
	return byte_off <= bd->size && len <= bd->size - byte_off;
}

int bdev_read(struct block_device *bd, u64 byte_off, void *buf, u64 len)
{
	if (!bdev_range_ok(bd, byte_off, len))
		return -EIO;
	memcpy(buf, bd->base + byte_off, len);
	return 0;
}
