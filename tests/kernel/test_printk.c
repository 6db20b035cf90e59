/* In-kernel tests of vsnprintf and kallsyms (the oops depends on both). */
#include <ktest.h>
#include <printk.h>
#include <kallsyms.h>
#include <string.h>

KTEST(vsnprintf_formats)
{
	char b[64];
	snprintf(b, sizeof(b), "%016lx|%04x|%5lu.%06lu|%-3s|%.2s", 0xabcUL, 3, 12UL, 34UL, "a", "xyz");
	KTEST_EXPECT(!strcmp(b, "0000000000000abc|0003|   12.000034|a  |xy"));
	snprintf(b, sizeof(b), "%d %i %ld %#lx %c%%", -5, 7, -9L, 255UL, 'q');
	KTEST_EXPECT(!strcmp(b, "-5 7 -9 0xff q%"));
	KTEST_EXPECT(snprintf(b, 4, "abcdef") == 6 && !strcmp(b, "abc"));
}

KTEST(kallsyms_names_functions)
{
	u64 a = kallsyms_lookup_name("do_page_fault"), size, off;
	const char *n;
	char b[96];
	KTEST_EXPECT(a != 0);
	n = kallsyms_lookup(a + 3, &size, &off);
	KTEST_EXPECT(n && !strcmp(n, "do_page_fault") && off == 3 && size > 3);
	sprint_symbol(b, sizeof(b), a + 1);
	KTEST_EXPECT(!strncmp(b, "do_page_fault+0x1/0x", 20));
}
