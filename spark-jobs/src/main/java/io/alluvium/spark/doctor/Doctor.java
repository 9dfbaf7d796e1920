package io.alluvium.spark.doctor;

import io.alluvium.domain.TableId;
import io.alluvium.spark.maintenance.Maintenance;
import io.alluvium.spark.maintenance.MaintenancePolicy;
import io.alluvium.spark.maintenance.TableMaintenance;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code alluvium doctor [--fix]}: measures every table of the platform and reports what is unhealthy
 * ({@link TableChecks}); with {@code --fix}, maintains the tables with findings and measures again, so the report
 * shows what the fix changed (docs/doctor.md).
 */
public final class Doctor {
    /**
     * @param findings the findings (after the fix, with {@code --fix})
     * @param fixed    the tables maintained by {@code --fix}, with the findings they had before
     * @param healthy  no finding at warning level or above remains
     */
    public record Result(int tables, List<Finding> findings, List<Fixed> fixed, boolean healthy) {
    }

    /** A table {@code --fix} maintained: its findings before, and maintain's outcome. */
    public record Fixed(String table, List<Finding> before, TableMaintenance.Outcome maintained) {
    }

    private final Maintenance maintenance;
    private final TableChecks checks;

    public Doctor(Maintenance maintenance, MaintenancePolicy policy) {
        this.maintenance = maintenance;
        this.checks = new TableChecks(policy);
    }

    public Result examine(boolean fix, Maintenance.Progress progress) {
        Maintenance.Result measured = maintenance.run(new Maintenance.Request(true, true, List.of()), progress);
        List<Finding> findings = findings(measured);
        if (!fix) {
            return result(measured.tables().size(), findings, List.of());
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
        return result(measured.tables().size(), after, fixed);
    }

    private List<Finding> findings(Maintenance.Result measured) {
        List<Finding> findings = new ArrayList<>();
        for (TableMaintenance.Outcome outcome : measured.tables()) {
            findings.addAll(checks.check(outcome.table(), outcome.before()));
        }
        return findings;
    }

    private static Result result(int tables, List<Finding> findings, List<Fixed> fixed) {
        return new Result(tables, findings, fixed, findings.stream().noneMatch(f -> f.severity().unhealthy()));
    }
}
