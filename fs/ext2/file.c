/*
 * fs/ext2/file.c - ext2 regular files (Linux: fs/ext2/file.c): reads go
 * through the page cache, which ext2_aops (inode.c) fills.
 */
#include "ext2.h"

const struct file_operations ext2_file_operations = {
	.read = generic_file_read,
	.write = NULL,			/* with a writable ext2: generic_file_write over write_begin/write_end */
	.seekable = true,
};
