/*
 * In-kernel test of overcommit accounting (mm/overcommit.c, Linux
 * mm/util.c __vm_enough_memory).
 * Expectation, per vm.overcommit_memory:
 *   0 (guess)  one request of more pages than RAM (no swap) is refused,
 *              one of exactly RAM is granted;
 *   1 (always) anything is granted;
 *   2 (never)  the total may not reach CommitLimit (overcommit_kbytes
 *              when set); root loses no admin reserve, and no mm means no
 *              user reserve either.
 * A refused request leaves Committed_AS as it was; a granted one adds to it.
 * Only private writable memory without MAP_NORESERVE is accountable.
 */
#include <ktest.h>
#include <mm_types.h>
#include <mm.h>
#include <mman.h>
#include <errno.h>

#define KIB_PER_PAGE (PAGE_SIZE / 1024)

KTEST(overcommit_guess_refuses_more_than_ram)
{
	u64 before = vm_memory_committed(), ram = nr_total_pages();

	KTEST_EXPECT(sysctl_overcommit_memory == OVERCOMMIT_GUESS);
	KTEST_EXPECT(vm_enough_memory(NULL, (long)ram + 1) == -ENOMEM);
	KTEST_EXPECT(vm_memory_committed() == before);
	KTEST_EXPECT(vm_enough_memory(NULL, (long)ram) == 0);
	KTEST_EXPECT(vm_memory_committed() == before + ram);
	vm_unacct_memory((long)ram);
	KTEST_EXPECT(vm_memory_committed() == before);
}

KTEST(overcommit_always_grants_anything)
{
	long huge = (long)nr_total_pages() * 16;

	sysctl_overcommit_memory = OVERCOMMIT_ALWAYS;
	KTEST_EXPECT(vm_enough_memory(NULL, huge) == 0);
	vm_unacct_memory(huge);
	sysctl_overcommit_memory = OVERCOMMIT_GUESS;
}

KTEST(overcommit_never_stops_at_commit_limit)
{
	u64 before = vm_memory_committed();

	sysctl_overcommit_memory = OVERCOMMIT_NEVER;
	sysctl_overcommit_kbytes = (before + 100) * KIB_PER_PAGE;
	KTEST_EXPECT(vm_commit_limit() == before + 100);
	KTEST_EXPECT(vm_enough_memory(NULL, 50) == 0);
	KTEST_EXPECT(vm_enough_memory(NULL, 60) == -ENOMEM);	/* 110 would pass the limit */
	KTEST_EXPECT(vm_memory_committed() == before + 50);
	KTEST_EXPECT(vm_enough_memory(NULL, 49) == 0);		/* 99: still below it */
	vm_unacct_memory(99);
	sysctl_overcommit_kbytes = 0;
	sysctl_overcommit_memory = OVERCOMMIT_GUESS;
	KTEST_EXPECT(vm_commit_limit() == nr_total_pages() * sysctl_overcommit_ratio / 100);
}

KTEST(overcommit_accountable_is_private_writable)
{
	KTEST_EXPECT(accountable_mapping(VM_READ | VM_WRITE));
	KTEST_EXPECT(!accountable_mapping(VM_READ));
	KTEST_EXPECT(!accountable_mapping(VM_READ | VM_WRITE | VM_SHARED));
	KTEST_EXPECT(!accountable_mapping(VM_READ | VM_WRITE | VM_NORESERVE));
}
