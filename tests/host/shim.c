/*
 * tests/host/shim.c - what fs/ext2, fs/buffer.c and drivers/block/brd.c
 * need from the rest of the kernel when built for the host tests: kmalloc
 * on top of malloc, and the VFS calls the host tests never reach (they
 * abort, so a test that does reach one fails loudly).
 */
#include <fs.h>
#include <mm.h>

void *malloc(size_t size);
void *calloc(size_t n, size_t size);
void free(void *p);
void abort(void);

void *kmalloc(size_t size, unsigned gfp) { (void)gfp; return malloc(size); }
void *kzalloc(size_t size) { return calloc(1, size); }
void kfree(const void *p) { free((void *)p); }

struct inode *iget_locked(struct super_block *sb, u32 ino) { (void)sb; (void)ino; abort(); }
void unlock_new_inode(struct inode *inode) { (void)inode; abort(); }
void iget_failed(struct inode *inode) { (void)inode; abort(); }
int register_filesystem(struct file_system_type *fs) { (void)fs; abort(); }
int mpage_readpage(struct page *page, get_block_t *get_block) { (void)page; (void)get_block; abort(); }
ssize_t generic_file_read(struct file *f, char *ubuf, size_t n) { (void)f; (void)ubuf; (void)n; abort(); }
ssize_t generic_file_write(struct file *f, const char *ubuf, size_t n) { (void)f; (void)ubuf; (void)n; abort(); }
long generic_fallocate(struct file *f, int mode, loff_t offset, loff_t len) { (void)f; (void)mode; (void)offset; (void)len; abort(); }
struct page *grab_cache_page(struct address_space *m, u64 index) { (void)m; (void)index; abort(); }
void inode_init_owner(struct inode *inode, const struct inode *dir, umode_t mode)
{
	(void)inode; (void)dir; (void)mode; abort();
}
void inode_set_ctime_now(struct inode *inode) { (void)inode; abort(); }
void inode_set_mtime_ctime_now(struct inode *inode) { (void)inode; abort(); }
void inode_set_times_now(struct inode *inode) { (void)inode; abort(); }
void iput(struct inode *inode) { (void)inode; abort(); }
void mark_inode_dirty(struct inode *inode) { (void)inode; abort(); }
int write_inode_now(struct inode *inode) { (void)inode; abort(); }
int mpage_writepage(struct page *page, get_block_t *get_block) { (void)page; (void)get_block; abort(); }
void setattr_copy(struct inode *inode, const struct iattr *attr) { (void)inode; (void)attr; abort(); }
void truncate_setsize(struct inode *inode, loff_t newsize) { (void)inode; (void)newsize; abort(); }
/* The superblock's s_wtime: a fixed time keeps host runs repeatable. */
u64 ktime_get_real_seconds(void) { return 0; }
int printk(const char *fmt, ...) { (void)fmt; abort(); }
void dump_stack(void) { abort(); }	/* lib/list_debug.c found a corrupt list */
