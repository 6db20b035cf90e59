/*
 * mm/oom_kill.c - when no page can be found (Linux: mm/oom_kill.c).
 *
 * A fault that cannot get a page first asks reclaim (mm/vmscan.c) for
 * page-cache pages; if none can be freed, the task with the most resident
 * pages is killed with SIGKILL, and the kernel says so in Linux's words:
 *
 *   Out of memory: Killed process 42 (hog) total-vm:1049600kB, anon-rss:...
 *
 * init (pid 1) is never chosen, as in Linux. The faulting task then
 * retries its access: if it was the victim, it dies on the way back to user
 * space; if not, it waits until the victim has exited and given its memory
 * back. The kernel never panics for lack of user memory.
 */
#include <vmstat.h>
#include <mm_types.h>
#include <mm.h>
#include <sched.h>
#include <signal.h>
#include <printk.h>
#include <oom.h>
#include <cred.h>

#define OOM_RETRY_PAGES 32		/* what one retry needs reclaim to find */
#define KIB_PER_PAGE (PAGE_SIZE / 1024)

static u64 vm_pages(const struct mm_struct *mm)
{
	u64 pages = 0;
	struct list_head *p;

	list_for_each(p, &mm->mmap)
		pages += vma_pages(list_entry(p, struct vm_area_struct, vm_list));
	return pages;
}

static bool being_killed(const struct task_struct *t)
{
	return t->pending.signal & sigmask(SIGKILL);
}

#define OOM_SCORE_ADJ_MIN (-1000)	/* Linux: this process is never chosen */
#define NO_POINTS (-(1L << 62))	/* below any real score (Linux: LONG_MIN) */

/* Linux oom_badness: the resident set, moved by oom_score_adj in thousandths
 * of all memory; NO_POINTS for a process that must not be chosen. */
static long oom_badness(const struct task_struct *t)
{
	int adj = t->signal->oom_score_adj;
	if (adj == OOM_SCORE_ADJ_MIN)
		return NO_POINTS;
	return (long)t->mm->rss + (long)adj * (long)nr_total_pages() / 1000;
}

/* Linux select_bad_process: the process with the highest badness; init and
 * kernel threads are not candidates.  Threads share their mm, so any thread
 * with one speaks for its process. */
static struct task_struct *select_bad_process(bool *victim_dying)
{
	struct task_struct *chosen = NULL;
	long chosen_points = NO_POINTS;
	struct list_head *p;

	*victim_dying = false;
	list_for_each(p, &task_list) {
		struct task_struct *t = list_entry(p, struct task_struct, tasks);
		long points;

		if (t->tgid <= 1 || !t->mm || t->state == TASK_ZOMBIE || t->state == TASK_DEAD)
			continue;
		if (being_killed(t)) {
			*victim_dying = true;	/* an earlier victim is still on its way out */
			continue;
		}
		points = oom_badness(t);
		if (points != NO_POINTS && (!chosen || points > chosen_points)) {
			chosen = t;
			chosen_points = points;
		}
	}
	return chosen;
}

static void oom_kill_process(struct task_struct *t)
{
	count_vm_event(OOM_KILL);
	pr_err("Out of memory: Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB, file-rss:0kB, "
	       "shmem-rss:0kB, UID:%u pgtables:0kB oom_score_adj:%d\n",
	       t->tgid, t->group_leader->comm, vm_pages(t->mm) * KIB_PER_PAGE, t->mm->rss * KIB_PER_PAGE,
	       t->cred ? t->cred->uid : 0, t->signal->oom_score_adj);
	send_signal(t, SIGKILL, NULL);		/* the whole process: every thread */
}

/* Linux pagefault_out_of_memory: reclaim, else kill, then let the fault be retried. */
void pagefault_out_of_memory(void)
{
	bool dying;
	struct task_struct *victim;

	if (shrink_page_cache(OOM_RETRY_PAGES))
		return;
	if (being_killed(current))
		return;				/* already chosen: dies on the way out */
	victim = select_bad_process(&dying);
	if (!victim && !dying)
		victim = current;		/* only init is left: better it dies than the machine hangs */
	if (victim && !dying)
		oom_kill_process(victim);
	if (victim != current)
		schedule();			/* let the victim run to its exit */
}
