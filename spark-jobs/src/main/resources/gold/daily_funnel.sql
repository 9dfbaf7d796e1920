-- gold.daily_funnel: the marketplace funnel per UTC event day, from clickstream steps to paid orders.
-- Rates are step / previous step, null when the previous step is 0.
WITH clicks AS (
  SELECT event_day,
         count_if(event_type = 'view')        AS views,
         count_if(event_type = 'search')      AS searches,
         count_if(event_type = 'add_to_cart') AS add_to_carts,
         count_if(event_type = 'checkout')    AS checkouts,
         count(DISTINCT session_id)           AS sessions,
         count(DISTINCT user_id)              AS active_users
  FROM silver_clickstream GROUP BY event_day
), orders AS (
  SELECT event_day,
         count_if(status = 'created')   AS orders_created,
         count_if(status = 'paid')      AS orders_paid,
         count_if(status = 'cancelled') AS orders_cancelled,
         sum(CASE WHEN status = 'paid' THEN amount END) AS paid_amount
  FROM silver_orders GROUP BY event_day
), payments AS (
  SELECT event_day,
         count_if(status = 'authorized') AS payments_authorized,
         count_if(status = 'declined')   AS payments_declined
  FROM silver_payments GROUP BY event_day
), funnel AS (
  SELECT coalesce(c.event_day, o.event_day, p.event_day) AS event_day,
         coalesce(c.views, 0) AS views, coalesce(c.searches, 0) AS searches,
         coalesce(c.add_to_carts, 0) AS add_to_carts, coalesce(c.checkouts, 0) AS checkouts,
         coalesce(c.sessions, 0) AS sessions, coalesce(c.active_users, 0) AS active_users,
         coalesce(o.orders_created, 0) AS orders_created, coalesce(o.orders_paid, 0) AS orders_paid,
         coalesce(o.orders_cancelled, 0) AS orders_cancelled, coalesce(o.paid_amount, 0) AS paid_amount,
         coalesce(p.payments_authorized, 0) AS payments_authorized,
         coalesce(p.payments_declined, 0) AS payments_declined
  FROM clicks c
  FULL JOIN orders o ON c.event_day = o.event_day
  FULL JOIN payments p ON coalesce(c.event_day, o.event_day) = p.event_day
)
SELECT event_day,
       CAST(views AS bigint) AS views, CAST(searches AS bigint) AS searches,
       CAST(add_to_carts AS bigint) AS add_to_carts, CAST(checkouts AS bigint) AS checkouts,
       CAST(sessions AS bigint) AS sessions, CAST(active_users AS bigint) AS active_users,
       CAST(orders_created AS bigint) AS orders_created, CAST(orders_paid AS bigint) AS orders_paid,
       CAST(orders_cancelled AS bigint) AS orders_cancelled, CAST(paid_amount AS decimal(18,2)) AS paid_amount,
       CAST(payments_authorized AS bigint) AS payments_authorized,
       CAST(payments_declined AS bigint) AS payments_declined,
       CAST(round(try_divide(add_to_carts, views), 4) AS double)         AS view_to_cart_rate,
       CAST(round(try_divide(checkouts, add_to_carts), 4) AS double)     AS cart_to_checkout_rate,
       CAST(round(try_divide(orders_created, checkouts), 4) AS double)   AS checkout_to_order_rate,
       CAST(round(try_divide(orders_paid, orders_created), 4) AS double) AS order_to_paid_rate
FROM funnel
