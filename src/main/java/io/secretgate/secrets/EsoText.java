package io.secretgate.secrets;

/** ESO's fixed condition reasons, condition messages, event reasons and error formats. */
public final class EsoText {
  public static final String REASON_SYNCED = "SecretSynced";
  public static final String REASON_SYNCED_ERROR = "SecretSyncedError";
  public static final String REASON_DELETED = "SecretDeleted";
  public static final String REASON_MISSING = "SecretMissing";

  public static final String MSG_SYNCED = "secret synced";
  public static final String MSG_SYNCED_RETAIN = "secret retained due to DeletionPolicy=Retain";
  public static final String MSG_DELETED = "secret deleted due to DeletionPolicy=Delete";
  public static final String MSG_MISSING = "secret will not be created due to CreationPolicy=Merge";
  public static final String MSG_ERROR_GET_SECRET_DATA = "could not get secret data from provider";
  public static final String MSG_ERROR_DELETE_SECRET = "could not delete secret";
  public static final String MSG_ERROR_UPDATE_SECRET = "could not update secret";
  public static final String MSG_ERROR_DELETE_ORPHANED = "could not delete orphaned secrets";
  public static final String MSG_ERROR_UPDATE_IMMUTABLE = "could not update secret, target is immutable";
  public static final String MSG_ERROR_BECOME_OWNER = "failed to take ownership of target secret";
  public static final String MSG_ERROR_IS_OWNED = "target is owned by another ExternalSecret";
  /** secretgate's own fixed message: the spec is invalid or unsupported; not retried until it changes. */
  public static final String MSG_ERROR_INVALID_SPEC = "invalid ExternalSecret spec";

  public static final String EVENT_UPDATE_FAILED = "UpdateFailed";
  public static final String EVENT_MISSING_PROVIDER_SECRET = "MissingProviderSecret";
  public static final String EVENT_DELETED = "Deleted";
  public static final String EVENT_DELETED_MESSAGE = "secret deleted due to DeletionPolicy=Delete";
  public static final String EVENT_DELETED_ORPHANED_MESSAGE = "secret deleted because it was orphaned";
  public static final String EVENT_CREATED = "Created";
  public static final String EVENT_CREATED_MESSAGE = "secret created";
  public static final String EVENT_UPDATED = "Updated";
  public static final String EVENT_UPDATED_MESSAGE = "secret updated";

  static final String ERR_CONVERT = "error applying conversion strategy %s to keys: ";
  static final String ERR_REWRITE = "error applying rewrite to keys: ";
  static final String ERR_DECODE = "error applying decoding strategy %s to data: ";
  static final String ERR_INVALID_KEYS = "invalid secret keys (TIP: use rewrite or conversionStrategy to change keys): ";
  static final String ERR_GET_ALL_SECRETS = "error getting all secrets: ";
  static final String ERR_APPLY_TEMPLATE = "could not apply template: ";
  static final String ERR_EXEC_TEMPLATE = "could not execute template: ";

  private EsoText() {}

  static String dataEntry(int i, String key) {
    return "error processing spec.data[" + i + "] (key: " + key + "), err: ";
  }

  static String dataFromEntry(int i, String kind) {
    return "error processing spec.dataFrom[" + i + "]." + kind + ", err: ";
  }

  static String missingData(int i, String key) {
    return "secret does not exist at provider using spec.data[" + i + "] (key=" + key + ")";
  }

  static String missingDataFrom(int i) {
    return "secret does not exist at provider using spec.dataFrom[" + i + "]";
  }

  static String deleteNotOwner(String secretName, Object creationPolicy) {
    return "unable to delete secret " + secretName + ": creationPolicy=" + creationPolicy + " is not Owner";
  }
}
