{{- define "tollgate.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "tollgate.fullname" -}}
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

{{- define "tollgate.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "tollgate.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "tollgate.selectorLabels" -}}
app.kubernetes.io/name: {{ include "tollgate.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "tollgate.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "tollgate.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "tollgate.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/*
The secrets the chart mounts: name -> (value reference, environment variable). Only those with an
existingSecret are mounted. Call with (dict "root" $ "names" (list ...)).
*/}}
{{- define "tollgate.secretTable" -}}
masterKey: TOLLGATE_MASTER_KEY
saltKey: TOLLGATE_SALT_KEY
databasePassword: TOLLGATE_DATABASE_PASSWORD
dataPlaneApiKey: TOLLGATE_DATA_PLANE_API_KEY
{{- end }}

{{/* Environment variables naming the mounted secret files. */}}
{{- define "tollgate.secretEnv" -}}
{{- $table := include "tollgate.secretTable" .root | fromYaml }}
{{- range $name := .names }}
{{- $ref := index $.root.Values.secrets $name }}
{{- if $ref.existingSecret }}
- name: {{ index $table $name }}_FILE
  value: /var/run/secrets/tollgate/{{ $name }}/{{ $ref.key }}
{{- end }}
{{- end }}
{{- end }}

{{/* Volume mounts for the mounted secrets. */}}
{{- define "tollgate.secretMounts" -}}
{{- range $name := .names }}
{{- $ref := index $.root.Values.secrets $name }}
{{- if $ref.existingSecret }}
- name: secret-{{ $name | kebabcase }}
  mountPath: /var/run/secrets/tollgate/{{ $name }}
  readOnly: true
{{- end }}
{{- end }}
{{- end }}

{{/* Volumes for the mounted secrets: only the one key each, mode 0400. */}}
{{- define "tollgate.secretVolumes" -}}
{{- range $name := .names }}
{{- $ref := index $.root.Values.secrets $name }}
{{- if $ref.existingSecret }}
- name: secret-{{ $name | kebabcase }}
  secret:
    secretName: {{ $ref.existingSecret }}
    defaultMode: 0400
    items:
      - key: {{ $ref.key }}
        path: {{ $ref.key }}
{{- end }}
{{- end }}
{{- end }}

{{/* The store as environment variables, for hook Jobs that run before the ConfigMap exists. */}}
{{- define "tollgate.storeEnv" -}}
- name: TOLLGATE_STORE_TYPE
  value: postgres
- name: TOLLGATE_STORE_JDBC_DASH_URL
  value: {{ .Values.database.jdbcUrl | quote }}
- name: TOLLGATE_STORE_SCHEMA
  value: {{ (.Values.config.store | default dict).schema | default "tollgate" | quote }}
- name: TOLLGATE_STORE_MIGRATE_DASH_AT_DASH_START
  value: "false"
{{- with .Values.javaToolOptions }}
- name: JAVA_TOOL_OPTIONS
  value: {{ . | quote }}
{{- end }}
{{- end }}

{{/* The rendered application.yaml: the operator's config with the chart's fixed keys on top. */}}
{{- define "tollgate.applicationYaml" -}}
{{- $fixed := dict
  "server" (dict "host" "0.0.0.0" "port" (int .Values.containerPort))
  "store" (dict "type" "postgres" "jdbc-url" .Values.database.jdbcUrl "migrate-at-start" false
                "journal-directory" "/var/lib/tollgate/journal") }}
{{- $config := mergeOverwrite (deepCopy .Values.config) $fixed }}
{{- dict "tollgate" $config | toYaml }}
{{- end }}

{{- define "tollgate.podSecurity" -}}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- end }}
