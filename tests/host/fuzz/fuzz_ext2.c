/*
 * tests/host/fuzz/fuzz_ext2.c - libFuzzer target: fs/ext2 mounting an image
 * made of the fuzz input, then walking everything it can reach.
 *
 * The input is the whole RAM disk, copied to the start of a static arena
 * whose rest is poisoned for ASan (so any read past the image's end is
 * reported, as with an exact-size malloc, without an mmap per run for
 * images over ASan's largest size class), and mounted the way
 * tests/host/test_ext2.c mounts (brd_init_bdev + ext2_setup, the shim of
 * tests/host/shim.c).  If it mounts: every inode of the first groups is
 * read, and through readdir from the root every directory is listed,
 * every entry looked up again by name, every file read (at 0, across the
 * first indirect boundary and at EOF), every symlink read and followed
 * (MAXSYMLINKS, as the VFS does); then a few blocks and inode numbers are
 * allocated and freed again (balloc.c, ialloc.c).  Each walk has a budget,
 * so only the driver itself can hang.  Errors are fine; a sanitizer report,
 * an abort from the shim or a timeout is a bug.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>			/* S_ISCHR, used by include/fs.h */
#include "../../../fs/ext2/ext2.h"	/* after libc: user space has its own S_IF*, O_* and struct stat */
#include "errno.h"
#include <sanitizer/asan_interface.h>

#define MAX_IMAGE (1u << 20)		/* fuzz.sh's -max_len keeps inputs smaller */
#define MAX_ENTRIES 600			/* readdir results per image */
#define MAX_DEPTH 8
#define MAX_INODES 64			/* inodes read in inode-number order */
#define READ_MAX 16384
#define MAX_ALLOC 3

struct walk {
	struct ext2_sb_info *fs;
	int budget;
	u8 buf[READ_MAX];
};

/* Follow @link (a symlink) from @dir, one component at a time, as the VFS would: the target inode or -errno. */
static int follow(struct walk *w, struct ext2_inode_info *link, struct ext2_inode_info *dir, int depth)
{
	char path[EXT2_FAST_LINK_MAX + 512], *p, *name;
	struct ext2_inode_info cur = *dir, child;
	ssize_t n;
	int err;

	if (depth > MAXSYMLINKS)
		return -ELOOP;
	n = ext2_readlink(w->fs, link, path, sizeof(path) - 1);
	if (n < 0)
		return n;
	path[n] = '\0';
	p = path;
	if (*p == '/' && (err = ext2_read_inode(w->fs, EXT2_ROOT_INO, &cur)))
		return err;
	while (*p && w->budget > 0) {
		u32 ino;

		--w->budget;
		while (*p == '/')
			p++;
		if (!*p)
			break;
		name = p;
		while (*p && *p != '/')
			p++;
		if ((err = ext2_dir_lookup(w->fs, &cur, name, p - name, &ino)) ||
		    (err = ext2_read_inode(w->fs, ino, &child)))
			return err;
		if (ext2_is_symlink(&child)) {
			/* resolved for its errors only: the walk goes on from @cur, good enough here */
			if ((err = follow(w, &child, &cur, depth + 1)))
				return err;
			continue;
		}
		cur = child;
	}
	return 0;
}

/* Use one inode the way exec, read(2), readlink(2) and getdents(2) would. */
static void use_inode(struct walk *w, struct ext2_inode_info *ip, struct ext2_inode_info *parent)
{
	u32 blk;

	if (ext2_is_symlink(ip)) {
		if (ext2_readlink(w->fs, ip, (char *)w->buf, sizeof(w->buf)) >= 0 && parent)
			follow(w, ip, parent, 1);
		return;
	}
	if (ext2_is_dir(ip))
		return;
	ext2_read(w->fs, ip, 0, w->buf, sizeof(w->buf));
	/* the single, double and triple indirect maps, wherever the size lets them be */
	ext2_read(w->fs, ip, (u64)EXT2_NDIR_BLOCKS * w->fs->block_size - 100, w->buf, 200);
	if (ip->size > 200)
		ext2_read(w->fs, ip, ip->size - 200, w->buf, 300);
	ext2_bmap(w->fs, ip, EXT2_NDIR_BLOCKS + w->fs->ptrs_per_block, &blk);
	ext2_bmap(w->fs, ip, EXT2_NDIR_BLOCKS + w->fs->ptrs_per_block + (u64)w->fs->ptrs_per_block * w->fs->ptrs_per_block,
		  &blk);
}

static void walk_dir(struct walk *w, struct ext2_inode_info *dir, int depth)
{
	struct ext2_dirent_out ent;
	struct ext2_inode_info ip;
	u64 pos = 0;
	u32 ino;

	while (w->budget > 0 && ext2_readdir(w->fs, dir, &pos, &ent) == 1) {
		--w->budget;
		if (ent.name[0] == '.' && (ent.namelen == 1 || (ent.namelen == 2 && ent.name[1] == '.')))
			continue;
		/* the lookup path must find what readdir listed */
		if (ext2_dir_lookup(w->fs, dir, ent.name, ent.namelen, &ino) || ext2_read_inode(w->fs, ino, &ip))
			continue;
		if (ext2_inode_is_free(&ip))
			continue;
		if (ext2_is_dir(&ip) && depth < MAX_DEPTH)
			walk_dir(w, &ip, depth + 1);
		else
			use_inode(w, &ip, dir);
	}
}

/* Allocate and free again: the bitmaps and descriptors are as untrusted as the rest. */
static void alloc_and_free(struct ext2_sb_info *fs)
{
	long blocks[MAX_ALLOC], inos[MAX_ALLOC];
	int nb = 0, ni = 0;

	for (int i = 0; i < MAX_ALLOC; i++) {
		long b = ext2_new_block(fs, i == 0 ? 0 : fs->blocks_count / 2 + i);
		long n = ext2_new_inode_number(fs, EXT2_ROOT_INO, i == 1);

		if (b > 0)
			blocks[nb++] = b;
		if (n > 0)
			inos[ni++] = n;
	}
	while (nb--)
		ext2_free_block(fs, blocks[nb]);
	while (ni--)
		ext2_free_inode_number(fs, inos[ni], ni == 1);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static struct walk w;
	static u8 arena[MAX_IMAGE] __attribute__((aligned(4096)));
	struct block_device bd;
	struct super_block sb;
	struct ext2_sb_info fs;
	struct ext2_inode_info ip;
	u8 *img;

	if (size < EXT2_SUPERBLOCK_OFFSET + EXT2_SUPERBLOCK_SIZE || size > MAX_IMAGE)
		return -1;	/* not even a superblock: nothing past read_super to reach */
	img = arena;
	memcpy(img, data, size);
	ASAN_POISON_MEMORY_REGION(img + size, MAX_IMAGE - size);
	brd_init_bdev(&bd, img, size);
	memset(&sb, 0, sizeof(sb));
	sb.s_bdev = &bd;
	if (ext2_setup(&fs, &sb) == 0) {
		w.fs = &fs;
		w.budget = MAX_ENTRIES;
		ext2_overhead_blocks(&fs);
		for (u32 ino = 1; ino <= fs.inodes_count && ino <= MAX_INODES; ino++)
			if (ext2_read_inode(&fs, ino, &ip) == 0 && !ext2_inode_is_free(&ip) && ino != EXT2_ROOT_INO &&
			    !ext2_is_dir(&ip))
				use_inode(&w, &ip, NULL);
		if (ext2_read_inode(&fs, EXT2_ROOT_INO, &ip) == 0)
			walk_dir(&w, &ip, 0);
		alloc_and_free(&fs);
	}
	ASAN_UNPOISON_MEMORY_REGION(img + size, MAX_IMAGE - size);
	return 0;
}
