/*
 * tests/host/uapi_values.c - print "NAME value" for every entry of a
 * table that run.sh generates (test_uapi): the object-like macros of
 * include/uapi's mmap, fcntl and stat headers, each evaluated in a
 * translation unit that includes one set of headers only -- ours, or the
 * host's Linux, glibc or musl ones -- so no two definitions of a name ever
 * meet.  run.sh compares the lists.
 */
#include <stdio.h>

struct uapi_value {
	const char *name;
	long long value;
};
extern const struct uapi_value uapi_values[];

int main(void)
{
	for (const struct uapi_value *v = uapi_values; v->name; v++)
		printf("%s %lld\n", v->name, v->value);
	return 0;
}
