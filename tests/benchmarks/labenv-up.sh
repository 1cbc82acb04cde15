#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Times `drydock labenv up` (target: 3 s or less) in a fresh state folder on
# free ports: a cold start (certificates, both servers, three images imported
# and pushed, the signature published), a warm repeat (everything already
# there), and a restart after `down` (the in-memory Notary re-signed).
# Prints figures; it does not pass or fail on them.
#
# Usage: tests/benchmarks/labenv-up.sh [path/to/drydock]
set -eu

drydock=${1:-build/bin/drydock}
[ -x "$drydock" ] || { echo "no drydock binary at $drydock" >&2; exit 2; }

state=$(mktemp -d)
export DRYDOCK_DATA_DIR="$state/data"
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
rport=$(free_port)
nport=$(free_port)
args="--state $state/labenv --registry-port $rport --notary-port $nport"

cleanup() {
    "$drydock" labenv down $args >/dev/null 2>&1 || true
    for image in drydock/signed:1 drydock/signed:unsigned drydock/unsigned:1; do
        docker image rm -f "localhost:$rport/$image" >/dev/null 2>&1 || true
    done
    rm -rf "$state"
}
trap cleanup EXIT

seconds() {
    start=$(date +%s.%N)
    "$drydock" labenv up $args >"$state/out.txt" 2>&1 || { cat "$state/out.txt" >&2; exit 1; }
    end=$(date +%s.%N)
    echo "$end - $start" | bc
}

cold=$(seconds)
warm=$(seconds)
"$drydock" labenv down $args >/dev/null
restart=$(seconds)

printf 'labenv up, cold (certs, servers, 3 images, signing): %6.2f s\n' "$cold"
printf 'labenv up, warm (everything in place):               %6.2f s\n' "$warm"
printf 'labenv up, after down (servers restarted, re-signed): %6.2f s\n' "$restart"
printf 'target: 3.00 s\n'
