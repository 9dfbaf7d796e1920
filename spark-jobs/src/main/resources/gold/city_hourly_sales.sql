-- gold.city_hourly_sales: order facts per city and UTC hour of the order event's event_ts.
-- Each Silver order event counts once (Silver is deduplicated by event_id), in the hour of its own
-- event_ts: a "created" event in the hour it was created, a "paid" event (and its amount) in the hour
-- it was paid. The realtime job must produce the same numbers for every closed (city, hour).
SELECT /*+ BROADCAST(c) */
       o.city,
       CAST(date_trunc('HOUR', o.event_ts) AS timestamp)                        AS hour_start,
       o.event_day,
       coalesce(c.country, 'unknown')                                          AS country,
       coalesce(c.region, 'unknown')                                           AS region,
       CAST(count_if(o.status = 'created') AS bigint)                          AS orders_created,
       CAST(count_if(o.status = 'paid') AS bigint)                             AS orders_paid,
       CAST(count_if(o.status = 'cancelled') AS bigint)                        AS orders_cancelled,
       CAST(coalesce(sum(CASE WHEN o.status = 'paid' THEN o.amount END), 0) AS decimal(18,2)) AS paid_amount,
       CAST(count(DISTINCT CASE WHEN o.status = 'paid' THEN o.user_id END) AS bigint) AS distinct_buyers,
       CAST(coalesce(sum(CASE WHEN o.status = 'paid'
                              THEN aggregate(o.items, 0, (n, i) -> n + i.qty) END), 0) AS bigint) AS items_sold
FROM silver_orders o
LEFT JOIN dim_city c ON o.city = c.city
GROUP BY o.city, date_trunc('HOUR', o.event_ts), o.event_day, c.country, c.region
