package dev.tollgate.app.http;

import dev.tollgate.domain.admission.Admission;
import dev.tollgate.domain.admission.AdmissionTicket;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.usage.ChargingRule;
import dev.tollgate.port.in.AuthorizeCommand;
import dev.tollgate.port.in.SettleCommand;
import dev.tollgate.port.out.Endpoint;
import dev.tollgate.port.out.UpstreamRequest;
import dev.tollgate.port.out.UpstreamResponse;
import dev.tollgate.wire.openai.AnswerEdit;
import dev.tollgate.wire.openai.AudioRequest;
import dev.tollgate.wire.openai.RequestParser;
import dev.tollgate.wire.openai.TranscriptionUsage;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * OpenAI's audio transcriptions and translations ({@code /v1/audio/…}): a multipart form read
 * whole, the audio's length read from its header ({@link AudioRequest}), admitted with a hold of
 * that much audio at the model's price per second (and Whisper's output bound at its token
 * price), forwarded byte for byte but for the model's name, and settled from the usage the answer
 * reports (seconds of audio, or tokens), else from the estimate. The answer goes back as the
 * upstream wrote it, in whichever format the client asked for (JSON, text, SRT, VTT), or as
 * server-sent events for {@code stream=true}.
 */
public final class AudioHandler implements Handler {

  /** OpenAI's limit on an audio file: forms up to this are read whatever max-body-bytes says. */
  public static final long MAX_AUDIO_BODY_BYTES = 25L * 1024 * 1024;

  private final Endpoint endpoint;
  private final Gateway gw;

  public AudioHandler(Endpoint endpoint, Gateway gateway) {
    if (!endpoint.isAudio()) {
      throw new IllegalArgumentException(endpoint + " is not an audio operation");
    }
    this.endpoint = endpoint;
    this.gw = gateway;
  }

  @Override
  public void handle(ServerRequest req, ServerResponse res) {
    RequestTrace trace = new RequestTrace(endpoint, gw.spans().begin(req.headers(), endpoint));
    trace.reportAround(gw.telemetry(), res, () -> serve(req, res, trace));
  }

  private long maxBodyBytes() {
    return Math.max(gw.maxBodyBytes(), MAX_AUDIO_BODY_BYTES);
  }

  private void serve(ServerRequest req, ServerResponse res, RequestTrace trace) {
    long limit = maxBodyBytes();
    RequestFront front = RequestFront.open(req, res, trace, gw, limit);
    if (front == null) {
      return;
    }
    AudioRequest request;
    long promptTokens;
    try (BodyBuffer.Reservation held = front.room()) {
      byte[] body = Bodies.read(req, limit);
      request = AudioRequest.parse(endpoint, body,
          req.headers().first(HeaderNames.CONTENT_TYPE).orElse(null));
      promptTokens = gw.tokens().count(request.prompt());
    } catch (Bodies.TooLarge e) {
      ProxyHandler.error(res, trace, e.toError());
      return;
    } catch (RequestParser.BadRequest e) {
      ProxyHandler.error(res, trace, ApiError.invalidRequest(e.getMessage(), e.param()));
      return;
    }
    trace.admissionBegins();
    Admission admission;
    try {
      admission = gw.tollgate().authorize().authorize(
          new AuthorizeCommand(front.secret(), request.model(), gw.requestIds().next(),
              promptTokens, OptionalLong.of(request.maxOutputTokens()), Optional.empty(), 1)
              .withHeaderEndUser(TrustedUserHeaders.endUser(req))
              .withSession(front.session())
              .withTags(front.tags())
              .withAudioMillis(request.holdMillis()));
    } finally {
      trace.admissionEnds();
    }
    switch (admission) {
      case Admission.Denied denied -> {
        trace.denied(denied.reason());
        ProxyHandler.error(res, trace, ApiError.of(denied));
      }
      case Admission.Admitted admitted -> ProxyHandler.afterAdmission(gw, admitted.ticket(),
          trace, request.stream(), once -> relay(res, request, once, promptTokens, trace));
    }
  }

  private void relay(ServerResponse res, AudioRequest request, OnceSettled once,
      long promptTokens, RequestTrace trace) {
    AdmissionTicket ticket = once.ticket();
    String upstreamModel = ticket.model().upstreamName().value();
    Map<String, String> headers = new HashMap<>(trace.dataPlaneCallBegins(upstreamModel));
    headers.put("content-type", request.contentType());
    UpstreamRequest outbound = new UpstreamRequest(endpoint, request.bodyFor(upstreamModel),
        request.stream(), ticket.requestId(), ticket.model().upstreamName(), ticket.key().owner().tenant(),
        ticket.objective(), ticket.tenantPolicy().fairnessId(), gw.upstreamTimeout(), headers);
    UpstreamResponse upstream = ProxyHandler.send(gw, outbound, once, res, trace);
    if (upstream == null) {
      return;
    }
    try (upstream) {
      if (!upstream.head().isSuccess()) {
        ProxyHandler.refused(gw, upstream, once, res, trace);
        return;
      }
      if (request.stream()) {
        stream(res, request, once, upstream, promptTokens, trace);
        return;
      }
      byte[] body;
      trace.upstreamBegins();
      try {
        body = Bodies.readUpTo(upstream, gw.maxResponseBytes());
      } catch (IOException e) {
        trace.upstreamEnds();
        once.settle(new SettleCommand.Failed("upstream body broke: " + e.getMessage()));
        ProxyHandler.error(res, trace, Upstreams.broken());
        return;
      }
      trace.upstreamEnds();
      // Settled before the answer goes out, as every answered request is.
      Money cost = once.settle(SettleCommand.outcomeOf(ChargingRule.forAudioAnswer(
          TranscriptionUsage.read(gw.mapper(), body), promptTokens, request.audioMillis(),
          () -> gw.tokens().count(new String(body, StandardCharsets.UTF_8))))).cost();
      Responses.answered(res, ticket, cost, upstream.head(), "application/json");
      trace.overheadHeader(res);
      res.send(body);
    }
  }

  /**
   * vLLM's streamed transcription ({@code transcription.chunk} events, as a chat stream's): relayed
   * event by event, the model renamed ({@link SseRelay}); settled before the stream's end from the
   * usage it reported (when the client asked vLLM for it with {@code stream_include_usage}), else
   * the estimate of the text relayed, plus the audio measured at admission.
   */
  private void stream(ServerResponse res, AudioRequest request, OnceSettled once,
      UpstreamResponse upstream, long promptTokens, RequestTrace trace) {
    AdmissionTicket ticket = once.ticket();
    Responses.streaming(res, ticket, upstream.head());
    // The stream goes out as the upstream wrote it but for the model's name: nothing was asked
    // on the client's behalf, so nothing is dropped.
    SseRelay relay = new SseRelay(gw.dataPlane(), gw.mapper(), true,
        new AnswerEdit(request.model(), false));
    trace.overheadHeader(res);
    OutputStream out = res.outputStream();
    trace.upstreamBegins();
    SseRelay.Result result = relay.relay(trace.timingFirstToken(upstream.body()), out);
    trace.upstreamEnds();
    once.settle(SettleCommand.outcomeOf(ChargingRule.forAudioStream(result.usage(),
        result.upstreamBroken(), result.eventsRelayed(), promptTokens, request.audioMillis(),
        () -> gw.tokens().count(result.producedText()))));
    ProxyHandler.closeQuietly(out);
  }
}
