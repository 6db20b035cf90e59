#!/bin/sh
# Redraw the pictures of page-fault traces that docs/ shows: run from the top
# of the tree after `make all` (it boots faultline twice under tools/qrun).
# Each .log is a real trace channel file; each .svg is drawn from it.
set -e
here=docs/img/traces
tools/qrun --pftrace $here/stack_growth.log build/demos/stack_growth > /dev/null || true
tools/pfplot $here/stack_growth.log -o $here/stack_growth-faults.svg
tools/qrun --pftrace $here/eof_sigbus.log --add build/demos/eof_sigbus:/t/eof_sigbus \
	$here/snapshot.sh /t/eof_sigbus > /dev/null || true
tools/pfplot $here/eof_sigbus.log --pid 3 -o $here/eof_sigbus-faults.svg    # pid 3: the demo, not the shell
tools/vmaplot $here/eof_sigbus.log -o $here/eof_sigbus-space.svg
