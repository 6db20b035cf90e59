/*
 * mm/shmem_super.c - tmpfs, a file system of memory (Linux: mm/shmem.c's
 * shmem_fill_super, shmem_parse_one, shmem_statfs, shmem_get_inode, and
 * Documentation/filesystems/tmpfs.rst).
 *
 * A tmpfs mount is a super block with no device (st_dev 0:N) whose
 * files are shmem files: their page cache is all there is, nothing is
 * ever written back, and reclaim leaves the pages alone (shmem.c).  Its
 * directories live only in memory (shmem_dir.c): each name holds a
 * reference to its inode, so an inode lives while it has a name, an open
 * file or a mapping; kill_sb lets go of every name at umount, and
 * deactivate_super (fs/super.c) then evicts every inode with its pages.
 *
 * Its limits, from mount(2)'s options, as Linux:
 *   size=N[k|m|g|t|p|e] or N%   bytes (rounded up to pages), or that
 *                               share of RAM; default half of RAM; 0: none
 *   nr_blocks=N                 the same in pages
 *   nr_inodes=N[k|m|g...]       inodes (a hard link counts as one); default
 *                               half of RAM's pages; 0: none
 *   mode=OCTAL                  of the root directory; default 1777
 *   uid=N, gid=N                its owner; default the mounter's fsuid/fsgid
 *   inode32, inode64, noswap    accepted (nothing to change here)
 * A write past size= is ENOSPC, a fault SIGBUS; a new name past
 * nr_inodes is ENOSPC; anything else in the options is EINVAL.
 */
#include <fs.h>
#include <mm.h>
#include <cred.h>
#include <init.h>
#include <proc_fs.h>
#include <string.h>
#include <printk.h>
#include <errno.h>
#include "shmem_fs.h"

#define TMPFS_MAGIC 0x01021994		/* Linux include/uapi/linux/magic.h */
#define TMPFS_DEFAULT_MODE (S_ISVTX | 0777)
#define TMPFS_ROOT_INO 1		/* Linux: sbinfo->next_ino starts at 1 */
#define PERCENT 100
#define OPT_MAX 64			/* one option, "key=value", as long as we read it */
#define NOT_A_DIGIT 36			/* above every digit of every base we read */
#define U32_LIMIT 0xffffffffULL		/* mode= is a u32 (kstrtouint); (u32)-1 is no uid or gid */

/* ---------------------------------------------------------------- limits */

/* Linux shmem_default_max_blocks and shmem_default_max_inodes: half of RAM (no highmem here). */
static u64 default_max_pages(void) { return nr_total_pages() / 2; }

int shmem_reserve_inode(struct super_block *sb)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(sb);

	if (sbinfo->max_inodes) {
		if (!sbinfo->free_inodes)
			return -ENOSPC;
		sbinfo->free_inodes--;
	}
	return 0;
}

void shmem_free_inode(struct super_block *sb)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(sb);

	if (sbinfo->max_inodes)
		sbinfo->free_inodes++;
}

/* One page of size= for something that is not in a page cache (a long symlink's target): 0 or -ENOSPC. */
int shmem_charge_page(struct inode *inode)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(inode->i_sb);

	if (sbinfo->max_blocks && sbinfo->used_blocks >= sbinfo->max_blocks)
		return -ENOSPC;
	sbinfo->used_blocks++;
	SHMEM_I(inode)->alloced++;
	inode->i_blocks += BLOCKS_PER_PAGE;
	return 0;
}

/* Linux shmem_statfs: 0 where there is no limit, as simple_statfs; the pages in use right now. */
static int shmem_statfs(struct super_block *sb, struct kstatfs *buf)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(sb);
	struct list_head *p;

	list_for_each(p, &sb->s_inodes) {
		struct inode *inode = list_entry(p, struct inode, i_list);

		if (S_ISREG(inode->i_mode))
			shmem_recalc_inode(inode);
	}
	buf->f_type = TMPFS_MAGIC;
	buf->f_bsize = buf->f_frsize = PAGE_SIZE;
	buf->f_namelen = NAME_MAX;
	if (sbinfo->max_blocks) {
		buf->f_blocks = sbinfo->max_blocks;
		buf->f_bfree = buf->f_bavail =
			sbinfo->used_blocks < sbinfo->max_blocks ? sbinfo->max_blocks - sbinfo->used_blocks : 0;
	}
	if (sbinfo->max_inodes) {
		buf->f_files = sbinfo->max_inodes;
		buf->f_ffree = sbinfo->free_inodes;
	}
	return 0;
}

/* ---------------------------------------------------------------- inodes */

static struct inode *shmem_alloc_inode(struct super_block *sb)
{
	struct shmem_inode *si = kzalloc(sizeof(*si));

	if (!si)
		return NULL;
	si->vfs_inode.i_private = &si->info;
	return &si->vfs_inode;
}

/*
 * Linux shmem_evict_inode and shmem_free_in_core_inode, as one: the last
 * iput of an inode with no name, or umount.  Its pages (already gone from
 * the cache: fs/inode.c evict) leave size=, its number nr_inodes, a
 * directory lets go of its parent.  Here, not in ->evict_inode, which the
 * VFS skips on a read-only super block (tmpfs mounted "ro" frees memory
 * all the same).
 */
static void shmem_free_in_core_inode(struct inode *inode)
{
	struct shmem_inode_info *info = SHMEM_I(inode);

	if (S_ISREG(inode->i_mode) || S_ISLNK(inode->i_mode))
		shmem_unacct_inode(inode);
	if (S_ISLNK(inode->i_mode))
		kfree(info->link);
	else if (S_ISDIR(inode->i_mode))
		iput(info->parent);
	shmem_free_inode(inode->i_sb);
	kfree(container_of(inode, struct shmem_inode, vfs_inode));
}

static void shmem_put_super(struct super_block *sb)
{
	kfree(sb->s_fs_info);
	sb->s_fs_info = NULL;
}

/* Linux shmem_show_options: /proc/mounts names what differs from the defaults. */
static void shmem_show_options(struct seq_file *m, struct super_block *sb)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(sb);

	if (sbinfo->max_blocks != default_max_pages())
		seq_printf(m, ",size=%luk", sbinfo->max_blocks * (PAGE_SIZE / 1024));
	if (sbinfo->max_inodes != default_max_pages())
		seq_printf(m, ",nr_inodes=%lu", sbinfo->max_inodes);
	if (sbinfo->mode != TMPFS_DEFAULT_MODE)
		seq_printf(m, ",mode=%03o", sbinfo->mode);
	if (sbinfo->uid)
		seq_printf(m, ",uid=%u", sbinfo->uid);
	if (sbinfo->gid)
		seq_printf(m, ",gid=%u", sbinfo->gid);
}

static const struct super_operations shmem_ops = {
	.alloc_inode = shmem_alloc_inode,
	.free_inode = shmem_free_in_core_inode,
	.statfs = shmem_statfs,
	.show_options = shmem_show_options,
	.put_super = shmem_put_super,
};

/* The next st_ino of this mount; one still in use (after 2^32 of them) is skipped. */
static struct inode *new_numbered_inode(struct super_block *sb)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(sb);

	for (;;) {
		u32 ino = sbinfo->next_ino++;
		struct inode *inode;

		if (!ino)
			continue;	/* Linux: 0 is no inode */
		if (!(inode = iget_locked(sb, ino)))
			return NULL;
		if (inode->i_state & I_NEW)
			return inode;
		iput(inode);
	}
}

/*
 * Linux shmem_get_inode: a new inode of @mode in @dir (NULL: the root),
 * owned as inode_init_owner says, all three times now.  -ENOSPC past
 * nr_inodes.  The caller gives it a name or iputs it.
 */
struct inode *shmem_get_inode(struct super_block *sb, const struct inode *dir, umode_t mode, dev_t dev,
			      int *err)
{
	struct inode *inode;

	if ((*err = shmem_reserve_inode(sb)))
		return NULL;
	if (!(inode = new_numbered_inode(sb))) {
		shmem_free_inode(sb);
		*err = -ENOMEM;
		return NULL;
	}
	inode->i_nlink = 1;
	inode_init_owner(inode, dir, mode);
	inode_set_times_now(inode);
	SHMEM_I(inode)->seals = F_SEAL_SEAL;	/* only memfd_create(MFD_ALLOW_SEALING) can seal */
	switch (mode & S_IFMT) {
	case S_IFREG:
		shmem_reg_inode_init(inode);
		break;
	case S_IFDIR:
		shmem_dir_inode_init(inode, (struct inode *)dir);
		break;
	case S_IFLNK:
		shmem_symlink_inode_init(inode);
		break;
	default:
		shmem_special_inode_init(inode, dev);
	}
	unlock_new_inode(inode);
	return inode;
}

/* ---------------------------------------------------------------- options */

struct shmem_options {
	u64 blocks, inodes;
	umode_t mode;
	u32 uid, gid;
};

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return NOT_A_DIGIT;
}

/* An unsigned number in @base (0: "0x" hex, "0" octal, else decimal, as kstrtouint); *end after it. */
static bool parse_number(const char *s, unsigned base, u64 *val, const char **end)
{
	const char *start;

	if (!base) {
		base = 10;
		if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && digit_value(s[2]) < 16) {
			base = 16;
			s += 2;
		} else if (s[0] == '0') {
			base = 8;
		}
	}
	start = s;
	for (*val = 0; digit_value(*s) < (int)base; s++)
		*val = *val * base + digit_value(*s);
	*end = s;
	return s != start;
}

/* Linux memparse: a number with an optional binary suffix, k m g t p e, either case. */
static bool memparse(const char *s, u64 *val, const char **end)
{
	static const char suffixes[] = "kmgtpe";
	const char *sfx;

	if (!parse_number(s, 0, val, end))
		return false;
	if (**end && (sfx = strchr(suffixes, **end | 0x20))) {
		*val <<= 10 * (sfx - suffixes + 1);
		(*end)++;
	}
	return true;
}

/* A whole value: its own number and nothing after it. */
static bool parse_whole(const char *v, unsigned base, u64 *out)
{
	const char *end;

	return v && parse_number(v, base, out, &end) && !*end;
}

static int bad_value(struct fs_context *fc, const char *key)
{
	snprintf(fc->log, sizeof(fc->log), "Bad value for '%s'", key);
	return -EINVAL;
}

/* size=: bytes, rounded up to pages, or a percentage of RAM (Linux shmem_parse_one, Opt_size). */
static int parse_size(struct fs_context *fc, const char *v, struct shmem_options *o)
{
	const char *end;
	u64 bytes;

	if (!v || !memparse(v, &bytes, &end))
		return bad_value(fc, "size");
	if (*end == '%') {
		bytes = (bytes << PAGE_SHIFT) * nr_total_pages() / PERCENT;
		end++;
	}
	if (*end)
		return bad_value(fc, "size");
	o->blocks = DIV_ROUND_UP(bytes, PAGE_SIZE);
	return 0;
}

static int parse_one(struct fs_context *fc, char *opt, struct shmem_options *o)
{
	char *v = strchr(opt, '=');
	const char *end;
	u64 n;

	if (v)
		*v++ = '\0';
	if (!strcmp(opt, "size"))
		return parse_size(fc, v, o);
	if (!strcmp(opt, "nr_blocks") || !strcmp(opt, "nr_inodes")) {
		if (!v || !memparse(v, &n, &end) || *end)
			return bad_value(fc, opt);
		*(opt[3] == 'b' ? &o->blocks : &o->inodes) = n;
	} else if (!strcmp(opt, "mode")) {
		if (!parse_whole(v, 8, &n) || n > U32_LIMIT)
			return bad_value(fc, opt);
		o->mode = n & S_IALLUGO;
	} else if (!strcmp(opt, "uid") || !strcmp(opt, "gid")) {
		if (!parse_whole(v, 0, &n) || n >= U32_LIMIT)
			return bad_value(fc, opt);	/* (u32)-1 is no id: Linux's kuid_has_mapping fails */
		*(opt[0] == 'u' ? &o->uid : &o->gid) = n;
	} else if (strcmp(opt, "inode32") && strcmp(opt, "inode64") && strcmp(opt, "noswap")) {
		snprintf(fc->log, sizeof(fc->log), "Unknown parameter '%s'", opt);
		return -EINVAL;
	}
	return 0;
}

/* mount(2)'s comma-separated options, one at a time (Linux vfs_parse_monolithic_sep; empty ones skipped). */
static int parse_options(struct fs_context *fc, struct shmem_options *o)
{
	const char *s = fc->data;
	char opt[OPT_MAX];

	o->blocks = o->inodes = default_max_pages();
	o->mode = TMPFS_DEFAULT_MODE;
	o->uid = current_fsuid();
	o->gid = current_fsgid();
	while (s && *s) {
		const char *comma = strchr(s, ',');
		size_t len = comma ? (size_t)(comma - s) : strlen(s);
		int err;

		if (len >= sizeof(opt)) {
			snprintf(fc->log, sizeof(fc->log), "option too long");
			return -EINVAL;
		}
		memcpy(opt, s, len);
		opt[len] = '\0';
		if (len && (err = parse_one(fc, opt, o)))
			return err;
		s += len + (comma ? 1 : 0);
	}
	return 0;
}

/* ---------------------------------------------------------------- the file system */

static int shmem_fill_super(struct super_block *sb, struct fs_context *fc)
{
	struct shmem_options o;
	struct shmem_sb_info *sbinfo;
	struct inode *root;
	int err = parse_options(fc, &o);

	if (err)
		return err;
	if (!(sbinfo = kzalloc(sizeof(*sbinfo))))
		return -ENOMEM;
	sbinfo->max_blocks = o.blocks;
	sbinfo->max_inodes = sbinfo->free_inodes = o.inodes;
	sbinfo->next_ino = TMPFS_ROOT_INO;
	sbinfo->mode = o.mode;
	sbinfo->uid = o.uid;
	sbinfo->gid = o.gid;
	sb->s_fs_info = sbinfo;
	sb->s_op = &shmem_ops;
	sb->s_magic = TMPFS_MAGIC;
	sb->s_blocksize = PAGE_SIZE;
	sb->s_blocksize_bits = PAGE_SHIFT;
	if (!(root = shmem_get_inode(sb, NULL, S_IFDIR | o.mode, 0, &err))) {
		snprintf(fc->log, sizeof(fc->log), "no room for the root directory");
		shmem_put_super(sb);
		return err;
	}
	root->i_uid = o.uid;
	root->i_gid = o.gid;
	sb->s_root = root;		/* the super block's reference */
	return 0;
}

/* Linux kill_litter_super: the names tmpfs holds go, so every inode can be evicted after. */
static void shmem_kill_sb(struct super_block *sb)
{
	if (sb->s_root)
		shmem_drop_all_entries(sb->s_root);
}

static struct file_system_type shmem_fs_type = {
	.name = "tmpfs",
	.fs_flags = 0,			/* no device: vfs_get_super gives it an anonymous st_dev */
	.fill_super = shmem_fill_super,
	.kill_sb = shmem_kill_sb,
};

static int init_tmpfs(void)
{
	return register_filesystem(&shmem_fs_type);
}
fs_initcall(init_tmpfs);
