-- The baseline of `alluvium bench batch`: Bronze -> Silver + Quarantine -> Gold as one hand-written Spark
-- SQL script, the way a data engineer would write it without a framework: per topic, classify every Bronze
-- record once (cached; DROP VIEW frees it), write Quarantine and deduplicated Silver with CREATE TABLE AS, then the three Gold
-- tables with CREATE TABLE AS. No watermarks, no incremental reads, no anti-joins, no reports.
--
-- It must compute what Alluvium computes (the bench checks the counts), so it applies the rules of
-- docs/events.md in the same order: bad_json, missing_field, wrong_type, negative_amount, invalid_value.
-- JSON types are read from a VARIANT (try_parse_json, schema_of_variant): get_json_object and from_json
-- return "123" for both "user_id": 123 and "user_id": "123", so a script built on them would quarantine
-- other records than Alluvium and the comparison would be meaningless. A field's type is VOID when it is
-- absent or JSON null.
--
-- Placeholders: ${bronze}, ${silver}, ${quarantine}, ${gold} (namespaces), ${clickstream_snapshot},
-- ${orders_snapshot}, ${payments_snapshot} (the Bronze snapshots read). Statements end with ";" at a line end.

CREATE NAMESPACE IF NOT EXISTS ${silver};
CREATE NAMESPACE IF NOT EXISTS ${quarantine};
CREATE NAMESPACE IF NOT EXISTS ${gold};

-- ---- clickstream
CACHE TABLE hw_clickstream AS
SELECT *,
  CASE
    WHEN j IS NULL OR schema_of_variant(j) NOT LIKE 'OBJECT%' THEN 'bad_json'
    WHEN 'VOID' IN (t_event_id, t_event_type, t_user_id, t_session_id, t_city, t_device, t_event_ts)
      OR (t_product_id = 'VOID' AND try_variant_get(j, '$.event_type', 'string') IN ('view', 'add_to_cart'))
      THEN 'missing_field'
    WHEN t_event_id <> 'STRING' OR t_event_type <> 'STRING' OR t_user_id <> 'STRING' OR t_session_id <> 'STRING'
      OR t_product_id NOT IN ('STRING', 'VOID') OR t_city <> 'STRING' OR t_device <> 'STRING'
      OR t_event_ts <> 'STRING' OR try_cast(try_variant_get(j, '$.event_ts', 'string') AS timestamp) IS NULL
      THEN 'wrong_type'
    WHEN try_variant_get(j, '$.event_type', 'string') NOT IN ('view', 'search', 'add_to_cart', 'checkout')
      THEN 'invalid_value'
  END AS reason
FROM (
  SELECT kafka_partition, kafka_offset, kafka_timestamp, payload, j,
         nvl(schema_of_variant(variant_get(j, '$.event_id')), 'VOID')   AS t_event_id,
         nvl(schema_of_variant(variant_get(j, '$.event_type')), 'VOID') AS t_event_type,
         nvl(schema_of_variant(variant_get(j, '$.user_id')), 'VOID')    AS t_user_id,
         nvl(schema_of_variant(variant_get(j, '$.session_id')), 'VOID') AS t_session_id,
         nvl(schema_of_variant(variant_get(j, '$.product_id')), 'VOID') AS t_product_id,
         nvl(schema_of_variant(variant_get(j, '$.city')), 'VOID')       AS t_city,
         nvl(schema_of_variant(variant_get(j, '$.device')), 'VOID')     AS t_device,
         nvl(schema_of_variant(variant_get(j, '$.event_ts')), 'VOID')   AS t_event_ts
  FROM (SELECT *, try_parse_json(payload) AS j FROM ${bronze}.clickstream VERSION AS OF ${clickstream_snapshot})
);

CREATE TABLE ${quarantine}.clickstream USING iceberg PARTITIONED BY (days(kafka_timestamp))
TBLPROPERTIES ('format-version' = '2', 'write.parquet.compression-codec' = 'zstd') AS
SELECT payload, reason, CAST(NULL AS string) AS detail, kafka_partition, kafka_offset, kafka_timestamp,
       current_timestamp() AS quarantined_at
FROM hw_clickstream WHERE reason IS NOT NULL;

CREATE TABLE ${silver}.clickstream USING iceberg PARTITIONED BY (event_day)
TBLPROPERTIES ('format-version' = '2', 'write.parquet.compression-codec' = 'zstd') AS
SELECT event_id, event_type, user_id, session_id, product_id, city, device, event_ts,
       to_date(event_ts) AS event_day, kafka_partition, kafka_offset
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY event_id ORDER BY kafka_partition, kafka_offset) AS copy
  FROM (
    SELECT try_variant_get(j, '$.event_id', 'string')   AS event_id,
           try_variant_get(j, '$.event_type', 'string') AS event_type,
           try_variant_get(j, '$.user_id', 'string')    AS user_id,
           try_variant_get(j, '$.session_id', 'string') AS session_id,
           try_variant_get(j, '$.product_id', 'string') AS product_id,
           try_variant_get(j, '$.city', 'string')       AS city,
           try_variant_get(j, '$.device', 'string')     AS device,
           try_cast(try_variant_get(j, '$.event_ts', 'string') AS timestamp) AS event_ts,
           kafka_partition, kafka_offset
    FROM hw_clickstream WHERE reason IS NULL))
WHERE copy = 1;

DROP VIEW hw_clickstream;

-- ---- orders: items are checked in the contract's field order (after event_id, order_id, user_id, city)
CACHE TABLE hw_orders AS
SELECT *,
  CASE
    WHEN j IS NULL OR schema_of_variant(j) NOT LIKE 'OBJECT%' THEN 'bad_json'
    WHEN 'VOID' IN (t_event_id, t_order_id, t_user_id, t_city, t_items, t_amount, t_currency, t_status, t_event_ts)
      THEN 'missing_field'
    WHEN t_event_id <> 'STRING' OR t_order_id <> 'STRING' OR t_user_id <> 'STRING' OR t_city <> 'STRING'
      OR t_items NOT LIKE 'ARRAY%' OR exists(item_list, x -> schema_of_variant(x) NOT LIKE 'OBJECT%')
      THEN 'wrong_type'
    WHEN exists(item_list, x -> 'VOID' IN (nvl(schema_of_variant(variant_get(x, '$.product_id')), 'VOID'),
                                         nvl(schema_of_variant(variant_get(x, '$.qty')), 'VOID'),
                                         nvl(schema_of_variant(variant_get(x, '$.unit_price')), 'VOID')))
      THEN 'missing_field'
    WHEN exists(item_list, x -> schema_of_variant(variant_get(x, '$.product_id')) <> 'STRING'
                             OR schema_of_variant(variant_get(x, '$.qty')) NOT RLIKE '^(TINYINT|SMALLINT|INT|BIGINT)$'
                             OR schema_of_variant(variant_get(x, '$.unit_price'))
                                NOT RLIKE '^(TINYINT|SMALLINT|INT|BIGINT|FLOAT|DOUBLE|DECIMAL.*)$')
      OR t_amount NOT RLIKE '^(TINYINT|SMALLINT|INT|BIGINT|FLOAT|DOUBLE|DECIMAL.*)$'
      OR t_currency <> 'STRING' OR t_status <> 'STRING'
      OR t_event_ts <> 'STRING' OR try_cast(try_variant_get(j, '$.event_ts', 'string') AS timestamp) IS NULL
      OR t_coupon_code NOT IN ('STRING', 'VOID')
      THEN 'wrong_type'
    WHEN amount_exact < 0 THEN 'negative_amount'
    WHEN try_variant_get(j, '$.status', 'string') NOT IN ('created', 'paid', 'cancelled')
      OR try_cast(amount_exact AS decimal(18,2)) IS NULL OR amount_exact <> try_variant_get(j, '$.amount', 'decimal(18,2)')
      OR size(items) = 0 OR exists(items, x -> x.qty < 1 OR x.unit_price < 0)
      OR amount_exact <> aggregate(items, CAST(0 AS decimal(38,4)), (acc, x) -> CAST(acc + x.qty * x.unit_price AS decimal(38,4)))
      THEN 'invalid_value'
  END AS reason
FROM (
  SELECT kafka_partition, kafka_offset, kafka_timestamp, payload, j,
         nvl(schema_of_variant(variant_get(j, '$.event_id')), 'VOID')    AS t_event_id,
         nvl(schema_of_variant(variant_get(j, '$.order_id')), 'VOID')    AS t_order_id,
         nvl(schema_of_variant(variant_get(j, '$.user_id')), 'VOID')     AS t_user_id,
         nvl(schema_of_variant(variant_get(j, '$.city')), 'VOID')        AS t_city,
         nvl(schema_of_variant(variant_get(j, '$.items')), 'VOID')       AS t_items,
         nvl(schema_of_variant(variant_get(j, '$.amount')), 'VOID')      AS t_amount,
         nvl(schema_of_variant(variant_get(j, '$.currency')), 'VOID')    AS t_currency,
         nvl(schema_of_variant(variant_get(j, '$.status')), 'VOID')      AS t_status,
         nvl(schema_of_variant(variant_get(j, '$.event_ts')), 'VOID')    AS t_event_ts,
         nvl(schema_of_variant(variant_get(j, '$.coupon_code')), 'VOID') AS t_coupon_code,
         try_variant_get(j, '$.items', 'array<variant>') AS item_list,
         try_variant_get(j, '$.items', 'array<struct<product_id:string,qty:int,unit_price:decimal(18,2)>>') AS items,
         try_variant_get(j, '$.amount', 'decimal(38,10)') AS amount_exact
  FROM (SELECT *, try_parse_json(payload) AS j FROM ${bronze}.orders VERSION AS OF ${orders_snapshot})
);

CREATE TABLE ${quarantine}.orders USING iceberg PARTITIONED BY (days(kafka_timestamp))
TBLPROPERTIES ('format-version' = '2', 'write.parquet.compression-codec' = 'zstd') AS
SELECT payload, reason, CAST(NULL AS string) AS detail, kafka_partition, kafka_offset, kafka_timestamp,
       current_timestamp() AS quarantined_at
FROM hw_orders WHERE reason IS NOT NULL;

CREATE TABLE ${silver}.orders USING iceberg PARTITIONED BY (event_day)
TBLPROPERTIES ('format-version' = '2', 'write.parquet.compression-codec' = 'zstd') AS
SELECT event_id, order_id, user_id, city, items, amount, currency, status, event_ts, coupon_code,
       to_date(event_ts) AS event_day, kafka_partition, kafka_offset
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY event_id ORDER BY kafka_partition, kafka_offset) AS copy
  FROM (
    SELECT try_variant_get(j, '$.event_id', 'string')       AS event_id,
           try_variant_get(j, '$.order_id', 'string')       AS order_id,
           try_variant_get(j, '$.user_id', 'string')        AS user_id,
           try_variant_get(j, '$.city', 'string')           AS city,
           items,
           try_variant_get(j, '$.amount', 'decimal(18,2)')  AS amount,
           try_variant_get(j, '$.currency', 'string')       AS currency,
           try_variant_get(j, '$.status', 'string')         AS status,
           try_cast(try_variant_get(j, '$.event_ts', 'string') AS timestamp) AS event_ts,
           try_variant_get(j, '$.coupon_code', 'string')    AS coupon_code,
           kafka_partition, kafka_offset
    FROM hw_orders WHERE reason IS NULL))
WHERE copy = 1;

DROP VIEW hw_orders;

-- ---- payments
CACHE TABLE hw_payments AS
SELECT *,
  CASE
    WHEN j IS NULL OR schema_of_variant(j) NOT LIKE 'OBJECT%' THEN 'bad_json'
    WHEN 'VOID' IN (t_event_id, t_payment_id, t_order_id, t_user_id, t_card_fingerprint, t_amount, t_currency,
                    t_status, t_ip_country, t_event_ts)
      THEN 'missing_field'
    WHEN t_event_id <> 'STRING' OR t_payment_id <> 'STRING' OR t_order_id <> 'STRING' OR t_user_id <> 'STRING'
      OR t_card_fingerprint <> 'STRING'
      OR t_amount NOT RLIKE '^(TINYINT|SMALLINT|INT|BIGINT|FLOAT|DOUBLE|DECIMAL.*)$'
      OR t_currency <> 'STRING' OR t_status <> 'STRING' OR t_ip_country <> 'STRING'
      OR t_event_ts <> 'STRING' OR try_cast(try_variant_get(j, '$.event_ts', 'string') AS timestamp) IS NULL
      THEN 'wrong_type'
    WHEN amount_exact < 0 THEN 'negative_amount'
    WHEN try_variant_get(j, '$.status', 'string') NOT IN ('authorized', 'declined')
      OR try_cast(amount_exact AS decimal(18,2)) IS NULL OR amount_exact <> try_variant_get(j, '$.amount', 'decimal(18,2)')
      THEN 'invalid_value'
  END AS reason
FROM (
  SELECT kafka_partition, kafka_offset, kafka_timestamp, payload, j,
         nvl(schema_of_variant(variant_get(j, '$.event_id')), 'VOID')         AS t_event_id,
         nvl(schema_of_variant(variant_get(j, '$.payment_id')), 'VOID')       AS t_payment_id,
         nvl(schema_of_variant(variant_get(j, '$.order_id')), 'VOID')         AS t_order_id,
         nvl(schema_of_variant(variant_get(j, '$.user_id')), 'VOID')          AS t_user_id,
         nvl(schema_of_variant(variant_get(j, '$.card_fingerprint')), 'VOID') AS t_card_fingerprint,
         nvl(schema_of_variant(variant_get(j, '$.amount')), 'VOID')           AS t_amount,
         nvl(schema_of_variant(variant_get(j, '$.currency')), 'VOID')         AS t_currency,
         nvl(schema_of_variant(variant_get(j, '$.status')), 'VOID')           AS t_status,
         nvl(schema_of_variant(variant_get(j, '$.ip_country')), 'VOID')       AS t_ip_country,
         nvl(schema_of_variant(variant_get(j, '$.event_ts')), 'VOID')         AS t_event_ts,
         try_variant_get(j, '$.amount', 'decimal(38,10)') AS amount_exact
  FROM (SELECT *, try_parse_json(payload) AS j FROM ${bronze}.payments VERSION AS OF ${payments_snapshot})
);

CREATE TABLE ${quarantine}.payments USING iceberg PARTITIONED BY (days(kafka_timestamp))
TBLPROPERTIES ('format-version' = '2', 'write.parquet.compression-codec' = 'zstd') AS
SELECT payload, reason, CAST(NULL AS string) AS detail, kafka_partition, kafka_offset, kafka_timestamp,
       current_timestamp() AS quarantined_at
FROM hw_payments WHERE reason IS NOT NULL;

CREATE TABLE ${silver}.payments USING iceberg PARTITIONED BY (event_day)
TBLPROPERTIES ('format-version' = '2', 'write.parquet.compression-codec' = 'zstd') AS
SELECT event_id, payment_id, order_id, user_id, card_fingerprint, amount, currency, status, ip_country,
       event_ts, to_date(event_ts) AS event_day, kafka_partition, kafka_offset
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY event_id ORDER BY kafka_partition, kafka_offset) AS copy
  FROM (
    SELECT try_variant_get(j, '$.event_id', 'string')         AS event_id,
           try_variant_get(j, '$.payment_id', 'string')       AS payment_id,
           try_variant_get(j, '$.order_id', 'string')         AS order_id,
           try_variant_get(j, '$.user_id', 'string')          AS user_id,
           try_variant_get(j, '$.card_fingerprint', 'string') AS card_fingerprint,
           try_variant_get(j, '$.amount', 'decimal(18,2)')    AS amount,
           try_variant_get(j, '$.currency', 'string')         AS currency,
           try_variant_get(j, '$.status', 'string')           AS status,
           try_variant_get(j, '$.ip_country', 'string')       AS ip_country,
           try_cast(try_variant_get(j, '$.event_ts', 'string') AS timestamp) AS event_ts,
           kafka_partition, kafka_offset
    FROM hw_payments WHERE reason IS NULL))
WHERE copy = 1;

DROP VIEW hw_payments;

-- ---- gold: order facts per city and UTC hour (dim_city is the small city dimension, broadcast)
CREATE TABLE ${gold}.city_hourly_sales USING iceberg PARTITIONED BY (event_day)
TBLPROPERTIES ('format-version' = '2', 'write.parquet.compression-codec' = 'zstd') AS
SELECT /*+ BROADCAST(c) */
       o.city, date_trunc('HOUR', o.event_ts) AS hour_start, o.event_day,
       coalesce(c.country, 'unknown') AS country, coalesce(c.region, 'unknown') AS region,
       count_if(o.status = 'created') AS orders_created,
       count_if(o.status = 'paid') AS orders_paid,
       count_if(o.status = 'cancelled') AS orders_cancelled,
       CAST(coalesce(sum(CASE WHEN o.status = 'paid' THEN o.amount END), 0) AS decimal(18,2)) AS paid_amount,
       count(DISTINCT CASE WHEN o.status = 'paid' THEN o.user_id END) AS distinct_buyers,
       coalesce(sum(CASE WHEN o.status = 'paid' THEN aggregate(o.items, 0L, (n, i) -> n + i.qty) END), 0) AS items_sold
FROM ${silver}.orders o LEFT JOIN dim_city c ON o.city = c.city
GROUP BY o.city, date_trunc('HOUR', o.event_ts), o.event_day, c.country, c.region;

-- ---- gold: the funnel per UTC event day
CREATE TABLE ${gold}.daily_funnel USING iceberg PARTITIONED BY (event_day)
TBLPROPERTIES ('format-version' = '2', 'write.parquet.compression-codec' = 'zstd') AS
WITH clicks AS (
  SELECT event_day, count_if(event_type = 'view') AS views, count_if(event_type = 'search') AS searches,
         count_if(event_type = 'add_to_cart') AS add_to_carts, count_if(event_type = 'checkout') AS checkouts,
         count(DISTINCT session_id) AS sessions, count(DISTINCT user_id) AS active_users
  FROM ${silver}.clickstream GROUP BY event_day
), orders AS (
  SELECT event_day, count_if(status = 'created') AS orders_created, count_if(status = 'paid') AS orders_paid,
         count_if(status = 'cancelled') AS orders_cancelled,
         sum(CASE WHEN status = 'paid' THEN amount END) AS paid_amount
  FROM ${silver}.orders GROUP BY event_day
), payments AS (
  SELECT event_day, count_if(status = 'authorized') AS payments_authorized,
         count_if(status = 'declined') AS payments_declined
  FROM ${silver}.payments GROUP BY event_day
), days AS (
  SELECT coalesce(c.event_day, o.event_day, p.event_day) AS event_day,
         nvl(views, 0) AS views, nvl(searches, 0) AS searches, nvl(add_to_carts, 0) AS add_to_carts,
         nvl(checkouts, 0) AS checkouts, nvl(sessions, 0) AS sessions, nvl(active_users, 0) AS active_users,
         nvl(orders_created, 0) AS orders_created, nvl(orders_paid, 0) AS orders_paid,
         nvl(orders_cancelled, 0) AS orders_cancelled, CAST(nvl(paid_amount, 0) AS decimal(18,2)) AS paid_amount,
         nvl(payments_authorized, 0) AS payments_authorized, nvl(payments_declined, 0) AS payments_declined
  FROM clicks c
  FULL JOIN orders o ON c.event_day = o.event_day
  FULL JOIN payments p ON coalesce(c.event_day, o.event_day) = p.event_day
)
SELECT *,
       CAST(round(try_divide(add_to_carts, views), 4) AS double)         AS view_to_cart_rate,
       CAST(round(try_divide(checkouts, add_to_carts), 4) AS double)     AS cart_to_checkout_rate,
       CAST(round(try_divide(orders_created, checkouts), 4) AS double)   AS checkout_to_order_rate,
       CAST(round(try_divide(orders_paid, orders_created), 4) AS double) AS order_to_paid_rate
FROM days;

-- ---- gold: one row per user and UTC event day with any event
CREATE TABLE ${gold}.user_daily_features USING iceberg PARTITIONED BY (event_day)
TBLPROPERTIES ('format-version' = '2', 'write.parquet.compression-codec' = 'zstd') AS
WITH clicks AS (
  SELECT user_id, event_day, count(*) AS events, count(DISTINCT session_id) AS sessions,
         count_if(event_type = 'view') AS views, count_if(event_type = 'add_to_cart') AS add_to_carts,
         max_by(city, struct(event_ts, event_id)) AS last_city, max_by(device, struct(event_ts, event_id)) AS last_device,
         min(event_ts) AS first_event_ts, max(event_ts) AS last_event_ts
  FROM ${silver}.clickstream GROUP BY user_id, event_day
), orders AS (
  SELECT user_id, event_day, count_if(status = 'created') AS orders, count_if(status = 'paid') AS orders_paid,
         sum(CASE WHEN status = 'paid' THEN amount END) AS spend
  FROM ${silver}.orders GROUP BY user_id, event_day
), payments AS (
  SELECT user_id, event_day, count_if(status = 'declined') AS payments_declined,
         count(DISTINCT card_fingerprint) AS cards_used
  FROM ${silver}.payments GROUP BY user_id, event_day
)
SELECT coalesce(c.user_id, o.user_id, p.user_id) AS user_id,
       coalesce(c.event_day, o.event_day, p.event_day) AS event_day,
       nvl(c.events, 0) AS events, nvl(c.sessions, 0) AS sessions, nvl(c.views, 0) AS views,
       nvl(c.add_to_carts, 0) AS add_to_carts, nvl(o.orders, 0) AS orders, nvl(o.orders_paid, 0) AS orders_paid,
       CAST(nvl(o.spend, 0) AS decimal(18,2)) AS spend, nvl(p.payments_declined, 0) AS payments_declined,
       nvl(p.cards_used, 0) AS cards_used, c.last_city, c.last_device, c.first_event_ts, c.last_event_ts
FROM clicks c
FULL JOIN orders o ON c.user_id = o.user_id AND c.event_day = o.event_day
FULL JOIN payments p ON coalesce(c.user_id, o.user_id) = p.user_id AND coalesce(c.event_day, o.event_day) = p.event_day;
