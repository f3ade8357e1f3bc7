package dev.tollgate.app.tracing;

import dev.tollgate.app.http.RequestSpan;
import dev.tollgate.app.metrics.GenAi;
import dev.tollgate.domain.admission.AdmissionTicket;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.port.out.Endpoint;
import dev.tollgate.port.out.RequestOutcome;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One request's spans: the server span ({@code POST /v1/chat/completions}, kind SERVER) and its
 * children {@code tollgate.admission}, the data-plane call ({@code chat <upstream model>}, kind
 * CLIENT, whose context the data plane is sent) and {@code tollgate.settlement}. Attributes follow
 * the GenAI semantic conventions at {@value GenAi#SEMCONV_VERSION}, plus Tollgate's own
 * ({@code tollgate.*}: tenant, key id, request id, cost). Nothing here is a secret: keys appear by
 * id only. Used on the request's thread only.
 */
final class OtelRequestSpan implements RequestSpan {

  static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
  static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey(GenAi.ERROR_TYPE);
  static final AttributeKey<String> OPERATION = AttributeKey.stringKey(GenAi.OPERATION);
  static final AttributeKey<String> PROVIDER = AttributeKey.stringKey(GenAi.PROVIDER);
  static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey(GenAi.REQUEST_MODEL);
  static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
  static final AttributeKey<Long> OUTPUT_TOKENS =
      AttributeKey.longKey("gen_ai.usage.output_tokens");
  static final AttributeKey<Long> CACHE_READ =
      AttributeKey.longKey("gen_ai.usage.cache_read.input_tokens");
  static final AttributeKey<Long> CACHE_CREATION =
      AttributeKey.longKey("gen_ai.usage.cache_creation.input_tokens");
  static final AttributeKey<String> TENANT = AttributeKey.stringKey("tollgate.tenant.id");
  static final AttributeKey<String> KEY = AttributeKey.stringKey("tollgate.key.id");
  static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("tollgate.request.id");
  static final AttributeKey<Long> COST = AttributeKey.longKey("tollgate.cost.nano_usd");
  static final AttributeKey<String> COST_USD = AttributeKey.stringKey("tollgate.cost.usd");
  static final AttributeKey<String> DENIAL = AttributeKey.stringKey("tollgate.denial.reason");
  static final AttributeKey<Boolean> STREAM = AttributeKey.booleanKey("tollgate.stream");

  private final Tracer tracer;
  private final Span server;
  private final Context context;
  private final String operation;
  private final String provider;
  private Span admission;
  private Span call;
  private Span settlement;

  private OtelRequestSpan(Tracer tracer, Span server, Context context, String operation,
      String provider) {
    this.tracer = tracer;
    this.server = server;
    this.context = context;
    this.operation = operation;
    this.provider = provider;
  }

  static OtelRequestSpan begin(Tracer tracer, Context parent, Endpoint endpoint, String provider) {
    String operation = GenAi.operation(endpoint);
    Span server = tracer.spanBuilder("POST " + endpoint.path())
        .setParent(parent)
        .setSpanKind(SpanKind.SERVER)
        .setAttribute(METHOD, "POST")
        .setAttribute(ROUTE, endpoint.path())
        .setAttribute(OPERATION, operation)
        .setAttribute(PROVIDER, provider)
        .startSpan();
    return new OtelRequestSpan(tracer, server, parent.with(server), operation, provider);
  }

  private Span child(String name) {
    return tracer.spanBuilder(name).setParent(context).setSpanKind(SpanKind.INTERNAL).startSpan();
  }

  @Override
  public void admissionBegins() {
    admission = child("tollgate.admission");
  }

  @Override
  public void admissionEnds() {
    if (admission != null) {
      admission.end();
    }
  }

  @Override
  public Map<String, String> dataPlaneCallBegins(String upstreamModel) {
    call = tracer.spanBuilder(operation + " " + upstreamModel)
        .setParent(context)
        .setSpanKind(SpanKind.CLIENT)
        .setAttribute(OPERATION, operation)
        .setAttribute(PROVIDER, provider)
        .setAttribute(REQUEST_MODEL, upstreamModel)
        .startSpan();
    Map<String, String> headers = new HashMap<>(4);
    W3CTraceContextPropagator.getInstance().inject(context.with(call), headers, Map::put);
    return headers;
  }

  @Override
  public void dataPlaneCallEnds(int upstreamStatus) {
    if (call == null) {
      return;
    }
    if (upstreamStatus > 0) {
      call.setAttribute(STATUS, upstreamStatus);
    }
    if (upstreamStatus < 0 || upstreamStatus >= 400) {
      call.setAttribute(ERROR_TYPE, upstreamStatus < 0 ? "_OTHER" : Integer.toString(upstreamStatus));
      call.setStatus(StatusCode.ERROR);
    }
    call.end();
  }

  @Override
  public void settlementBegins() {
    settlement = child("tollgate.settlement");
  }

  @Override
  public void settlementEnds(long costNanoUsd) {
    if (settlement == null) {
      return;
    }
    if (costNanoUsd >= 0) {
      settlement.setAttribute(COST, costNanoUsd);
    } else {
      settlement.setStatus(StatusCode.ERROR, "settlement failed");
    }
    settlement.end();
  }

  @Override
  public void ends(RequestOutcome outcome) {
    int status = outcome.status();
    server.setAttribute(STATUS, status);
    server.setAttribute(STREAM, outcome.stream());
    if (status >= 400) {
      server.setAttribute(ERROR_TYPE, Integer.toString(status));
    }
    if (status >= 500) {
      server.setStatus(StatusCode.ERROR); // a refusal (4xx) is the server working, not an error
    }
    outcome.denial().ifPresent(d -> server.setAttribute(DENIAL, d.name().toLowerCase(Locale.ROOT)));
    outcome.ticket().ifPresent(this::admitted);
    outcome.usage().ifPresent(this::used);
    server.setAttribute(COST, outcome.recordedCost().nanoUsd());
    server.setAttribute(COST_USD, outcome.recordedCost().toPlainUsd());
    server.end();
  }

  private void admitted(AdmissionTicket ticket) {
    server.setAttribute(REQUEST_MODEL, ticket.model().name().value());
    server.setAttribute(TENANT, ticket.key().owner().tenant().value());
    server.setAttribute(KEY, ticket.key().id().value());
    server.setAttribute(REQUEST_ID, ticket.requestId().value());
  }

  private void used(TokenUsage usage) {
    server.setAttribute(INPUT_TOKENS, usage.promptTokens());
    server.setAttribute(OUTPUT_TOKENS, usage.completionTokens());
    if (usage.cachedInputTokens() > 0) {
      server.setAttribute(CACHE_READ, usage.cachedInputTokens());
    }
    long written = usage.allCacheWriteInputTokens();
    if (written > 0) {
      server.setAttribute(CACHE_CREATION, written);
    }
  }
}
