package dev.tollgate.adapter.postgres;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** SQL of {@link PostgresWebhookSubscriptions} and {@link PostgresWebhookOutbox}. */
interface WebhookMapper {

  /** A row of {@code webhook_subscriptions}. */
  record SubscriptionRow(String id, String tenantId, String url, String[] events, String format,
      String description, Instant createdAt) {}

  /** A row of {@code webhook_outbox} (without its claim). */
  record DeliveryRow(String id, String subscriptionId, String tenantId, String event,
      String eventKey, String body, String status, int attempts, Instant createdAt,
      Instant nextAttemptAt, Integer lastStatus, String lastError) {}

  String SUBSCRIPTION_COLUMNS = "id, tenant_id, url, events, format, description, created_at";
  String DELIVERY_COLUMNS = "id, subscription_id, tenant_id, event, event_key, body, status,"
      + " attempts, created_at, next_attempt_at, last_status, last_error";

  /** Serializes one tenant's creates, so that its count is checked and raised atomically. */
  @Select("SELECT count(*) FROM (SELECT pg_advisory_xact_lock("
      + "hashtextextended('tollgate.webhooks:' || #{tenant}, 0))) locked")
  int lockTenant(@Param("tenant") String tenant);

  @Select("SELECT count(*) FROM ${schema}.webhook_subscriptions WHERE tenant_id = #{tenant}")
  int countOf(@Param("tenant") String tenant);

  @Insert("INSERT INTO ${schema}.webhook_subscriptions (" + SUBSCRIPTION_COLUMNS + ") VALUES"
      + " (#{id}, #{tenantId}, #{url}, #{events}, #{format}, #{description}, #{createdAt})"
      + " ON CONFLICT (id) DO NOTHING")
  int insertSubscription(SubscriptionRow row);

  @Select("SELECT " + SUBSCRIPTION_COLUMNS + " FROM ${schema}.webhook_subscriptions WHERE id = #{id}")
  SubscriptionRow subscription(@Param("id") String id);

  @Select("<script>SELECT " + SUBSCRIPTION_COLUMNS + " FROM ${schema}.webhook_subscriptions"
      + "<if test='tenant != null'> WHERE tenant_id = #{tenant}</if>"
      + " ORDER BY created_at, id OFFSET #{offset} LIMIT #{limit}</script>")
  List<SubscriptionRow> subscriptions(@Param("tenant") String tenant, @Param("offset") int offset,
      @Param("limit") int limit);

  @Delete("DELETE FROM ${schema}.webhook_subscriptions WHERE id = #{id}")
  int deleteSubscription(@Param("id") String id);

  /** Adds the row unless its (subscription, event key) is there, or its subscription is gone. */
  @Insert("INSERT INTO ${schema}.webhook_outbox (" + DELIVERY_COLUMNS + ")"
      + " SELECT #{id}, #{subscriptionId}, #{tenantId}, #{event}, #{eventKey}, #{body}, #{status},"
      + " #{attempts}, #{createdAt}, #{nextAttemptAt}, #{lastStatus}, #{lastError}"
      + " WHERE EXISTS (SELECT 1 FROM ${schema}.webhook_subscriptions WHERE id = #{subscriptionId})"
      + " ON CONFLICT DO NOTHING")
  int insertDelivery(DeliveryRow row);

  /** Claims due rows no live claim holds; rows another transaction is claiming are skipped. */
  @Select("UPDATE ${schema}.webhook_outbox o SET claimed_until = #{until}, attempts = o.attempts + 1"
      + " FROM (SELECT id FROM ${schema}.webhook_outbox WHERE status = 'pending'"
      + " AND next_attempt_at <= #{now} AND (claimed_until IS NULL OR claimed_until <= #{now})"
      + " ORDER BY next_attempt_at LIMIT #{max} FOR UPDATE SKIP LOCKED) due"
      + " WHERE o.id = due.id RETURNING o.id, o.subscription_id, o.tenant_id, o.event, o.event_key,"
      + " o.body, o.status, o.attempts, o.created_at, o.next_attempt_at, o.last_status, o.last_error")
  List<DeliveryRow> claim(@Param("now") Instant now, @Param("until") Instant until,
      @Param("max") int max);

  @Update("UPDATE ${schema}.webhook_outbox SET status = #{status}, next_attempt_at = #{next},"
      + " last_status = #{lastStatus}, last_error = #{lastError}, claimed_until = NULL"
      + " WHERE id = #{id}")
  int record(@Param("id") String id, @Param("status") String status, @Param("next") Instant next,
      @Param("lastStatus") Integer lastStatus, @Param("lastError") String lastError);

  @Select("<script>SELECT " + DELIVERY_COLUMNS + " FROM ${schema}.webhook_outbox WHERE TRUE"
      + "<if test='tenant != null'> AND tenant_id = #{tenant}</if>"
      + "<if test='subscription != null'> AND subscription_id = #{subscription}</if>"
      + "<if test='status != null'> AND status = #{status}</if>"
      + " ORDER BY created_at DESC, id OFFSET #{offset} LIMIT #{limit}</script>")
  List<DeliveryRow> deliveries(@Param("tenant") String tenant,
      @Param("subscription") String subscription, @Param("status") String status,
      @Param("offset") int offset, @Param("limit") int limit);

  @Select("SELECT " + DELIVERY_COLUMNS + " FROM ${schema}.webhook_outbox WHERE id = #{id}")
  DeliveryRow delivery(@Param("id") String id);
}
