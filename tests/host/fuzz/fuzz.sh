#!/bin/bash
# tests/host/fuzz/fuzz.sh - coverage-guided fuzzing of faultline's parsers of
# untrusted input with clang's libFuzzer, under ASan and UBSan, on the host.
#
#   fuzz.sh [-t SECONDS] [TARGET...]    TARGETs: elf ext2 multiboot cmdline (default: all)
#
# Targets (one file each in this directory):
#   elf        fs/binfmt_elf.c elf_check() on a file's first page
#   ext2       fs/ext2 (+ fs/buffer.c, drivers/block/brd.c): mount the input
#              as a RAM disk and walk everything reachable
#   multiboot  arch/x86/kernel/setup.c parse_boot_info()
#   cmdline    kernel/cmdline.c parse_cmdline() and its __setup table
# Kernel sources are compiled as the kernel has them (-D__KERNEL__ -Iinclude),
# with clang for the host; the shims are tests/host/shim.c (ext2) and
# fuzz_shim.c (printk, strlcpy, console settings).
#
# Each target runs for SECONDS (default $FUZZ_TIME, else 600) from its seeds:
# tests/host/fuzz/corpus/TARGET (small, committed), seeds made here at run
# time (ext2 images by mke2fs; the first 4 KiB of build/tests/* and of musl
# binaries), and, unless FUZZ_KEEP=0, the corpus earlier runs grew
# ($OUT/corpus/TARGET).  Output: "ok fuzz TARGET: N runs in S s, ..." or
# "not ok fuzz TARGET: ..." with the crash report and the reproducer's path
# ($OUT/crashes/); the exit status is nonzero if any target crashed, and 77
# if clang's libFuzzer is not available (nothing was run).
#
# Reproduce a crash:  $OUT/fuzz_TARGET $OUT/crashes/TARGET-crash-...
#
#   FUZZ_OUT=dir     where to build and keep corpora (default build/host-fuzz)
#   FUZZ_TIME=s      seconds per target when -t is not given
#   FUZZ_RUNS=n      stop each target after n executions instead (the time
#                    still bounds it; make fuzz-host FUZZ_RUNS=10000000)
#   FUZZ_KEEP=0      start from the seeds only and keep no new corpus
#                    (tests/host/run.sh does this, for make test)
#   FUZZ_JOBS=n      libFuzzer processes per target (default 1)
#   FUZZ_CONTINUE=1  go on past a crash (libFuzzer -fork=FUZZ_JOBS -ignore_crashes=1),
#                    collecting every distinct crash in $OUT/crashes/ (make fuzz-host)
#   CLANG=clang      the compiler
set -u
cd "$(dirname "$0")/../../.."

OUT=${FUZZ_OUT:-build/host-fuzz}
CLANG=${CLANG:-clang}
MUSL_GCC=${MUSL_GCC:-musl-gcc}
TIME=${FUZZ_TIME:-600}
KEEP=${FUZZ_KEEP:-1}
JOBS=${FUZZ_JOBS:-1}
CONTINUE=${FUZZ_CONTINUE:-0}
RUNS=${FUZZ_RUNS:-}
ALL_TARGETS="elf ext2 multiboot cmdline"
HERE=tests/host/fuzz
SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g -O1"
KERNEL_CFLAGS="-std=gnu11 -Wall -Wextra -Werror -Wno-unused-parameter -D__KERNEL__ -Iinclude -Iarch/x86/include"
# clang (unlike gcc) warns that types.h redefines NULL after libc did
TEST_CFLAGS="-std=gnu11 -Wall -Wextra -Werror -Wno-macro-redefined -iquote include -iquote arch/x86/include"
export PATH=$PATH:/usr/sbin:/sbin	# mke2fs

while getopts t: opt; do
	case $opt in
	t) TIME=$OPTARG ;;
	*) echo "usage: $0 [-t SECONDS] [TARGET...]" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
TARGETS=${*:-$ALL_TARGETS}

# ------------------------------------------------------------------ build

have_libfuzzer() {
	local d=$OUT/probe
	mkdir -p "$d"
	printf '#include <stddef.h>\n#include <stdint.h>\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }\n' \
		>"$d/probe.c"
	command -v "$CLANG" >/dev/null 2>&1 &&
		"$CLANG" -fsanitize=fuzzer,address,undefined "$d/probe.c" -o "$d/probe" >"$d/probe.log" 2>&1
}

# cc_kernel src obj: a kernel source, instrumented for libFuzzer's coverage
cc_kernel() {
	$CLANG $SAN -fsanitize=fuzzer-no-link $KERNEL_CFLAGS -c "$1" -o "$2"
}

build() {
	local obj=$OUT/obj src objs=()
	mkdir -p "$obj"
	# ext2: the same sources and shim as tests/host/test_ext2
	for src in drivers/block/brd.c fs/buffer.c fs/ext2/*.c lib/list_debug.c tests/host/shim.c; do
		cc_kernel "$src" "$obj/ext2-$(basename "$src" .c).o" || return 1
		objs+=("$obj/ext2-$(basename "$src" .c).o")
	done
	$CLANG $SAN -fsanitize=fuzzer $TEST_CFLAGS $HERE/fuzz_ext2.c "${objs[@]}" -o "$OUT/fuzz_ext2" || return 1
	cc_kernel fs/binfmt_elf.c "$obj/binfmt_elf.o" || return 1
	$CLANG $SAN -fsanitize=fuzzer $TEST_CFLAGS $HERE/fuzz_elf.c "$obj/binfmt_elf.o" -o "$OUT/fuzz_elf" || return 1
	cc_kernel arch/x86/kernel/setup.c "$obj/setup.o" || return 1
	cc_kernel $HERE/fuzz_shim.c "$obj/fuzz_shim.o" || return 1
	cc_kernel $HERE/fuzz_multiboot.c "$obj/fuzz_multiboot.o" || return 1
	$CLANG $SAN -fsanitize=fuzzer "$obj/fuzz_multiboot.o" "$obj/setup.o" "$obj/fuzz_shim.o" \
		-o "$OUT/fuzz_multiboot" || return 1
	cc_kernel $HERE/fuzz_cmdline.c "$obj/fuzz_cmdline.o" || return 1
	$CLANG $SAN -fsanitize=fuzzer "$obj/fuzz_cmdline.o" "$obj/fuzz_shim.o" -o "$OUT/fuzz_cmdline"
}

# ------------------------------------------------------------------ seeds made at run time

# Small ext2 images (1 KiB and 4 KiB blocks) holding one of everything the
# reader handles: nested directories, a directory over several blocks, a file
# past the 12 direct blocks, fast and slow symlinks, a symlink loop, a FIFO;
# a sparse file mapped through double and triple indirect blocks.  Small (up
# to 160 KiB), so that libFuzzer's mutations land on metadata often.
ext2_stage() {		# ext2_stage dir
	local d=$1 i
	rm -rf "$d"
	mkdir -p "$d/a/b" "$d/many" "$d/sbin"
	echo hello >"$d/hello.txt"
	seq 1 2600 >"$d/a/b/indirect"				# 12.6 KiB: past 12 direct 1 KiB blocks
	for i in $(seq 1 30); do : >"$d/many/entry-with-a-longish-name-$i"; done
	printf '\177ELF' >"$d/sbin/init"
	ln -s hello.txt "$d/fast"
	ln -s "a/b/../b/../b/../b/../b/../b/../b/../b/../b/../b/../b/../b/indirect" "$d/slow"
	ln -s /a/b "$d/abs"
	ln -s loop2 "$d/loop1"
	ln -s loop1 "$d/loop2"
	mkfifo "$d/fifo"
	# sparse: data under the double-indirect map at 1 KiB blocks, and under the triple one
	truncate -s 70M "$d/sparse"
	echo dind | dd of="$d/sparse" bs=1 seek=$((5 << 20)) conv=notrunc status=none
	echo tind | dd of="$d/sparse" bs=1 seek=$((68 << 20)) conv=notrunc status=none
}

mkimg() {		# mkimg image blocks mke2fs-options...
	local img=$1 blocks=$2
	shift 2
	mke2fs -q -F -t ext2 "$@" "$img" "$blocks" >/dev/null 2>&1 || rm -f "$img"
}

ext2_seeds() {
	local dir=$1 stage=$OUT/ext2-stage
	command -v mke2fs >/dev/null || return 0
	ext2_stage "$stage"
	# no resize inode: its reserved GDT blocks would double the smallest image
	mkimg "$dir/tree-1k.img" 80 -O ^resize_inode -b 1024 -N 64 -d "$stage"
	mkimg "$dir/tree-1k-inode128.img" 70 -O ^resize_inode -I 128 -b 1024 -N 64 -d "$stage"
	mkimg "$dir/tree-4k.img" 60 -O ^resize_inode -b 4096 -N 64 -d "$stage"
	mkimg "$dir/empty-1k.img" 64 -b 1024 -N 16
	ls "$dir"/*.img >/dev/null 2>&1 || echo "# fuzz: mke2fs made no ext2 seed" >&2
	return 0
}

# The first page of real programs: what exec hands elf_check.
elf_seeds() {
	local dir=$1 f n=0 src=$OUT/hello.c
	for f in build/tests/*; do
		[ -f "$f" ] && [ "$(head -c 4 "$f" | od -An -c | tr -d ' ')" = '177ELF' ] || continue
		head -c 4096 "$f" >"$dir/$(basename "$f")"
		n=$((n + 1))
		[ $n -ge 20 ] && break
	done
	if command -v "$MUSL_GCC" >/dev/null; then
		printf 'int main(void) { return 0; }\n' >"$src"
		$MUSL_GCC -static -O2 "$src" -o "$OUT/musl_static" 2>/dev/null &&
			head -c 4096 "$OUT/musl_static" >"$dir/musl_static"
		$MUSL_GCC -O2 "$src" -o "$OUT/musl_dynamic" 2>/dev/null &&
			head -c 4096 "$OUT/musl_dynamic" >"$dir/musl_dynamic"
	fi
	[ -f /bin/true ] && head -c 4096 /bin/true >"$dir/glibc_true"
	return 0
}

make_seeds() {		# make_seeds target dir
	rm -rf "$2"
	mkdir -p "$2"
	case $1 in
	ext2) ext2_seeds "$2" ;;
	elf) elf_seeds "$2" ;;
	esac
}

# ------------------------------------------------------------------ run

# libFuzzer options per target: the largest input, a dictionary.
target_options() {
	case $1 in
	ext2) echo "-max_len=262144" ;;
	elf) echo "-max_len=4096" ;;
	multiboot) echo "-max_len=4096" ;;
	cmdline) echo "-max_len=2200 -dict=$HERE/cmdline.dict" ;;
	esac
}

parallel_options() {
	if [ "$CONTINUE" = 1 ]; then
		echo "-fork=$JOBS -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1"
	elif [ "$JOBS" -gt 1 ]; then
		echo "-jobs=$JOBS -workers=$JOBS"
	fi
}

run_target() {		# run_target target
	local t=$1 log=$OUT/fuzz_$t.log seeds=$OUT/seeds/$1 work status runs secs crash nseeds
	make_seeds "$t" "$seeds"
	if [ "$KEEP" = 0 ]; then
		work=$OUT/work/$t
		rm -rf "$work"
	else
		work=$OUT/corpus/$t
	fi
	mkdir -p "$work" "$OUT/crashes"
	rm -f "$OUT/crashes/$t-"*
	# shellcheck disable=SC2046  # the options are words
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=1 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		"$OUT/fuzz_$t" $(target_options "$t") -max_total_time="$TIME" ${RUNS:+-runs=$RUNS} -timeout=5 -rss_limit_mb=2048 \
		-print_final_stats=1 $(parallel_options) \
		-artifact_prefix="$OUT/crashes/$t-" \
		"$work" "$seeds" $([ -d "$HERE/corpus/$t" ] && echo "$HERE/corpus/$t") >"$log" 2>&1
	status=$?
	[ "$JOBS" -gt 1 ] && cat fuzz-*.log >>"$log" 2>/dev/null && rm -f fuzz-*.log
	if [ "$CONTINUE" = 1 ]; then	# fork mode: "#RUNS: cov: ..." lines
		runs=$(sed -n 's/^#\([0-9]*\): cov:.*/\1/p' "$log" | tail -n 1)
	else
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | awk '{s += $1} END {print s + 0}')
	fi
	secs=$(sed -n 's/^stat::.*//; s/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -n 1)
	crash=$(ls "$OUT/crashes/$t-"* 2>/dev/null | head -n 1)
	if [ $status -eq 0 ] && [ -z "$crash" ]; then
		nseeds=$(find "$seeds" "$HERE/corpus/$t" -type f 2>/dev/null | wc -l)
		echo "ok fuzz $t: $runs runs in ${secs:-$TIME} s from $nseeds seeds, $(ls "$work" | wc -l) inputs in its corpus, no crash"
		return 0
	fi
	echo "not ok fuzz $t: libFuzzer exited $status after $runs runs; $(ls "$OUT/crashes/$t-"* 2>/dev/null | wc -l) reproducers, first: ${crash:-none}"
	echo "#   reproduce: $OUT/fuzz_$t ${crash:-<input>}"
	grep -E -A40 '^(==[0-9]+==ERROR|.*runtime error|==[0-9]+== ERROR: libFuzzer|fuzz_elf:)' "$log" | head -n 60 | sed 's/^/#   /'
	return 1
}

mkdir -p "$OUT"
if ! have_libfuzzer; then
	echo "SKIP: clang's libFuzzer is not available ($CLANG -fsanitize=fuzzer does not link; Debian: apt-get install clang libclang-rt-14-dev)"
	sed 's/^/#   /' "$OUT/probe/probe.log" 2>/dev/null
	exit 77
fi
if ! build >"$OUT/build.log" 2>&1; then
	echo "not ok fuzz: build failed"
	sed 's/^/#   /' "$OUT/build.log"
	exit 1
fi
failed=0
for t in $TARGETS; do
	case " $ALL_TARGETS " in
	*" $t "*) run_target "$t" || failed=$((failed + 1)) ;;
	*) echo "not ok fuzz $t: no such target (have: $ALL_TARGETS)"; failed=$((failed + 1)) ;;
	esac
done
[ $failed -eq 0 ]
