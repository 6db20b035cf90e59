/*
 * lib/vsprintf.c - the subset of printf formats the kernel uses:
 * flags '-' '0', width, precision ("%.20s"), length l/ll/z, conversions
 * d i u o x X p s c %, and Linux's "%pS" (symbol+0xoff/0xsize, lib/vsprintf.c)
 * and "%pB" (the same for a return address: looked up at address - 1).
 */
#include <printk.h>
#include <string.h>
#include <kallsyms.h>

struct outbuf {
	char *buf;
	size_t size, len;
};

static void put(struct outbuf *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_padded(struct outbuf *o, const char *s, size_t n, int width, bool left, char pad)
{
	int fill = width > (int)n ? width - (int)n : 0;
	if (!left && pad == '0' && n && (*s == '-')) {
		put(o, *s++);
		n--;
	}
	if (!left)
		while (fill--)
			put(o, pad);
	while (n--)
		put(o, *s++);
	if (left)
		while (fill-- > 0)
			put(o, ' ');
}

static size_t utoa(char *tmp, u64 v, unsigned base, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char rev[24];
	size_t n = 0, i;
	do {
		rev[n++] = digits[v % base];
		v /= base;
	} while (v);
	for (i = 0; i < n; i++)
		tmp[i] = rev[n - 1 - i];
	return n;
}

static void put_symbol(struct outbuf *o, u64 addr, bool backtrace)
{
	char tmp[160];
	if (backtrace)
		sprint_backtrace(tmp, sizeof(tmp), addr);
	else
		sprint_symbol(tmp, sizeof(tmp), addr);
	for (char *p = tmp; *p; p++)
		put(o, *p);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct outbuf o = { buf, size, 0 };
	char tmp[32];

	for (; *fmt; fmt++) {
		bool left = false, is_long = false, neg = false, alt = false;
		char pad = ' ';
		int width = 0, prec = -1;
		u64 v;
		size_t n;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt++;
		for (;; fmt++) {
			if (*fmt == '-')
				left = true;
			else if (*fmt == '#')
				alt = true;
			else if (*fmt == '0')
				pad = '0';
			else
				break;
		}
		if (*fmt == '*') {
			width = va_arg(ap, int);
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		if (*fmt == '.') {
			prec = 0;
			if (fmt[1] == '*') {
				prec = va_arg(ap, int);
				fmt += 2;
			}
			for (fmt += (fmt[0] == '.'); *fmt >= '0' && *fmt <= '9'; fmt++)
				prec = prec * 10 + (*fmt - '0');
		}
		while (*fmt == 'l' || *fmt == 'z') {
			is_long = true;
			fmt++;
		}
		switch (*fmt) {
		case 'c':
			tmp[0] = (char)va_arg(ap, int);
			put_padded(&o, tmp, 1, width, left, ' ');
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			n = prec >= 0 ? strnlen(s, prec) : strlen(s);
			put_padded(&o, s, n, width, left, ' ');
			break;
		}
		case 'd':
		case 'i': {
			s64 sv = is_long ? va_arg(ap, s64) : va_arg(ap, int);
			neg = sv < 0;
			v = neg ? -(u64)sv : (u64)sv;
			tmp[0] = '-';
			n = utoa(tmp + neg, v, 10, false) + neg;
			put_padded(&o, tmp, n, width, left, pad);
			break;
		}
		case 'u':
		case 'o':
		case 'x':
		case 'X':
			v = is_long ? va_arg(ap, u64) : va_arg(ap, unsigned);
			if (alt && (*fmt == 'x' || *fmt == 'X')) {       /* "%#x": 0x prefix, as C's alternate form */
				put(&o, '0');
				put(&o, 'x');
			}
			n = utoa(tmp, v, *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16, *fmt == 'X');
			put_padded(&o, tmp, n, width, left, pad);
			break;
		case 'p':
			v = (u64)va_arg(ap, void *);
			if (fmt[1] == 'S' || fmt[1] == 's' || fmt[1] == 'B') {
				fmt++;
				put_symbol(&o, v, *fmt == 'B');
				break;
			}
			n = utoa(tmp, v, 16, false);
			put_padded(&o, tmp, n, 16, false, '0');
			break;
		case '%':
			put(&o, '%');
			break;
		default:
			put(&o, '%');
			put(&o, *fmt);
			break;
		}
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = 0;
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
