#!/bin/bash
# tests/host/run.sh - the ext2 reader and the ELF checker, compiled for the
# host under AddressSanitizer and UBSan, run against real mke2fs images and
# real musl binaries (and corrupted copies of both); the XArray
# (lib/xarray.c) against a model, with allocation counted and failed; and the
# VMA tree (mm/vma.c, lib/rbtree.c), as Linux's tools/testing/vma does; and
# the mmap, fcntl and stat numbers of include/uapi against the host's headers;
# and drivers/rtc/lib.c's dates against the C library's gmtime and timegm.
#
# Kernel sources (fs/ext2/*.c, fs/buffer.c, drivers/block/brd.c,
# fs/binfmt_elf.c, lib/xarray.c, mm/vma.c, lib/rbtree.c) are built exactly as
# the kernel has them, with -D__KERNEL__ -Iinclude; only the code generation
# is the host's. The ext2, ELF and XArray test programs see the kernel headers
# through -iquote, so their own <string.h> etc. still come from libc;
# test_vma.c and its shim (kzalloc on calloc, panic, current:
# tests/host/vma_shim.c) use the kernel's headers throughout.
#
# Then each libFuzzer target of tests/host/fuzz (ELF checker, ext2 mount and
# walk, multiboot2 information, command line) runs for a few seconds from its
# seeds (tests/host/fuzz/fuzz.sh; make fuzz-host runs them for long); any
# crash fails. Without clang's libFuzzer they are skipped, saying so.
#
# Output: "ok N name" / "not ok N name" per check, then "N passed, N failed";
# the exit status is nonzero if anything failed.
#   HOST_TEST_OUT=dir  where to build (default build/host-tests)
#   HOST_FUZZ_TIME=s   seconds per fuzz target (default 3; 0 skips them)
set -u
cd "$(dirname "$0")/../.."

OUT=${HOST_TEST_OUT:-build/host-tests}
CC=${HOSTCC:-gcc}
MUSL_GCC=${MUSL_GCC:-musl-gcc}
MUSL_LIB=/usr/lib/x86_64-linux-musl
SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g -O1"
KERNEL_CFLAGS="-std=gnu11 -Wall -Wextra -Werror -Wno-unused-parameter -D__KERNEL__ -Iinclude -Iarch/x86/include"
TEST_CFLAGS="-std=gnu11 -Wall -Wextra -Werror -iquote include -iquote arch/x86/include"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

N=0
PASSED=0
FAILED=0

report() {		# report ok|fail name
	N=$((N + 1))
	if [ "$1" = ok ]; then
		PASSED=$((PASSED + 1))
		echo "ok $N $2"
	else
		FAILED=$((FAILED + 1))
		echo "not ok $N $2"
	fi
}

check() {		# check name command...: one check from a command's exit status
	local name=$1 log=$OUT/last.log
	shift
	if "$@" >"$log" 2>&1; then
		report ok "$name"
	else
		report fail "$name"
		sed 's/^/# /' "$log"
	fi
}

# Run a test program; its "ok name" / "not ok name" lines become numbered
# checks, other lines are comments. A crash (ASan, UBSan, timeout) is a
# failed check of its own, with the sanitizer's report shown as comments.
run_prog() {		# run_prog label timeout command...
	local label=$1 limit=$2 log=$OUT/$1.stderr status line
	shift 2
	timeout "$limit" "$@" 2>"$log" >"$OUT/$label.stdout"
	status=$?
	while IFS= read -r line; do
		case $line in
		"ok "*) report ok "${line#ok }" ;;
		"not ok "*) report fail "${line#not ok }" ;;
		*) echo "# $line" ;;
		esac
	done <"$OUT/$label.stdout"
	if [ $status -ne 0 ]; then
		report fail "$label exited with status $status"
		sed 's/^/# /' "$log"
	fi
}

# ------------------------------------------------------------------ build

# One kernel source to an ASan object; compile_all runs them all at once, a job per CPU.
compile_one() {		# compile_one src obj
	$CC $SAN $KERNEL_CFLAGS -c "$1" -o "$2"
}

compile_all() {
	local src jobs=() failed=0
	for src in drivers/block/brd.c fs/buffer.c fs/ext2/*.c lib/list_debug.c tests/host/shim.c; do
		compile_one "$src" "$OUT/obj/ext2-$(basename "$src" .c).o" & jobs+=($!)
	done
	for src in fs/binfmt_elf.c lib/xarray.c drivers/rtc/lib.c mm/vma.c lib/rbtree.c lib/list_debug.c \
		   tests/host/vma_shim.c tests/host/test_vma.c; do
		compile_one "$src" "$OUT/obj/$(basename "$src" .c).o" & jobs+=($!)
	done
	for job in "${jobs[@]}"; do
		wait "$job" || failed=1
	done
	return $failed
}

build_tests() {
	mkdir -p "$OUT/obj"
	local ext2_objs=() src
	compile_all || return 1
	for src in drivers/block/brd.c fs/buffer.c fs/ext2/*.c lib/list_debug.c tests/host/shim.c; do
		ext2_objs+=("$OUT/obj/ext2-$(basename "$src" .c).o")
	done
	$CC $SAN $TEST_CFLAGS tests/host/test_ext2.c "${ext2_objs[@]}" -o "$OUT/test_ext2" || return 1
	$CC $SAN $TEST_CFLAGS tests/host/test_elf.c "$OUT/obj/binfmt_elf.o" -o "$OUT/test_elf" || return 1
	$CC $SAN $TEST_CFLAGS tests/host/test_xarray.c "$OUT/obj/xarray.o" -o "$OUT/test_xarray" || return 1
	$CC $SAN $TEST_CFLAGS tests/host/test_rtc.c "$OUT/obj/lib.o" -o "$OUT/test_rtc" || return 1
	build_vma_test
}

# mm/vma.c as the kernel has it (compiled by compile_all), with the shim for the rest of the kernel.
build_vma_test() {
	$CC $SAN "$OUT/obj/test_vma.o" "$OUT/obj/vma_shim.o" "$OUT/obj/vma.o" "$OUT/obj/rbtree.o" \
		"$OUT/obj/list_debug.o" \
		-o "$OUT/test_vma"
}

# ------------------------------------------------------------------ ext2

# Deterministic file contents: decimal numbers, different at every offset.
pattern() {		# pattern bytes > file
	seq 1 10000000 | head -c "$1"
}

write_at() {		# write_at file offset bytes: pattern data at offset, keeping the holes
	pattern "$3" | dd of="$1" bs=4096 seek="$2" oflag=seek_bytes conv=notrunc status=none
}

make_staging() {	# make_staging dir
	local d=$1 i
	rm -rf "$d"
	mkdir -p "$d/a/b/c" "$d/many" "$d/empty_dir"
	echo "hello, faultline" >"$d/hello.txt"
	: >"$d/empty"
	pattern 5000 >"$d/direct"				# < 12 blocks
	pattern $((13 * 4096 + 100)) >"$d/single_indirect"	# > 12 blocks at 1 KiB and at 4 KiB
	pattern $((300 * 1024)) >"$d/double_indirect"		# > 12 + 256 blocks at 1 KiB
	truncate -s 300K "$d/sparse"				# data, a hole, data, a hole to EOF
	write_at "$d/sparse" 0 4096
	write_at "$d/sparse" $((200 * 1024 + 100)) 10000
	# 5 GiB apparent size: double indirect at 4 KiB (8 MiB), triple at 1 KiB
	# (70 MiB) and at 4 KiB (4.5 GiB), and i_size_high.
	truncate -s 5G "$d/huge_sparse"
	write_at "$d/huge_sparse" 100 3000
	write_at "$d/huge_sparse" $((8 << 20)) 5000
	write_at "$d/huge_sparse" $((70 << 20)) 3000
	write_at "$d/huge_sparse" $((4608 << 20)) 9000
	echo deep >"$d/a/b/c/deep.txt"
	pattern 777 >"$d/a/b/file"
	for i in $(seq 1 300); do
		echo "$i" >"$d/many/entry-$i"
	done
	: >"$d/many/$(printf 'n%.0s' $(seq 1 255))"		# a 255-byte name
	ln -s hello.txt "$d/link_fast"
	ln -s /a/b/c/deep.txt "$d/link_abs"
	ln -s a/b "$d/link_dir"
	ln -s a/b/c/../c/../c/../c/../c/../c/../c/../c/../c/../c/deep.txt "$d/link_slow"
	ln -s loop2 "$d/loop1"
	ln -s loop1 "$d/loop2"
	ln -s does-not-exist "$d/dangling"
	ln -s hello.txt "$d/chain1"			# chainN takes N links to reach hello.txt
	for i in $(seq 2 9); do
		ln -s "chain$((i - 1))" "$d/chain$i"
	done
	mkfifo "$d/fifo"
}

test_ext2() {
	local stage=$OUT/staging bs
	if ! command -v mke2fs >/dev/null; then
		report ok "ext2 images # SKIP mke2fs not found"
		return
	fi
	check "make the staging tree" make_staging "$stage"
	for bs in 1024 4096; do
		check "mke2fs -b $bs" mke2fs -q -F -t ext2 -b $bs -d "$stage" "$OUT/ext2-$bs.img" 4M
		run_prog "test_ext2-$bs" 300 "$OUT/test_ext2" "$OUT/ext2-$bs.img" "$stage" "b$bs"
	done
}

# ------------------------------------------------------------------ ELF

# docs/linux-abi.md §1: a real static PIE (musl-gcc -static-pie gives a dynamic one).
build_static_pie() {	# build_static_pie src out
	$MUSL_GCC -O2 -fPIE -nostartfiles $MUSL_LIB/rcrt1.o $MUSL_LIB/crti.o \
		"$($CC -print-file-name=crtbeginS.o)" "$1" "$($CC -print-file-name=crtendS.o)" \
		$MUSL_LIB/crtn.o -Wl,-static -Wl,--no-dynamic-linker -Wl,-z,text -o "$2"
}

test_elf() {
	local src=$OUT/hello_tls.c args=()
	if command -v "$MUSL_GCC" >/dev/null; then
		printf '#include <stdio.h>\n__thread int t = 42;\nint main(void) { printf("%%d\\n", t); return 0; }\n' >"$src"
		check "musl-gcc -static" $MUSL_GCC -static -O2 "$src" -o "$OUT/musl_static"
		check "musl static PIE" build_static_pie "$src" "$OUT/musl_static_pie"
		check "musl-gcc dynamic" $MUSL_GCC -O2 "$src" -o "$OUT/musl_dynamic"
		args+=(--static "$OUT/musl_static" --pie "$OUT/musl_static_pie" --dynamic "$OUT/musl_dynamic")
	else
		report ok "musl binaries # SKIP musl-gcc not found"
	fi
	[ -x /bin/true ] && args+=(--dynamic /bin/true)
	run_prog test_elf 120 "$OUT/test_elf" "${args[@]}"
}

# ------------------------------------------------------------------ XArray

test_xarray() {
	run_prog test_xarray 120 "$OUT/test_xarray"
}

# ------------------------------------------------------------------ uapi numbers

# The mmap, fcntl and stat numbers of include/uapi against the host's own
# headers: Linux's (linux-libc-dev), glibc's, and musl's (the user tests').
# Each side's values come from a generated table compiled with that side's
# headers alone (tests/host/uapi_values.c prints it), so no two definitions
# of a name meet.  Every object-like macro of ours that the other side also
# defines must have the same value, and every one must be in the host's
# Linux headers unless it is listed here:
UAPI_HEADERS="linux/mman.h asm-generic/mman.h asm-generic/mman-common.h faultline/mman.h
	linux/fcntl.h asm-generic/fcntl.h linux/stat.h linux/fs.h"
# faultline's own MAP_NOFAULT, and Linux's numbers newer than Debian 12's 6.1 headers.
UAPI_NOT_IN_HOST_LINUX="MAP_NOFAULT MAP_ABOVE4G MAP_DROPPABLE MADV_GUARD_INSTALL MADV_GUARD_REMOVE"
# Where a libc means something else by the name: glibc's O_LARGEFILE is 0 on
# x86-64 (a 64-bit kernel sets the flag itself) and its private __O_TMPFILE
# includes O_DIRECTORY; musl's O_ACCMODE includes O_SEARCH (O_PATH).
UAPI_GLIBC_DIFFERS="O_LARGEFILE __O_TMPFILE"
UAPI_MUSL_DIFFERS="O_ACCMODE"

uapi_names() {		# every object-like macro with a value, one a line
	local h
	for h in $UAPI_HEADERS; do
		sed -n 's/^#define \([A-Za-z_][A-Za-z0-9_]*\)[[:space:]]\{1,\}[^[:space:]].*/\1/p' "include/uapi/$h"
	done | sort -u
}

# uapi_values label cc cflags header...: $OUT/uapi-label.txt, "NAME value"
# for each name those headers define.
uapi_values() {
	local label=$1 cc=$2 cflags=$3 src=$OUT/uapi-$1.c name h
	shift 3
	{
		echo "/* made by tests/host/run.sh (test_uapi) from include/uapi */"
		echo "#define _GNU_SOURCE"
		for h in "$@"; do
			echo "#include <$h>"
		done
		echo "const struct uapi_value { const char *name; long long value; } uapi_values[] = {"
		for name in $(uapi_names); do
			printf '#ifdef %s\n\t{ "%s", (long long)(%s) },\n#endif\n' "$name" "$name" "$name"
		done
		echo "	{ 0, 0 }"
		echo "};"
	} >"$src"
	$cc -std=gnu11 -Wall -Wextra -Werror $cflags -c "$src" -o "$OUT/obj/uapi-$label.o" &&
		$cc -std=gnu11 -Wall -Wextra -Werror tests/host/uapi_values.c "$OUT/obj/uapi-$label.o" \
			-o "$OUT/uapi-$label" &&
		"$OUT/uapi-$label" | sort >"$OUT/uapi-$label.txt"
}

# uapi_compare label may_lack may_differ: ours against $OUT/uapi-label.txt;
# may_lack "*" lets the other side lack any name.
uapi_compare() {
	local status
	awk -v ref="$1" -v may_lack="$2" -v may_differ="$3" '
		BEGIN {
			n = split(may_lack, a, " "); for (i = 1; i <= n; i++) lack_ok[a[i]] = 1
			n = split(may_differ, a, " "); for (i = 1; i <= n; i++) differ_ok[a[i]] = 1
		}
		FNR == NR { theirs[$1] = $2; next }
		!($1 in theirs) {
			if (!lack_ok["*"] && !lack_ok[$1]) { print ref " lacks " $1; bad++ }
			next
		}
		{ same++ }
		theirs[$1] != $2 && !differ_ok[$1] { print $1 ": ours " $2 ", " ref " " theirs[$1]; bad++ }
		END { print same " names compared with " ref; exit bad > 0 }
	' "$OUT/uapi-$1.txt" "$OUT/uapi-ours.txt" >"$OUT/uapi-$1.cmp"
	status=$?
	cat "$OUT/uapi-$1.cmp"
	return $status
}

test_uapi() {
	local libc
	check "uapi: our values" uapi_values ours "$CC" "-Iinclude" \
		uapi/linux/mman.h uapi/faultline/mman.h uapi/linux/fcntl.h uapi/linux/stat.h uapi/linux/fs.h
	check "uapi: the host's Linux headers" uapi_values linux "$CC" "" \
		linux/mman.h linux/fcntl.h linux/stat.h linux/fs.h
	check "uapi: glibc's headers" uapi_values glibc "$CC" "" sys/mman.h fcntl.h sys/stat.h stdio.h
	if command -v "$MUSL_GCC" >/dev/null; then
		check "uapi: musl's headers" uapi_values musl "$MUSL_GCC" "" sys/mman.h fcntl.h sys/stat.h stdio.h
	else
		report ok "uapi: musl's headers # SKIP musl-gcc not found"
	fi
	check "uapi: same values as <linux/*.h>" uapi_compare linux "$UAPI_NOT_IN_HOST_LINUX" ""
	check "uapi: same values as glibc" uapi_compare glibc "*" "$UAPI_GLIBC_DIFFERS"
	[ -f "$OUT/uapi-musl.txt" ] && check "uapi: same values as musl" uapi_compare musl "*" "$UAPI_MUSL_DIFFERS"
	for libc in linux glibc musl; do
		[ -f "$OUT/uapi-$libc.cmp" ] && echo "# $(tail -n 1 "$OUT/uapi-$libc.cmp")"
	done
}

# ------------------------------------------------------------------ libFuzzer

# A short run of every target: seeds only, nothing kept (FUZZ_KEEP=0), so
# each make test starts from the same place; fuzz.sh prints ok/not ok lines.
test_fuzz() {
	local secs=${HOST_FUZZ_TIME:-3} line status
	if [ "$secs" = 0 ]; then
		report ok "libFuzzer targets # SKIP HOST_FUZZ_TIME=0"
		return
	fi
	FUZZ_OUT=$OUT/fuzz FUZZ_KEEP=0 FUZZ_CONTINUE=0 bash tests/host/fuzz/fuzz.sh -t "$secs" >"$OUT/fuzz.stdout" 2>&1
	status=$?
	if [ $status -eq 77 ]; then
		report ok "libFuzzer targets # SKIP $(head -n 1 "$OUT/fuzz.stdout" | sed 's/^SKIP: //')"
		return
	fi
	while IFS= read -r line; do
		case $line in
		"ok "*) report ok "${line#ok }" ;;
		"not ok "*) report fail "${line#not ok }" ;;
		*) echo "$line" ;;
		esac
	done <"$OUT/fuzz.stdout"
	[ $status -eq 0 ] || grep -q '^not ok' "$OUT/fuzz.stdout" || report fail "fuzz.sh exited with status $status"
}

# ------------------------------------------------------------------ main

mkdir -p "$OUT"
check "build host tests with ASan and UBSan" build_tests
if [ -x "$OUT/test_ext2" ] && [ -x "$OUT/test_elf" ]; then
	test_ext2
	test_elf
fi
[ -x "$OUT/test_xarray" ] && test_xarray
[ -x "$OUT/test_vma" ] && run_prog test_vma 300 "$OUT/test_vma"
[ -x "$OUT/test_rtc" ] && run_prog test_rtc 60 "$OUT/test_rtc"
test_uapi
test_fuzz
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
