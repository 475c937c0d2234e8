package io.wasabioperator.signedurl;

/** The reasons a SignedUrlRequest's conditions carry; each name is the exact CamelCase reason. */
public enum SignedUrlReason {
  // Ready True, and Issuing False once done
  Issued,
  // Why a URL is being issued (Issuing True); a new request is a SpecChanged
  Renewing,
  ManuallyTriggered,
  IntegrationChanged,
  SpecChanged,
  // Why no URL could be issued (Ready False, or Issuing False while an older URL is still valid)
  IntegrationNotFound,
  IntegrationNotReady,
  IntegrationReadOnly,
  InvalidKey,
  KeyOutsideAccessPrefix,
  InvalidContentType,
  InvalidDuration,
  DurationTooLong,
  InvalidRenewBefore,
  InvalidSecretName,
  InvalidSecretTemplate,
  SecretNameConflict,
  MiraxNotEnabled,
  // Access ended: the URLs issued before are withdrawn (besides IntegrationNotFound and the refusals above)
  IntegrationDeleting,
  PlatformIdentityNotGranted,
  CredentialsSecretNotFound,
  CredentialsSecretNotLabelled,
  MiraxFolderEmpty,
  MiraxListFailed,
  TooManyObjects,
  Expired
}
