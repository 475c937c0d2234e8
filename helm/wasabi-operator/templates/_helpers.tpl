{{/* Chart name, shortened to the 63 characters a label value allows. */}}
{{- define "wasabi-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name of the release's objects; the release name alone when it already contains the chart name. */}}
{{- define "wasabi-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "wasabi-operator.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of every object: the standard ones, then commonLabels (which cannot override them). */}}
{{- define "wasabi-operator.labels" -}}
{{- $standard := include "wasabi-operator.selectorLabels" . | fromYaml }}
{{- $_ := set $standard "helm.sh/chart" (include "wasabi-operator.chart" .) }}
{{- $_ := set $standard "app.kubernetes.io/version" (.Values.image.tag | default .Chart.AppVersion | trunc 63 | trimSuffix "-") }}
{{- $_ := set $standard "app.kubernetes.io/managed-by" .Release.Service }}
{{- $_ := set $standard "app.kubernetes.io/part-of" "wasabi-operator" }}
{{- toYaml (merge $standard .Values.commonLabels) }}
{{- end }}

{{/* Labels that select the operator's pods; they never change between upgrades. */}}
{{- define "wasabi-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "wasabi-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "wasabi-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "wasabi-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The image: image.registry (or global.imageRegistry, as a parent chart sets it for all its subcharts) in
place of the repository's own registry, for mirrors; then the digest, or the tag.
*/}}
{{- define "wasabi-operator.image" -}}
{{- $repository := .Values.image.repository }}
{{- $registry := .Values.image.registry | default (dig "imageRegistry" "" (.Values.global | default dict)) }}
{{- if $registry }}
{{- $parts := splitList "/" $repository }}
{{- $first := first $parts }}
{{- /* The first part names a registry when it has a dot or a port, or is localhost (as Docker reads it). */}}
{{- if and (gt (len $parts) 1) (or (contains "." $first) (contains ":" $first) (eq $first "localhost")) }}
{{- $repository = join "/" (rest $parts) }}
{{- end }}
{{- $repository = printf "%s/%s" (trimSuffix "/" $registry) $repository }}
{{- end }}
{{- if .Values.image.digest }}
{{- printf "%s@%s" $repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" $repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}
{{- end }}

{{/* Namespace of the platform credentials Secret. */}}
{{- define "wasabi-operator.platformCredentialsNamespace" -}}
{{- .Values.platformCredentials.namespace | default .Release.Namespace }}
{{- end }}

{{/*
The rules the operator needs on its resources, Secrets and Events, wherever it watches. They are
exactly the API calls it makes: informers (list, watch) on both kinds and on labelled Secrets, Secrets read by name (get),
status writes (PUT), the connection and URL Secrets it creates, merge-patches and deletes, and
events.k8s.io Events. install-tests' RecordedRbacTest checks them against the requests it records.
*/}}
{{- define "wasabi-operator.watchRules" -}}
- apiGroups: ["storage.wasabi-operator.io"]
  resources: ["wasabistorageintegrations", "signedurlrequests"]
  verbs: ["list", "watch"]
- apiGroups: ["storage.wasabi-operator.io"]
  resources: ["wasabistorageintegrations/status", "signedurlrequests/status"]
  verbs: ["update"]
# The Secrets the operator creates name their owner with blockOwnerDeletion: true. Where the
# OwnerReferencesPermissionEnforcement admission plugin runs (OpenShift, many hardened clusters), that
# needs update on the owner's finalizers.
- apiGroups: ["storage.wasabi-operator.io"]
  resources: ["wasabistorageintegrations/finalizers", "signedurlrequests/finalizers"]
  verbs: ["update"]
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
- apiGroups: ["events.k8s.io"]
  resources: ["events"]
  verbs: ["create"]
{{- end }}

{{/* Settings that cannot work together fail the rendering with a message saying what to change. */}}
{{- define "wasabi-operator.validate" -}}
{{- if and (gt (int .Values.replicas) 1) (not .Values.leaderElection.enabled) }}
{{- fail "replicas > 1 needs leaderElection.enabled=true: without it every replica would reconcile" }}
{{- end }}
{{- range $part := list "serviceMonitor" "prometheusRule" "dashboard" }}
{{- if and (get $.Values.metrics $part).enabled (not $.Values.metrics.enabled) }}
{{- fail (printf "metrics.%s.enabled=true needs metrics.enabled=true: without the metrics server it would show nothing" $part) }}
{{- end }}
{{- end }}
{{- if and .Values.metrics.enabled (eq (int .Values.metrics.port) (int .Values.healthPort)) }}
{{- fail "metrics.port must differ from healthPort" }}
{{- end }}
{{- if .Values.signing.enabled }}
{{- range $shard := include "wasabi-operator.shards" . | fromJsonArray }}
{{- $service := include "wasabi-operator.signingService" (dict "root" $ "shard" $shard) }}
{{- if gt (len $service) 63 }}
{{- fail (printf "the signing Service's name %s is longer than 63 characters: shorten fullnameOverride or the shard's name" $service) }}
{{- end }}
{{- end }}
{{- if and (eq .Values.signing.tls.source "certManager") (not .Values.signing.tls.certManager.issuerRef.name) }}
{{- fail "signing.tls.source=certManager needs signing.tls.certManager.issuerRef.name: the Issuer or ClusterIssuer that signs the certificate" }}
{{- end }}
{{- if and (eq .Values.signing.tls.source "secret") (not .Values.signing.tls.secretName) }}
{{- fail "signing.tls.source=secret needs signing.tls.secretName: your TLS Secret in the release namespace" }}
{{- end }}
{{- $ca := include "wasabi-operator.seconds" .Values.signing.caLifetime | float64 }}
{{- $leaf := include "wasabi-operator.seconds" .Values.signing.certificateLifetime | float64 }}
{{- if lt $ca (mulf $leaf 3) }}
{{- fail (printf "signing.caLifetime (%s) must be at least three times signing.certificateLifetime (%s): a CA rotation overlaps two certificate lives" .Values.signing.caLifetime .Values.signing.certificateLifetime) }}
{{- end }}
{{- if or (eq (int .Values.signing.port) (int .Values.healthPort)) (and .Values.metrics.enabled (eq (int .Values.signing.port) (int .Values.metrics.port))) }}
{{- fail "signing.port must differ from healthPort and metrics.port" }}
{{- end }}
{{- end }}
{{- $shardNames := list }}
{{- range .Values.shards }}
{{- if has .name $shardNames }}
{{- fail (printf "shards: the name %s is used twice; each shard needs its own Deployment and Lease" .name) }}
{{- end }}
{{- $shardNames = append $shardNames .name }}
{{- end }}
{{- $election := .Values.leaderElection }}
{{- if $election.enabled }}
{{- $lease := include "wasabi-operator.seconds" $election.leaseDuration | float64 }}
{{- $renew := include "wasabi-operator.seconds" $election.renewDeadline | float64 }}
{{- $retry := include "wasabi-operator.seconds" $election.retryPeriod | float64 }}
{{- if not (and (gt $lease $renew) (gt $renew (mulf $retry 1.2))) }}
{{- fail (printf "leaderElection: leaseDuration (%s) must exceed renewDeadline (%s), which must exceed 1.2 x retryPeriod (%s)" $election.leaseDuration $election.renewDeadline $election.retryPeriod) }}
{{- end }}
{{- end }}
{{- $budget := .Values.podDisruptionBudget }}
{{- if and (toString (get $budget "minAvailable")) (toString (get $budget "maxUnavailable")) }}
{{- fail "podDisruptionBudget: set minAvailable or maxUnavailable, not both" }}
{{- end }}
{{- range .Values.extraEnv }}
{{- if hasPrefix "WASABI_OPERATOR_" .name }}
{{- fail (printf "extraEnv: %s is the operator's own setting: set it through the chart's values" .name) }}
{{- end }}
{{- end }}
{{- end }}

{{/* The shards as a JSON list; without shards, one unnamed shard that handles everything. */}}
{{- define "wasabi-operator.shards" -}}
{{- if .Values.shards }}{{ toJson .Values.shards }}{{ else }}[{}]{{ end }}
{{- end }}

{{/* The label that tells one shard's pods from another's (none without shards). */}}
{{- define "wasabi-operator.shardLabels" -}}
{{- with .name }}storage.wasabi-operator.io/shard: {{ . | quote }}{{ end }}
{{- end }}

{{/* A shard's Lease: each shard elects its own leader. Takes dict "root" and "shard". */}}
{{- define "wasabi-operator.leaseName" -}}
{{- $lease := .root.Values.leaderElection.leaseName | default "wasabi-operator-leader" }}
{{- if .shard.name }}{{ printf "%s-%s" $lease .shard.name }}{{ else }}{{ $lease }}{{ end }}
{{- end }}

{{/* Every shard's Lease, as a flow list for resourceNames. */}}
{{- define "wasabi-operator.leaseNames" -}}
{{- $root := . }}
{{- $names := list }}
{{- range $shard := include "wasabi-operator.shards" . | fromJsonArray }}
{{- $names = append $names (include "wasabi-operator.leaseName" (dict "root" $root "shard" $shard)) }}
{{- end }}
{{- toJson $names }}
{{- end }}

{{/* A duration of whole or decimal h, m, s and ms (as values.schema.json allows), in seconds. */}}
{{- define "wasabi-operator.seconds" -}}
{{- $total := 0.0 }}
{{- range regexFindAll "[0-9]+(\\.[0-9]+)?(ms|h|m|s)" . -1 }}
{{- $number := regexFind "^[0-9]+(\\.[0-9]+)?" . | float64 }}
{{- $unit := trimPrefix (regexFind "^[0-9]+(\\.[0-9]+)?" .) . }}
{{- $total = addf $total (mulf $number (get (dict "h" 3600.0 "m" 60.0 "s" 1.0 "ms" 0.001) $unit)) }}
{{- end }}
{{- $total }}
{{- end }}

{{/* A shard's signing Service: callers of that shard's integrations reach the API through it. Takes dict "root" and "shard". */}}
{{- define "wasabi-operator.signingService" -}}
{{- $name := printf "%s-signing" (include "wasabi-operator.fullname" .root) }}
{{- if .shard.name }}{{ printf "%s-%s" $name .shard.name }}{{ else }}{{ $name }}{{ end }}
{{- end }}

{{/* The signing CA's Secret and the ConfigMap that publishes it share this name. */}}
{{- define "wasabi-operator.signingCa" -}}
{{- printf "%s-signing-ca" (include "wasabi-operator.fullname" .) }}
{{- end }}

{{/* The TLS Secret the signing API serves from, with signing.tls.source certManager or secret. */}}
{{- define "wasabi-operator.signingTlsSecret" -}}
{{- .Values.signing.tls.secretName | default (printf "%s-signing-tls" (include "wasabi-operator.fullname" .)) }}
{{- end }}
