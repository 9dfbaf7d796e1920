package io.alluvium.flink.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.parquet.Parquet;

/**
 * Writes Bronze rows into Parquet data files of one table with Iceberg's generic writer (no engine):
 * one open file per partition (the day of {@code kafka_timestamp}), with the table's properties (zstd,
 * metrics) as the Flink sink applies them. {@link #finish()} closes the files and hands them over for a
 * commit; the next row opens new ones.
 */
final class GenericBronzeWriter {
    private final Table table;
    private final OutputFileFactory files;
    private final PartitionKey key;
    private final InternalRecordWrapper wrapper;
    private final Map<PartitionKey, DataWriter<Record>> open = new HashMap<>();

    GenericBronzeWriter(Table table, int writerId) {
        this.table = table;
        this.files = OutputFileFactory.builderFor(table, writerId, 0).format(FileFormat.PARQUET).build();
        this.key = new PartitionKey(table.spec(), table.schema());
        this.wrapper = new InternalRecordWrapper(table.schema().asStruct());
    }

    void write(Record row) throws IOException {
        key.partition(wrapper.wrap(row)); // the wrapper turns the OffsetDateTime into the micros the transform takes
        DataWriter<Record> writer = open.get(key);
        if (writer == null) {
            PartitionKey partition = key.copy();
            writer = Parquet.writeData(files.newOutputFile(table.spec(), partition))
                    .forTable(table)
                    .withPartition(partition)
                    .createWriterFunc(GenericParquetWriter::create)
                    .build();
            open.put(partition, writer);
        }
        writer.write(row);
    }

    /** Closes the open files: the data files written since the last call. */
    List<DataFile> finish() throws IOException {
        List<DataFile> written = new ArrayList<>();
        for (DataWriter<Record> writer : open.values()) {
            writer.close();
            written.add(writer.toDataFile());
        }
        open.clear();
        return written;
    }
}
