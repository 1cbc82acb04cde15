# shellcheck shell=bash
# Shared by scripts/run and scripts/test: packages, build, engine.
# Sourced, not run. Every function prints what it does on stderr.

DRYDOCK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DRYDOCK_BUILD="${DRYDOCK_BUILD:-$DRYDOCK_ROOT/build}"
DRYDOCK_STATE="${DRYDOCK_STATE:-$DRYDOCK_BUILD/state}"

# What building and testing needs, in one apt call. libqt6opengl6-dev is
# only a recommendation of qt6-base-dev, but Qt Charts' CMake package needs it.
BUILD_PACKAGES=(
    g++ cmake ninja-build pkg-config ccache clang-format
    qt6-base-dev libqt6opengl6-dev qt6-charts-dev qt6-svg-dev qt6-pdf-dev
    qt6-tools-dev qt6-l10n-tools qt6-qpa-plugins libxkbcommon-dev
    libcurl4-openssl-dev nlohmann-json3-dev libssl-dev
    fonts-dejavu-core fonts-wqy-zenhei ca-certificates
)
# The signing lab's servers and the offline base image's only binary.
LAB_PACKAGES=(busybox-static docker-registry notary)
# Debian's engine, unless an engine (Docker CE, say) is installed already:
# docker.io conflicts with docker-ce.
engine_packages() {
    if ! command -v dockerd >/dev/null 2>&1; then
        printf '%s\n' docker.io containerd runc iptables
    fi
}
# Only the tests: PDF text, schema validation, peak-memory measurement.
TEST_PACKAGES=(poppler-utils python3 python3-jsonschema time)

say() { printf '%s\n' "drydock: $*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null; then
        sudo "$@"
    else
        say "need root for: $*  (run as root, or install sudo)"
        return 1
    fi
}

# Installs whichever of the named packages are missing, in one apt call.
ensure_packages() {
    local missing=()
    local pkg
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$pkg")
        fi
    done
    if [ "${#missing[@]}" -eq 0 ]; then
        return 0
    fi
    say "installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# Configures once, then builds incrementally.
build_drydock() {
    if [ ! -f "$DRYDOCK_BUILD/build.ninja" ]; then
        say "configuring in $DRYDOCK_BUILD"
        cmake -S "$DRYDOCK_ROOT" -B "$DRYDOCK_BUILD" -G Ninja >&2
    fi
    say "building"
    cmake --build "$DRYDOCK_BUILD" -j "$(nproc)" >&2
}

engine_socket() {
    local host="${DOCKER_HOST:-unix:///var/run/docker.sock}"
    case "$host" in
        unix://*) printf '%s\n' "${host#unix://}" ;;
        *) printf '\n' ;;
    esac
}

engine_answers() {
    local socket
    socket="$(engine_socket)"
    if [ -n "$socket" ]; then
        curl -fsS --max-time 3 --unix-socket "$socket" http://localhost/_ping >/dev/null 2>&1
    else
        # A tcp:// engine: let drydock doctor judge it.
        "$DRYDOCK_BUILD/bin/drydock" doctor >/dev/null 2>&1
    fi
}

# Starts dockerd when none answers and we may (root, installed). Records
# the pid in $DRYDOCK_STATE/dockerd.pid so stop_engine stops only ours.
start_engine_if_needed() {
    if engine_answers; then
        return 0
    fi
    if [ "$(id -u)" -ne 0 ]; then
        say "no Docker engine answers on $(engine_socket)."
        say "start it (sudo systemctl start docker), or run this as root to let Drydock start one."
        return 1
    fi
    if ! command -v dockerd >/dev/null; then
        say "no Docker engine answers and dockerd is not installed (apt-get install docker.io)."
        return 1
    fi
    mkdir -p "$DRYDOCK_STATE"
    say "starting dockerd (log: $DRYDOCK_STATE/dockerd.log)"
    setsid dockerd --host unix:///var/run/docker.sock \
        >"$DRYDOCK_STATE/dockerd.log" 2>&1 </dev/null &
    echo $! >"$DRYDOCK_STATE/dockerd.pid"
    local i
    for i in $(seq 1 120); do
        if engine_answers; then
            say "dockerd answers (pid $(cat "$DRYDOCK_STATE/dockerd.pid"))"
            return 0
        fi
        if ! kill -0 "$(cat "$DRYDOCK_STATE/dockerd.pid")" 2>/dev/null; then
            say "dockerd exited; its log ends with:"
            tail -n 20 "$DRYDOCK_STATE/dockerd.log" >&2
            return 1
        fi
        sleep 0.5
    done
    say "dockerd did not answer within 60 s; see $DRYDOCK_STATE/dockerd.log"
    return 1
}

stop_engine_if_started() {
    local pidfile="$DRYDOCK_STATE/dockerd.pid"
    [ -f "$pidfile" ] || return 0
    local pid
    pid="$(cat "$pidfile")"
    rm -f "$pidfile"
    if kill -0 "$pid" 2>/dev/null; then
        say "stopping the dockerd we started (pid $pid)"
        kill "$pid"
        local i
        for i in $(seq 1 60); do
            kill -0 "$pid" 2>/dev/null || return 0
            sleep 0.5
        done
        kill -9 "$pid" 2>/dev/null || true
    fi
}

# The offline base image every engine test uses: busybox-static alone in a
# root folder, imported as drydock/busybox:latest.
build_base_image() {
    local image="drydock/busybox:latest"
    if docker image inspect "$image" >/dev/null 2>&1; then
        # Older versions of this function left its applet links dangling.
        if docker run --rm --network none "$image" true >/dev/null 2>&1; then
            return 0
        fi
        say "rebuilding $image: its applet links are broken"
    fi
    say "building the offline base image $image"
    local root
    root="$(mktemp -d)"
    mkdir -p "$root/bin" "$root/tmp" "$root/etc"
    cp /bin/busybox "$root/bin/busybox"
    # Relative links: `busybox --install -s` would point them at this
    # temporary folder, which does not exist inside the image.
    local applet
    for applet in $("$root/bin/busybox" --list); do
        [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
    done
    printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' \
        >"$root/etc/passwd"
    printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
    tar -C "$root" -c . | docker import \
        --change 'CMD ["/bin/sh"]' - "$image" >/dev/null
    rm -rf "$root"
}
