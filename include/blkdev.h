/*
 * include/blkdev.h - the block-device layer under the file systems.
 *
 * faultline has one block device: the RAM disk, an image the boot loader
 * already placed in memory as one contiguous byte array. A "read" is a
 * bounds-checked copy, and that check is the whole point of the layer: the
 * image is untrusted input, so a file system that computes an offset from a
 * corrupt block number gets -EIO here instead of reading past the image.
 */
#ifndef _FAULTLINE_BLKDEV_H
#define _FAULTLINE_BLKDEV_H
#include "types.h"

/* Linux's logical sector size; a RAM disk has no physical one. */
#define BDEV_SECTOR_SIZE 512

struct block_device {
	const u8 *base;		/* first byte of the image */
	u64 size;		/* image length in bytes */
	u32 block_size;		/* device block size (a sector), not the fs block size */
};

/* Describe an in-memory image of @size bytes at @base. */
void bdev_init(struct block_device *bd, const void *base, u64 size);

/*
 * Copy @len bytes at @byte_off into @buf.
 * => 0, or -EIO if any byte of [byte_off, byte_off + len) lies outside the
 *    image (nothing is copied then).
 */
int bdev_read(struct block_device *bd, u64 byte_off, void *buf, u64 len);

#endif
