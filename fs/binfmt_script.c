/*
 * fs/binfmt_script.c - "#!" scripts (Linux: fs/binfmt_script.c).
 *
 * A file that starts with "#!" names its interpreter on its first line:
 *
 *     #! /bin/sh -e
 *
 * exec then runs the interpreter instead, with the argument vector
 *
 *     interpreter  [the one optional argument]  script-path  argv[1] ...
 *
 * (argv[0] as the caller gave it is dropped: the script's path replaces
 * it).  Linux's rules: only the first BINPRM_BUF_SIZE (256) bytes count;
 * blanks after "#!" are skipped; the interpreter ends at a blank or the end
 * of the line; everything after it, trimmed, is a single argument (never
 * split at blanks); no interpreter is ENOEXEC, and so is an interpreter
 * name that does not end inside those 256 bytes.  A missing interpreter is
 * whatever opening it gives (ENOENT).  This file only parses the line;
 * fs/exec.c rebuilds the argument vector and starts over.
 */
#include <binfmts.h>
#include <errno.h>
#include <string.h>

static bool blank(char c) { return c == ' ' || c == '\t'; }

/* [*pos, end): skip blanks, then return the next word's length (up to a blank or end). */
static size_t next_word(const char *line, size_t *pos, size_t end)
{
	size_t n = 0;
	while (*pos < end && blank(line[*pos]))
		(*pos)++;
	while (*pos + n < end && !blank(line[*pos + n]))
		n++;
	return n;
}

int script_parse(const u8 *hdr, size_t len, struct script_line *out)
{
	const char *line = (const char *)hdr;
	size_t end, pos = 2, n;
	bool whole_line;

	if (len < 2 || line[0] != '#' || line[1] != '!')
		return 1;				/* not a script */
	len = MIN(len, (size_t)BINPRM_BUF_SIZE);
	for (end = 2; end < len && line[end] != '\n' && line[end]; end++)
		;
	whole_line = end < len;
	n = next_word(line, &pos, end);
	if (!n || (!whole_line && pos + n == end) || n >= sizeof(out->interp))
		return -ENOEXEC;			/* no interpreter, or its name was cut */
	memcpy(out->interp, line + pos, n);
	out->interp[n] = '\0';
	pos += n;
	while (pos < end && blank(line[pos]))
		pos++;
	while (end > pos && blank(line[end - 1]))
		end--;
	out->has_arg = end > pos;
	memcpy(out->arg, line + pos, end - pos);
	out->arg[end - pos] = '\0';
	return 0;
}
