package io.alluvium.flink.realtime.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Event ids written and read back as the dedup state's checkpoints do, and the serializer restored from its snapshot. */
class EventIdSerializerTest {
    private static final List<String> IDS = List.of("42-c-000001", "", "é-ü-東京-🚀", "x".repeat(70_000));

    @Test
    void idsReadBackAsWrittenOneAfterAnother() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        for (String id : IDS) {
            EventIdSerializer.INSTANCE.serialize(id, out);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        for (String id : IDS) {
            assertThat(EventIdSerializer.INSTANCE.deserialize(in)).isEqualTo(id);
        }
        assertThat(in.available()).isZero();
    }

    @Test
    void copyingSerializedIdsKeepsTheirBytes() throws Exception {
        DataOutputSerializer original = new DataOutputSerializer(64);
        IDS.forEach(id -> write(id, original));
        DataInputDeserializer in = new DataInputDeserializer(original.getCopyOfBuffer());
        DataOutputSerializer copied = new DataOutputSerializer(64);
        for (int i = 0; i < IDS.size(); i++) {
            EventIdSerializer.INSTANCE.copy(in, copied);
        }
        assertThat(copied.getCopyOfBuffer()).isEqualTo(original.getCopyOfBuffer());
    }

    @Test
    void aCheckpointsSnapshotRestoresACompatibleSerializer() throws Exception {
        TypeSerializerSnapshot<String> written = EventIdSerializer.INSTANCE.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, written);
        TypeSerializerSnapshot<String> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
        assertThat(read.restoreSerializer()).isSameAs(EventIdSerializer.INSTANCE);
        assertThat(EventIdSerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(read)
                .isCompatibleAsIs()).isTrue();
    }

    private static void write(String id, DataOutputSerializer out) {
        try {
            EventIdSerializer.INSTANCE.serialize(id, out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
