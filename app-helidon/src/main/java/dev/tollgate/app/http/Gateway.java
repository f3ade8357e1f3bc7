package dev.tollgate.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.port.out.DataPlane;
import dev.tollgate.service.Tollgate;
import java.time.Duration;

/**
 * What the {@code /v1} handlers share: the engine, the data plane, parsing and counting, and the
 * bounds they enforce.
 */
public record Gateway(
    Tollgate tollgate,
    DataPlane dataPlane,
    ObjectMapper mapper,
    RequestParser parser,
    TokenCounter tokens,
    RequestIds requestIds,
    BodyBuffer bodyBuffer,
    long maxBodyBytes,
    long maxResponseBytes,
    Duration upstreamTimeout) {}
