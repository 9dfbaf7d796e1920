-- gold.user_daily_features: one row per user and UTC event day with any event, for models and serving.
-- last_city / last_device come from the user's latest clickstream event of the day (null without one).
WITH clicks AS (
  SELECT user_id, event_day,
         count(*)                                   AS events,
         count(DISTINCT session_id)                 AS sessions,
         count_if(event_type = 'view')              AS views,
         count_if(event_type = 'add_to_cart')       AS add_to_carts,
         max_by(city, struct(event_ts, event_id))   AS last_city,
         max_by(device, struct(event_ts, event_id)) AS last_device,
         min(event_ts)                              AS first_event_ts,
         max(event_ts)                              AS last_event_ts
  FROM silver_clickstream GROUP BY user_id, event_day
), orders AS (
  SELECT user_id, event_day,
         count_if(status = 'created') AS orders,
         count_if(status = 'paid')    AS orders_paid,
         sum(CASE WHEN status = 'paid' THEN amount END) AS spend
  FROM silver_orders GROUP BY user_id, event_day
), payments AS (
  SELECT user_id, event_day,
         count_if(status = 'declined')    AS payments_declined,
         count(DISTINCT card_fingerprint) AS cards_used
  FROM silver_payments GROUP BY user_id, event_day
), users AS (
  SELECT coalesce(c.user_id, o.user_id) AS user_id, coalesce(c.event_day, o.event_day) AS event_day,
         c.events, c.sessions, c.views, c.add_to_carts, c.last_city, c.last_device,
         c.first_event_ts, c.last_event_ts, o.orders, o.orders_paid, o.spend
  FROM clicks c FULL JOIN orders o ON c.user_id = o.user_id AND c.event_day = o.event_day
)
SELECT coalesce(u.user_id, p.user_id) AS user_id,
       coalesce(u.event_day, p.event_day) AS event_day,
       CAST(coalesce(u.events, 0) AS bigint)            AS events,
       CAST(coalesce(u.sessions, 0) AS bigint)          AS sessions,
       CAST(coalesce(u.views, 0) AS bigint)             AS views,
       CAST(coalesce(u.add_to_carts, 0) AS bigint)      AS add_to_carts,
       CAST(coalesce(u.orders, 0) AS bigint)            AS orders,
       CAST(coalesce(u.orders_paid, 0) AS bigint)       AS orders_paid,
       CAST(coalesce(u.spend, 0) AS decimal(18,2))      AS spend,
       CAST(coalesce(p.payments_declined, 0) AS bigint) AS payments_declined,
       CAST(coalesce(p.cards_used, 0) AS bigint)        AS cards_used,
       u.last_city, u.last_device, u.first_event_ts, u.last_event_ts
FROM users u FULL JOIN payments p ON u.user_id = p.user_id AND u.event_day = p.event_day
