#!/bin/bash
# build.sh OUTDIR [SRCDIR] - build every tests/user/*.c (or SRCDIR/*.c, e.g.
# tests/unsupported) into OUTDIR/NAME.  SRCDIR's programs find ftest.h here.
#
# Needs only Debian 12's musl-tools (musl-gcc) and gcc.  Programs are built
# JOBS at a time (default: one per CPU); the first failure fails the build.  Each test is one
# static musl binary: `musl-gcc -static` gives an ET_EXEC at 0x400000
# (docs/linux-abi.md §1).  Files named static_pie_*.c are linked as a real static
# PIE with the recipe from docs/linux-abi.md §1 (`-static-pie` would give a
# dynamic PIE with PT_INTERP, which faultline cannot run).
set -eu

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "usage: $0 OUTDIR [SRCDIR]" >&2
	exit 2
fi
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "${2:-$HERE}" && pwd)
OUT=$1
mkdir -p "$OUT"

CC=${MUSL_GCC:-musl-gcc}
GLIBC_CC=${GLIBC_CC:-gcc}
GEN=$OUT/gen
CFLAGS="-O2 -Wall -Werror -I$GEN -I$HERE"

# errno_names.h: errno_name()'s table, made from the kernel's own uapi
# headers, so the tests and the kernel share one list of numbers.
mkdir -p "$GEN"
{
	echo "/* made by tests/user/build.sh from include/uapi/asm-generic/errno*.h */"
	sed -n 's/^#define \(E[A-Z0-9]*\) \([0-9][0-9]*\)$/	[\2] = "\1",/p' \
		"$HERE/../../include/uapi/asm-generic/errno-base.h" \
		"$HERE/../../include/uapi/asm-generic/errno.h"
} >"$GEN/errno_names.h.new"
mv "$GEN/errno_names.h.new" "$GEN/errno_names.h"
M=/usr/lib/x86_64-linux-musl		# musl's crt files on Debian

build_one() {		# build_one SRC: OUT/NAME, and OUT/NAME-glibc if asked
	local src=$1 name
	name=$(basename "$src" .c)
	case $name in
	static_pie_*)
		# shellcheck disable=SC2046
		$CC $CFLAGS -fPIE -nostartfiles \
			$M/rcrt1.o $M/crti.o $(gcc -print-file-name=crtbeginS.o) \
			"$src" \
			$(gcc -print-file-name=crtendS.o) $M/crtn.o \
			-Wl,-static -Wl,--no-dynamic-linker -Wl,-z,text \
			-o "$OUT/$name"
		;;
	*)
		$CC -static $CFLAGS "$src" -o "$OUT/$name"
		;;
	esac
	# A program whose header says "build: musl glibc" is also built with
	# Debian's gcc and glibc, as NAME-glibc: glibc's start-up and its
	# posix_spawn, stdio and malloc take other kernel paths than musl's.
	if grep -q '^ \* build: musl glibc$' "$src"; then
		$GLIBC_CC -static $CFLAGS "$src" -o "$OUT/$name-glibc"
	fi
}

JOBS=${JOBS:-$(nproc)}
running=0
failed=0
for src in "$SRC"/*.c; do
	if [ "$running" -ge "$JOBS" ]; then
		wait -n || failed=1
		running=$((running - 1))
	fi
	(set -e; build_one "$src") &
	running=$((running + 1))
done
while [ "$running" -gt 0 ]; do
	wait -n || failed=1
	running=$((running - 1))
done
exit "$failed"
