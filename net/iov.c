/*
 * net/iov.c - an iovec array as one run of bytes, for the address
 * families' send and receive paths (Linux: lib/iov_iter.c's
 * copy_from_iter and copy_to_iter, much reduced).
 */
#include <net.h>
#include <uaccess.h>
#include <errno.h>

size_t iov_total(const struct iovec *iov, int iovcnt)
{
	size_t t = 0;
	for (int i = 0; i < iovcnt; i++)
		t += iov[i].iov_len;
	return t;
}

/* len bytes of the caller's buffers, starting @at bytes into them, into dst. */
int iov_copy_from(void *dst, const struct iovec *iov, int iovcnt, size_t at, size_t len)
{
	size_t done = 0;
	for (int i = 0; i < iovcnt && done < len; i++) {
		size_t skip = MIN(at, iov[i].iov_len), n = MIN(iov[i].iov_len - skip, len - done);
		at -= skip;
		if (n && copy_from_user((u8 *)dst + done, (u8 __user *)iov[i].iov_base + skip, n))
			return -EFAULT;
		done += n;
	}
	return 0;
}

/* n bytes of src into the caller's buffers, starting @at bytes into them. */
int iov_copy_to(const struct iovec *iov, int iovcnt, size_t at, const void *src, size_t n)
{
	const u8 *p = src;
	for (int i = 0; i < iovcnt && n; i++) {
		size_t skip = MIN(at, iov[i].iov_len), room = iov[i].iov_len - skip, c = MIN(room, n);
		at -= skip;
		if (c && copy_to_user((u8 __user *)iov[i].iov_base + skip, p, c))
			return -EFAULT;
		p += c;
		n -= c;
	}
	return 0;
}
