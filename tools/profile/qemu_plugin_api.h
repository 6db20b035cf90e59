/*
 * tools/profile/qemu_plugin_api.h - the few declarations of QEMU's TCG
 * plugin interface that insn_profile.c uses.
 *
 * Debian 12's QEMU (7.2) is built with plugin support (-plugin FILE.so
 * loads one) but ships no qemu-plugin.h, so this file declares, from
 * QEMU's documentation (the "TCG Plugins" page of its
 * developer manual, "API"), just what we
 * call.  These are the interface of QEMU 7.2, plugin API version 1: the
 * names, argument types and enum values must be exactly QEMU's, since
 * QEMU resolves them when it loads the plugin.  A newer QEMU still accepts
 * a version-1 plugin as long as it has not raised its minimum version.
 */
#ifndef QEMU_PLUGIN_API_H
#define QEMU_PLUGIN_API_H

#include <stddef.h>
#include <stdint.h>

#define QEMU_PLUGIN_EXPORT __attribute__((visibility("default")))
#define QEMU_PLUGIN_API_VERSION 1	/* QEMU 7.2's */

typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;			/* a translation block, opaque */
struct qemu_plugin_insn;		/* one guest instruction in it, opaque */
typedef struct qemu_info qemu_info_t;	/* QEMU's description; not read here */

/* Whether an instruction callback reads the CPU's registers: we do not. */
enum qemu_plugin_cb_flags { QEMU_PLUGIN_CB_NO_REGS = 0 };

typedef void (*qemu_plugin_tb_trans_cb_t)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb);
typedef void (*qemu_plugin_vcpu_udata_cb_t)(unsigned int vcpu_index, void *udata);
typedef void (*qemu_plugin_udata_cb_t)(qemu_plugin_id_t id, void *udata);
typedef void (*qemu_plugin_simple_cb_t)(qemu_plugin_id_t id);

/* Called once per translated block, before it first runs. */
void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, qemu_plugin_tb_trans_cb_t cb);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
uint64_t qemu_plugin_tb_vaddr(const struct qemu_plugin_tb *tb);
void qemu_plugin_register_vcpu_tb_exec_cb(struct qemu_plugin_tb *tb,
					  qemu_plugin_vcpu_udata_cb_t cb,
					  enum qemu_plugin_cb_flags flags, void *udata);
struct qemu_plugin_insn *qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *tb, size_t idx);
uint64_t qemu_plugin_insn_vaddr(const struct qemu_plugin_insn *insn);
const void *qemu_plugin_insn_data(const struct qemu_plugin_insn *insn);
size_t qemu_plugin_insn_size(const struct qemu_plugin_insn *insn);
/* Call cb(vcpu, udata) every time this instruction is executed. */
void qemu_plugin_register_vcpu_insn_exec_cb(struct qemu_plugin_insn *insn,
					    qemu_plugin_vcpu_udata_cb_t cb,
					    enum qemu_plugin_cb_flags flags, void *udata);
/* Called when QEMU exits. */
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, qemu_plugin_udata_cb_t cb, void *udata);
void qemu_plugin_outs(const char *string);
/* Unregister every callback (and flush the translations), later, when it
 * is safe; cb runs then. */
void qemu_plugin_reset(qemu_plugin_id_t id, qemu_plugin_simple_cb_t cb);

#endif
