#!/bin/bash
# A swarm of protocheck random searches as a Slurm job array: array task i
# runs shard i of the array (the index comes from SLURM_ARRAY_TASK_ID, the
# count from SLURM_ARRAY_TASK_COUNT) and writes its report to $REPORTS.
#
#   jobid=$(sbatch --parsable deploy/slurm-array.sh)
#   sbatch --dependency=afterany:$jobid --wrap "check merge $PWD/reports/shard-*.json -o $PWD/swarm.trace"
#
# The array must number its tasks 0..N-1 (--array=0-7, or 0-7%4 to run at
# most 4 at once). CHECK, WALKS and REPORTS may be set in the environment.
#SBATCH --job-name=protocheck-swarm
#SBATCH --array=0-7
#SBATCH --cpus-per-task=2
#SBATCH --mem=2G
#SBATCH --time=01:00:00
#SBATCH --output=slurm-%A_%a.out
set -u

CHECK=${CHECK:-check}
WALKS=${WALKS:-200000}
REPORTS=${REPORTS:-reports}
mkdir -p "$REPORTS"

"$CHECK" run twopc -variant ready-aborts -engine random -shard "$SLURM_ARRAY_TASK_COUNT" -walks "$WALKS" -workers "${SLURM_CPUS_PER_TASK:-1}" -mem 1536MiB -report "$REPORTS/shard-$SLURM_ARRAY_TASK_ID.json" -quiet
code=$?
# 1 (a violation) and 3 (none found: random search is never exhaustive) are
# a finished shard; its verdict is in the report and in check merge's exit code.
if [ "$code" -eq 1 ] || [ "$code" -eq 3 ]; then
	exit 0
fi
exit "$code"
