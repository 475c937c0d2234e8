package io.wasabioperator.integration;

/** The reasons the integration's conditions carry; each name is the exact CamelCase reason. */
public enum IntegrationReason {
  // Validated
  Valid,
  InvalidBucketName,
  BucketNameContainsDots,
  UnknownRegion,
  InvalidMode,
  InvalidEndpoint,
  InsecureEndpoint,
  EndpointNotAllowed,
  InvalidPrefix,
  PrefixNotAllowedInReadOnlyMode,
  PrefixOutsideAccessPrefix,
  InvalidProbeInterval,
  InvalidProbeObjectKey,
  ProbeObjectKeyOutsideAccessPrefix,
  InvalidStorageName,
  InvalidPrincipalArn,
  StorageNameConflict,
  ConnectionSecretConflict,
  CredentialsSecretNotFound,
  CredentialsSecretIncomplete,
  CredentialsSecretNotLabelled,
  CredentialsSecretWrongType,
  InvalidCredentialsSecretRef,
  InvalidIntegrationName,
  PlatformIdentityNotGranted,
  NoCredentials,
  // AccessVerified
  AccessVerified,
  AccessDenied,
  NoSuchBucket,
  InvalidCredentials,
  WrongRegion,
  EndpointUnreachable,
  ProbeFailed,
  ReadAccessUnverified,
  NotProbed,
  // Ready
  Ready
}
