package io.imagestore.system.report;

/**
 * One line of the suite's table.
 *
 * @param slowed acknowledged uploads that took longer than the suite's slow threshold
 * @param records committed records (metadata or reject) of the scenario's acknowledged uploads
 * @param missing acknowledged uploads without their original, renditions or committed record
 * @param duplicates committed records beyond the first per upload
 * @param toClean how long the cluster took back to active+clean, as text ("-" when not measured)
 */
public record ScenarioRow(
    String scenario,
    int attempted,
    int acknowledged,
    int retried,
    int slowed,
    int records,
    int missing,
    int duplicates,
    String toClean) {}
