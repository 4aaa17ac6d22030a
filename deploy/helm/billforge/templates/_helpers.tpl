{{/*
Helpers. Per-service helpers take a dict: root (the top-level context, $) and name (the key under .Values.services);
chart-wide resources pass only root.
*/}}

{{/* Chart name, e.g. "billforge". */}}
{{- define "billforge.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release-qualified name; just the release name when that already contains the chart name. */}}
{{- define "billforge.fullname" -}}
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

{{/* "billforge-0.1.0" for the helm.sh/chart label. */}}
{{- define "billforge.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Name of one service's Deployment, Service, PDB and HPA, e.g. "billforge-customer-service". Args: root, name. */}}
{{- define "billforge.serviceFullname" -}}
{{- printf "%s-%s" (include "billforge.fullname" .root) .name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Selector labels; component only for per-service resources. Args: root, name (optional). */}}
{{- define "billforge.selectorLabels" -}}
app.kubernetes.io/name: {{ include "billforge.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- with .name }}
app.kubernetes.io/component: {{ . }}
{{- end }}
{{- end }}

{{/* Common labels. Args: root, name (optional). */}}
{{- define "billforge.labels" -}}
helm.sh/chart: {{ include "billforge.chart" .root }}
{{ include "billforge.selectorLabels" . }}
app.kubernetes.io/part-of: billforge
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end }}

{{/* Container image of a service. Args: root, svc (the service's values). */}}
{{- define "billforge.image" -}}
{{- $global := .root.Values.image }}
{{- $tag := .svc.image.tag | default $global.tag | default .root.Chart.AppVersion | toString }}
{{- $repository := required "services.<name>.image.repository is required" .svc.image.repository }}
{{- if $global.registry }}
{{- printf "%s/%s:%s" (trimSuffix "/" $global.registry) $repository $tag }}
{{- else }}
{{- printf "%s:%s" $repository $tag }}
{{- end }}
{{- end }}

{{/*
JDK_JAVA_OPTIONS of a service's JVM (the image already sizes the heap from the memory limit). The GC follows the
CPU limit: Serial below 2 CPUs, where a concurrent collector's threads would only contend with the application's,
G1 from 2. Without a CPU limit, G1. Then jvm.extraOptions. Args: root, svc.
*/}}
{{- define "billforge.javaOptions" -}}
{{- $cpu := toString (dig "limits" "cpu" "" (.svc.resources | default dict)) }}
{{- $millicores := 0 }}
{{- if hasSuffix "m" $cpu }}
{{- $millicores = trimSuffix "m" $cpu | atoi }}
{{- else if $cpu }}
{{- $millicores = mulf (float64 $cpu) 1000 | int }}
{{- end }}
{{- $gc := ternary "-XX:+UseSerialGC" "-XX:+UseG1GC" (and (gt $millicores 0) (lt $millicores 2000)) }}
{{- trim (printf "%s %s" $gc (.root.Values.jvm.extraOptions | default "")) }}
{{- end }}

{{/* ConfigMap holding the JWT public key: the existing one, or the one this chart renders. */}}
{{- define "billforge.jwtConfigMapName" -}}
{{- .Values.jwt.existingConfigMap | default (printf "%s-jwt-public-key" (include "billforge.fullname" .)) }}
{{- end }}

{{/* Fails the render when a required value is missing or contradictory. Renders nothing. */}}
{{- define "billforge.validate" -}}
{{- $_ := required "postgres.host is required" .Values.postgres.host }}
{{- $_ = required "postgres.passwordSecret.name (an existing Secret) is required" .Values.postgres.passwordSecret.name }}
{{- $_ = required "postgres.passwordSecret.key is required" .Values.postgres.passwordSecret.key }}
{{- $_ = required "kafka.bootstrapServers is required" .Values.kafka.bootstrapServers }}
{{- $_ = required "jwt.issuer is required" .Values.jwt.issuer }}
{{- $_ = required "secrets.existingSecret (sealing keys, every service) is required" .Values.secrets.existingSecret }}
{{- $_ = required "jwt.publicKeyKey is required" .Values.jwt.publicKeyKey }}
{{- if and .Values.jwt.publicKeyPem .Values.jwt.existingConfigMap }}
{{- fail "set only one of jwt.publicKeyPem and jwt.existingConfigMap" }}
{{- end }}
{{- if not (or .Values.jwt.publicKeyPem .Values.jwt.existingConfigMap) }}
{{- fail "one of jwt.publicKeyPem or jwt.existingConfigMap is required" }}
{{- end }}
{{- /*
The payment simulator marks invoices paid with no money moving: no install of this chart may offer it, and the
test and dev configuration profiles switch it on. Refused: any extraEnv that names the simulator or a profile in
its name (QUARKUS_PROFILE, SMALLRYE_CONFIG_PROFILE, QUARKUS_CONFIG_PROFILE_PARENT, dotted or not, value or
valueFrom) or in its value (-Dquarkus.profile=test in JVM options). The chart takes no envFrom: extraEnv is the
only way in. Likewise the console's development sign-in (anyone picks a tenant and a role): local stack only.
*/}}
{{- range $name, $svc := .Values.services }}
{{- range $svc.extraEnv }}
{{- $envName := upper (.name | default "") | replace "." "_" | replace "-" "_" }}
{{- $value := lower (toString (.value | default "")) }}
{{- if or (contains "SIMULATOR" $envName) (contains "PROFILE" $envName) (regexMatch "simulator|profile" $value) }}
{{- fail (printf "services.%s.extraEnv may not turn the payment simulator on" $name) }}
{{- end }}
{{- if or (contains "DEV_SIGN_IN" $envName) (regexMatch "dev.sign.in" $value) }}
{{- fail (printf "services.%s.extraEnv may not turn the development sign-in on: it is for the local stack" $name) }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}

{{/*
The routes of routes.yaml whose service is enabled, as YAML ("routes: [...]"); read it back with fromYaml.
Fails on a route naming a service that is not under .Values.services.
*/}}
{{- define "billforge.enabledRoutes" -}}
{{- $doc := .Files.Get "routes.yaml" | fromYaml }}
{{- if hasKey $doc "Error" }}
{{- fail (printf "routes.yaml does not parse: %s" $doc.Error) }}
{{- end }}
{{- $enabled := list }}
{{- range $route := required "routes.yaml must hold a non-empty routes list" $doc.routes }}
{{- if not (hasKey $.Values.services $route.service) }}
{{- fail (printf "routes.yaml: %s routes to %s, which is not under services in the values" $route.prefix $route.service) }}
{{- end }}
{{- if (index $.Values.services $route.service).enabled }}
{{- $enabled = append $enabled $route }}
{{- end }}
{{- end }}
{{- toYaml (dict "routes" $enabled) }}
{{- end }}
