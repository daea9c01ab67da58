#!/usr/bin/env bash
# One-off, idempotent setup for the real-editor tests (see /work/shared/docs/e2e.md):
#   - Debian packages: chromium (driven by playwright-core), libkrb5-dev (kerberos native build
#     inside code-server), ripgrep (Quick Open, and the seed for @vscode/ripgrep's download cache);
#   - code-server 4.100.3 in its own folder test/e2e/.run/code-server. It is deliberately NOT a
#     devDependency: people who only want the extension or the CLI must not pay 300-600 MB for it.
# Re-running is cheap: every step checks first.
set -euo pipefail
cd "$(dirname "$0")"
CS_VERSION=4.100.3
RUN=$PWD/.run
CS_DIR=$RUN/code-server
CS_BIN=$CS_DIR/node_modules/.bin/code-server

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v rg >/dev/null || need+=(ripgrep)
[ -f /usr/include/gssapi/gssapi.h ] || need+=(libkrb5-dev)
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: apt-get install ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

installed=$( [ -f "$CS_DIR/node_modules/code-server/package.json" ] && node -p "require('$CS_DIR/node_modules/code-server/package.json').version" || true )
if [ "$installed" != "$CS_VERSION" ] || [ ! -x "$CS_BIN" ]; then
  echo "setup: npm install code-server@$CS_VERSION into $CS_DIR (about a minute)"
  mkdir -p "$CS_DIR" "$RUN/tmp"
  # @vscode/ripgrep@1.15.11 (a dependency of 4.100.3) downloads rg from GitHub, which fails offline:
  # seed its download cache with Debian's binary. The cache lives under TMPDIR, so npm must use the same one.
  export TMPDIR=$RUN/tmp
  cache=$TMPDIR/vscode-ripgrep-cache-1.15.11
  tarball=$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
  if [ ! -f "$tarball" ]; then
    # Its postinstall untars into its own bin/ and expects `rg` at the top of the archive.
    mkdir -p "$cache" "$TMPDIR/rg-seed"
    cp "$(command -v rg)" "$TMPDIR/rg-seed/rg"
    tar -czf "$tarball" -C "$TMPDIR/rg-seed" rg
  fi
  [ -f "$CS_DIR/package.json" ] || echo '{"name":"kube-spread-e2e-code-server","private":true}' >"$CS_DIR/package.json"
  # unsafe_perm: code-server's postinstall refuses to run as root otherwise;
  # yes: node-pty's postinstall runs `npx node-gyp`, and ~/.npmrc says yes=false.
  ( cd "$CS_DIR" && npm_config_unsafe_perm=true npm_config_yes=true \
      npm install --no-audit --no-fund --no-save --loglevel=error "code-server@$CS_VERSION" )
fi
# Our own empty config, not /dev/null: on some CI machines /dev/null has been replaced by a
# regular file that other tools wrote into, and code-server then fails to parse it as YAML.
mkdir -p "$RUN"; : >"$RUN/empty-config.yaml"
"$CS_BIN" --config "$RUN/empty-config.yaml" --version | head -1
echo "setup: ok (chromium: $(/usr/bin/chromium --version 2>/dev/null || echo missing))"
