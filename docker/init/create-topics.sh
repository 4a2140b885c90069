#!/usr/bin/env bash
# Creates the imagestore topics (idempotent) and waits until every partition has a leader.
# Producing to a just-created topic before that can lose a batch silently (KAFKA-15591: an
# idempotent producer saw NOT_LEADER_OR_FOLLOWER, then OUT_OF_ORDER_SEQUENCE_NUMBER).
set -euo pipefail

bootstrap=${KAFKA_BOOTSTRAP:?}
partitions=${IMAGESTORE_TOPIC_PARTITIONS:?}
replicas=${IMAGESTORE_TOPIC_REPLICATION_FACTOR:?}
min_isr=${IMAGESTORE_TOPIC_MIN_INSYNC_REPLICAS:?}
topics=(image-uploads image-metadata image-rejects)
topics_cmd=/opt/kafka/bin/kafka-topics.sh

for topic in "${topics[@]}"; do
  "$topics_cmd" --bootstrap-server "$bootstrap" --create --if-not-exists --topic "$topic" \
    --partitions "$partitions" --replication-factor "$replicas" \
    --config "min.insync.replicas=$min_isr"
done

deadline=$((SECONDS + ${IMAGESTORE_INIT_TIMEOUT:-120}))
for topic in "${topics[@]}"; do
  until [[ -z "$("$topics_cmd" --bootstrap-server "$bootstrap" --describe --topic "$topic" --unavailable-partitions)" ]]; do
    if (( SECONDS >= deadline )); then
      echo "init-topics: $topic still has partitions without a leader" >&2
      exit 1
    fi
    sleep 2
  done
done
echo "init-topics: ${topics[*]} ready, $partitions partitions each, every one with a leader"
