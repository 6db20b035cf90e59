/*
 * fs/inode.c - the inode cache (Linux: fs/inode.c).
 *
 * Each file in use has one struct inode, found by (super block, number) in
 * its super block's list, so every open and every mapping of a file share
 * one page cache. A file system gets a new inode from iget_locked() with
 * I_NEW set, fills it in and calls unlock_new_inode() (or iget_failed()).
 * The last iput() drops the inode and its cached pages.
 */
#include <fs.h>
#include <mm.h>
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
	INIT_LIST_HEAD(&inode->i_list);
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

	if (sb && sb->s_op->free_inode)
		sb->s_op->free_inode(inode);
	else
		kfree(inode);
}

/* An inode of no file system: a pipe, a character device. */
struct inode *new_inode_pseudo(void)
{
	return alloc_inode(NULL);
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

void iput(struct inode *inode)
{
	if (!inode || --inode->i_count)
		return;
	list_del(&inode->i_list);
	truncate_inode_pages(&inode->i_mapping);
	free_inode(inode);
}
