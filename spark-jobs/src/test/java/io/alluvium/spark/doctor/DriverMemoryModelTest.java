package io.alluvium.spark.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.hadoop.HadoopTables;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver-memory check's model ({@link TableChecks#plannedBytes}) against the heap a real Iceberg plan holds: a
 * table of 20,000 data files with statistics for each of its 15 columns (metadata only: planning reads manifests,
 * never data files), planned with column statistics as compaction plans it, every task kept as Spark keeps them. The
 * model must be within a factor of 1.5 of the measured heap (docs/doctor.md, "driver-memory").
 */
class DriverMemoryModelTest {
    private static final int FILES = 20_000;
    private static final int COLUMNS = 15;

    @TempDir
    Path dir;

    @Test
    void theModelMatchesTheHeapARealPlanHolds() throws Exception {
        Table table = tableOfFiles();
        long before = usedHeapAfterGc();
        List<FileScanTask> held = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().includeColumnStats().planFiles()) {
            tasks.forEach(held::add);
        }
        long measured = usedHeapAfterGc() - before;

        assertThat(held).hasSize(FILES);
        long modelled = TableChecks.plannedBytes(FILES, COLUMNS);
        System.out.printf("driver heap of a plan of %,d files x %d columns: measured %,d bytes, modelled %,d%n",
                FILES, COLUMNS, measured, modelled);
        assertThat((double) modelled).isBetween(measured / 1.5, measured * 1.5);
    }

    private Table tableOfFiles() {
        List<Types.NestedField> fields = new ArrayList<>();
        for (int c = 1; c <= COLUMNS; c++) {
            fields.add(Types.NestedField.optional(c, "c" + c, c % 2 == 0 ? Types.LongType.get() : Types.StringType.get()));
        }
        Schema schema = new Schema(fields);
        PartitionSpec spec = PartitionSpec.builderFor(schema).identity("c1").build();
        Table table = new HadoopTables(new Configuration()).create(schema, spec, dir.toString());
        int commits = 20;
        for (int commit = 0; commit < commits; commit++) {
            AppendFiles append = table.newFastAppend();
            for (int i = 0; i < FILES / commits; i++) {
                Map<Integer, ByteBuffer> lower = new HashMap<>();
                Map<Integer, ByteBuffer> upper = new HashMap<>();
                Map<Integer, Long> counts = new HashMap<>();
                for (int c = 1; c <= COLUMNS; c++) {
                    lower.put(c, ByteBuffer.wrap(("low-" + c).getBytes(StandardCharsets.UTF_8)));
                    upper.put(c, ByteBuffer.wrap(("high-" + c + "-" + i).getBytes(StandardCharsets.UTF_8)));
                    counts.put(c, 100L);
                }
                append.appendFile(DataFiles.builder(spec).withFormat(FileFormat.PARQUET)
                        .withPath(dir + "/data/c1=p" + i % 3 + "/f-" + commit + "-" + i + ".parquet")
                        .withPartitionPath("c1=p" + i % 3).withFileSizeInBytes(20_000)
                        .withMetrics(new Metrics(100L, counts, counts, counts, null, lower, upper)).build());
            }
            append.commit();
        }
        return table;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
