#!/usr/bin/env bash
# A real single-node Slurm cluster (munged + slurmctld + slurmd) on this machine, for the tests and CI ONLY.
# It must run as root, writes /etc/slurm/slurm.conf and starts daemons as root: it is not a way to set up a cluster
# for real work, and it refuses to overwrite a slurm.conf it did not write.
#
#   scripts/slurm/single-node-cluster.sh start    start what is not running, wait until the node is idle;
#                                                 does nothing when the cluster is already healthy
#   scripts/slurm/single-node-cluster.sh status   exit 0 when munge works and the node answers, 1 otherwise
#   scripts/slurm/single-node-cluster.sh stop     cancel this cluster's jobs, stop the daemons by their pid files
#
# Needs Debian's slurm-wlm and munge (apt-get install -y --no-install-recommends slurm-wlm munge). Written for
# machines without systemd (containers, CI), where the packages install but nothing starts their daemons.
# SLURM_START_TIMEOUT (seconds, default 90) bounds the wait for the node to come up.
set -euo pipefail

# The daemons live in /usr/sbin, which a non-login root shell (a test host, CI) may not have on PATH.
export PATH="$PATH:/usr/sbin:/sbin"

readonly CONF=/etc/slurm/slurm.conf
readonly MARKER="# Written by scripts/slurm/single-node-cluster.sh (tests/CI only); rewritten by its 'start'."
readonly RUN_DIR=/run/slurm
readonly LOG_DIR=/var/log/slurm
readonly SLURMCTLD_PID=$RUN_DIR/slurmctld.pid
readonly SLURMD_PID=$RUN_DIR/slurmd.pid
readonly MUNGED_PID=/run/munge/munged.pid
readonly MUNGE_KEY=/etc/munge/munge.key
NODE=$(hostname -s)
readonly NODE
readonly START_TIMEOUT=${SLURM_START_TIMEOUT:-90}

say() { echo "single-node-cluster: $*"; }
die() {
  echo "single-node-cluster: error: $*" >&2
  exit 1
}

require_root() {
  [[ $(id -u) == 0 ]] || die "must run as root (it writes $CONF and starts munged, slurmctld and slurmd)."
}

require_tools() {
  local tool missing=()
  for tool in munged munge unmunge slurmctld slurmd sinfo squeue scontrol scancel; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  ((${#missing[@]} == 0)) || die "not installed: ${missing[*]}. Install them with: apt-get install -y --no-install-recommends slurm-wlm munge"
}

# A pid file names a live process of the expected program. The name check keeps a stale pid file whose pid was
# reused by something else from being taken for a running daemon, and from being killed by 'stop'. A zombie counts
# as gone: without an init that reaps orphans (containers), an exited daemon can linger in that state.
alive() {
  local name=$1 file=$2 pid
  [[ -s $file ]] || return 1
  pid=$(<"$file")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [[ $(cat "/proc/$pid/comm" 2>/dev/null) == "$name" ]] || return 1
  ! grep -qE '^State:[[:space:]]+Z' "/proc/$pid/status" 2>/dev/null
}

munge_works() { munge -n 2>/dev/null | unmunge >/dev/null 2>&1; }

# sinfo waits for slurmctld up to its message timeout; bound it so a hung controller fails fast.
node_state() { timeout 20 sinfo -h -n "$NODE" -o %T 2>/dev/null | head -n 1 || true; }

# "idle*" (a trailing mark) means not responding; only a node that answers and can take jobs counts.
node_ready() {
  case "$(node_state)" in
    idle | mixed | allocated | completing) return 0 ;;
    *) return 1 ;;
  esac
}

healthy() {
  munge_works && alive slurmctld "$SLURMCTLD_PID" && alive slurmd "$SLURMD_PID" && node_ready
}

log_tails() {
  local file
  for file in "$LOG_DIR/slurmctld.log" "$LOG_DIR/slurmd.log" /var/log/munge/munged.log; do
    if [[ -s $file ]]; then
      echo "--- last lines of $file:"
      tail -n 15 "$file"
    fi
  done
}

start_munge() {
  # A munged that answers is used whoever started it (and, without our pid file, is left alone by 'stop').
  if munge_works; then
    return 0
  fi
  if alive munged "$MUNGED_PID"; then
    say "munged is running but cannot encode and decode a credential; restarting it."
    stop_daemon munged "$MUNGED_PID"
  fi
  # munged refuses a key that others can read or that it does not own; Debian's postinst creates the key, but an
  # image built by copying files may have lost its owner or mode.
  if [[ ! -s $MUNGE_KEY ]]; then
    say "no $MUNGE_KEY; creating one."
    install -d -o munge -g munge -m 0700 /etc/munge
    dd if=/dev/urandom of="$MUNGE_KEY" bs=1024 count=1 status=none
  fi
  chown munge:munge /etc/munge "$MUNGE_KEY"
  chmod 0700 /etc/munge
  chmod 0400 "$MUNGE_KEY"
  install -d -o munge -g munge -m 0755 /run/munge
  install -d -o munge -g munge -m 0700 /var/log/munge
  install -d -o munge -g munge -m 0711 /var/lib/munge
  # The daemon must not inherit the caller's stdout/stderr: a test that reads this script's output to the end
  # would otherwise wait for munged to exit.
  su -s /bin/sh munge -c /usr/sbin/munged </dev/null >/dev/null 2>&1 ||
    die "munged did not start.$(printf '\n%s' "$(log_tails)")"
  local i
  for ((i = 0; i < 50; i++)); do
    munge_works && return 0
    sleep 0.2
  done
  die "munged started but 'munge -n | unmunge' keeps failing.$(printf '\n%s' "$(log_tails)")"
}

# Sets CONF_CHANGED to 1 when the file's content changed. (Not a return status: errexit is off inside a function
# called as an 'if' condition, so a failing step would go unnoticed.)
write_conf() {
  local cpus mem_kib real_mib tmp
  cpus=$(nproc)
  mem_kib=$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)
  # A little under MemTotal: slurmd measures slightly less than the kernel reports, and a node that claims more
  # memory than it has is drained.
  real_mib=$((mem_kib / 1024 * 95 / 100))
  install -d -m 0755 "$RUN_DIR" "$LOG_DIR" /var/spool/slurmctld /var/spool/slurmd /etc/slurm
  tmp=$(mktemp /etc/slurm/.slurm.conf.XXXXXX)
  # Choices, and why:
  # - 127.0.0.1 for the controller and the node: no dependence on how the host name resolves.
  # - proctrack/linuxproc and task/none: no cgroups, which containers often do not delegate.
  # - SlurmdParameters=config_overrides: trust these numbers rather than drain the node when the hardware probe
  #   (sockets × cores × threads inside a VM or sandbox) disagrees with nproc.
  # - No accounting: results are read from the jobs' own output files.
  cat >"$tmp" <<EOF
$MARKER
ClusterName=tabod-test
SlurmctldHost=$NODE(127.0.0.1)
AuthType=auth/munge
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
ReturnToService=2
SlurmdParameters=config_overrides
MpiDefault=none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=$SLURMCTLD_PID
SlurmdPidFile=$SLURMD_PID
SlurmctldLogFile=$LOG_DIR/slurmctld.log
SlurmdLogFile=$LOG_DIR/slurmd.log
NodeName=$NODE NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$real_mib State=UNKNOWN
PartitionName=debug Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
EOF
  chmod 0644 "$tmp"
  if [[ -f $CONF ]] && cmp -s "$tmp" "$CONF"; then
    rm -f "$tmp"
    CONF_CHANGED=0
  else
    mv -f "$tmp" "$CONF"
    CONF_CHANGED=1
  fi
}

# Starts a daemon (which forks into the background) and waits for its pid file.
start_daemon() {
  local name=$1 file=$2
  shift 2
  if alive "$name" "$file"; then
    return 0
  fi
  rm -f "$file"
  "$@" </dev/null >>"$LOG_DIR/$name.stdout" 2>&1 ||
    die "$name exited with code $? on start.$(printf '\n%s' "$(log_tails)")"
  local i
  for ((i = 0; i < 50; i++)); do
    alive "$name" "$file" && return 0
    sleep 0.2
  done
  die "$name did not stay up (no live pid in $file).$(printf '\n%s' "$(log_tails)")"
}

stop_daemon() {
  local name=$1 file=$2 pid i
  if ! alive "$name" "$file"; then
    rm -f "$file"
    return 0
  fi
  pid=$(<"$file")
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    alive "$name" "$file" || break
    sleep 0.2
  done
  if alive "$name" "$file"; then
    say "$name ($pid) ignored SIGTERM for 20 s; killing it."
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
  say "stopped $name ($pid)."
}

wait_for_node() {
  local deadline=$((SECONDS + START_TIMEOUT)) state resumed=0
  while ((SECONDS < deadline)); do
    alive slurmctld "$SLURMCTLD_PID" || die "slurmctld died while starting.$(printf '\n%s' "$(log_tails)")"
    alive slurmd "$SLURMD_PID" || die "slurmd died while starting.$(printf '\n%s' "$(log_tails)")"
    state=$(node_state)
    case $state in
      idle | mixed | allocated | completing)
        say "node $NODE is $state ($(nproc) CPUs, partition debug)."
        return 0
        ;;
      down | drained | draining)
        # Answering but administratively out (e.g. a reason left over from an earlier run): put it back once.
        if ((resumed == 0)); then
          scontrol update NodeName="$NODE" State=RESUME >/dev/null 2>&1 || true
          resumed=1
        fi
        ;;
    esac
    sleep 1
  done
  die "node $NODE did not become idle within ${START_TIMEOUT}s (last state: '${state:-none}').
$(timeout 20 scontrol show node "$NODE" 2>&1 | grep -E 'State=|Reason=' || true)
$(log_tails)"
}

start() {
  require_root
  require_tools
  if healthy; then
    say "already running: node $NODE is $(node_state)."
    return 0
  fi
  if [[ -f $CONF ]] && ! grep -qxF "$MARKER" "$CONF"; then
    die "$CONF was not written by this script; refusing to overwrite it (move it away to use this test cluster)."
  fi
  start_munge
  write_conf
  if ((CONF_CHANGED)); then
    # A running controller or node daemon would keep the old configuration.
    stop_daemon slurmd "$SLURMD_PID"
    stop_daemon slurmctld "$SLURMCTLD_PID"
  fi
  # -c: a test cluster starts with no jobs, so one left queued by an aborted run cannot hold the CPUs.
  alive slurmctld "$SLURMCTLD_PID" || start_daemon slurmctld "$SLURMCTLD_PID" slurmctld -c
  start_daemon slurmd "$SLURMD_PID" slurmd -N "$NODE"
  wait_for_node
}

stop() {
  require_root
  if alive slurmctld "$SLURMCTLD_PID" && grep -qxF "$MARKER" "$CONF" 2>/dev/null; then
    # Jobs outlive slurmd (their slurmstepd keeps running), so cancel them while the controller can still do it.
    scancel --partition=debug >/dev/null 2>&1 || true
    local i
    for ((i = 0; i < 20; i++)); do
      [[ -z $(timeout 20 squeue -h 2>/dev/null || true) ]] && break
      sleep 0.5
    done
  fi
  stop_daemon slurmd "$SLURMD_PID"
  stop_daemon slurmctld "$SLURMCTLD_PID"
  stop_daemon munged "$MUNGED_PID"
}

status() {
  local name file
  for name in munged slurmctld slurmd; do
    case $name in
      munged) file=$MUNGED_PID ;;
      slurmctld) file=$SLURMCTLD_PID ;;
      slurmd) file=$SLURMD_PID ;;
    esac
    if alive "$name" "$file"; then
      say "$name running (pid $(<"$file"))."
    else
      say "$name not running."
    fi
  done
  if healthy; then
    say "healthy: node $NODE is $(node_state)."
    return 0
  fi
  if alive slurmctld "$SLURMCTLD_PID"; then
    say "not healthy (node $NODE: '$(node_state)')."
  else
    say "not healthy."
  fi
  return 1
}

case ${1:-} in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
