package io.alluvium.spark;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A Gold build that failed its audit and was not published (docs/maintenance.md#write-audit-publish): which table,
 * which days, which check with both numbers, and where the build is kept. Readers still see every Gold table as it was.
 */
public final class GoldAuditFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A table whose build failed: the checks it failed on the rebuilt days. */
    public record Failed(String table, Set<LocalDate> days, List<GoldChecks.GoldCheck> checks) {
    }

    private final transient List<Failed> failed;

    /** @param published the Gold tables this run published before the failure (each passed its own audit) */
    GoldAuditFailure(List<Failed> failed, List<String> published) {
        super(message(failed, published));
        this.failed = List.copyOf(failed);
    }

    public List<Failed> failed() {
        return failed;
    }

    private static String message(List<Failed> failed, List<String> published) {
        String what = failed.stream().map(f -> f.table() + " (days " + f.days().stream().map(LocalDate::toString)
                .collect(Collectors.joining(", ")) + "): " + f.checks().stream()
                .map(c -> c.check() + ": gold " + c.gold() + ", silver " + c.silver())
                .collect(Collectors.joining("; "))).collect(Collectors.joining("; "));
        String first = failed.get(0).table();
        String readers = published.isEmpty() ? "Every Gold table is unchanged."
                : "Published before it, each having passed its own audit: " + String.join(", ", published)
                        + "; every other Gold table is unchanged.";
        return "Gold build not published: its audit failed, " + what + ". " + readers + " The failed"
                + " build is kept on branch '" + AuditBranch.NAME + "' until the next build; inspect it with"
                + " alluvium sql \"SELECT * FROM " + first + " VERSION AS OF '" + AuditBranch.NAME + "'\"";
    }
}
