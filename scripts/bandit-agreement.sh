#!/bin/sh
# Compare Bulwark's Python rules with Bandit 1.6.2 on real trees (default: the
# installed Python packages and the standard library). Not part of `make test`:
# it takes minutes. Prints, per tree, the agreement figure, a per-Bandit-ID
# table of missed and extra findings, and a sample of each.
#
#   scripts/bandit-agreement.sh [dir ...]
set -eu
cd "$(dirname "$0")/.."
[ "$#" -gt 0 ] || set -- /usr/lib/python3/dist-packages /usr/lib/python3.11
status=0
for tree in "$@"; do
	echo "== $tree"
	BULWARK_BANDIT_TREE="$tree" GOTOOLCHAIN=local go test ./scanners/sast/python \
		-run '^TestBanditAgreementTree$' -count=1 -v -timeout 60m || status=1
done
exit "$status"
