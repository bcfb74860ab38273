package dev.ifmon.core.auth;

import dev.ifmon.api.AuthContext;
import dev.ifmon.api.AuthenticationException;
import dev.ifmon.api.Authenticator;
import dev.ifmon.api.Credential;
import dev.ifmon.core.mask.Masker;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cached credential of one service, fetched through its {@link Authenticator} on a virtual thread with
 * single flight: concurrent callers that find no valid credential share one fetch and wait for it at most
 * {@code waitLimit}. Thread-safe; the state is guarded by one lock, the valid credential is read without it.
 *
 * <p>Refresh: a credential with a known expiry is refreshed {@link CredentialManager#skew} before it expires.
 * If that refresh fails while the old credential has not yet expired, the old one is used.
 *
 * <p>Failures are remembered for {@link CredentialManager#FAILURE_MEMORY}: callers in that time get the same
 * reason without a new fetch. A credential fetched because of a rejection is not replaced because of another
 * rejection within {@link CredentialManager#REJECTION_MEMORY}: the caller gets the same instance back and
 * knows the rejection persists.
 */
final class SharedServiceCredentials implements ServiceCredentials {

    private static final Logger LOG = LoggerFactory.getLogger(SharedServiceCredentials.class);

    private final String type;
    private final Authenticator authenticator;
    private final AuthContext context;
    private final Duration waitLimit;
    private final Masker masker;
    private final List<String> secrets;
    private final ReentrantLock lock = new ReentrantLock();

    private volatile Entry cached;
    private Failure failure;
    private CompletableFuture<Credential> inflight;

    SharedServiceCredentials(String type, Authenticator authenticator, AuthContext context, Duration waitLimit,
            Set<String> secrets) {
        this.type = type;
        this.authenticator = authenticator;
        this.context = context;
        this.waitLimit = waitLimit;
        this.masker = Masker.of(secrets);
        this.secrets = secrets.stream().filter(secret -> secret.length() >= Masker.MIN_SECRET_LENGTH)
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    @Override
    public Optional<Credential> current() {
        Entry entry = cached;
        if (entry != null && entry.fresh(now())) {
            return Optional.of(entry.credential());
        }
        return Optional.of(obtain(null));
    }

    @Override
    public Optional<Credential> renewAfterRejection(Credential rejected) {
        return Optional.of(obtain(rejected));
    }

    private Credential obtain(Credential rejected) {
        CompletableFuture<Credential> flight;
        Entry fallback;
        lock.lock();
        try {
            Instant now = now();
            Entry entry = cached;
            if (rejected != null && entry != null && entry.credential() == rejected) {
                if (entry.renewedAfterRejection(now)) {
                    LOG.debug("Credential rejected again soon after a renewal service={} type={}; not fetching "
                            + "again before {}", context.service(), type, entry.fetchedAt().plus(
                            CredentialManager.REJECTION_MEMORY));
                    return rejected;
                }
                cached = null;
                entry = null;
            }
            if (entry != null && entry.fresh(now)) {
                return entry.credential();
            }
            fallback = entry != null && entry.usable(now) ? entry : null;
            if (inflight == null) {
                Failure remembered = failure;
                if (remembered != null && now.isBefore(remembered.until())) {
                    if (fallback != null) {
                        return fallback.credential();
                    }
                    throw new AuthenticationException(remembered.reason());
                }
                inflight = startFetch(rejected != null);
            }
            flight = inflight;
        } finally {
            lock.unlock();
        }
        return awaitOr(flight, fallback);
    }

    private Credential awaitOr(CompletableFuture<Credential> flight, Entry fallback) {
        try {
            return await(flight);
        } catch (AuthenticationException e) {
            if (fallback == null) {
                throw e;
            }
            LOG.debug("Credential refresh failed service={} type={} reason={}; using the current credential until "
                    + "it expires at {}", context.service(), type, e.getMessage(), fallback.expiresAt());
            return fallback.credential();
        }
    }

    private CompletableFuture<Credential> startFetch(boolean afterRejection) {
        CompletableFuture<Credential> flight = new CompletableFuture<>();
        Thread.ofVirtual().name("ifmon-auth-" + context.service()).start(() -> fetch(flight, afterRejection));
        return flight;
    }

    private void fetch(CompletableFuture<Credential> flight, boolean afterRejection) {
        long started = System.nanoTime();
        try {
            Credential fresh = copy(authenticator.authenticate(context));
            settle(flight, new Entry(fresh, now(), expiry(fresh), afterRejection), null);
            LOG.debug("Credential obtained service={} type={} expiresAt={} durationMs={}", context.service(), type,
                    fresh.expiresAt() == null ? "unknown" : fresh.expiresAt(), millisSince(started));
            flight.complete(fresh);
        } catch (AuthenticationException e) {
            fail(flight, hideKnownSecrets(e.getMessage()), started);
        } catch (RuntimeException | LinkageError e) {
            fail(flight, "authenticator '" + type + "' failed: " + e.getClass().getName() + ": "
                    + masker.mask(String.valueOf(e.getMessage())), started);
        } catch (Error e) {
            settle(flight, null, new Failure("authenticator '" + type + "' failed: " + e.getClass().getName(),
                    now().plus(CredentialManager.FAILURE_MEMORY)));
            flight.completeExceptionally(e);
            throw e;
        }
    }

    private void fail(CompletableFuture<Credential> flight, String reason, long started) {
        Instant until = now().plus(CredentialManager.FAILURE_MEMORY);
        settle(flight, null, new Failure(reason, until));
        LOG.warn("Authentication failed service={} type={} durationMs={} reason={}; not trying again "
                + "before {}", context.service(), type, millisSince(started), reason, until);
        flight.completeExceptionally(new AuthenticationException(reason));
    }

    private void settle(CompletableFuture<Credential> flight, Entry entry, Failure failed) {
        lock.lock();
        try {
            if (inflight != flight) {
                return;
            }
            inflight = null;
            failure = failed;
            if (entry != null) {
                cached = entry;
            }
        } finally {
            lock.unlock();
        }
    }

    private Credential await(CompletableFuture<Credential> flight) {
        try {
            return flight.get(waitLimit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            String reason = "authenticator '" + type + "' gave no credential within " + waitLimit.toMillis() + "ms";
            settle(flight, null, new Failure(reason, now().plus(CredentialManager.FAILURE_MEMORY)));
            flight.completeExceptionally(new AuthenticationException(reason));
            throw new AuthenticationException(reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthenticationException("interrupted while waiting for the credential of service "
                    + context.service(), e);
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        }
    }

    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof Error error) {
            throw error;
        }
        return new AuthenticationException(cause.getMessage());
    }

    /**
     * Hides the block's secret values in a reason written by an authenticator. The {@link Masker}'s
     * name-based rules are not applied here: they would hide the reply shapes ({@code "token":<string>}) that
     * reasons are made of.
     */
    private String hideKnownSecrets(String reason) {
        String text = String.valueOf(reason);
        for (String secret : secrets) {
            text = text.replace(secret, Masker.MASK);
        }
        return text;
    }

    private Instant expiry(Credential credential) {
        Instant expiresAt = credential.expiresAt();
        Instant now = now();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            LOG.warn("Credential expires at {}, not after it was obtained at {} service={} type={}; treating its "
                    + "expiry as unknown and keeping it until an endpoint rejects it", expiresAt, now,
                    context.service(), type);
            return null;
        }
        Instant latest = now.plus(CredentialManager.MAX_LIFETIME);
        if (expiresAt != null && expiresAt.isAfter(latest)) {
            LOG.warn("Credential expires at {}, more than {} days after it was obtained service={} type={}; keeping "
                    + "it until {} and then fetching a new one", expiresAt, CredentialManager.MAX_LIFETIME.toDays(),
                    context.service(), type, latest);
            return latest;
        }
        return expiresAt;
    }

    private static Credential copy(Credential credential) {
        if (credential == null) {
            throw new AuthenticationException("the authenticator returned no credential");
        }
        return new Credential(credential.headers(), credential.query(), credential.expiresAt(),
                credential.secrets());
    }

    private Instant now() {
        return context.clock().instant();
    }

    private static long millisSince(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    /** A failure and until when it is reported without a new fetch. */
    private record Failure(String reason, Instant until) {
    }

    /** A cached credential with the instants that govern it. */
    private record Entry(Credential credential, Instant fetchedAt, Instant expiresAt, boolean afterRejection) {

        boolean fresh(Instant now) {
            return expiresAt == null || now.isBefore(expiresAt.minus(CredentialManager.skew(fetchedAt, expiresAt)));
        }

        boolean usable(Instant now) {
            return expiresAt == null || now.isBefore(expiresAt);
        }

        boolean renewedAfterRejection(Instant now) {
            return afterRejection && now.isBefore(fetchedAt.plus(CredentialManager.REJECTION_MEMORY));
        }
    }
}
