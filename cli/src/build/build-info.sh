#!/bin/sh
# Writes the build's version and commit for `lanyard --version` (run by the cli module's build).
# Usage: build-info.sh OUTPUT_FILE VERSION SOURCE_ROOT
# The commit comes from git when SOURCE_ROOT is the top of a git checkout (with "-dirty" when tracked files differ from
# it); else from archive-commit, which `git archive` (and so GitHub's source tarballs) fills in through export-subst;
# else it is "unknown".
set -eu
out=$1 version=$2 root=$(cd "$3" && pwd -P)
here=$(cd "$(dirname "$0")" && pwd -P)

commit=unknown
# The checkout must be SOURCE_ROOT itself: a tarball unpacked inside some other repository is not that repository.
if top=$(git -C "$root" rev-parse --show-toplevel 2>/dev/null) && [ "$(cd "$top" && pwd -P)" = "$root" ] \
    && head=$(git -C "$root" rev-parse --verify -q HEAD); then
  commit=$head
  if [ -n "$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
    commit=$commit-dirty
  fi
else
  archived=$(cat "$here/archive-commit")
  case $archived in
    *Format*) ;; # not filled in: a plain copy of the sources
    *) commit=$archived ;;
  esac
fi

mkdir -p "$(dirname "$out")"
printf 'version=%s\ncommit=%s\n' "$version" "$commit" > "$out"
