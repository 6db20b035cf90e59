/*
 * net/unix/addr.c - the names of Unix-domain sockets (Linux:
 * net/unix/af_unix.c: unix_bind, unix_bind_bsd, unix_bind_abstract,
 * unix_autobind, unix_find_other, unix_getname).
 *
 * A struct sockaddr_un names a socket three ways (unix(7)):
 *   a path       sun_path is a NUL-ended path.  bind makes an S_IFSOCK
 *                inode there, mode 0777 & ~umask (EADDRINUSE if the name
 *                exists), and the socket keeps that inode; connect and
 *                sendto walk the path (they need write permission on the
 *                file) and look for the socket holding the inode.  The file
 *                outlives the socket, and unlinking it does not unbind it.
 *                Its length is 2 + strlen + 1, whatever bind was given.
 *   abstract     sun_path[0] == 0: the bytes after it, as many as the
 *                length says, in no file system; a name is free again
 *                when its socket closes.  Names are per socket type.
 *   autobind     bind given only sun_family (length 2): the kernel picks
 *                an abstract name of five hex digits, length 8.
 * An unnamed socket's name is just the family, length 2.
 * Every named socket is on one list here (Linux hashes them by inode and
 * by name; a teaching kernel's few sockets do without).
 */
#include <fs.h>
#include <mm.h>
#include <sched.h>
#include <string.h>
#include <printk.h>
#include <random.h>
#include <errno.h>
#include "af_unix.h"

#define SUN_PATH_OFFSET 2		/* offsetof(struct sockaddr_un, sun_path) */
#define AUTOBIND_NAMES 0x100000		/* five hex digits */
#define SOCK_INODE_MODE 0777		/* Linux: a sockfs inode is S_IFSOCK | S_IRWXUGO */

static LIST_HEAD(unix_bound);

struct unix_address *unix_addr_get(struct unix_address *a)
{
	if (a)
		a->refcnt++;
	return a;
}

void unix_addr_put(struct unix_address *a)
{
	if (a && !--a->refcnt)
		kfree(a);
}

static struct unix_address *unix_create_addr(const struct sockaddr_storage *a, int len)
{
	struct unix_address *addr = kzalloc(sizeof(*addr));
	if (addr) {
		addr->refcnt = 1;
		addr->len = len;
		memcpy(&addr->name, a, len);
	}
	return addr;
}

/* Linux unix_validate_addr: more than the family, no more than a sockaddr_un, AF_UNIX. */
int unix_validate_addr(const struct sockaddr_storage *a, int len)
{
	if (len <= SUN_PATH_OFFSET || len > (int)sizeof(struct sockaddr_un))
		return -EINVAL;
	return a->ss_family == AF_UNIX ? 0 : -EINVAL;
}

/* Linux unix_mkname_bsd: end the path (the storage has room past sun_path) and
 * give the name's length. */
static int unix_mkname_bsd(struct sockaddr_storage *a, int len)
{
	a->__data[len - SUN_PATH_OFFSET] = '\0';
	return strlen(a->__data) + SUN_PATH_OFFSET + 1;
}

static void set_name(struct unix_sock *u, struct unix_address *addr, struct inode *inode)
{
	u->addr = addr;
	u->inode = inode;
	list_add(&u->bound, &unix_bound);
}

/* The socket closes: its name is free (the address stays for its peers' getpeername). */
void unix_unbind(struct unix_sock *u)
{
	if (!list_empty(&u->bound))
		list_del(&u->bound);
	if (u->inode)
		iput(u->inode);
	u->inode = NULL;
}

static struct unix_sock *find_by_name(const struct sockaddr_un *name, int len, int type)
{
	struct unix_sock *u;
	list_for_each_entry(u, &unix_bound, bound)
		if (!u->inode && u->type == type && u->addr->len == len && !memcmp(&u->addr->name, name, len))
			return u;
	return NULL;
}

static struct unix_sock *find_by_inode(const struct inode *inode)
{
	struct unix_sock *u;
	list_for_each_entry(u, &unix_bound, bound)
		if (u->inode == inode)
			return u;
	return NULL;
}

/* Linux unix_autobind: the next free name after a random one. */
static int unix_autobind(struct unix_sock *u)
{
	struct unix_address *addr;
	u32 last, n;
	if (u->addr)
		return 0;			/* already named: nothing to do, not an error */
	if (!(addr = kzalloc(sizeof(*addr))))
		return -ENOMEM;
	addr->refcnt = 1;
	addr->len = SUN_PATH_OFFSET + 6;	/* the leading 0 and five digits */
	addr->name.sun_family = AF_UNIX;
	last = n = get_random_u32() % AUTOBIND_NAMES;
	do {
		n = (n + 1) % AUTOBIND_NAMES;
		snprintf(addr->name.sun_path + 1, 6, "%05x", n);
		if (!find_by_name(&addr->name, addr->len, u->type)) {
			set_name(u, addr, NULL);
			return 0;
		}
	} while (n != last);
	kfree(addr);
	return -ENOSPC;
}

/* Linux unix_bind_bsd: make the file first; a socket bound already then takes it back (EINVAL). */
static int unix_bind_bsd(struct unix_sock *u, struct sockaddr_storage *a, int len)
{
	umode_t mode = S_IFSOCK | (SOCK_INODE_MODE & ~current->fs->umask);
	struct unix_address *addr = unix_create_addr(a, unix_mkname_bsd(a, len));
	struct inode *inode;
	int err;
	if (!addr)
		return -ENOMEM;
	err = kernel_mknod(addr->name.sun_path, mode, &inode);
	if (!err && u->addr) {
		kernel_unlink(addr->name.sun_path);
		iput(inode);
		err = -EINVAL;
	}
	if (err) {
		unix_addr_put(addr);
		return err == -EEXIST ? -EADDRINUSE : err;
	}
	set_name(u, addr, inode);
	return 0;
}

static int unix_bind_abstract(struct unix_sock *u, struct sockaddr_storage *a, int len)
{
	struct unix_address *addr;
	if (u->addr)
		return -EINVAL;
	if (find_by_name((struct sockaddr_un *)a, len, u->type))
		return -EADDRINUSE;
	if (!(addr = unix_create_addr(a, len)))
		return -ENOMEM;
	set_name(u, addr, NULL);
	return 0;
}

int unix_bind(struct file *f, struct sockaddr_storage *a, int len)
{
	struct unix_sock *u = unix_sk(f);
	int err;
	if (len == SUN_PATH_OFFSET && a->ss_family == AF_UNIX)
		return unix_autobind(u);
	if ((err = unix_validate_addr(a, len)))
		return err;
	return a->__data[0] ? unix_bind_bsd(u, a, len) : unix_bind_abstract(u, a, len);
}

/* Linux unix_find_bsd: walk the path; it must be a socket file someone is bound to. */
static struct unix_sock *unix_find_bsd(struct sockaddr_storage *a, int len, int type, int *err)
{
	struct unix_sock *u = NULL;
	struct inode *inode;
	unix_mkname_bsd(a, len);
	if ((*err = path_lookup(a->__data, &inode)))
		return NULL;
	if (!(*err = inode_permission(inode, MAY_WRITE))) {
		u = S_ISSOCK(inode->i_mode) ? find_by_inode(inode) : NULL;
		*err = !u ? -ECONNREFUSED : u->type != type ? -EPROTOTYPE : 0;
	}
	iput(inode);
	return *err ? NULL : u;
}

/* Linux unix_find_other: the socket a name names, with a reference; NULL and *err if none. */
struct unix_sock *unix_find_other(struct sockaddr_storage *a, int len, int type, int *err)
{
	struct unix_sock *u;
	if (a->__data[0])
		u = unix_find_bsd(a, len, type, err);
	else if (!(u = find_by_name((struct sockaddr_un *)a, len, type)))
		*err = -ECONNREFUSED;
	if (u)
		sock_hold(u);
	return u;
}

/* u's name into out: its length (Linux unix_getname's body). */
int unix_name_of(const struct unix_sock *u, struct sockaddr_storage *out)
{
	if (!u->addr) {
		out->ss_family = AF_UNIX;
		out->__data[0] = '\0';
		return SUN_PATH_OFFSET;
	}
	memcpy(out, &u->addr->name, u->addr->len);
	return u->addr->len;
}

/* Linux unix_getname: the socket's own name, or its peer's (ENOTCONN without one). */
int unix_getname(struct file *f, struct sockaddr_storage *out, bool peer)
{
	struct unix_sock *u = unix_sk(f);
	if (peer && !(u = u->peer))
		return -ENOTCONN;
	return unix_name_of(u, out);
}
