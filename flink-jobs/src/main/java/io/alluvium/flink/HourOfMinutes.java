package io.alluvium.flink;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * What a per-city view ({@link CityViews}) keeps for one city and hour: the hour's totals and, of the same
 * kind, the totals of each of its minutes that has events, and the minute of the event added last (the
 * window fires on every event and writes the hour and that minute). The minutes live in their hour's window,
 * so they share its lateness and its too-late decisions and always add up to it exactly.
 *
 * @param <S> the totals
 */
public final class HourOfMinutes<S> {
    public S hour;
    /** Minute start (epoch ms) → that minute's totals. */
    public Map<Long, S> minutes = new HashMap<>();
    public long lastMinute;

    /** Flink's type of it: a POJO with the totals' own type, so window state is serialized without Kryo. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <S> TypeInformation<HourOfMinutes<S>> typeOf(Class<S> totals) {
        TypeInformation<S> type = TypeInformation.of(totals);
        return (TypeInformation) Types.POJO(HourOfMinutes.class,
                Map.of("hour", type, "minutes", Types.MAP(Types.LONG, type), "lastMinute", Types.LONG));
    }
}
