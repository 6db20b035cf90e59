/*
 * fs/inode.c - the inode cache (Linux: fs/inode.c).
 *
 * Each file in use has one struct inode, found by (super block, number) in
 * its super block's list, so every open and every mapping of a file share
 * one page cache. A file system gets a new inode from iget_locked() with
 * I_NEW set, fills it in and calls unlock_new_inode() (or iget_failed()).
 * The last iput() writes the inode's dirty pages and the inode itself back
 * (or, if it has no links left, lets the file system free it), then drops
 * its cached pages.
 *
 * Inode changes are written through: mark_inode_dirty() has the file system
 * write the inode at once, so nothing is lost if the machine stops.
 */
#include <fs.h>
#include <mount.h>
#include <cred.h>
#include <mm.h>
#include <mm_types.h>
#include <printk.h>
#include <time.h>
#include <errno.h>

struct inode *igrab(struct inode *inode)
{
	inode->i_count++;
	return inode;
}

static void inode_init_always(struct inode *inode, struct super_block *sb)
{
	inode->i_count = 1;
	inode->i_sb = sb;
	inode->i_mapping.host = inode;
	xa_init(&inode->i_mapping.i_pages);
	INIT_LIST_HEAD(&inode->i_mapping.i_mmap);
	INIT_LIST_HEAD(&inode->i_list);
	inode->i_flctx = NULL;			/* no locks yet (Linux: inode_init_always) */
	inode->i_committed = 0;
}

static struct inode *alloc_inode(struct super_block *sb)
{
	struct inode *inode = sb && sb->s_op->alloc_inode ? sb->s_op->alloc_inode(sb) : kzalloc(sizeof(*inode));

	if (inode)
		inode_init_always(inode, sb);
	return inode;
}

static void free_inode(struct inode *inode)
{
	struct super_block *sb = inode->i_sb;

	locks_free_lock_context(inode);		/* Linux: __destroy_inode */
	if (inode->i_committed)
		vm_unacct_memory((long)inode->i_committed);	/* Linux shmem_evict_inode: shmem_unacct_size */
	if (sb && sb->s_op->free_inode)
		sb->s_op->free_inode(inode);
	else
		kfree(inode);
}

/*
 * Numbers for inodes of no file system, so that a pipe's st_ino and its
 * /proc/PID/fd link "pipe:[N]" name it (Linux: get_next_ino, which pipes
 * and anonymous inodes take). A file system or /proc may set its own.
 */
u32 get_next_ino(void)
{
	static u32 last_ino = 0x1000;		/* below: the numbers /proc and devices use */

	if (++last_ino < 0x1000)
		last_ino = 0x1000;
	return last_ino;
}

/* An inode of no file system: a pipe, a character device, shmem. One link, as Linux shows them. */
struct inode *new_inode_pseudo(void)
{
	struct inode *inode = alloc_inode(NULL);

	if (inode) {
		inode->i_nlink = 1;
		inode->i_ino = get_next_ino();
	}
	return inode;
}

/*
 * An inode of no file system at the start of a bigger struct that a pseudo
 * file system keeps its own facts in (Linux: proc_alloc_inode's struct
 * proc_inode). @size >= sizeof(struct inode); the last iput frees it all.
 */
struct inode *new_inode_pseudo_sized(size_t size)
{
	struct inode *inode = kzalloc(size);

	if (inode) {
		inode_init_always(inode, NULL);
		inode->i_nlink = 1;
	}
	return inode;
}

static struct inode *find_inode(struct super_block *sb, u32 ino)
{
	struct list_head *p;

	list_for_each(p, &sb->s_inodes) {
		struct inode *i = list_entry(p, struct inode, i_list);
		if (i->i_ino == ino)
			return igrab(i);
	}
	return NULL;
}

struct inode *iget_locked(struct super_block *sb, u32 ino)
{
	struct inode *inode = find_inode(sb, ino);

	if (inode)
		return inode;
	inode = alloc_inode(sb);
	if (!inode)
		return NULL;
	inode->i_ino = ino;
	inode->i_state = I_NEW;
	list_add(&inode->i_list, &sb->s_inodes);
	return inode;
}

void unlock_new_inode(struct inode *inode)
{
	inode->i_state &= ~I_NEW;
}

void iget_failed(struct inode *inode)
{
	list_del(&inode->i_list);
	free_inode(inode);
}

void mark_inode_dirty(struct inode *inode)
{
	struct super_block *sb = inode->i_sb;
	int err;

	if (!sb || !sb->s_op->write_inode || IS_RDONLY(inode))
		return;
	err = sb->s_op->write_inode(inode, NULL);
	if (err)
		pr_err("VFS: cannot write inode %u: error %d\n", inode->i_ino, err);
}

int write_inode_now(struct inode *inode)
{
	int err = filemap_write_and_wait(&inode->i_mapping);

	mark_inode_dirty(inode);
	return err;
}

/*
 * Linux inode_init_owner: a new file belongs to the creator's fsuid, and to
 * its fsgid unless the directory is setgid: then to the directory's group,
 * and a new directory is setgid too.  Whether a new file keeps S_ISGID was
 * decided before, on the mode asked for (mode_strip_sgid).
 */
void inode_init_owner(struct inode *inode, const struct inode *dir, umode_t mode)
{
	inode->i_uid = current_fsuid();
	inode->i_gid = current_fsgid();
	if (dir && (dir->i_mode & S_ISGID)) {
		inode->i_gid = dir->i_gid;
		if (S_ISDIR(mode))
			mode |= S_ISGID;
	}
	inode->i_mode = mode;
}

/*
 * Linux mode_strip_sgid: a setgid, group-executable non-directory made in
 * a setgid directory by someone outside the directory's group (and without
 * CAP_FSETID) loses S_ISGID, so nobody can make a file that runs with a
 * group they are not in (CVE-2018-13405, CVE-2021-4037).
 */
umode_t mode_strip_sgid(const struct inode *dir, umode_t mode)
{
	if ((mode & (S_ISGID | S_IXGRP)) != (S_ISGID | S_IXGRP))
		return mode;
	if (S_ISDIR(mode) || !dir || !(dir->i_mode & S_ISGID))
		return mode;
	if (in_group_p(dir->i_gid) || capable(CAP_FSETID))
		return mode;
	return mode & ~S_ISGID;
}

static void time_now(s64 *sec, u32 *nsec)
{
	u64 ns = ktime_get_real_ns();

	*sec = ns / NSEC_PER_SEC;
	*nsec = ns % NSEC_PER_SEC;
}

#define RELATIME_SECS (24 * 60 * 60)	/* Linux relatime_need_update: an atime a day old is renewed anyway */

static bool time_le(s64 s1, u32 ns1, s64 s2, u32 ns2)
{
	return s1 < s2 || (s1 == s2 && ns1 <= ns2);
}

/*
 * Linux touch_atime with relatime, the default mount option: a read moves
 * atime only if it is not after mtime or ctime (so "was it read since it
 * was written?" has an answer) or is a day old; never under noatime, for a
 * directory under nodiratime, on a read-only mount, or with O_NOATIME.
 */
void touch_atime(struct file *f)
{
	struct inode *inode = f->f_inode;
	s64 sec;
	u32 nsec;

	if ((f->f_flags & O_NOATIME) || !inode->i_sb || IS_RDONLY(inode) || sb_flag(inode, SB_NOATIME) ||
	    (S_ISDIR(inode->i_mode) && sb_flag(inode, SB_NODIRATIME)))
		return;
	time_now(&sec, &nsec);
	if (!time_le(inode->i_atime, inode->i_atime_nsec, inode->i_mtime, inode->i_mtime_nsec) &&
	    !time_le(inode->i_atime, inode->i_atime_nsec, inode->i_ctime, inode->i_ctime_nsec) &&
	    sec - inode->i_atime < RELATIME_SECS)
		return;
	inode->i_atime = sec;
	inode->i_atime_nsec = nsec;
	mark_inode_dirty(inode);
}

void inode_set_ctime_now(struct inode *inode)
{
	time_now(&inode->i_ctime, &inode->i_ctime_nsec);
}

void inode_set_mtime_ctime_now(struct inode *inode)
{
	inode_set_ctime_now(inode);
	inode->i_mtime = inode->i_ctime;
	inode->i_mtime_nsec = inode->i_ctime_nsec;
}

void inode_set_times_now(struct inode *inode)
{
	inode_set_mtime_ctime_now(inode);
	inode->i_atime = inode->i_ctime;
	inode->i_atime_nsec = inode->i_ctime_nsec;
}

/* Linux evict: the file system frees it on the disk if unlinked, then it leaves the cache with its pages. */
static void evict(struct inode *inode)
{
	struct super_block *sb = inode->i_sb;

	list_del(&inode->i_list);
	if (sb && sb->s_op->evict_inode && !IS_RDONLY(inode))
		sb->s_op->evict_inode(inode);
	truncate_inode_pages(&inode->i_mapping);
	free_inode(inode);
}

/*
 * Linux iput_final: the last user is gone. A file that still has a name
 * stays in its super block's cache, unused, with its cached pages, so the
 * next open or exec of it finds them (minor faults, no disk reads); it is
 * written back first, so nothing waits in memory. Unlinked files and
 * inodes of no file system go at once. Reclaim and drop_caches prune the
 * unused ones (prune_icache).
 */
void iput(struct inode *inode)
{
	if (!inode || --inode->i_count)
		return;
	if (inode->i_sb && inode->i_nlink && !(inode->i_state & I_NEW)) {
		write_inode_now(inode);
		return;
	}
	evict(inode);
}

/* umount (fs/super.c deactivate_super): every inode goes, used or not. */
void evict_unused_inode(struct inode *inode)
{
	if (inode->i_count)
		pr_warn("VFS: inode %u of a file system being unmounted still in use (%d)\n", inode->i_ino,
			inode->i_count);
	evict(inode);
}

/* Linux prune_icache_sb: evict the unused inodes (all, or only those without cached pages). */
static u64 prune_icache_sb(struct super_block *sb, bool with_pages)
{
	struct list_head *p, *n;
	u64 pruned = 0;

	list_for_each_safe(p, n, &sb->s_inodes) {
		struct inode *inode = list_entry(p, struct inode, i_list);

		if (inode->i_count || (inode->i_mapping.nrpages && !with_pages))
			continue;
		evict(inode);
		pruned++;
	}
	return pruned;
}

/* Every mounted file system's (Linux: shrink_dcache and the super block shrinkers). */
u64 prune_icache(bool with_pages)
{
	u64 pruned = 0;

	for (struct mount *m = next_mount(NULL); m; m = next_mount(m))
		pruned += prune_icache_sb(m->mnt_sb, with_pages);
	return pruned;
}
