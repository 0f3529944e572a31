# Sourced by the run-* scripts: makes every pyenv interpreter reachable by its versioned name
# (python3.6 … python3.13), which is how tox finds them. Changes nothing outside this shell.
if command -v pyenv >/dev/null 2>&1; then
  versions=$(pyenv versions --bare 2>/dev/null | grep -E '^3\.[0-9]+' | tr '\n' ':')
  current=$(pyenv version-name 2>/dev/null | tr '\n' ':')
  export PYENV_VERSION="${current}${versions%:}"
fi
