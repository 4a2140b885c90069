#!/usr/bin/env bash
# ceph-stack.sh — a throw-away, single-host Ceph cluster with an S3 gateway, for
# development and CI: 1 mon, 1 mgr, 3 BlueStore OSDs on sparse files, radosgw (beast)
# on 127.0.0.1, cephx on. The RGW data pool is erasure-coded (k=2 m=1, failure domain
# osd), every other RGW pool is replicated (size 3). See docs/ceph.md.
#
# Needs Debian/Ubuntu packages ceph-mon ceph-mgr ceph-osd radosgw ceph-common (Pacific,
# 16.2) and curl >= 7.75 (for --aws-sigv4). No systemd, no root needed beyond the
# package installation.
# shellcheck disable=SC2015  # "A && B || fail" is meant: all of A and B, or fail
set -euo pipefail
shopt -s inherit_errexit

readonly PROG=${0##*/}
readonly APT_LINE="apt-get install -y --no-install-recommends ceph-mon ceph-mgr ceph-osd radosgw ceph-common"

usage() {
  cat <<EOF
usage: $PROG [--data-dir DIR] [--port PORT] COMMAND [ARGS...]

commands:
  start               bring up mon, mgr, 3 OSDs and RGW; create the S3 user and buckets
  stop                stop this stack's daemons (RGW, OSDs+mgr, mon) and wipe DIR
  status              which daemons run, and 'ceph -s'
  env                 print 'export' lines for the S3 endpoint, keys and buckets
  selftest            PUT/GET/list round trip through RGW into the EC pool; non-zero on failure
  wait-clean [SECS]   wait until every PG is active+clean (default 180 s); prints the time taken
  stop-osd N          kill -9 osd.N (simulates losing a disk/node) and wait until it is marked down
  start-osd N         restart osd.N on its existing store and wait until it is up
  restart-rgw         stop radosgw (SIGTERM) and start it again; waits until it answers
  add-osd             create and start a new OSD; prints its id
  remove-osd N        drain osd.N (out, wait active+clean), stop it, purge it, delete its files
  ceph ARGS...        run the ceph CLI against this stack
  radosgw-admin ARGS... / rados ARGS...   likewise

options:
  --data-dir DIR  everything lives here (default \${IMAGESTORE_CEPH_DIR:-\$PWD/.imagestore/ceph})
  --port PORT     RGW port on 127.0.0.1 for 'start' (default 7480)

environment (start): IMAGESTORE_ORIGINALS_BUCKET (originals), IMAGESTORE_RENDITIONS_BUCKET
  (renditions), IMAGESTORE_STATE_BUCKET (flink-state), IMAGESTORE_CEPH_OSD_SIZE (4G, sparse),
  IMAGESTORE_CEPH_ACCESS_KEY / IMAGESTORE_CEPH_SECRET_KEY (random when unset),
  IMAGESTORE_CEPH_TIMEOUT (seconds per wait step, default 180)
EOF
}

# ------------------------------------------------------------------ settings
DATA_DIR=${IMAGESTORE_CEPH_DIR:-$PWD/.imagestore/ceph}
RGW_PORT=7480
readonly ADDR=127.0.0.1
# Fixed mon ports: one stack per host. 'start' checks they are free.
readonly MON_PORT_V2=3300 MON_PORT_V1=6789
readonly INITIAL_OSDS=3
readonly EC_K=2 EC_M=1
readonly EC_PROFILE=imagestore-ec21
readonly EC_POOL=default.rgw.buckets.data
readonly REPLICATED_POOLS=(.rgw.root default.rgw.control default.rgw.meta default.rgw.log
                           default.rgw.buckets.index default.rgw.buckets.non-ec)
readonly REP_SIZE=3 REP_MIN_SIZE=2
readonly PG_NUM=8
readonly MON_ID=a MGR_ID=a RGW_NAME=client.rgw.a
readonly S3_USER=imagestore
readonly REGION=us-east-1
OSD_SIZE=${IMAGESTORE_CEPH_OSD_SIZE:-4G}
TIMEOUT=${IMAGESTORE_CEPH_TIMEOUT:-180}
ORIGINALS_BUCKET=${IMAGESTORE_ORIGINALS_BUCKET:-originals}
RENDITIONS_BUCKET=${IMAGESTORE_RENDITIONS_BUCKET:-renditions}
STATE_BUCKET=${IMAGESTORE_STATE_BUCKET:-flink-state}
readonly PY=/usr/bin/python3   # ceph-common's own interpreter (the ceph CLI is Python)

set_paths() {
  DATA_DIR=$(realpath -m -- "$DATA_DIR")
  CONF=$DATA_DIR/ceph.conf
  ADMIN_KEYRING=$DATA_DIR/keyring.admin
  STORE=$DATA_DIR/store      # mon/mgr/osd/rgw data directories
  DISKS=$DATA_DIR/disks      # BlueStore block files (kept outside the OSD dirs, see write_conf)
  RUND=$DATA_DIR/run         # pid files and admin sockets
  LOGD=$DATA_DIR/log
  ENV_FILE=$DATA_DIR/stack.env
  MARKER=$DATA_DIR/.ceph-stack   # only a directory holding this file is ever wiped
}

# ------------------------------------------------------------------ output
T0=${EPOCHREALTIME/./}
elapsed() { local d=$(( ${EPOCHREALTIME/./} - T0 )); printf '%d.%d' $((d / 1000000)) $((d / 100000 % 10)); }
step() { printf '[ceph-stack %6ss] %s\n' "$(elapsed)" "$*" >&2; }
fail() { printf '[ceph-stack %6ss] ERROR: %s\n' "$(elapsed)" "$*" >&2; exit 1; }

# ------------------------------------------------------------------ ceph CLI
# Bounded, so a wait step can never hang on one call (e.g. mgr commands without a mgr).
cephc() { timeout 60 ceph -c "$CONF" --connect-timeout 10 "$@"; }

# ------------------------------------------------------------------ processes
# A process belongs to this stack iff its command line names this stack's ceph.conf
# ("-c <conf>"). PIDs (and pid files) are never trusted on their own: they get recycled.
is_alive() { # exited daemons are re-parented; a zombie counts as dead
  local st
  st=$(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$st" ] && [ "$st" != Z ]
}

# daemon_pids KIND [ID] — live PIDs of this stack's daemons of KIND
# (ceph-mon | ceph-mgr | ceph-osd | radosgw), optionally only the one with that id.
daemon_pids() {
  local kind=$1 id=${2-} dir pid args i has_conf has_id
  for dir in /proc/[0-9]*; do
    pid=${dir#/proc/}
    mapfile -d '' -t args 2>/dev/null <"$dir/cmdline" || continue
    [ ${#args[@]} -gt 1 ] && [ "${args[0]##*/}" = "$kind" ] || continue
    has_conf=0; has_id=0; [ -z "$id" ] && has_id=1
    for ((i = 1; i < ${#args[@]}; i++)); do
      case ${args[i - 1]} in
        -c) [ "${args[i]}" = "$CONF" ] && has_conf=1 ;;
        -i | -n | --id | --name) [ -n "$id" ] && [ "${args[i]}" = "$id" ] && has_id=1 ;;
      esac
    done
    [ $has_conf = 1 ] && [ $has_id = 1 ] && is_alive "$pid" && echo "$pid"
  done
  return 0
}

all_daemon_pids() { local k; for k in radosgw ceph-osd ceph-mgr ceph-mon; do daemon_pids "$k"; done; }

# stop_kinds SIGNAL KIND... — signal this stack's daemons of those kinds, wait for them
# to exit (20 s), then SIGKILL what is left.
stop_kinds() {
  local sig=$1; shift
  local pids=() k p i alive
  for k in "$@"; do mapfile -t -O ${#pids[@]} pids < <(daemon_pids "$k"); done
  [ ${#pids[@]} -gt 0 ] || return 0
  for p in "${pids[@]}"; do kill "-$sig" "$p" 2>/dev/null || true; done
  for ((i = 0; i < 200; i++)); do
    alive=0
    for p in "${pids[@]}"; do is_alive "$p" && alive=1; done
    [ $alive = 0 ] && { step "stopped ${*//ceph-/} (${#pids[@]} process(es))"; return 0; }
    sleep 0.1
  done
  for k in "$@"; do
    for p in $(daemon_pids "$k"); do kill -KILL "$p" 2>/dev/null && step "killed -9 $k pid $p (did not stop in 20 s)"; done
  done
  return 0
}

stop_daemons() {
  # Order matters: RGW's shutdown talks to the OSDs (stopping them together hangs it);
  # OSDs and mgr report to the mon on the way down, so the mon goes last.
  stop_kinds TERM radosgw
  stop_kinds TERM ceph-osd ceph-mgr
  stop_kinds TERM ceph-mon
}

port_in_use() { (exec 3<>"/dev/tcp/$ADDR/$1") 2>/dev/null; }

# ------------------------------------------------------------------ waiting
# wait_until TIMEOUT DESCRIPTION CHECK... — run CHECK until it succeeds. Checks fail the
# whole command themselves (via fail) when waiting is pointless, e.g. a daemon died.
wait_until() {
  local t=$1 what=$2; shift 2
  local end=$((SECONDS + t))
  until "$@"; do
    [ $SECONDS -lt $end ] || fail "timed out after ${t}s waiting for: $what (logs: $LOGD)"
    sleep 0.3
  done
}

require_alive() { # KIND ID LOGNAME
  [ -n "$(daemon_pids "$1" "$2")" ] && return 0
  local log=$LOGD/$3.log
  [ -f "$log" ] && grep -E ' -1 |ERROR|error' "$log" | tail -n 3 >&2 || true
  fail "$1 $2 exited during start-up, see $log"
}

mon_ready() { require_alive ceph-mon "$MON_ID" "mon.$MON_ID"; cephc mon stat >/dev/null 2>&1; }
mgr_ready() {
  require_alive ceph-mgr "$MGR_ID" "mgr.$MGR_ID"
  [[ "$(cephc mgr stat -f json 2>/dev/null)" =~ \"available\":\ *true ]]
}

osd_state() { # N -> prints "up", "down" or nothing (no such OSD)
  cephc osd dump 2>/dev/null | awk -v n="osd.$1" '$1 == n { print $2; exit }'
}
osd_is_up() { require_alive ceph-osd "$1" "osd.$1"; [ "$(osd_state "$1")" = up ]; }
osd_is_down() { [ "$(osd_state "$1")" = down ]; }

rgw_answers() { # anonymous ListBuckets answered by RGW itself, not just any HTTP server
  [[ "$(curl -s -m 3 "http://$ADDR:$RGW_PORT/" 2>/dev/null)" == *ListAllMyBucketsResult* ]]
}
rgw_ready() {
  rgw_answers && return 0
  if [ -z "$(daemon_pids radosgw "$RGW_NAME")" ]; then
    # radosgw daemonizes before binding, so the launch "succeeds" and the daemon dies later
    if grep -q 'failed to bind address' "$LOGD/$RGW_NAME.log" 2>/dev/null; then
      fail "radosgw could not bind $ADDR:$RGW_PORT (port in use?); pick another with --port"
    fi
    require_alive radosgw "$RGW_NAME" "$RGW_NAME"
  fi
  return 1
}

# pg_health — one line about PG/OSD state; exit 0 iff every PG exists and is
# active+clean, and every OSD that is "in" is up. PG states come from the mgr, which
# may lag the osdmap: right after an OSD restart, add or out it can still hold the old
# "active+clean" reports. So a PG only counts when its report is current: its up/acting
# sets equal what the current osdmap maps it to (osdmaptool computes that locally), and
# it was reported after the last boot of every OSD serving it.
pg_health() {
  "$PY" - "$CONF" "$RUND" <<'PYEOF'
import json, os, re, subprocess, sys
from collections import Counter
conf, rundir = sys.argv[1], sys.argv[2]
def run(*args):
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=60).stdout
mapfile = os.path.join(rundir, "osdmap.%d" % os.getpid())
try:
    run("ceph", "-c", conf, "--connect-timeout", "10", "osd", "getmap", "-o", mapfile)
    osdmap = json.loads(run("osdmaptool", mapfile, "--dump", "json"))
    mapping_dump = run("osdmaptool", mapfile, "--test-map-pgs-dump-all")
    stats = json.loads(run("ceph", "-c", conf, "--connect-timeout", "10", "pg", "ls", "-f", "json"))
except Exception as e:
    print("cluster not answering: %s" % e)
    sys.exit(1)
finally:
    if os.path.exists(mapfile):
        os.remove(mapfile)
stats = stats["pg_stats"] if isinstance(stats, dict) else stats
ints = lambda s: [int(x) for x in s.split(",") if x]
mapping = {m.group(1): (ints(m.group(2)), ints(m.group(3)))
           for m in re.finditer(r"^(\S+) raw \(\[[^]]*\], p-?\d+\) up \(\[([^]]*)\], p-?\d+\) "
                                r"acting \(\[([^]]*)\], p-?\d+\)", mapping_dump, re.M)}
up_from = {o["osd"]: o["up_from"] for o in osdmap["osds"] if o["up"]}
down_in = ["osd.%d" % o["osd"] for o in osdmap["osds"] if o["in"] and not o["up"]]
states, outdated, clean = Counter(), 0, 0
for pg in stats:
    states[pg["state"]] += 1
    boots = [up_from[o] for o in pg["acting"] if o in up_from]
    current = (mapping.get(pg["pgid"]) == (pg["up"], pg["acting"])
               and (not boots or pg["reported_epoch"] >= max(boots)))
    if not current:
        outdated += 1
    elif {"active", "clean"} <= set(pg["state"].split("+")):
        clean += 1
expected = len(mapping)
ok = expected > 0 and len(stats) == expected and clean == expected and not down_in
summary = "%d/%d PGs active+clean, %d OSDs up" % (clean, expected, len(up_from))
if not ok:
    summary += " (" + ", ".join(["%d %s" % (n, s) for s, n in sorted(states.items())]
                                + (["%d reports older than the osdmap" % outdated] if outdated else [])
                                + (["down: " + " ".join(down_in)] if down_in else [])) + ")"
print(summary)
sys.exit(0 if ok else 1)
PYEOF
}

wait_clean() { # TIMEOUT
  local t=$1 end s0=${EPOCHREALTIME/./} line d
  end=$((SECONDS + t))
  until line=$(pg_health); do
    if [ $SECONDS -ge $end ]; then fail "timed out after ${t}s waiting for active+clean: $line"; fi
    sleep 0.5
  done
  d=$(( ${EPOCHREALTIME/./} - s0 ))
  step "$line after $((d / 1000000)).$((d / 100000 % 10))s"
}

# ------------------------------------------------------------------ configuration
write_conf() { # FSID
  local asok="admin socket = $RUND/\$name.asok"
  # a UNIX socket path must fit in 108 bytes; without an admin socket the stack still works
  [ ${#RUND} -le 80 ] || asok="admin socket ="
  cat >"$CONF" <<EOF
# generated by $PROG — single-host test cluster; wiped by '$PROG stop'
[global]
fsid = $1
mon host = [v2:$ADDR:$MON_PORT_V2,v1:$ADDR:$MON_PORT_V1]
mon initial members = $MON_ID
public addr = $ADDR
cluster addr = $ADDR
public network = 127.0.0.0/8
ms bind ipv6 = false
auth cluster required = cephx
auth service required = cephx
auth client required = cephx
keyring = $ADMIN_KEYRING
run dir = $RUND
pid file = $RUND/\$name.pid
$asok
log file = $LOGD/\$name.log
# without this the mon writes its cluster log to /var/log/ceph whatever 'log file' says
mon cluster log file = $LOGD/cluster.\$channel.log
crash dir = $STORE/crash
mon data = $STORE/mon.\$id
mgr data = $STORE/mgr.\$id
osd data = $STORE/osd.\$id
# One host: replicated rules must pick distinct OSDs, not hosts. Must be set before the
# mon's mkfs, or PGs stay undersized+peered and RGW never answers.
osd crush chooseleaf type = 0
osd pool default size = $REP_SIZE
osd pool default min size = $REP_MIN_SIZE
osd pool default pg num = $PG_NUM
osd pool default pgp num = $PG_NUM
# fixed PG counts: no PG splits/merges moving data during a test
osd pool default pg autoscale mode = off
mon allow pool delete = true
mon warn on insecure global id reclaim allowed = false
# CI disks are often fuller than the 30 % free the mon warns about (and it stops at 5 %)
mon data avail warn = 5
mon data avail crit = 1
mgr initial modules = iostat

[mon]
keyring = \$mon_data/keyring
# default 1 s: every osdmap change (pool create, OSD boot) waits for it; 0.1 s is ~3x faster
paxos propose interval = 0.1

[mgr]
keyring = \$mgr_data/keyring

[osd]
keyring = \$osd_data/keyring
osd objectstore = bluestore
# The block file lives outside the OSD dir: BlueStore creates the \$osd_data/block
# symlink itself and its mkfs fails with "File exists" if something is already there.
bluestore block path = $DISKS/\$name.img
bluestore block create = true
bluestore block size = $(numfmt --from=iec "$OSD_SIZE")
# 896M is the smallest value accepted; anything lower is silently ignored (4 GiB default)
osd memory target = 896M
# test cluster: recover at full speed after an OSD returns (default sleeps per op)
osd recovery sleep = 0
osd recovery sleep hdd = 0
osd recovery sleep ssd = 0
osd recovery sleep hybrid = 0

[$RGW_NAME]
keyring = $STORE/rgw/keyring
rgw data = $STORE/rgw
# tcp_nodelay: beast leaves Nagle on, and a small response body then waits for the client's
# delayed ACK of its headers — 45 ms for a small GET against 3.5 ms (docs/ceph.md)
rgw frontends = beast endpoint=$ADDR:$RGW_PORT tcp_nodelay=1
rgw thread pool size = 64
EOF
}

write_env() { # ACCESS_KEY SECRET_KEY
  # Plain KEY=value lines: sourceable by a shell (set -a; . file) and usable as an env-file.
  cat >"$ENV_FILE.tmp" <<EOF
IMAGESTORE_S3_ENDPOINT=http://$ADDR:$RGW_PORT
AWS_ACCESS_KEY_ID=$1
AWS_SECRET_ACCESS_KEY=$2
AWS_REGION=$REGION
IMAGESTORE_ORIGINALS_BUCKET=$ORIGINALS_BUCKET
IMAGESTORE_RENDITIONS_BUCKET=$RENDITIONS_BUCKET
IMAGESTORE_STATE_BUCKET=$STATE_BUCKET
IMAGESTORE_CEPH_CONF=$CONF
CEPH_CONF=$CONF
EOF
  mv "$ENV_FILE.tmp" "$ENV_FILE"
}

load_env() {
  [ -f "$ENV_FILE" ] || fail "no stack in $DATA_DIR ($ENV_FILE missing); run '$PROG start' first"
  local k v
  while IFS='=' read -r k v; do
    case $k in
      IMAGESTORE_S3_ENDPOINT) S3_ENDPOINT=$v ;;
      AWS_ACCESS_KEY_ID) S3_ACCESS_KEY=$v ;;
      AWS_SECRET_ACCESS_KEY) S3_SECRET_KEY=$v ;;
      IMAGESTORE_ORIGINALS_BUCKET) ORIGINALS_BUCKET=$v ;;
      IMAGESTORE_RENDITIONS_BUCKET) RENDITIONS_BUCKET=$v ;;
      IMAGESTORE_STATE_BUCKET) STATE_BUCKET=$v ;;
    esac
  done <"$ENV_FILE"
}

# ------------------------------------------------------------------ S3 (curl, SigV4)
# s3 METHOD PATH OUTFILE [CURL_ARGS...] — prints the HTTP status (000 = no answer).
# curl's --aws-sigv4 signs the request. curl 7.88 sends no x-amz-content-sha256, and RGW
# then answers 403 SignatureDoesNotMatch, so the payload hash is passed explicitly; curl
# signs it along with the other headers.
s3() {
  local method=$1 path=$2 out=$3; shift 3
  local sha=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 a
  for a in "$@"; do case $a in @*) sha=$(sha256sum "${a#@}" | cut -d' ' -f1) ;; esac; done
  curl -sS -m 60 -o "$out" -w '%{http_code}' -X "$method" \
    --aws-sigv4 "aws:amz:$REGION:s3" --user "$S3_ACCESS_KEY:$S3_SECRET_KEY" \
    -H "x-amz-content-sha256: $sha" "$@" "$S3_ENDPOINT$path" 2>/dev/null || true
}

create_bucket() {
  local code tmp=$RUND/s3.out
  code=$(s3 PUT "/$1" "$tmp")
  [ "$code" = 200 ] || fail "creating bucket $1 failed: HTTP $code $(head -c 300 "$tmp" 2>/dev/null)"
}

# ------------------------------------------------------------------ OSDs
# register_osd — allocate the next OSD id with its own cephx key; prints "ID UUID"
register_osd() {
  local uuid secret id
  uuid=$(cat /proc/sys/kernel/random/uuid)
  secret=$(ceph-authtool --gen-print-key)
  id=$(printf '{"cephx_secret": "%s"}' "$secret" | cephc osd new "$uuid" -i - 2>>"$LOGD/bootstrap.log") ||
    fail "'ceph osd new' failed, see $LOGD/bootstrap.log"
  [[ $id =~ ^[0-9]+$ ]] || fail "'ceph osd new' returned '$id'"
  mkdir -p "$STORE/osd.$id"
  ceph-authtool --create-keyring "$STORE/osd.$id/keyring" --name "osd.$id" --add-key "$secret" >/dev/null
  truncate -s "$OSD_SIZE" "$DISKS/osd.$id.img"   # sparse: costs only what BlueStore writes
  echo "$id $uuid"
}

mkfs_osd() { # ID UUID
  ceph-osd -c "$CONF" -i "$1" --mkfs --osd-uuid "$2" </dev/null >>"$LOGD/osd.$1.mkfs.log" 2>&1
}

launch_osd() { # ID — daemonizes; readiness is checked by the caller
  ceph-osd -c "$CONF" -i "$1" </dev/null >>"$LOGD/osd.$1.out" 2>&1
}

osd_ids() { # ids of the OSDs this stack has a store for
  local d
  for d in "$STORE"/osd.*; do [ -d "$d" ] && echo "${d##*.}"; done | sort -n
}

require_osd_id() { [[ ${1-} =~ ^[0-9]+$ ]] || fail "expected an OSD id, got '${1-}'"; }

# ------------------------------------------------------------------ commands
require_packages() {
  local missing=() b
  for b in ceph ceph-mon ceph-mgr ceph-osd radosgw radosgw-admin ceph-authtool monmaptool rados; do
    command -v "$b" >/dev/null || missing+=("$b")
  done
  [ -x "$PY" ] || missing+=("$PY")
  if [ ${#missing[@]} -gt 0 ]; then
    fail "missing ${missing[*]}; install the Ceph packages with:
    $APT_LINE"
  fi
  command -v curl >/dev/null || fail "curl missing: apt-get install -y --no-install-recommends curl"
  curl --help all 2>/dev/null | grep -q -- --aws-sigv4 ||
    fail "this curl has no --aws-sigv4 (needs curl >= 7.75, Debian 12 / Ubuntu 22.04 or newer)"
}

require_running() {
  [ -n "$(daemon_pids ceph-mon "$MON_ID")" ] || fail "no stack running in $DATA_DIR; run '$PROG start'"
}

cmd_start() {
  require_packages
  local running; running=$(all_daemon_pids | tr '\n' ' ')
  [ -z "$running" ] || fail "already running in $DATA_DIR (pids ${running% }); '$PROG status' or '$PROG stop'"
  if [ -d "$DATA_DIR" ] && [ -n "$(ls -A "$DATA_DIR")" ]; then
    [ -f "$MARKER" ] || fail "$DATA_DIR exists and was not made by $PROG; choose another --data-dir"
    rm -rf "$DATA_DIR"   # leftovers of a crashed or failed stack (no daemon of it is alive)
  fi
  local p
  for p in "$MON_PORT_V2" "$MON_PORT_V1"; do
    port_in_use "$p" && fail "port $ADDR:$p (Ceph mon) is in use — another Ceph cluster on this host?"
  done
  port_in_use "$RGW_PORT" && fail "port $ADDR:$RGW_PORT is in use; pick another RGW port with --port"

  mkdir -p "$STORE/mon.$MON_ID" "$STORE/mgr.$MGR_ID" "$STORE/rgw" "$STORE/crash" "$DISKS" "$RUND" "$LOGD"
  touch "$MARKER"
  # A failed or interrupted start stops what it started; the logs stay for diagnosis.
  trap 'on_start_exit $?' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  bootstrap
  START_OK=1
}

START_OK=0
on_start_exit() {
  [ "$START_OK" = 1 ] && return 0
  step "start failed (exit $1): stopping what was started; logs kept in $LOGD ('$PROG stop' removes them)"
  stop_daemons
  rm -rf "$STORE" "$DISKS" "$RUND"
}

bootstrap() {
  local fsid access secret
  fsid=$(cat /proc/sys/kernel/random/uuid)
  write_conf "$fsid"

  # --- mon
  local mon_keyring=$DATA_DIR/keyring.mon
  ceph-authtool --create-keyring "$mon_keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
  ceph-authtool --create-keyring "$ADMIN_KEYRING" --gen-key -n client.admin \
    --cap mon 'allow *' --cap osd 'allow *' --cap mgr 'allow *' --cap mds 'allow *' >/dev/null
  ceph-authtool "$mon_keyring" --import-keyring "$ADMIN_KEYRING" >/dev/null
  monmaptool --create --fsid "$fsid" --addv "$MON_ID" "[v2:$ADDR:$MON_PORT_V2,v1:$ADDR:$MON_PORT_V1]" \
    "$DATA_DIR/monmap" >>"$LOGD/bootstrap.log" 2>&1
  ceph-mon -c "$CONF" --mkfs -i "$MON_ID" --monmap "$DATA_DIR/monmap" --keyring "$mon_keyring" \
    >>"$LOGD/bootstrap.log" 2>&1 || fail "ceph-mon --mkfs failed, see $LOGD/bootstrap.log"
  ceph-mon -c "$CONF" -i "$MON_ID" </dev/null >>"$LOGD/mon.$MON_ID.out" 2>&1
  wait_until "$TIMEOUT" "mon.$MON_ID" mon_ready
  step "mon.$MON_ID up (v2 $ADDR:$MON_PORT_V2)"

  # --- mgr (PG statistics come from it)
  cephc auth get-or-create "mgr.$MGR_ID" mon 'allow profile mgr' osd 'allow *' mds 'allow *' \
    -o "$STORE/mgr.$MGR_ID/keyring" 2>>"$LOGD/bootstrap.log"
  ceph-mgr -c "$CONF" -i "$MGR_ID" </dev/null >>"$LOGD/mgr.$MGR_ID.out" 2>&1

  # --- OSDs: ids one by one (the mon allocates them), mkfs and start in parallel
  local ids=() uuids=() pids=() i id uuid
  for ((i = 0; i < INITIAL_OSDS; i++)); do
    read -r id uuid < <(register_osd)
    [ -n "${id-}" ] || fail "could not register an OSD, see $LOGD/bootstrap.log"
    ids+=("$id"); uuids+=("$uuid")
  done
  for i in "${!ids[@]}"; do mkfs_osd "${ids[i]}" "${uuids[i]}" & pids+=($!); done
  for i in "${!pids[@]}"; do wait "${pids[i]}" || fail "mkfs of osd.${ids[i]} failed, see $LOGD/osd.${ids[i]}.mkfs.log"; done
  step "${#ids[@]} BlueStore OSDs created (${OSD_SIZE} sparse files)"
  for id in "${ids[@]}"; do launch_osd "$id"; done
  for id in "${ids[@]}"; do wait_until "$TIMEOUT" "osd.$id up" osd_is_up "$id"; done
  step "${#ids[@]} OSDs up (ids ${ids[*]})"

  # --- pools, created before RGW's first start so the data pool is the EC one (RGW
  # would otherwise create it replicated). One CLI process for all commands: each
  # separate invocation costs a process start plus a paxos round.
  local pool batch=$LOGD/pools.log
  {
    echo "osd erasure-code-profile set $EC_PROFILE k=$EC_K m=$EC_M crush-failure-domain=osd"
    echo "osd pool create $EC_POOL $PG_NUM $PG_NUM erasure $EC_PROFILE"
    # min_size = k, stated explicitly (it is also Pacific's default for m=1): I/O goes on
    # with one OSD down. See docs/ceph.md for what that costs and what production uses.
    echo "osd pool set $EC_POOL min_size $EC_K"
    for pool in "${REPLICATED_POOLS[@]}"; do echo "osd pool create $pool $PG_NUM $PG_NUM replicated"; done
    for pool in "$EC_POOL" "${REPLICATED_POOLS[@]}"; do echo "osd pool application enable $pool rgw"; done
  } | cephc >"$batch" 2>&1 || fail "pool creation failed, see $batch"
  local have; have=$(cephc osd pool ls)
  for pool in "$EC_POOL" "${REPLICATED_POOLS[@]}"; do
    grep -qxF -- "$pool" <<<"$have" || fail "pool $pool missing, see $batch"
  done
  local ec_min; ec_min=$(cephc osd pool get "$EC_POOL" min_size | awk '{print $2}')
  [ "$ec_min" = "$EC_K" ] || fail "$EC_POOL has min_size '$ec_min', expected $EC_K"
  step "pools created: $EC_POOL EC k=$EC_K m=$EC_M min_size $ec_min; ${#REPLICATED_POOLS[@]} replicated size $REP_SIZE"

  # --- RGW
  cephc auth get-or-create "$RGW_NAME" mon 'allow rw' osd 'allow rwx' mgr 'allow rw' \
    -o "$STORE/rgw/keyring" 2>>"$LOGD/bootstrap.log"
  radosgw -c "$CONF" -n "$RGW_NAME" </dev/null >>"$LOGD/$RGW_NAME.out" 2>&1
  wait_until "$TIMEOUT" "RGW on $ADDR:$RGW_PORT" rgw_ready
  wait_until "$TIMEOUT" "mgr.$MGR_ID" mgr_ready
  step "RGW answering on http://$ADDR:$RGW_PORT"

  # --- S3 user and buckets
  access=${IMAGESTORE_CEPH_ACCESS_KEY:-$(od -An -tx1 -N10 /dev/urandom | tr -d ' \n' | tr a-f A-F)}
  secret=${IMAGESTORE_CEPH_SECRET_KEY:-$(od -An -tx1 -N20 /dev/urandom | tr -d ' \n')}
  radosgw-admin -c "$CONF" user create --uid="$S3_USER" --display-name="imagestore" \
    --access-key="$access" --secret-key="$secret" >>"$LOGD/bootstrap.log" 2>&1 ||
    fail "radosgw-admin user create failed, see $LOGD/bootstrap.log"
  S3_ENDPOINT=http://$ADDR:$RGW_PORT S3_ACCESS_KEY=$access S3_SECRET_KEY=$secret
  local b
  for b in "$ORIGINALS_BUCKET" "$RENDITIONS_BUCKET" "$STATE_BUCKET"; do create_bucket "$b"; done
  step "S3 user '$S3_USER', buckets $ORIGINALS_BUCKET $RENDITIONS_BUCKET $STATE_BUCKET"

  wait_clean "$TIMEOUT"
  write_env "$access" "$secret"
  cat <<EOF
S3 endpoint        http://$ADDR:$RGW_PORT  (region $REGION, path-style)
access key         $access
secret key         $secret
buckets            $ORIGINALS_BUCKET $RENDITIONS_BUCKET $STATE_BUCKET
environment        $ENV_FILE
EOF
  step "ready"
}

cmd_stop() {
  stop_daemons
  if [ -f "$MARKER" ]; then
    rm -rf "$DATA_DIR"
    step "stopped; removed $DATA_DIR"
  elif [ -e "$DATA_DIR" ]; then
    step "nothing of $PROG in $DATA_DIR; left it untouched"
  else
    step "not running"
  fi
}

cmd_status() {
  local k p n rss
  [ -n "$(all_daemon_pids)" ] || { echo "not running ($DATA_DIR)"; return 3; }
  for k in ceph-mon ceph-mgr ceph-osd radosgw; do
    for p in $(daemon_pids "$k"); do
      n=$(tr '\0' ' ' <"/proc/$p/cmdline" | grep -oE -- '(-i|-n) [^ ]+' | head -n 1 | cut -d' ' -f2)
      rss=$(awk '/^VmRSS/ { print int($2 / 1024) }' "/proc/$p/status" 2>/dev/null || echo '?')
      printf '%-9s %-14s pid %-8s rss %5s MiB\n' "$k" "$n" "$p" "$rss"
    done | sort -k2,2n
  done
  [ -f "$ENV_FILE" ] && load_env && echo "S3 endpoint: $S3_ENDPOINT  (env: $ENV_FILE)"
  echo
  cephc -s
}

cmd_env() {
  [ -f "$ENV_FILE" ] || fail "no stack in $DATA_DIR; run '$PROG start' first"
  sed -e 's/^/export /' "$ENV_FILE"
}

cmd_selftest() {
  require_running
  load_env
  local tmp key bucket code b
  tmp=$(mktemp -d "$RUND/selftest.XXXXXX")
  # shellcheck disable=SC2064
  trap "rm -rf '$tmp'" EXIT
  bucket=selftest-$(od -An -tx1 -N4 /dev/urandom | tr -d ' \n')
  key=probe-$(od -An -tx1 -N4 /dev/urandom | tr -d ' \n').bin
  head -c 1500000 /dev/urandom >"$tmp/object"

  rgw_answers || fail "selftest: RGW not answering on $S3_ENDPOINT"
  for b in "$ORIGINALS_BUCKET" "$RENDITIONS_BUCKET" "$STATE_BUCKET"; do
    code=$(s3 HEAD "/$b" /dev/null -I)
    [ "$code" = 200 ] || fail "selftest: bucket $b: HTTP $code"
  done
  code=$(s3 PUT "/$bucket" "$tmp/out")
  [ "$code" = 200 ] || fail "selftest: create bucket: HTTP $code $(head -c 300 "$tmp/out")"
  code=$(s3 PUT "/$bucket/$key" "$tmp/out" --data-binary "@$tmp/object" -H 'Content-Type: application/octet-stream')
  [ "$code" = 200 ] || fail "selftest: PUT: HTTP $code $(head -c 300 "$tmp/out")"
  code=$(s3 GET "/$bucket/$key" "$tmp/back")
  [ "$code" = 200 ] || fail "selftest: GET: HTTP $code"
  cmp -s "$tmp/object" "$tmp/back" || fail "selftest: GET returned other bytes than were PUT"
  code=$(s3 GET "/$bucket?list-type=2" "$tmp/list")
  [ "$code" = 200 ] && grep -q "<Key>$key</Key>" "$tmp/list" ||
    fail "selftest: ListObjectsV2 (HTTP $code) does not list $key"
  # RGW names the head RADOS object <bucket marker>_<key>
  timeout 60 rados -c "$CONF" -p "$EC_POOL" ls >"$tmp/rados" 2>"$tmp/rados.err" ||
    fail "selftest: rados ls $EC_POOL failed: $(head -c 300 "$tmp/rados.err")"
  grep -q "_$key\$" "$tmp/rados" || fail "selftest: $key is not in the EC pool $EC_POOL"
  code=$(s3 DELETE "/$bucket/$key" "$tmp/out")
  [ "$code" = 204 ] || fail "selftest: DELETE object: HTTP $code"
  code=$(s3 DELETE "/$bucket" "$tmp/out")
  [ "$code" = 204 ] || fail "selftest: DELETE bucket: HTTP $code"
  step "selftest OK: PUT/GET/list of a 1.5 MB object via $S3_ENDPOINT, stored in EC pool $EC_POOL"
}

cmd_stop_osd() {
  require_osd_id "${1-}"; require_running
  local pid; pid=$(daemon_pids ceph-osd "$1" | head -n 1)
  [ -n "$pid" ] || fail "osd.$1 is not running"
  kill -KILL "$pid"
  wait_until 60 "osd.$1 marked down" osd_is_down "$1"
  step "osd.$1 killed (pid $pid) and marked down"
}

cmd_start_osd() {
  require_osd_id "${1-}"; require_running
  [ -d "$STORE/osd.$1" ] || fail "osd.$1 has no store in $STORE"
  [ -z "$(daemon_pids ceph-osd "$1")" ] || fail "osd.$1 is already running"
  launch_osd "$1"
  wait_until "$TIMEOUT" "osd.$1 up" osd_is_up "$1"
  step "osd.$1 up"
}

cmd_restart_rgw() {
  require_running
  stop_kinds TERM radosgw
  radosgw -c "$CONF" -n "$RGW_NAME" </dev/null >>"$LOGD/$RGW_NAME.out" 2>&1
  wait_until "$TIMEOUT" "RGW on $ADDR:$RGW_PORT" rgw_ready
  step "RGW restarted, answering on http://$ADDR:$RGW_PORT"
}

cmd_add_osd() {
  require_running
  local id uuid
  read -r id uuid < <(register_osd)
  [ -n "${id-}" ] || fail "could not register an OSD, see $LOGD/bootstrap.log"
  mkfs_osd "$id" "$uuid" || fail "mkfs of osd.$id failed, see $LOGD/osd.$id.mkfs.log"
  launch_osd "$id"
  wait_until "$TIMEOUT" "osd.$id up" osd_is_up "$id"
  step "osd.$id created and up (data rebalances onto it; '$PROG wait-clean' waits for that)"
  echo "$id"
}

cmd_remove_osd() {
  require_osd_id "${1-}"; require_running
  local id=$1 others
  [ -n "$(osd_state "$id")" ] || fail "osd.$id does not exist"
  # Every PG needs max(k+m, replica size) distinct OSDs; fewer would never get clean again.
  others=$(cephc osd dump | awk -v n="osd.$id" '$1 ~ /^osd\.[0-9]+$/ && $1 != n && $2 == "up" && $3 == "in"' | wc -l)
  local need=$((EC_K + EC_M > REP_SIZE ? EC_K + EC_M : REP_SIZE))
  [ "$others" -ge "$need" ] ||
    fail "removing osd.$id would leave $others OSDs up+in; the pools need $need — run '$PROG add-osd' first"
  # CRUSH weight 0 as well as "out": with only "out", CRUSH still draws the OSD and then
  # rejects it, so its later removal from the map changes EC placements (measured here:
  # 19 of 57 PGs) and moves data a second time. With weight 0 it is never drawn.
  cephc osd crush reweight "osd.$id" 0 >/dev/null 2>&1 || fail "ceph osd crush reweight osd.$id 0 failed"
  cephc osd out "$id" >/dev/null 2>&1 || fail "ceph osd out $id failed"
  step "osd.$id out and CRUSH weight 0; draining"
  wait_clean "$TIMEOUT"
  # belt and braces: the mgr confirms no PG still maps to it
  wait_until "$TIMEOUT" "osd.$id safe to destroy" osd_safe_to_destroy "$id"
  local pid
  for pid in $(daemon_pids ceph-osd "$id"); do kill -TERM "$pid" 2>/dev/null || true; done
  wait_until 30 "osd.$id process to exit" osd_process_gone "$id"
  cephc osd purge "$id" --yes-i-really-mean-it >/dev/null 2>&1 || fail "ceph osd purge $id failed"
  rm -rf "$STORE/osd.$id" "$DISKS/osd.$id.img" "$RUND/osd.$id.pid" "$RUND/osd.$id.asok"
  step "osd.$id drained, stopped, purged and its files deleted"
}

osd_safe_to_destroy() { cephc osd safe-to-destroy "$1" >/dev/null 2>&1; }
osd_process_gone() { [ -z "$(daemon_pids ceph-osd "$1")" ]; }

# ------------------------------------------------------------------ main
parse_opts() { # sets OPT_SHIFT to the number of words consumed
  OPT_SHIFT=0
  while [ $# -gt 0 ]; do
    case $1 in
      --data-dir) [ $# -ge 2 ] || fail "--data-dir needs a value"; DATA_DIR=$2; shift 2; OPT_SHIFT=$((OPT_SHIFT + 2)) ;;
      --data-dir=*) DATA_DIR=${1#*=}; shift; OPT_SHIFT=$((OPT_SHIFT + 1)) ;;
      --port) [ $# -ge 2 ] || fail "--port needs a value"; RGW_PORT=$2; shift 2; OPT_SHIFT=$((OPT_SHIFT + 2)) ;;
      --port=*) RGW_PORT=${1#*=}; shift; OPT_SHIFT=$((OPT_SHIFT + 1)) ;;
      *) return 0 ;;
    esac
  done
}

main() {
  parse_opts "$@"; shift "$OPT_SHIFT"
  local cmd=${1-}; [ $# -gt 0 ] && shift
  case $cmd in
    ceph | radosgw-admin | rados) ;;                      # everything after goes to the tool
    *) parse_opts "$@"; shift "$OPT_SHIFT" ;;
  esac
  [[ $RGW_PORT =~ ^[0-9]+$ ]] && [ "$RGW_PORT" -ge 1 ] && [ "$RGW_PORT" -le 65535 ] || fail "invalid --port '$RGW_PORT'"
  set_paths
  case $cmd in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    env) cmd_env ;;
    selftest) cmd_selftest ;;
    wait-clean)
      require_running
      [[ ${1-$TIMEOUT} =~ ^[0-9]+$ ]] || fail "wait-clean takes a timeout in seconds"
      wait_clean "${1-$TIMEOUT}" ;;
    stop-osd) cmd_stop_osd "${1-}" ;;
    start-osd) cmd_start_osd "${1-}" ;;
    restart-rgw) cmd_restart_rgw ;;
    add-osd) cmd_add_osd ;;
    remove-osd) cmd_remove_osd "${1-}" ;;
    ceph) exec ceph -c "$CONF" "$@" ;;
    radosgw-admin) exec radosgw-admin -c "$CONF" "$@" ;;
    rados) exec rados -c "$CONF" "$@" ;;
    -h | --help | help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"
