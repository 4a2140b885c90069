#!/usr/bin/env bash
# JobManager in application mode running the imagestore job.
#
# IMAGESTORE_RESTORE_FROM: a savepoint or retained checkpoint (s3p://…) to continue from. Leave it
# empty only for the very first start of a deployment: a job started without it has no dedup
# state and no sink transactions to resume. Once the job has completed a checkpoint, never start
# it from an older savepoint either — the records committed since then would be committed again.
set -euo pipefail

args=(standalone-job --job-classname io.imagestore.job.job.ImagestoreJobMain)
if [[ -n "${IMAGESTORE_RESTORE_FROM:-}" ]]; then
  args+=(--fromSavepoint "$IMAGESTORE_RESTORE_FROM")
fi
# Job arguments follow the cluster options; extra ones from the compose command (--set k=v) last.
args+=(--config "${IMAGESTORE_JOB_CONFIG:-/etc/imagestore/job.yaml}" "$@")
exec /docker-entrypoint.sh "${args[@]}"
