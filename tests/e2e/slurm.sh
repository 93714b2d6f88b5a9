# The Slurm recipe of docs/registry.md on a one-node cluster of its own: an array job of 3 shard
# extractions (khabar extract --shard K/3) and a merge that depends on it (khabar merge), whose graph must
# equal the whole build (identical sorted N-Triples). The cluster (munged, slurmctld, slurmd; Debian's
# slurm-wlm) runs with its own config, key, state and spool directories in a network namespace of its own
# (unshare -n: only 127.0.0.1 exists there) and is stopped at the end. Skipped (77), with the reason, where
# Slurm cannot run: not root, no slurm-wlm/munge, or no namespaces.
source "$(dirname "$0")/lib.sh"
skip() { echo "slurm: $*, skipped"; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root (slurmd runs jobs as their user and unshare needs CAP_SYS_ADMIN)"
for b in munged slurmctld slurmd sbatch sinfo squeue unshare ip; do
  command -v "$b" >/dev/null || skip "$b not found (apt-get install slurmctld slurmd slurm-client munge; scripts/setup.sh)"
done
unshare -n -u -p -f --mount-proc true 2>/dev/null || skip "cannot make network and PID namespaces (unshare)"
KHABAR=$(readlink -f "$KHABAR")
D=$WORK/cluster
mkdir -p "$D"/{state,spool,out} "$WORK/corpus"
cp "$SEEDS"/*.txt "$WORK/corpus/"
for f in "$WORK"/corpus/*.txt; do cp "$f" "${f%.txt}_copy.txt"; done  # 10 articles: no shard is trivial
"$KHABAR" build "$WORK/corpus" --manifest "$MANIFEST" -o "$WORK/whole.nt" -q

cat >"$D/slurm.conf" <<EOF
ClusterName=khabar-test
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=16817
SlurmdPort=16818
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$D/munge.sock
StateSaveLocation=$D/state
SlurmdSpoolDir=$D/spool
SlurmctldPidFile=$D/slurmctld.pid
SlurmdPidFile=$D/slurmd.pid
SlurmctldLogFile=$D/slurmctld.log
SlurmdLogFile=$D/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
SlurmdParameters=config_overrides
NodeName=localhost NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN
PartitionName=test Nodes=localhost Default=YES MaxTime=10 State=UP
EOF

# Everything below runs in namespaces of its own (network, host name, PIDs): every daemon ends with it
# (the trap stops them first).
cat >"$D/run.sh" <<'EOF'
set -euo pipefail
D=$1 KHABAR=$2 CORPUS=$3 MANIFEST=$4
export SLURM_CONF=$D/slurm.conf
stop() {
  for p in slurmd slurmctld munged; do
    [ -f "$D/$p.pid" ] && kill "$(cat "$D/$p.pid")" 2>/dev/null || true
  done
}
trap stop EXIT
# Only loopback exists here; getaddrinfo (AI_ADDRCONFIG) resolves no name without a non-loopback address,
# so lo gets a private one too (reachable from nowhere: the namespace has no other interface).
ip link set lo up
ip addr add 10.254.0.1/32 dev lo
hostname localhost
head -c 1024 /dev/urandom >"$D/munge.key"
chmod 400 "$D/munge.key"
munged --force --socket="$D/munge.sock" --key-file="$D/munge.key" --pid-file="$D/munged.pid" \
  --log-file="$D/munged.log" --seed-file="$D/munge.seed"
slurmctld -f "$D/slurm.conf"
slurmd -f "$D/slurm.conf" -N localhost
for i in $(seq 1 60); do
  [ "$(sinfo -h -o %T 2>/dev/null)" = idle ] && break
  sleep 1
done
[ "$(sinfo -h -o %T)" = idle ] || { echo "the node did not come up"; tail -5 "$D"/*.log; exit 1; }
cd "$D/out"
jid=$(sbatch --parsable --array=1-3 -c 1 --wrap \
  "$KHABAR extract $CORPUS --manifest $MANIFEST --shard \${SLURM_ARRAY_TASK_ID}/\${SLURM_ARRAY_TASK_COUNT} -j 1 -q -o $D/out/shard-\${SLURM_ARRAY_TASK_ID}.kreg")
mid=$(sbatch --parsable --dependency=afterok:$jid -c 1 --wrap "$KHABAR merge $D/out/shard-*.kreg -q -o $D/out/merged.nt")
for i in $(seq 1 120); do
  [ -z "$(squeue -h -o %i 2>/dev/null)" ] && break
  sleep 1
done
[ -z "$(squeue -h -o %i)" ] || { echo "jobs still queued after 120 s:"; squeue; exit 1; }
echo "array job $jid and merge job $mid done"
EOF
timeout 300 unshare -n -u -p -f --mount-proc bash "$D/run.sh" "$D" "$KHABAR" "$WORK/corpus" "$MANIFEST" >"$WORK/log" 2>&1 ||
  { cat "$WORK/log"; tail -20 "$D"/*.log "$D"/out/slurm-*.out 2>/dev/null; fail "the Slurm run failed"; }
cat "$WORK/log"
ls "$D"/out/shard-{1,2,3}.kreg >/dev/null || { cat "$D"/out/slurm-*.out; fail "the array job did not write 3 shards"; }
[ -f "$D/out/merged.nt" ] || { cat "$D"/out/slurm-*.out; fail "the merge job wrote no graph"; }
cmp -s <(LC_ALL=C sort "$D/out/merged.nt") <(LC_ALL=C sort "$WORK/whole.nt") || fail "the graph of the Slurm jobs differs from the whole build"
echo "slurm: an array job of 3 extractions and a dependent merge on a one-node cluster give the whole build"
