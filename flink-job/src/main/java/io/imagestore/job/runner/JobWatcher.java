package io.imagestore.job.runner;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a running job and reports each failure once — with the restart that follows — and
 * the moment it fails for good. A job that restarts in a loop or has stopped must say so where
 * its user is looking, not leave them with a bridge that still answers 226 to every camera.
 */
public final class JobWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobWatcher.class);

  /** Where the watcher reports; called on the watcher's own thread. */
  public interface Listener {
    /** The job failed and Flink restarts it: restart number {@code restarts} since the watch began. */
    void restarting(JobFailure failure, long restarts);

    /** The job has failed for good: nothing is processed any more. */
    void failedForGood(JobFailure lastFailure);
  }

  private final LocalJobRunner runner;
  private final JobExceptionHistory history;
  private final Listener listener;
  private final ScheduledExecutorService thread;
  private Instant reportedUpTo = Instant.EPOCH;
  private long restarts;
  private boolean done;

  private JobWatcher(LocalJobRunner runner, Listener listener) {
    this.runner = runner;
    this.history = new JobExceptionHistory(runner.restAddress(), runner.jobId());
    this.listener = listener;
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "imagestore-job-watcher");
      t.setDaemon(true);
      return t;
    });
  }

  public static JobWatcher start(LocalJobRunner runner, Duration every, Listener listener) {
    JobWatcher watcher = new JobWatcher(runner, listener);
    watcher.thread.scheduleWithFixedDelay(watcher::check, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    return watcher;
  }

  private synchronized void check() {
    if (done) {
      return;
    }
    try {
      // History first, status second: while the status is not failing, every failure in the
      // (possibly older) history was followed by a restart.
      List<JobFailure> fresh = history.failures().stream().filter(f -> f.at().isAfter(reportedUpTo)).toList();
      JobStatus status = runner.status();
      if (status == JobStatus.FAILING) {
        return;
      }
      Optional<JobFailure> last = status == JobStatus.FAILED ? runner.lastFailureDetail() : Optional.empty();
      for (JobFailure failure : fresh) {
        if (last.isPresent() && !failure.at().isBefore(last.get().at())) {
          break;
        }
        reportedUpTo = failure.at();
        restarts++;
        LOG.warn("job {} failed and restarts (restart {}): {}", runner.jobId(), restarts, failure.summary());
        listener.restarting(failure, restarts);
      }
      if (status == JobStatus.FAILED) {
        done = true;
        JobFailure why = last.orElse(new JobFailure(Instant.now(), "unknown failure", ""));
        LOG.error("job {} failed for good: {}", runner.jobId(), why.summary());
        listener.failedForGood(why);
      } else if (status.isGloballyTerminalState()) {
        done = true;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // The cluster is stopping or busy; the next check tries again.
      LOG.debug("cannot read the job's state: {}", e.toString());
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
