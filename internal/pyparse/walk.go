package pyparse

/*
#include <stdint.h>
#include <stdbool.h>
#include <stdlib.h>

// The few tree-sitter declarations the walker needs, as the C API of
// go-tree-sitter v0.25.0 (tree_sitter/api.h) lays them out. The symbols are
// linked from that package.
typedef struct py_ts_node {
	uint32_t context[4];
	const void *id;
	const void *tree;
} py_ts_node;
typedef struct py_ts_cursor {
	const void *tree;
	const void *id;
	uint32_t context[3];
} py_ts_cursor;

extern void ts_set_allocator(void *(*)(size_t), void *(*)(size_t, size_t), void *(*)(void *, size_t), void (*)(void *));
extern py_ts_cursor ts_tree_cursor_new(py_ts_node);
extern void ts_tree_cursor_delete(py_ts_cursor *);
extern py_ts_node ts_tree_cursor_current_node(const py_ts_cursor *);
extern uint16_t ts_tree_cursor_current_field_id(const py_ts_cursor *);
extern bool ts_tree_cursor_goto_first_child(py_ts_cursor *);
extern bool ts_tree_cursor_goto_next_sibling(py_ts_cursor *);
extern bool ts_tree_cursor_goto_parent(py_ts_cursor *);
extern uint16_t ts_node_symbol(py_ts_node);
extern uint32_t ts_node_start_byte(py_ts_node);
extern uint32_t ts_node_end_byte(py_ts_node);
extern bool ts_node_is_named(py_ts_node);
extern bool ts_node_is_missing(py_ts_node);
extern bool ts_node_has_error(py_ts_node);
extern uint32_t ts_node_child_count(py_ts_node);
extern uint32_t ts_node_descendant_count(py_ts_node);

// go-tree-sitter routes every allocation of the C library through Go
// callbacks (a cgo round trip per malloc, a third of the parse time); its
// default callbacks end in the C library's malloc anyway, so plain malloc is
// the same heap, only faster. This is process-wide: nothing else in Bulwark
// installs its own tree-sitter allocator.
static void py_use_libc_allocator(void) { ts_set_allocator(malloc, calloc, realloc, free); }

typedef struct py_node {
	uint32_t start, end, parent;
	uint16_t kind, field;
	uint8_t flags;
} py_node;

enum { PY_NAMED = 1, PY_ERROR = 2 };

typedef struct py_result {
	uint32_t count, errors;
	uint8_t truncated, overflow;
} py_result;

static uint32_t py_descendants(py_ts_node root) { return ts_node_descendant_count(root); }

// py_walk writes the kept nodes of the tree under root in pre-order into out
// (cap entries). stack holds max_depth entries.
static py_result py_walk(py_ts_node root, py_node *out, uint32_t cap, uint32_t *stack,
		uint32_t max_depth, int all_tokens, uint16_t async_sym) {
	py_result r = {0, 0, 0, 0};
	bool has_err = ts_node_has_error(root);
	py_ts_cursor c = ts_tree_cursor_new(root);
	uint32_t depth = 0;
	if (cap == 0 || max_depth == 0) {
		r.overflow = 1;
		ts_tree_cursor_delete(&c);
		return r;
	}
	uint16_t rsym = ts_node_symbol(root);
	out[0].start = ts_node_start_byte(root);
	out[0].end = ts_node_end_byte(root);
	out[0].parent = UINT32_MAX;
	out[0].kind = rsym;
	out[0].field = 0;
	out[0].flags = PY_NAMED | (rsym == 0xFFFF ? PY_ERROR : 0);
	if (rsym == 0xFFFF) r.errors++;
	r.count = 1;
	stack[0] = 0;
	depth = 1;
	if (!ts_tree_cursor_goto_first_child(&c)) {
		ts_tree_cursor_delete(&c);
		return r;
	}
	for (;;) {
		py_ts_node n = ts_tree_cursor_current_node(&c);
		uint16_t sym = ts_node_symbol(n);
		uint16_t fid = ts_tree_cursor_current_field_id(&c);
		bool named = ts_node_is_named(n);
		bool err = sym == 0xFFFF;
		if (!err && has_err && ts_node_is_missing(n)) err = true;
		if (err) r.errors++;
		bool keep = all_tokens || named || fid != 0 || sym == async_sym || err;
		bool descended = false;
		if (keep) {
			if (r.count >= cap) {
				r.overflow = 1;
				break;
			}
			uint32_t idx = r.count++;
			py_node *o = &out[idx];
			o->start = ts_node_start_byte(n);
			o->end = ts_node_end_byte(n);
			o->parent = stack[depth - 1];
			o->kind = sym;
			o->field = fid;
			o->flags = (named ? PY_NAMED : 0) | (err ? PY_ERROR : 0);
			if (depth + 2 <= max_depth) {
				if (ts_tree_cursor_goto_first_child(&c)) {
					stack[depth++] = idx;
					descended = true;
				}
			} else if (ts_node_child_count(n) > 0) {
				r.truncated = 1;
			}
		}
		if (descended) continue;
		bool done = false;
		while (!ts_tree_cursor_goto_next_sibling(&c)) {
			if (depth <= 1 || !ts_tree_cursor_goto_parent(&c)) {
				done = true;
				break;
			}
			depth--;
		}
		if (done) break;
	}
	ts_tree_cursor_delete(&c);
	return r;
}
*/
import "C"

import (
	"errors"
	"unsafe"

	ts "github.com/tree-sitter/go-tree-sitter"
)

func useLibcAllocator() { C.py_use_libc_allocator() }

// flatNode is one node as the C walker reports it.
type flatNode = C.py_node

// walkTree copies the kept nodes of tree into a flat pre-order array in one
// call into C.
func walkTree(tree *ts.Tree, maxDepth int, allTokens bool) (nodes []flatNode, errs int, truncated bool, err error) {
	root := tree.RootNode()
	// go-tree-sitter's Node is a bare C TSNode ("a C-compatible struct"), the
	// layout py_ts_node declares; the tests would fail on any other.
	croot := *(*C.py_ts_node)(unsafe.Pointer(root))
	total := uint32(C.py_descendants(croot)) + 1
	nodes = make([]flatNode, total)
	stack := make([]C.uint32_t, maxDepth)
	all := C.int(0)
	if allTokens {
		all = 1
	}
	r := C.py_walk(croot, &nodes[0], C.uint32_t(total), &stack[0], C.uint32_t(maxDepth), all, C.uint16_t(asyncKind))
	if r.overflow != 0 {
		return nil, 0, false, errors.New("node count exceeds the tree's descendant count")
	}
	return nodes[:r.count], int(r.errors), r.truncated != 0, nil
}
