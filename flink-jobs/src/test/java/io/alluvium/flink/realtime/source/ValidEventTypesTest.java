package io.alluvium.flink.realtime.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The topics' events share {@link ValidEvent}'s fields and must still be Flink POJOs (field by field, never
 * Kryo's generic serialization, which is slower and cannot evolve with the state): their type is a
 * {@link PojoTypeInfo} with the superclass's fields, and each survives a round trip through its serializer.
 */
class ValidEventTypesTest {

    @Test
    void eachEventIsAPojoWithTheSharedFields() {
        assertThat(fields(ClickEvent.class)).containsExactly("city", "device", "eventId", "eventTs", "eventType",
                "userId");
        assertThat(fields(OrderEvent.class)).containsExactly("amountCents", "city", "eventId", "eventTs", "itemsQty",
                "orderId", "status", "userId");
        assertThat(fields(PaymentEvent.class)).containsExactly("amountCents", "authorized", "cardFingerprint",
                "eventId", "eventTs", "ipCountry", "orderId", "userId");
    }

    @Test
    void eachEventKeepsEveryFieldThroughItsSerializer() throws Exception {
        ClickEvent click = roundTrip(new ClickEvent("k-1", "view", "u-1", "Paris", "ios", 1L));
        assertThat(click).usingRecursiveComparison().isEqualTo(new ClickEvent("k-1", "view", "u-1", "Paris", "ios", 1L));
        OrderEvent order = roundTrip(new OrderEvent("o-1", "order-1", "u-2", "Lyon", "paid", 1250, 3, 2L));
        assertThat(order).usingRecursiveComparison()
                .isEqualTo(new OrderEvent("o-1", "order-1", "u-2", "Lyon", "paid", 1250, 3, 2L));
        PaymentEvent payment = roundTrip(new PaymentEvent("p-1", "order-1", "u-3", "c0ffee", 999, true, "FR", 3L));
        assertThat(payment).usingRecursiveComparison()
                .isEqualTo(new PaymentEvent("p-1", "order-1", "u-3", "c0ffee", 999, true, "FR", 3L));
        assertThat(payment.eventId()).isEqualTo("p-1");
        assertThat(payment.eventTs()).isEqualTo(3L);
    }

    /** The fields Flink found, by name. */
    private static List<String> fields(Class<?> event) {
        TypeInformation<?> type = TypeInformation.of(event);
        assertThat(type).isInstanceOf(PojoTypeInfo.class);
        return List.of(((PojoTypeInfo<?>) type).getFieldNames());
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T event) throws Exception {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false); // a type that needed Kryo would fail here
        TypeSerializer<T> serializer = TypeInformation.of((Class<T>) event.getClass()).createSerializer(config);
        DataOutputSerializer out = new DataOutputSerializer(128);
        serializer.serialize(event, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
