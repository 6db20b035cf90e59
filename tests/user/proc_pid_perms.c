/*
 * proc_pid_perms - what a process that dropped root (setresuid 1000) may
 * do with /proc/PID of root's process, of its own uid's processes (one of
 * them PR_SET_DUMPABLE 0; the others are not dumpable either, as a change
 * of identity leaves them) and of itself, then once more dumpable:
 *   - owners (Linux task_dump_owner): the task's euid, but root for a
 *     process that is not dumpable, except directories r-x for all;
 *   - fd/ and map_files/ (0500): the mode, but a process always opens its
 *     own (proc_fd_permission); fdinfo/ needs ptrace access;
 *   - maps, smaps, smaps_rollup, numa_maps, environ, auxv, pagemap open
 *     only for whoever may ptrace the process (proc_mem_open), EACCES;
 *   - cwd, root, exe and ns/ links: lstat works, readlink and stat
 *     through them say EACCES without ptrace access.
 * Nothing printed depends on pids or addresses.
 *
 * build: musl glibc
 */
#define _GNU_SOURCE
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/prctl.h>

static const char *en(int e) {
    static char b[32];
    switch (e) { case EACCES: return "EACCES"; case EPERM: return "EPERM"; case ENOENT: return "ENOENT"; case ESRCH: return "ESRCH"; case EINVAL: return "EINVAL"; }
    snprintf(b, sizeof b, "errno%d", e); return b;
}

static void probe(const char *who, pid_t pid) {
    static const char *files[] = { "status", "stat", "statm", "cmdline", "comm", "environ", "auxv", "maps", "smaps", "smaps_rollup", "mem", "pagemap", "io", "limits", "wchan", "stack", "syscall", "personality", "sched", "schedstat", "mountinfo", "oom_score", "oom_score_adj", "loginuid", "cgroup", "timerslack_ns", "mounts", "numa_maps", "task", "fd", "fdinfo", "ns", "map_files", "attr", "cwd", "root", "exe", "fd/20", "fdinfo/20", "ns/mnt", NULL };
    printf("== %s\n", who);
    for (int i = 0; files[i]; i++) {
        char path[128], buf[4096]; snprintf(path, sizeof path, "/proc/%d/%s", pid, files[i]);
        struct stat sb; int r = lstat(path, &sb);
        printf("  %-14s", files[i]);
        if (r < 0) { printf(" lstat %s\n", en(errno)); continue; }
        printf(" mode %o uid %s", sb.st_mode & 07777, sb.st_uid == 0 ? "root" : sb.st_uid == getuid() ? "me" : "other");
        if (S_ISLNK(sb.st_mode)) {
            ssize_t n = readlink(path, buf, sizeof buf);
            printf(" readlink %s", n < 0 ? en(errno) : "ok");
            r = stat(path, &sb); printf(" stat %s", r < 0 ? en(errno) : "ok");
        } else if (S_ISDIR(sb.st_mode)) {
            DIR *d = opendir(path); printf(" opendir %s", d ? "ok" : en(errno));
            if (d) { int n = 0; while (readdir(d)) n++; printf(" entries>2 %d", n > 2); closedir(d); }
        } else {
            int fd = open(path, O_RDONLY); printf(" open %s", fd < 0 ? en(errno) : "ok");
            if (fd >= 0) { ssize_t n = read(fd, buf, sizeof buf); printf(" read %s", n < 0 ? en(errno) : n == 0 ? "empty" : "data"); close(fd); }
        }
        printf("\n");
    }
}

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    int sync1[2]; pipe(sync1); dup2(sync1[0], 20);	/* a descriptor of known mode at a known number */
    pid_t rootkid = fork();
    if (rootkid == 0) { pause(); _exit(0); }
    pid_t p = fork();
    if (p == 0) {
        setgroups(0, NULL); setresgid(1000, 1000, 1000); setresuid(1000, 1000, 1000);
        pid_t same = fork();
        if (same == 0) { pause(); _exit(0); }
        pid_t nodump = fork();
        if (nodump == 0) { prctl(PR_SET_DUMPABLE, 0); pause(); _exit(0); }
        usleep(100000);
        probe("root's process", rootkid);
        probe("same uid", same);
        probe("same uid, not dumpable", nodump);
        probe("self", getpid());
        prctl(PR_SET_DUMPABLE, 1);
        probe("self, dumpable again", getpid());
        kill(same, SIGKILL); kill(nodump, SIGKILL);
        printf("kill root's: %s\n", kill(rootkid, SIGTERM) < 0 ? en(errno) : "ok");
        waitpid(same, NULL, 0); waitpid(nodump, NULL, 0);
        _exit(0);
    }
    waitpid(p, NULL, 0);
    kill(rootkid, SIGKILL); waitpid(rootkid, NULL, 0);
    return 0;
}
