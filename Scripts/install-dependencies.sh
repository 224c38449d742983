#!/usr/bin/env bash
# Installs the C libraries Apery links (GMP, MPFR, SQLite, FLINT) and z3 for the puzzle workers (python3-z3) when
# they are missing, and with --test-tools
# also what the tests render reports with: Chromium (the HTML report, headless), pdflatex with TikZ, and pdftoppm.
# Debian/Ubuntu: apt-get, as root or through sudo. Elsewhere it says what to install.
set -euo pipefail

packages=(libgmp-dev libmpfr-dev libsqlite3-dev libflint-dev python3 python3-venv python3-z3)
[ "${1:-}" = "--test-tools" ] && packages+=(chromium texlive-latex-base texlive-latex-recommended texlive-pictures poppler-utils)
if ! command -v dpkg >/dev/null 2>&1; then
    echo "install-dependencies: not a Debian system; install GMP, MPFR, SQLite 3 and FLINT 2.9 development files, Python 3 and z3 (pip install z3-solver; set APERY_Z3_PATH) (and Chromium and pdflatex for the tests) by hand" >&2
    exit 0
fi
missing=()
for package in "${packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-dependencies: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
