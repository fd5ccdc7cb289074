# shellcheck shell=bash
# Shared by scripts/test and scripts/demo: find Python >= 3.12, create .venv with uv, install the project.
# Source it, then call: qpdp_bootstrap '.[dev]'   (or '.'). Leaves the repository root as the working
# directory and sets QPDP_ROOT, QPDP_VENV_PYTHON and QPDP_BASE_PYTHON.

QPDP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
QPDP_VENV="$QPDP_ROOT/.venv"
QPDP_VENV_PYTHON="$QPDP_VENV/bin/python"

qpdp_die() {
    echo "error: $*" >&2
    exit 1
}

# True when "$1" runs and is Python >= 3.12 (a pyenv shim for a version not selected fails here).
qpdp_is_python312() {
    [[ -n "$1" ]] && "$1" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1
}

# Print the newest python3 under "$1"/versions/3.12* (or nothing).
qpdp_python_under() {
    local root="$1" candidate found=""
    [[ -d "$root/versions" ]] || return 0
    while IFS= read -r candidate; do
        if qpdp_is_python312 "$candidate/bin/python3"; then
            found="$candidate/bin/python3"
        fi
    done < <(find "$root/versions" -mindepth 1 -maxdepth 1 -name '3.12*' | sort -V)
    [[ -n "$found" ]] && echo "$found"
    return 0
}

qpdp_find_python() {
    local candidate
    candidate="$(command -v python3.12 || true)"
    if qpdp_is_python312 "$candidate"; then
        echo "$candidate"
        return 0
    fi
    if command -v pyenv >/dev/null 2>&1; then
        candidate="$(qpdp_python_under "$(pyenv root)")"
        if [[ -n "$candidate" ]]; then
            echo "$candidate"
            return 0
        fi
    fi
    candidate="$(qpdp_python_under /root/.pyenv)"
    if [[ -n "$candidate" ]]; then
        echo "$candidate"
        return 0
    fi
    return 1
}

# Run uv from the base interpreter, installing it there with pip on first use.
qpdp_uv() {
    if ! "$QPDP_BASE_PYTHON" -m uv --version >/dev/null 2>&1; then
        echo "==> installing uv into $QPDP_BASE_PYTHON" >&2
        "$QPDP_BASE_PYTHON" -m pip install --quiet uv >&2 ||
            qpdp_die "could not install uv with $QPDP_BASE_PYTHON -m pip install uv"
    fi
    "$QPDP_BASE_PYTHON" -m uv "$@"
}

qpdp_bootstrap() {
    local spec="${1:-.}"
    cd "$QPDP_ROOT"
    QPDP_BASE_PYTHON="$(qpdp_find_python)" ||
        qpdp_die "Python >= 3.12 not found: looked for python3.12 on PATH, \$(pyenv root)/versions/3.12*" \
            "and /root/.pyenv/versions/3.12*. Install Python 3.12 (e.g. pyenv install 3.12)."
    if [[ ! -e "$QPDP_VENV" ]]; then
        echo "==> creating .venv with $QPDP_BASE_PYTHON" >&2
        qpdp_uv venv --quiet --python "$QPDP_BASE_PYTHON" "$QPDP_VENV" >&2
    fi
    qpdp_is_python312 "$QPDP_VENV_PYTHON" ||
        qpdp_die "$QPDP_VENV does not hold a working Python >= 3.12; remove it and run again."
    qpdp_uv pip install --quiet --python "$QPDP_VENV_PYTHON" -e "$spec" >&2 ||
        qpdp_die "installing $spec into .venv failed"
    export QPDP_ROOT QPDP_VENV_PYTHON QPDP_BASE_PYTHON
}
