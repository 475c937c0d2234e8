package io.wasabioperator.signing.http;

import java.time.Duration;

/**
 * What one connection may hold of the server.
 *
 * @param headTimeout how long the request line and headers (and the TLS handshake) may take to arrive, once the
 *     first byte of a call has
 * @param idleTimeout how long a kept-alive connection may wait for its next call: longer than the head's, since
 *     clients keep connections in pools and a connection closed under them fails their next call
 * @param bodyTimeout how long the body may take to arrive once the call is admitted
 * @param maxBodyBytes the largest body read
 * @param workers threads that run handlers; {@code queue} calls wait for one, more are answered 503
 * @param connections open connections at most, and {@code connectionsPerSource} from one address; more are
 *     closed as they open, before the TLS handshake costs anything
 * @param bufferedBodyBytes the bytes of bodies held at once across all connections; a body that would pass it
 *     is answered 503
 */
public record ServerLimits(Duration headTimeout, Duration idleTimeout, Duration bodyTimeout, int maxBodyBytes, int workers, int queue,
    int connections, int connectionsPerSource, long bufferedBodyBytes) {}
