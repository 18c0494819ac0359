{{/* Chart name, used as app.kubernetes.io/name (the mutating webhook's objectSelector excludes it). */}}
{{- define "secretgate.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Full name: fullnameOverride, else the release name when it contains the chart name, else <release>-<name>. */}}
{{- define "secretgate.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := include "secretgate.name" . -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "secretgate.selectorLabels" -}}
app.kubernetes.io/name: {{ include "secretgate.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "secretgate.labels" -}}
{{ include "secretgate.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "secretgate.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "secretgate.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create=false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "secretgate.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- $tag := default .Chart.AppVersion .Values.image.tag -}}
{{- /* a tag of digits: an integer from --set, a float from a values file (which %v would print as 7.345261e+06) */ -}}
{{- if kindIs "float64" $tag }}{{ $tag = int64 $tag }}{{ end -}}
{{- printf "%s:%v" .Values.image.repository $tag -}}
{{- end -}}
{{- end -}}

{{/* "true" when any webhook is served. */}}
{{- define "secretgate.webhooks" -}}
{{- if or .Values.webhook.validating.enabled .Values.webhook.mutating.enabled -}}true{{- end -}}
{{- end -}}

{{/* "true" when the controller runs with leader election. */}}
{{- define "secretgate.leaderElection" -}}
{{- $mode := .Values.leaderElection.mode -}}
{{- if and .Values.controller.enabled (or (eq $mode "always") (and (eq $mode "auto") (gt (int .Values.replicaCount) 1))) -}}true{{- end -}}
{{- end -}}

{{/* "true" when secretgate keeps its own CA and serving certificate (no cert-manager). */}}
{{- define "secretgate.selfManagedCerts" -}}
{{- if and (include "secretgate.webhooks" .) (not .Values.webhook.certManager.enabled) -}}true{{- end -}}
{{- end -}}

{{- define "secretgate.leaseName" -}}{{ include "secretgate.fullname" . }}-leader{{- end -}}
{{- define "secretgate.certSecretName" -}}{{ default (printf "%s-webhook-tls" (include "secretgate.fullname" .)) .Values.webhook.certSecretName }}{{- end -}}
{{- define "secretgate.certificateName" -}}{{ include "secretgate.fullname" . }}-webhook{{- end -}}
{{- define "secretgate.validatingName" -}}{{ include "secretgate.fullname" . }}-validating{{- end -}}
{{- define "secretgate.mutatingName" -}}{{ include "secretgate.fullname" . }}-mutating{{- end -}}

{{/* Namespaces no webhook ever sees: the configured ones and the release namespace. */}}
{{- define "secretgate.webhookNamespaceSelector" -}}
namespaceSelector:
  matchExpressions:
    - key: kubernetes.io/metadata.name
      operator: NotIn
      values: {{ concat .Values.webhook.excludedNamespaces (list .Release.Namespace) | uniq | toJson }}
{{- end -}}

{{/* clientConfig of a webhook: the Service on 443 and the path; caBundle is never rendered (patched
     by secretgate, or injected by cert-manager), so helm upgrade leaves the live value alone. */}}
{{- define "secretgate.clientConfig" -}}
clientConfig:
  service:
    namespace: {{ .root.Release.Namespace | quote }}
    name: {{ include "secretgate.fullname" .root }}
    port: 443
    path: {{ .path }}
{{- end -}}

{{/* Checks that fail the render with a message naming the values. */}}
{{- define "secretgate.validate" -}}
{{- if and (not .Values.controller.enabled) (not .Values.webhook.validating.enabled) (not .Values.webhook.mutating.enabled) -}}
{{- fail "nothing to run: controller.enabled, webhook.validating.enabled and webhook.mutating.enabled are all false" -}}
{{- end -}}
{{- if and (include "secretgate.webhooks" .) (eq (int .Values.metrics.port) (int .Values.webhook.port)) -}}
{{- fail (printf "metrics.port and webhook.port are both %d: the webhooks' HTTPS port and the plain-HTTP metrics port must differ" (int .Values.webhook.port)) -}}
{{- end -}}
{{- if .Values.rbac.secretNamespaces -}}
{{- if .Values.webhook.mutating.enabled -}}
{{- fail "rbac.secretNamespaces cannot be combined with webhook.mutating.enabled: the injector watches managed Secrets in all namespaces" -}}
{{- end -}}
{{- if and .Values.controller.enabled (not .Values.controller.namespaces) -}}
{{- fail "rbac.secretNamespaces is set, so controller.namespaces must list the namespaces to sync (a subset of rbac.secretNamespaces)" -}}
{{- end -}}
{{- range .Values.controller.namespaces -}}
{{- if not (has . $.Values.rbac.secretNamespaces) -}}
{{- fail (printf "controller.namespaces holds %q, which rbac.secretNamespaces lacks: the controller could not write Secrets there" .) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
