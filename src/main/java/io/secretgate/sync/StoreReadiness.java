package io.secretgate.sync;

import io.secretgate.api.StoreKind;
import io.secretgate.api.VaultAuth;
import io.secretgate.kube.CaReadException;
import io.secretgate.kube.StoreStatusWriter;
import io.secretgate.kube.TokenReadException;
import io.secretgate.secrets.SyncEvent;
import io.secretgate.validation.Store;
import io.secretgate.vault.Health;
import io.secretgate.vault.InvalidConnectionException;
import io.secretgate.vault.TokenInfo;
import io.secretgate.vault.VaultConnection;
import io.secretgate.vault.VaultFailure;
import io.secretgate.vault.VaultGateway;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a Vault store can be used, written as ESO's Ready condition on the store: Vault answers,
 * is initialised and unsealed, and the token is valid (lookup-self; a token expiring within a
 * minute counts as invalid, as in ESO). An auth method secretgate does not support yet gets a clear
 * reason. The condition's message is one of ESO's fixed texts; the cause goes to the log and, as in
 * ESO, to a Warning Event {@code InvalidProviderConfig} on the store.
 */
public final class StoreReadiness {
  private static final Logger LOG = LoggerFactory.getLogger(StoreReadiness.class);

  private final VaultConnections vaults;
  private final StoreStatusWriter status;
  private final Optional<TokenExpiryWarnings> expiry;
  private final BiConsumer<Store, SyncEvent> events;

  /** Without Events: the cause of a store that is not ready goes to the log only. */
  public StoreReadiness(VaultConnections vaults, StoreStatusWriter status) {
    this(vaults, status, Optional.empty(), (store, event) -> { });
  }

  /**
   * {@code expiry}: reports tokens that expire soon (status message and one Event per token);
   * {@code events}: records an Event on a store (the cause of a store that is not ready, as ESO does).
   */
  public StoreReadiness(VaultConnections vaults, StoreStatusWriter status, Optional<TokenExpiryWarnings> expiry, BiConsumer<Store, SyncEvent> events) {
    this.vaults = vaults;
    this.status = status;
    this.expiry = expiry;
    this.events = events;
  }

  /** The verdict on a store, before it is written. */
  public record Verdict(boolean ready, String reason, String message, String detail) {}

  /**
   * Checks the store and writes its Ready condition; returns that condition's status, empty when the
   * store is not a Vault store or names another controller class (nothing is written), or is gone.
   */
  public Optional<Boolean> check(Store store) {
    if (store.spec().provider == null || store.spec().provider.vault == null || ControllerClass.another(store.spec())) return Optional.empty();
    Verdict v = verdict(store);
    if (!v.ready()) {
      LOG.warn("{} is not ready: {}", store.displayName(), v.detail());
      events.accept(store, SyncEvent.warning(v.reason(), v.detail()));
    }
    boolean exists = status.write(store.kind(), store.namespace(), store.name(), v.ready(), v.reason(), v.message());
    return exists ? Optional.of(v.ready()) : Optional.empty();
  }

  Verdict verdict(Store store) {
    VaultAuth auth = store.spec().provider.vault.auth;
    List<String> methods = auth == null ? List.of() : auth.methodsPresent();
    if (methods.isEmpty() || !methods.get(0).equals("tokenSecretRef")) {
      String method = methods.isEmpty() ? "none" : methods.get(0);
      return invalid(StoreStatusWriter.MSG_NO_CLIENT, "auth method " + method + " is not supported by secretgate yet (only tokenSecretRef)");
    }
    if (store.kind() == StoreKind.ClusterSecretStore && (auth.tokenSecretRef.namespace == null || auth.tokenSecretRef.namespace.isEmpty())) {
      return new Verdict(true, StoreStatusWriter.REASON_VALID, StoreStatusWriter.MSG_VALID, "referent auth: the token is read in each ExternalSecret's namespace");
    }
    try {
      VaultGateway gateway = vaults.open(store, store.namespace(), true).gateway();
      Health health = gateway.health();
      String vault = "Vault at " + VaultConnection.displayAddress(URI.create(store.spec().provider.vault.server));
      if (!health.initialized()) return invalid(StoreStatusWriter.MSG_NOT_VALIDATED, vault + " is not initialised");
      if (health.sealed()) return invalid(StoreStatusWriter.MSG_NOT_VALIDATED, vault + " is sealed");
      TokenInfo token = gateway.lookupSelf();
      if (token.expireTime().isPresent() && token.ttlSeconds() < 60) {
        return invalid(StoreStatusWriter.MSG_NOT_VALIDATED, "the Vault token expires in " + token.ttlSeconds() + "s");
      }
      String digest = vaults.tokenDigest(store, store.namespace());
      Optional<String> expiring = expiry.flatMap(x -> x.check(store, token, digest));
      return new Verdict(true, StoreStatusWriter.REASON_VALID, expiring.orElse(StoreStatusWriter.MSG_VALID), "");
    } catch (TokenReadException | CaReadException | InvalidConnectionException e) {
      return invalid(StoreStatusWriter.MSG_NO_CLIENT, e.getMessage());
    } catch (VaultFailure e) {
      return invalid(StoreStatusWriter.MSG_NOT_VALIDATED, e.getMessage());
    }
  }

  private static Verdict invalid(String message, String detail) {
    return new Verdict(false, StoreStatusWriter.REASON_INVALID, message, detail);
  }
}
