/*
 * /proc/net/unix and /proc/self/net/unix list every AF_UNIX socket as
 * Linux's unix_seq_show does (net/unix/af_unix.c): the header line, then
 * per socket flags (__SO_ACCEPTCON for a listener), type, socket state
 * (connected 03, unconnected 01; 02 for a connection queued on a listener
 * and not accepted yet, which has no file: inode 0) and inode (the socket
 * file's st_ino), then its name: a path as is, an abstract name with '@'
 * for the leading NUL.  Sockets are found by inode or name, so other
 * processes' sockets (on the host) do not matter; the line's first two
 * columns (a hashed address, a reference count) are not compared.
 * build: musl glibc
 */
#include "ftest.h"
#include <fcntl.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <stddef.h>

static char text[1 << 20];

static void load(const char *path)
{
	int fd = open(path, O_RDONLY), n, total = 0;

	text[0] = '\0';
	if (fd < 0) {
		printf("open %s: %s\n", path, errno_name(errno));
		return;
	}
	while ((n = read(fd, text + total, sizeof(text) - 1 - total)) > 0)
		total += n;
	text[total] = '\0';
	close(fd);
}

/* The line whose inode is @ino (and, if @name, whose path is @name); its fields from Flags on. */
static void show(const char *what, unsigned long ino, const char *name)
{
	for (char *l = strchr(text, '\n'); l && l[1]; l = strchr(l + 1, '\n')) {
		unsigned long refs, proto, flags, type, st, i;
		char line[256], path[128] = "";
		size_t ll = strcspn(l + 1, "\n");
		int n;

		snprintf(line, sizeof(line), "%.*s", (int)ll, l + 1);
		n = sscanf(line, "%*[0-9a-f]: %lx %lx %lx %lx %lx %lu %127s", &refs, &proto, &flags, &type, &st, &i, path);

		if (n < 6 || i != ino || (name && strcmp(path, name)))
			continue;
		printf("%s: protocol %lu flags %08lx type %04lx st %02lx path [%s]\n", what, proto, flags, type, st,
		       path);
		return;
	}
	printf("%s: not listed\n", what);
}

static unsigned long ino_of(int fd)
{
	struct stat st;

	return fstat(fd, &st) ? 0 : st.st_ino;
}

int main(void)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	const char *path = "/tmp/proc_net_unix.sock";
	int sp[2], lis, cli, dg, abs, acc;
	socklen_t len;

	setvbuf(stdout, NULL, _IONBF, 0);
	load("/proc/net/unix");
	printf("header: %.*s\n", (int)(strchr(text, '\n') - text), text);

	socketpair(AF_UNIX, SOCK_STREAM, 0, sp);
	unlink(path);
	lis = socket(AF_UNIX, SOCK_STREAM, 0);
	strcpy(a.sun_path, path);
	bind(lis, (struct sockaddr *)&a, sizeof(a));
	listen(lis, 4);
	cli = socket(AF_UNIX, SOCK_STREAM, 0);
	connect(cli, (struct sockaddr *)&a, sizeof(a));
	dg = socket(AF_UNIX, SOCK_DGRAM, 0);
	abs = socket(AF_UNIX, SOCK_SEQPACKET, 0);
	memset(a.sun_path, 0, sizeof(a.sun_path));
	memcpy(a.sun_path + 1, "fl\0x", 4);
	len = offsetof(struct sockaddr_un, sun_path) + 5;
	bind(abs, (struct sockaddr *)&a, len);

	load("/proc/self/net/unix");
	show("socketpair end", ino_of(sp[0]), NULL);
	show("listener", ino_of(lis), NULL);
	show("client, not accepted", ino_of(cli), NULL);
	show("queued connection", 0, path);
	show("datagram", ino_of(dg), NULL);
	show("abstract seqpacket", ino_of(abs), NULL);

	acc = accept(lis, NULL, NULL);
	load("/proc/net/unix");
	show("accepted", ino_of(acc), path);
	show("queued connection after accept", 0, path);
	unsigned long dgino = ino_of(dg);
	close(dg);
	load("/proc/net/unix");
	show("closed datagram", dgino, NULL);
	unlink(path);
	return 0;
}
