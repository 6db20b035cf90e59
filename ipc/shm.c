/*
 * ipc/shm.c - System V shared memory: shmget, shmat, shmdt, shmctl
 * (Linux: ipc/shm.c).
 *
 * A segment is a file of memory (mm/shmem.c, as memfd's) that has a
 * number and a key instead of a name.  shmat is mmap(MAP_SHARED) of that
 * file, so its pages come in through the page-fault path like any shared
 * file page: the first touch of each page is shmem_fault, zero-filled and
 * kept in the file's page cache, where every process that attached the
 * segment finds the same page.
 *
 * The segment keeps one reference to its file, and each mapping another.
 * IPC_RMID marks the segment SHM_DEST and gives its key up; it is freed
 * when nothing has it attached any more.  Linux counts attaches in the
 * VMA's open and close; faultline counts them when asked (shm_nattch walks
 * the address spaces), and looks for destroyed segments to free after
 * shmdt, IPC_RMID, exit and exec (exit_shm).
 */
#include <syscalls.h>
#include <fs.h>
#include <mm.h>
#include <mm_types.h>
#include <mmap_lock.h>
#include <sched.h>
#include <cred.h>
#include <time.h>
#include <uaccess.h>
#include <string.h>
#include <printk.h>
#include <errno.h>
#include <proc_fs.h>
#include <init.h>
#include <ipc.h>
#include <mman.h>
#include "uapi/linux/shm.h"
#include "util.h"

#define SHM_MODE_BITS S_IRWXUGO		/* what shmget may set */
#define MAY_IPC_READ 4			/* ipcperms' request, as the rwx bits of "other" */
#define MAY_IPC_WRITE 2
#define MAY_IPC_EXEC 1

struct shmid_kernel {
	struct kern_ipc_perm perm;	/* id, key, owner, creator, mode (+ SHM_DEST, SHM_LOCKED) */
	struct file *file;		/* the memory; this reference is the segment's own */
	u64 segsz;
	s64 atime, dtime, ctime;
	int cpid, lpid;
};

static struct ipc_ids shm_ids = { .next_id = -1 };	/* next_id: kernel.shm_next_id (checkpoint/restore) */

/* The limits /proc/sys/kernel/shm{max,all,mni} show and set (Linux: ipc_namespace's shm_ctl*). */
static unsigned long shm_ctlmax = SHMMAX, shm_ctlall = SHMALL;
static int shm_ctlmni = SHMMNI;

static s64 now(void) { return ipc_now(); }

static struct shmid_kernel *shm_of(struct kern_ipc_perm *p)
{
	return p ? container_of(p, struct shmid_kernel, perm) : NULL;
}

/* The segment an id names, or NULL (a stale id: the index was reused). */
static struct shmid_kernel *shm_lookup(int id) { return shm_of(ipc_obtain_object_check(&shm_ids, id)); }

/* The segment in slot @idx, or NULL. */
static struct shmid_kernel *shm_at(int idx) { return shm_of(ipc_obtain_object_idx(&shm_ids, idx)); }

/* How many mappings of the segment exist, in every address space (Linux keeps shm_nattch). */
static unsigned long shm_nattch(const struct shmid_kernel *shp)
{
	unsigned long n = 0;
	struct task_struct *t;
	struct list_head *p;

	list_for_each(p, &task_list) {
		t = list_entry(p, struct task_struct, tasks);
		if (!t->mm || !thread_group_leader(t) || t->exiting)
			continue;
		struct vm_area_struct *v;
		list_for_each_entry(v, &t->mm->mmap, vm_list)
			n += v->vm_file && v->vm_file->f_inode == shp->file->f_inode;
	}
	return n;
}

/* Segments marked SHM_DEST and still attached somewhere: exit and exec
 * look for them only when there are some (a scan of every slot, after
 * every exit and exec, was half of exec_1m's instructions). */
static int nr_dest_attached;

static void shm_destroy(struct shmid_kernel *shp)
{
	if (shp->perm.mode & SHM_DEST)
		nr_dest_attached--;
	ipc_rmid(&shm_ids, &shp->perm);
	fput(shp->file);
	kfree(shp);
}

/* Free every segment marked for destruction that nothing maps any more. */
void exit_shm(void)
{
	for (int i = 0; i < IPCMNI && nr_dest_attached; i++) {
		struct shmid_kernel *shp = shm_at(i);
		if (shp && (shp->perm.mode & SHM_DEST) && !shm_nattch(shp))
			shm_destroy(shp);
	}
}

/* ------------------------------------------------------------ shmget */

/* Linux newseg. */
static int shm_new(struct ipc_ids *ids, const struct ipc_params *p)
{
	struct shmid_kernel *shp;
	size_t size = p->arg;
	char name[16];
	int id;

	if (size < SHMMIN || size > shm_ctlmax)
		return -EINVAL;
	if (p->flg & SHM_HUGETLB)
		return -EINVAL;			/* no hugetlbfs here: Linux without it says the same */
	if (ids->in_use >= shm_ctlmni)
		return -ENOSPC;
	if (!(shp = kzalloc(sizeof(*shp))))
		return -ENOMEM;
	snprintf(name, sizeof(name), "SYSV%08x", p->key);	/* its mappings are "/SYSVkey (deleted)" */
	if (!(shp->file = shmem_file_setup(name, size, SHMEM_FILE_MODE))) {
		kfree(shp);
		return -ENOMEM;
	}
	shp->perm.key = p->key;
	shp->perm.mode = p->flg & SHM_MODE_BITS;
	shp->segsz = size;
	shp->ctime = now();
	shp->cpid = current->tgid;
	if ((id = ipc_addid(ids, &shp->perm, shm_ctlmni)) < 0) {
		fput(shp->file);
		kfree(shp);
	}
	return id;
}

/* Linux shm_more_checks: an existing segment smaller than asked for. */
static int shm_more_checks(struct kern_ipc_perm *perm, const struct ipc_params *p)
{
	return p->arg > shm_of(perm)->segsz ? -EINVAL : 0;
}

static const struct ipc_ops shm_ops = { .getnew = shm_new, .more_checks = shm_more_checks };

SYSCALL_DEFINE3(shmget, int, key, size_t, size, int, shmflg)
{
	struct ipc_params p = { .key = key, .flg = shmflg, .arg = size };

	exit_shm();
	return ipcget(&shm_ids, &shm_ops, &p);
}

/* ------------------------------------------------------------ shmat, shmdt */

/* Something is mapped in [addr, addr + len) (or the range wraps). */
static bool range_in_use(struct mm_struct *mm, u64 addr, u64 len)
{
	struct vm_area_struct *v = find_vma(mm, addr);

	return addr + len < addr || (v && v->vm_start < addr + len);
}

/* Linux do_shmat's address rules: SHMLBA-aligned, or rounded with SHM_RND; 0 picks one. */
static long shmat_addr(u64 addr, int shmflg, u64 *flags)
{
	*flags = MAP_SHARED;
	if (!addr)
		return (shmflg & SHM_REMAP) ? -EINVAL : 0;
	if (addr & (SHMLBA - 1)) {
		if (!(shmflg & SHM_RND))
			return -EINVAL;
		addr &= ~(u64)(SHMLBA - 1);
		if (!addr && (shmflg & SHM_REMAP))
			return -EINVAL;
	}
	*flags |= MAP_FIXED;
	return (long)addr;
}

SYSCALL_DEFINE3(shmat, int, shmid, char __user *, uaddr, int, shmflg)
{
	struct shmid_kernel *shp = shm_lookup(shmid);
	u64 prot = PROT_READ, flags;
	int want = MAY_IPC_READ;
	long addr, r;

	if (!shp)
		return -EINVAL;
	if ((addr = shmat_addr((u64)uaddr, shmflg, &flags)) < 0)
		return addr;
	if (!(shmflg & SHM_RDONLY)) {
		prot |= PROT_WRITE;
		want |= MAY_IPC_WRITE;
	}
	if (shmflg & SHM_EXEC) {
		prot |= PROT_EXEC;
		want |= MAY_IPC_EXEC;
	}
	if (!ipcperms(&shp->perm, want))
		return -EACCES;
	mmap_write_lock(current->mm);
	r = -EINVAL;
	if (addr && !(shmflg & SHM_REMAP) && range_in_use(current->mm, addr, shp->segsz))
		goto out;	/* Linux: an address already in use needs SHM_REMAP */
	r = do_mmap(current->mm, addr, shp->segsz, prot, flags, shp->file, 0);
	if (!IS_ERR_VALUE(r)) {
		shp->atime = now();
		shp->lpid = current->tgid;
	}
out:
	mmap_write_unlock(current->mm);
	return r;
}

/* The segment whose file @f is. */
static struct shmid_kernel *shm_of_file(struct file *f)
{
	for (int i = 0; i < IPCMNI && f; i++) {
		struct shmid_kernel *shp = shm_at(i);
		if (shp && shp->file->f_inode == f->f_inode)
			return shp;
	}
	return NULL;
}

/* Linux shmdt: the attach that starts at @addr goes, every piece of it. */
SYSCALL_DEFINE1(shmdt, char __user *, uaddr)
{
	u64 addr = (u64)uaddr;
	struct vm_area_struct *v;
	struct shmid_kernel *shp = NULL;
	long r = -EINVAL;

	if (addr & ~PAGE_MASK)
		return -EINVAL;
	mmap_write_lock(current->mm);
	v = find_vma(current->mm, addr);
	if (v && v->vm_start == addr && v->vm_pgoff == 0 && (shp = shm_of_file(v->vm_file))) {
		struct file *f = v->vm_file;
		u64 end = addr + PAGE_ALIGN(shp->segsz);

		while ((v = find_vma(current->mm, addr)) && v->vm_start < end)
			if (v->vm_file == f)
				do_munmap(current->mm, v->vm_start, v->vm_end - v->vm_start);
			else
				addr = v->vm_end;
		shp->dtime = now();
		shp->lpid = current->tgid;
		r = 0;
	}
	mmap_write_unlock(current->mm);
	exit_shm();
	return r;
}

/* ------------------------------------------------------------ shmctl */

static void fill_shmid64(const struct shmid_kernel *shp, struct shmid64_ds *ds)
{
	memset(ds, 0, sizeof(*ds));
	kernel_to_ipc64_perm(&shp->perm, &ds->shm_perm);
	ds->shm_segsz = shp->segsz;
	ds->shm_atime = shp->atime;
	ds->shm_dtime = shp->dtime;
	ds->shm_ctime = shp->ctime;
	ds->shm_cpid = shp->cpid;
	ds->shm_lpid = shp->lpid;
	ds->shm_nattch = shm_nattch(shp);
}

static long shm_info(int cmd, void __user *buf)
{
	if (cmd == IPC_INFO) {
		struct shminfo64 si = { .shmmax = shm_ctlmax, .shmmin = SHMMIN, .shmmni = shm_ctlmni,
					.shmseg = SHMSEG, .shmall = shm_ctlall };
		if (copy_to_user(buf, &si, sizeof(si)))
			return -EFAULT;
	} else {
		struct shm_info si = { 0 };
		for (int i = 0; i < IPCMNI; i++) {
			struct shmid_kernel *shp = shm_at(i);
			if (shp) {
				si.used_ids++;
				si.shm_tot += PAGE_ALIGN(shp->segsz) >> PAGE_SHIFT;
				si.shm_rss += shp->file->f_inode->i_mapping.nrpages;
			}
		}
		if (copy_to_user(buf, &si, sizeof(si)))
			return -EFAULT;
	}
	return ipc_get_maxidx(&shm_ids) < 0 ? 0 : ipc_get_maxidx(&shm_ids);
}

/* IPC_STAT, SHM_STAT (id is an index; returns the id), SHM_STAT_ANY (no read check). */
static long shm_stat(int id, int cmd, void __user *buf)
{
	struct shmid_kernel *shp = cmd == IPC_STAT ? shm_lookup(id) : shm_at(id);
	struct shmid64_ds ds;

	if (!shp)
		return -EINVAL;
	if (cmd != SHM_STAT_ANY && !ipcperms(&shp->perm, MAY_IPC_READ))
		return -EACCES;
	fill_shmid64(shp, &ds);
	if (copy_to_user(buf, &ds, sizeof(ds)))
		return -EFAULT;
	return cmd == IPC_STAT ? 0 : shp->perm.id;
}

static long shm_set_or_rm(struct shmid_kernel *shp, int cmd, void __user *buf)
{
	struct shmid64_ds ds;

	if (cmd == IPC_SET && copy_from_user(&ds, buf, sizeof(ds)))
		return -EFAULT;
	if (!ipc_owner(&shp->perm))
		return -EPERM;
	if (cmd == IPC_SET) {
		ipc_update_perm(&ds.shm_perm, &shp->perm);
		shp->ctime = now();
		return 0;
	}
	if (!(shp->perm.mode & SHM_DEST))
		nr_dest_attached++;
	shp->perm.mode |= SHM_DEST;
	shp->perm.key = IPC_PRIVATE;	/* Linux: a removed segment's key is free for a new one */
	if (!shm_nattch(shp))
		shm_destroy(shp);
	return 0;
}

/* SHM_LOCK and SHM_UNLOCK only mark the segment: nothing is ever swapped here. */
static long shm_lock(struct shmid_kernel *shp, int cmd)
{
	const struct cred *c = current_cred();

	if (!capable(CAP_IPC_LOCK) && c->euid != shp->perm.uid && c->euid != shp->perm.cuid)
		return -EPERM;
	if (cmd == SHM_LOCK && !capable(CAP_IPC_LOCK) && !current->signal->rlim[RLIMIT_MEMLOCK].rlim_cur)
		return -EPERM;
	if (cmd == SHM_LOCK)
		shp->perm.mode |= SHM_LOCKED;
	else
		shp->perm.mode &= ~SHM_LOCKED;
	return 0;
}

SYSCALL_DEFINE3(shmctl, int, shmid, int, cmd, void __user *, buf)
{
	struct shmid_kernel *shp;

	cmd &= ~IPC_64;
	exit_shm();
	switch (cmd) {
	case IPC_INFO:
	case SHM_INFO:
		return shm_info(cmd, buf);
	case IPC_STAT:
	case SHM_STAT:
	case SHM_STAT_ANY:
		return shm_stat(shmid, cmd, buf);
	case IPC_SET:
	case IPC_RMID:
		if (!(shp = shm_lookup(shmid)))
			return -EINVAL;
		return shm_set_or_rm(shp, cmd, buf);
	case SHM_LOCK:
	case SHM_UNLOCK:
		if (!(shp = shm_lookup(shmid)))
			return -EINVAL;
		return shm_lock(shp, cmd);
	default:
		return -EINVAL;
	}
}

/* ------------------------------------------------------------ /proc */

/* Linux sysvipc_shm_proc_show: one line a segment, under a header. */
static void sysvipc_shm_show(struct seq_file *m)
{
	seq_printf(m, "       key      shmid perms                  size  cpid  lpid nattch   uid   gid  cuid  cgid"
		      "      atime      dtime      ctime                   rss                  swap\n");
	for (int i = 0; i < IPCMNI; i++) {
		struct shmid_kernel *s = shm_at(i);
		if (!s)
			continue;
		seq_printf(m, "%10d %10d  %4o %21lu %5u %5u  %5lu %5u %5u %5u %5u %10ld %10ld %10ld %21lu %21lu\n",
			   s->perm.key, s->perm.id, s->perm.mode, s->segsz, s->cpid, s->lpid, shm_nattch(s),
			   s->perm.uid, s->perm.gid, s->perm.cuid, s->perm.cgid, s->atime, s->dtime, s->ctime,
			   s->file->f_inode->i_mapping.nrpages << PAGE_SHIFT, 0UL);
	}
}

static void shmmax_show(struct seq_file *m) { seq_printf(m, "%lu\n", shm_ctlmax); }
static void shmall_show(struct seq_file *m) { seq_printf(m, "%lu\n", shm_ctlall); }
static void shmmni_show(struct seq_file *m) { seq_printf(m, "%d\n", shm_ctlmni); }
static void shm_next_id_show(struct seq_file *m) { seq_printf(m, "%ld\n", shm_ids.next_id); }

static int shmmax_write(const char *buf, size_t n) { (void)n; return proc_parse_ulong(buf, 0, ~0UL, &shm_ctlmax); }
static int shmall_write(const char *buf, size_t n) { (void)n; return proc_parse_ulong(buf, 0, ~0UL, &shm_ctlall); }

static int shmmni_write(const char *buf, size_t n)
{
	unsigned long v;
	int err = proc_parse_ulong(buf, 0, IPCMNI, &v);	/* Linux: 0..IPCMNI */

	(void)n;
	if (!err)
		shm_ctlmni = v;
	return err;
}

static int shm_next_id_write(const char *buf, size_t n) { (void)n; return ipc_next_id_write(&shm_ids, buf); }

static int shm_proc_init(void)
{
	return proc_create_single("sysvipc/shm", sysvipc_shm_show) ||
	       proc_create_rw("sys/kernel/shmmax", shmmax_show, shmmax_write) ||
	       proc_create_rw("sys/kernel/shmall", shmall_show, shmall_write) ||
	       proc_create_rw("sys/kernel/shmmni", shmmni_show, shmmni_write) ||
	       proc_create_rw("sys/kernel/shm_next_id", shm_next_id_show, shm_next_id_write);
}
fs_initcall(shm_proc_init);
