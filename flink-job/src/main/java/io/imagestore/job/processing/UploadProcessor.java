package io.imagestore.job.processing;

import io.imagestore.job.imaging.EncodedRendition;
import io.imagestore.job.imaging.ImageProcessor;
import io.imagestore.job.imaging.ImageRejectedException;
import io.imagestore.job.imaging.ProcessedImage;
import io.imagestore.job.imaging.ProcessingProfile;
import io.imagestore.job.records.RejectRecord;
import io.imagestore.job.storage.ImageObjectStore;
import io.imagestore.job.storage.OriginalMissingException;
import io.imagestore.job.storage.RenditionKeys;
import io.imagestore.schemas.ImageMetadata;
import io.imagestore.schemas.ImageReject;
import io.imagestore.schemas.RejectReason;
import io.imagestore.schemas.UploadEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one upload into its outcome: download the original to a temporary file, make the
 * renditions, store them, describe them. No Flink types, so it is tested on its own.
 *
 * <p>Bad content becomes a reject. Infrastructure failures (the object store down after retries,
 * a local disk error) propagate, so the job restarts from its last checkpoint instead of
 * publishing a wrong reject. Renditions are stored before the outcome is returned, and the
 * record is committed to Kafka only with the next checkpoint — so every object a committed
 * record names is already readable.
 */
public final class UploadProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(UploadProcessor.class);

  private final ImageObjectStore store;
  private final ImageProcessor imaging;
  private final ProfileResolver profiles;
  private final String renditionsBucket;
  private final long maxBytes;
  private final Path tmpDir;
  private final Clock clock;
  private final String jobVersion;

  public UploadProcessor(ImageObjectStore store, ImageProcessor imaging, ProfileResolver profiles,
      String renditionsBucket, long maxBytes, Path tmpDir, Clock clock, String jobVersion) {
    this.store = store;
    this.imaging = imaging;
    this.profiles = profiles;
    this.renditionsBucket = renditionsBucket;
    this.maxBytes = maxBytes;
    this.tmpDir = tmpDir;
    this.clock = clock;
    this.jobVersion = jobVersion;
  }

  public Outcome process(UploadEvent event) {
    if (event.size() > maxBytes) {
      // Refused from the event alone: no point downloading what will be refused.
      return reject(event, RejectReason.FILE_TOO_LARGE,
          "the upload has " + event.size() + " bytes, more than the limit of " + maxBytes);
    }
    ProcessingProfile profile = profiles.select(event.sourceId(), event.originalPath());
    Path original = createTempFile();
    try {
      long size;
      try {
        size = store.fetch(event.bucket(), event.objectKey(), event.size(), event.sha256(), original);
      } catch (OriginalMissingException e) {
        return reject(event, RejectReason.ORIGINAL_MISSING, e.getMessage());
      }
      ProcessedImage image;
      try {
        image = imaging.process(original, profile);
      } catch (ImageRejectedException e) {
        return reject(event, e.reason(), e.getMessage());
      } catch (UncheckedIOException e) {
        throw e;
      } catch (RuntimeException e) {
        // A decoder bug tripped by this file's content: the same bytes would trip it again after
        // a restart, so restarting would only loop. Reject it and keep the stream going.
        LOG.warn("processing {} failed unexpectedly", event.sha256(), e);
        return reject(event, RejectReason.PROCESSING_FAILED, "unexpected failure: " + e);
      } catch (OutOfMemoryError | StackOverflowError e) {
        // Thrown by this image's decode, whose buffers or frames are gone once it unwinds, so the
        // JVM goes on; let through, the same bytes would fail every restart (a crash loop).
        LOG.warn("processing {} failed with {}", event.sha256(), e.toString());
        return reject(event, RejectReason.PROCESSING_FAILED, "the decoder ran out of resources: " + e);
      }
      List<ImageMetadata.Rendition> stored = new ArrayList<>();
      for (EncodedRendition r : image.renditions()) {
        String key = RenditionKeys.key(event.sha256(), r.spec(), profile.crop(), imaging.renderingGeneration());
        store.put(renditionsBucket, key, r.jpeg(), "image/jpeg");
        stored.add(new ImageMetadata.Rendition(r.spec().name(), renditionsBucket, key, r.width(), r.height(),
            r.jpeg().length, "jpeg"));
      }
      LOG.debug("processed {}: {} renditions", event.sha256(), stored.size());
      return Outcome.image(MetadataMapper.toMetadata(event, size, image, stored, clock.instant(), jobVersion));
    } finally {
      try {
        Files.deleteIfExists(original);
      } catch (IOException e) {
        LOG.warn("cannot delete temporary file {}: {}", original, e.toString());
      }
    }
  }

  private Outcome reject(UploadEvent event, RejectReason reason, String message) {
    LOG.debug("rejected {}: {} {}", event.sha256(), reason, message);
    String text = message == null || message.isBlank() ? reason.name() : message;
    return Outcome.rejected(RejectRecord.of(ImageReject.forUpload(event, reason, text, clock.instant(), jobVersion)));
  }

  private Path createTempFile() {
    try {
      Files.createDirectories(tmpDir);
      return Files.createTempFile(tmpDir, "original-", ".tmp");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary file in " + tmpDir, e);
    }
  }
}
