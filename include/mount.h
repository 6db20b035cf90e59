/*
 * include/mount.h - the mount tree (Linux: fs/mount.h's struct mount and
 * include/uapi/linux/mount.h's flags).
 *
 * One namespace: every mount is on one list, in the order it was made.  A
 * mount puts a super block's root directory over a directory of another
 * mounted file system (its mountpoint); the path walk in fs/namei.c
 * crosses into it there, and ".." of its root climbs back out.
 */
#ifndef _FAULTLINE_MOUNT_H
#define _FAULTLINE_MOUNT_H
#include "fs.h"

/* mount(2) flags (Linux include/uapi/linux/mount.h) */
#define MS_RDONLY 1
#define MS_NOSUID 2
#define MS_NODEV 4
#define MS_NOEXEC 8
#define MS_SYNCHRONOUS 16
#define MS_REMOUNT 32
#define MS_MANDLOCK 64
#define MS_DIRSYNC 128
#define MS_NOSYMFOLLOW 256
#define MS_NOATIME 1024
#define MS_NODIRATIME 2048
#define MS_BIND 4096
#define MS_MOVE 8192
#define MS_REC 16384
#define MS_SILENT 32768
#define MS_UNBINDABLE (1 << 17)
#define MS_PRIVATE (1 << 18)
#define MS_SLAVE (1 << 19)
#define MS_SHARED (1 << 20)
#define MS_RELATIME (1 << 21)
#define MS_STRICTATIME (1 << 24)
#define MS_LAZYTIME (1 << 25)
#define MS_NOUSER (1u << 31)
#define MS_MGC_MSK 0xffff0000u		/* the old magic 0xC0ED in the top half: ignored */
#define MS_MGC_VAL 0xc0ed0000u
#define MS_PROPAGATION (MS_SHARED | MS_SLAVE | MS_UNBINDABLE | MS_PRIVATE)

/* umount2(2) flags */
#define MNT_FORCE 1
#define MNT_DETACH 2
#define MNT_EXPIRE 4
#define UMOUNT_NOFOLLOW 8

struct seq_file;

struct mount {
	struct list_head mnt_list;	/* every mount, oldest first */
	struct super_block *mnt_sb;
	struct inode *mnt_root;		/* what the walk enters: the sb's root, or a bind mount's inode (a reference) */
	struct inode *mnt_mountpoint;	/* the directory it covers (a reference); NULL for "/" */
	char *mnt_devname;		/* mount(2)'s source, as /proc/mounts shows it */
	char *mnt_path;			/* where it is, absolute and tidy */
	bool mnt_expiry_mark;		/* MNT_EXPIRE asked once and nothing used it since */
};

/* fs/namespace.c */
void mnt_init_root(struct super_block *sb, const char *devname);
/* The walk reached @inode (a reference): the root of what is mounted on it, if anything (the reference moves). */
struct inode *follow_mount(struct inode *inode);
/* ".." from @dir: if it is a mounted file system's root, the directory it is mounted on (a reference); else NULL. */
struct inode *mount_covered_dir(struct inode *dir);
/* The walk went on below @root: if it is a mount's root, that mount was used (its MNT_EXPIRE mark goes). */
void mnt_note_use(struct inode *root);
/* A mountpoint or a mounted root: rmdir, unlink and rename give EBUSY. */
bool is_mount_busy_point(struct inode *inode);
/* Every mount, oldest first; NULL ends (for /proc/mounts and sync). */
struct mount *next_mount(struct mount *prev);

#endif
