package io.alluvium.spark.doctor;

import io.alluvium.doctor.Finding;
import io.alluvium.domain.TableId;
import io.alluvium.spark.maintenance.Maintenance;
import io.alluvium.spark.maintenance.MaintenancePolicy;
import io.alluvium.spark.maintenance.TableHealth;
import io.alluvium.spark.maintenance.TableMaintenance;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code alluvium doctor [--fix]}: measures every table of the platform and reports what is unhealthy
 * ({@link TableChecks}) and where data is skewed ({@link SkewChecks}); with {@code --fix}, maintains the tables with
 * table findings and measures again, so the report shows what the fix changed (docs/doctor.md). Skew findings are
 * reported as found: their fix is a change of settings or queries, which they name.
 */
public final class Doctor {
    /**
     * @param findings the findings (after the fix, with {@code --fix})
     * @param fixed    the tables maintained by {@code --fix}, with the findings they had before
     * @param healthy  no finding at warning level or above remains
     * @param writes   what each table wrote to storage in the last 24 hours, which the CLI prices (docs/doctor.md#cost)
     */
    public record Result(int tables, List<Finding> findings, List<Fixed> fixed, boolean healthy, List<Writes> writes) {
    }

    /** A table's data files now, and the files and bytes its snapshots of the last 24 hours added. */
    public record Writes(String table, long dataFiles, long filesLastDay, long bytesLastDay) {
        static Writes of(TableMaintenance.Outcome measured) {
            TableHealth h = measured.before();
            return new Writes(measured.table(), h.dataFiles(), h.filesWrittenLastDay(), h.bytesWrittenLastDay());
        }
    }

    /** A table {@code --fix} maintained: its findings before, and maintain's outcome. */
    public record Fixed(String table, List<Finding> before, TableMaintenance.Outcome maintained) {
    }

    private final Maintenance maintenance;
    private final TableChecks checks;
    private final SkewChecks skew;

    /** @param driverHeapBytes the Spark driver's heap ({@code spark.heap}), which a plan's file listing fills */
    public Doctor(Maintenance maintenance, MaintenancePolicy policy, long driverHeapBytes, SkewChecks skew) {
        this.maintenance = maintenance;
        this.checks = new TableChecks(policy, driverHeapBytes);
        this.skew = skew;
    }

    /**
     * A table maintained after a build because the doctor flagged it: what it found, and the data files and snapshots
     * before and after.
     */
    public record Maintained(String table, String findings, long dataFilesBefore, long dataFilesAfter,
                             long snapshotsBefore, long snapshotsAfter, double seconds) {
    }

    /**
     * After a batch build (docs/maintenance.md#what-runs-where): maintains those of {@code tables} with a finding,
     * measured from their metadata alone (orphan files are looked for only on a table being maintained), and leaves
     * the healthy ones as they are.
     */
    public List<Maintained> maintainFlagged(List<TableId> tables, Maintenance.Progress progress) {
        List<Maintained> maintained = new ArrayList<>();
        for (TableId id : tables) {
            List<Finding> found = checks.check(id.toString(), maintenance.health(id));
            if (found.isEmpty()) {
                continue;
            }
            TableMaintenance.Outcome o = maintenance.run(new Maintenance.Request(false, false, List.of(id)), progress)
                    .tables().get(0);
            maintained.add(new Maintained(id.toString(),
                    found.stream().map(Finding::check).collect(Collectors.joining(", ")), o.before().dataFiles(),
                    o.after().dataFiles(), o.before().snapshots(), o.after().snapshots(), o.seconds()));
        }
        return maintained;
    }

    public Result examine(boolean fix, Maintenance.Progress progress) {
        Maintenance.Result measured = maintenance.run(new Maintenance.Request(true, true, List.of()), progress);
        List<Finding> findings = findings(measured);
        List<Writes> writes = measured.tables().stream().map(Writes::of).toList();
        List<Finding> skewed = skew.check();
        if (!fix) {
            findings.addAll(skewed);
            return result(measured.tables().size(), findings, List.of(), writes);
        }
        Set<String> unhealthy = new LinkedHashSet<>();
        findings.stream().filter(f -> f.severity().unhealthy()).forEach(f -> unhealthy.add(f.subject()));
        List<Fixed> fixed = new ArrayList<>();
        List<Finding> after = new ArrayList<>();
        for (TableMaintenance.Outcome outcome : measured.tables()) {
            if (!unhealthy.contains(outcome.table())) {
                after.addAll(checks.check(outcome.table(), outcome.after()));
                continue;
            }
            Maintenance.Result done = maintenance.run(new Maintenance.Request(false, false,
                    List.of(TableId.parse(outcome.table()))), progress);
            TableMaintenance.Outcome maintained = done.tables().get(0);
            fixed.add(new Fixed(outcome.table(), checks.check(outcome.table(), outcome.before()), maintained));
            after.addAll(checks.check(outcome.table(), maintained.after()));
        }
        after.addAll(skewed);
        return result(measured.tables().size(), after, fixed, writes);
    }

    private List<Finding> findings(Maintenance.Result measured) {
        List<Finding> findings = new ArrayList<>();
        for (TableMaintenance.Outcome outcome : measured.tables()) {
            findings.addAll(checks.check(outcome.table(), outcome.before()));
        }
        return findings;
    }

    private static Result result(int tables, List<Finding> findings, List<Fixed> fixed, List<Writes> writes) {
        return new Result(tables, findings, fixed, findings.stream().noneMatch(f -> f.severity().unhealthy()), writes);
    }
}
