# Sourced by run.sh and first-answer-pairs.sh: waiting for an idle machine before a launch.

# busy_pct: the share of all CPUs that was busy over the last 0.3 s (from /proc/stat)
busy_pct() {
  local a b
  a=$(awk '/^cpu / {print $2+$3+$4+$5+$6+$7+$8+$9, $5+$6}' /proc/stat); sleep 0.3
  b=$(awk '/^cpu / {print $2+$3+$4+$5+$6+$7+$8+$9, $5+$6}' /proc/stat)
  awk -v a="$a" -v b="$b" 'BEGIN {split(a, x, " "); split(b, y, " "); t = y[1] - x[1]; printf "%d", t ? 100 * (t - (y[2] - x[2])) / t : 0}'
}
# settle: before a launch, wait (at most 20 s) until the machine is idle (< 10 % busy): a fresh function instance has
# its CPUs to itself, not the tail of the previous run's load (its dying JVM, the upstream's JIT); prints busy % then
settle() {
  local b i
  for i in $(seq 1 60); do b=$(busy_pct); [ "$b" -lt 10 ] && break; done
  echo "$b"
}
