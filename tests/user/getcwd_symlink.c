/*
 * getcwd_symlink - after chdir through a symbolic link, getcwd names the
 * directory itself, not the link (Linux keeps the directory's dentry);
 * ".." from there is the real parent; a link to an absolute path and a
 * link to a link resolve the same way.  faultline kept the path as typed
 * (found by LTP getcwd03).
 */
#include "fsutil.h"

static char dir[64];

/* Does getcwd end with the path under our directory given as want? */
static void cwd_is(const char *what, const char *want)
{
	char buf[512], expect[256];
	snprintf(expect, sizeof(expect), "%s%s", dir, want);
	if (!getcwd(buf, sizeof(buf)))
		printf("%-40s getcwd %s\n", what, errno_name(errno));
	else
		printf("%-40s %s\n", what, strcmp(buf, expect) == 0 ? "right" : "WRONG");
}

int main(void)
{
	char path[256];
	make_tmpdir(dir, sizeof(dir), "getcwd_symlink");
	snprintf(path, sizeof(path), "%s/real", dir);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/real/sub", dir);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/link", dir);
	symlink("real", path);
	snprintf(path, sizeof(path), "%s/abs", dir);
	{
		char target[256];
		snprintf(target, sizeof(target), "%s/real/sub", dir);
		symlink(target, path);
	}
	snprintf(path, sizeof(path), "%s/linklink", dir);
	symlink("link", path);

	snprintf(path, sizeof(path), "%s/link", dir);
	printf("chdir link: %d\n", chdir(path));
	cwd_is("getcwd after chdir(link)", "/real");
	printf("chdir ..: %d\n", chdir(".."));
	cwd_is("getcwd after chdir(..)", "");
	printf("chdir linklink/sub: %d\n", chdir("linklink/sub"));
	cwd_is("getcwd after chdir(linklink/sub)", "/real/sub");
	printf("chdir ../../abs: %d\n", chdir("../../abs"));
	cwd_is("getcwd after chdir(../../abs)", "/real/sub");
	chdir("/");
	cleanup(dir);
	return 0;
}
