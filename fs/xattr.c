/*
 * fs/xattr.c - extended attributes (Linux: fs/xattr.c). No file system here
 * stores any yet, so every file has none: a get or remove of a name is
 * ENODATA, a list is empty, and a set is EOPNOTSUPP (as on an ext2 mounted
 * without xattr support). The file is still looked up first, so a missing
 * path is ENOENT and a bad or O_PATH descriptor EBADF, in Linux's order.
 */
#include <syscalls.h>
#include <fs.h>
#include <errno.h>

/* The outcome for an existing file; the lookup's error otherwise. */
static long xattr_path(const char __user *upath, unsigned lookup_flags, long outcome)
{
	char path[PATH_MAX];
	struct inode *inode;
	long err = user_path_at(AT_FDCWD, upath, path, sizeof(path));

	if (!err)
		err = path_lookupat(path, lookup_flags, &inode);
	if (err)
		return err;
	iput(inode);
	return outcome;
}

static long xattr_fd(int fd, long outcome)
{
	return fget(fd) ? outcome : -EBADF;
}

SYSCALL_DEFINE5(setxattr, const char __user *, pathname, const char __user *, name, const void __user *, value,
		size_t, size, int, flags)
{
	return xattr_path(pathname, LOOKUP_FOLLOW, -EOPNOTSUPP);
}

SYSCALL_DEFINE5(lsetxattr, const char __user *, pathname, const char __user *, name, const void __user *, value,
		size_t, size, int, flags)
{
	return xattr_path(pathname, 0, -EOPNOTSUPP);
}

SYSCALL_DEFINE5(fsetxattr, int, fd, const char __user *, name, const void __user *, value, size_t, size, int, flags)
{
	return xattr_fd(fd, -EOPNOTSUPP);
}

SYSCALL_DEFINE4(getxattr, const char __user *, pathname, const char __user *, name, void __user *, value, size_t, size)
{
	return xattr_path(pathname, LOOKUP_FOLLOW, -ENODATA);
}

SYSCALL_DEFINE4(lgetxattr, const char __user *, pathname, const char __user *, name, void __user *, value, size_t, size)
{
	return xattr_path(pathname, 0, -ENODATA);
}

SYSCALL_DEFINE4(fgetxattr, int, fd, const char __user *, name, void __user *, value, size_t, size)
{
	return xattr_fd(fd, -ENODATA);
}

SYSCALL_DEFINE3(listxattr, const char __user *, pathname, char __user *, list, size_t, size)
{
	return xattr_path(pathname, LOOKUP_FOLLOW, 0);
}

SYSCALL_DEFINE3(llistxattr, const char __user *, pathname, char __user *, list, size_t, size)
{
	return xattr_path(pathname, 0, 0);
}

SYSCALL_DEFINE3(flistxattr, int, fd, char __user *, list, size_t, size)
{
	return xattr_fd(fd, 0);
}

SYSCALL_DEFINE2(removexattr, const char __user *, pathname, const char __user *, name)
{
	return xattr_path(pathname, LOOKUP_FOLLOW, -ENODATA);
}

SYSCALL_DEFINE2(lremovexattr, const char __user *, pathname, const char __user *, name)
{
	return xattr_path(pathname, 0, -ENODATA);
}

SYSCALL_DEFINE2(fremovexattr, int, fd, const char __user *, name)
{
	return xattr_fd(fd, -ENODATA);
}
