/*
 * fs/ext2/file.c - ext2 regular files (Linux: fs/ext2/file.c): reads and
 * writes go through the page cache, which ext2_aops (inode.c) fills and
 * writes back.
 */
#include "ext2.h"

const struct file_operations ext2_file_operations = {
	.read = generic_file_read,
	.write = generic_file_write,	/* into the page cache, through ext2_aops' write_begin/write_end */
	.fallocate = generic_fallocate,	/* Linux's ext2 has none: see mm/filemap.c for why this one does */
	.seekable = true,
};
