package io.imagestore.cluster;

import io.imagestore.objectstore.ObjectStoreSettings;
import java.time.Duration;

/** The stack's object store: Ceph RGW on an erasure-coded pool, or the embedded S3 server. */
interface ObjectStoreNode {
  /** Starts it, creates the stack's buckets, and returns how to reach it. */
  ObjectStoreSettings start(StackBuckets buckets, Duration timeout);

  void stop();

  boolean isRunning();

  /** One line for {@code status}. */
  String describe();
}
