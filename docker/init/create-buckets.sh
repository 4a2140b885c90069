#!/usr/bin/env bash
# Creates the originals, renditions and Flink state buckets (idempotent) with plain SigV4-signed
# curl requests, so the same script works against S3Proxy and Ceph RGW. Waits for the endpoint
# first: with an external RGW there is no container to wait on.
set -euo pipefail

endpoint=${IMAGESTORE_S3_ENDPOINT:?}
endpoint=${endpoint%/}
region=${AWS_REGION:?}
buckets=("${IMAGESTORE_ORIGINALS_BUCKET:?}" "${IMAGESTORE_RENDITIONS_BUCKET:?}" "${IMAGESTORE_STATE_BUCKET:?}")
# RGW rejects a SigV4 request without x-amz-content-sha256 (403 SignatureDoesNotMatch), and curl
# does not send it; every request here has an empty body.
empty_sha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855

s3() {
  curl -sS -o /dev/null -w '%{http_code}' --max-time 10 \
    --aws-sigv4 "aws:amz:$region:s3" --user "${AWS_ACCESS_KEY_ID:?}:${AWS_SECRET_ACCESS_KEY:?}" \
    -H "x-amz-content-sha256: $empty_sha256" "$@" || true
}

deadline=$((SECONDS + ${IMAGESTORE_INIT_TIMEOUT:-120}))
until [[ "$(s3 "$endpoint/")" == 200 ]]; do
  if (( SECONDS >= deadline )); then
    echo "init-buckets: $endpoint does not answer ListBuckets with 200 (last: $(s3 "$endpoint/"))" >&2
    exit 1
  fi
  sleep 2
done

for bucket in "${buckets[@]}"; do
  case "$(s3 --head "$endpoint/$bucket")" in
    200) echo "init-buckets: $bucket exists" ;;
    404)
      code=$(s3 -X PUT "$endpoint/$bucket")
      if [[ "$code" != 200 ]]; then
        echo "init-buckets: creating $bucket failed with HTTP $code" >&2
        exit 1
      fi
      echo "init-buckets: created $bucket" ;;
    *) echo "init-buckets: cannot check $bucket (HTTP $(s3 --head "$endpoint/$bucket"))" >&2; exit 1 ;;
  esac
done
