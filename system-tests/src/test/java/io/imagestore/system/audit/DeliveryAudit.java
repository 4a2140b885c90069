package io.imagestore.system.audit;

import io.imagestore.schemas.ImageMetadata;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the pipeline's promise for acknowledged uploads of images: each has its original in the
 * store, exactly one committed metadata record naming every rendition of the profile, and each of
 * those renditions in the store.
 */
public final class DeliveryAudit {
  private final ObjectPresence store;
  private final String originalsBucket;
  private final String originalsPrefix;
  private final List<List<String>> renditionSets;

  /**
   * @param originalsPrefix the bridge's content-addressed prefix: originals live at {@code
   *     <prefix><sha[0:2]>/<sha>}
   * @param renditionNames the renditions the job's profile makes of every image, in order
   */
  public DeliveryAudit(ObjectPresence store, String originalsBucket, String originalsPrefix,
      List<String> renditionNames) {
    this(store, originalsBucket, originalsPrefix, Set.of(List.copyOf(renditionNames)));
  }

  private DeliveryAudit(ObjectPresence store, String originalsBucket, String originalsPrefix,
      Set<List<String>> renditionSets) {
    this.store = store;
    this.originalsBucket = originalsBucket;
    this.originalsPrefix = originalsPrefix;
    this.renditionSets = List.copyOf(renditionSets);
  }

  /**
   * For a stream that saw a profile change: each record must name the renditions of one of
   * {@code renditionSets} (the profile before the change or after it).
   */
  public static DeliveryAudit acceptingProfiles(ObjectPresence store, String originalsBucket, String originalsPrefix,
      List<List<String>> renditionSets) {
    Set<List<String>> sets = new LinkedHashSet<>();
    renditionSets.forEach(r -> sets.add(List.copyOf(r)));
    return new DeliveryAudit(store, originalsBucket, originalsPrefix, sets);
  }

  public String originalKey(String sha256) {
    return originalsPrefix + sha256.substring(0, 2) + "/" + sha256;
  }

  /** Audits the acknowledged images {@code sha256s} (repeats count once) against {@code ledger}. */
  public Result audit(Collection<String> sha256s, CommittedLedger ledger) {
    Set<String> images = new LinkedHashSet<>(sha256s);
    List<String> lost = new ArrayList<>();
    int records = 0;
    int duplicates = 0;
    for (String sha : images) {
      List<ImageMetadata> committed = ledger.metadataOf(sha);
      records += committed.size();
      duplicates += Math.max(0, committed.size() - 1);
      if (committed.isEmpty()) {
        lost.add(sha + ": no committed metadata record" + rejectNote(ledger, sha));
      } else if (!store.exists(originalsBucket, originalKey(sha))) {
        lost.add(sha + ": original " + originalKey(sha) + " missing");
      } else if (!renditionSets.contains(names(committed.get(0)))) {
        lost.add(sha + ": record names renditions " + names(committed.get(0)) + ", the profile makes "
            + String.join(" or ", renditionSets.stream().map(String::valueOf).toList()));
      } else {
        committed.get(0).renditions().stream()
            .filter(r -> !store.exists(r.bucket(), r.key()))
            .findFirst()
            .ifPresent(r -> lost.add(sha + ": rendition " + r.name() + " " + r.key() + " missing"));
      }
    }
    return new Result(images.size(), records, lost, duplicates);
  }

  private static List<String> names(ImageMetadata record) {
    return record.renditions().stream().map(ImageMetadata.Rendition::name).toList();
  }

  private static String rejectNote(CommittedLedger ledger, String sha) {
    return ledger.rejectsOf(sha).isEmpty() ? "" : " (rejected: " + ledger.rejectsOf(sha).get(0).reason() + ")";
  }

  /**
   * @param images distinct acknowledged images audited
   * @param records committed metadata records among them
   * @param lost one line per image missing its record, original or a rendition
   * @param duplicates records beyond the first per image
   */
  public record Result(int images, int records, List<String> lost, int duplicates) {
    public Result {
      lost = List.copyOf(lost);
    }

    public int missing() {
      return lost.size();
    }
  }
}
