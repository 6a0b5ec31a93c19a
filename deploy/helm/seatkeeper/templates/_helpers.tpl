{{/* The chart's name and the release's full name. */}}
{{- define "seatkeeper.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Labels every object carries. */}}
{{- define "seatkeeper.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* A service's selector labels; call with (dict "root" $ "name" $name). */}}
{{- define "seatkeeper.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{/* A service's image. */}}
{{- define "seatkeeper.image" -}}
{{- printf "%s/%s:%s" .root.Values.image.registry .name (default .root.Chart.AppVersion .root.Values.image.tag) -}}
{{- end -}}

{{/* The env every service (and its migration Job) gets; call with (dict "root" $ "name" $name "svc" $svc). */}}
{{- define "seatkeeper.env" -}}
{{- $v := .root.Values -}}
- name: NODE_ENV
  value: production
- name: LOG_LEVEL
  value: {{ $v.logLevel | quote }}
- name: INTERNAL_PORT
  value: {{ .svc.internalPort | quote }}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ $v.existingSecret.name }}
      key: {{ replace "<service>" .name $v.existingSecret.keys.databaseUrl }}
- name: DATABASE_POOL_MAX
  value: {{ $v.postgres.poolMax | quote }}
- name: NATS_URL
  value: {{ $v.nats.url | quote }}
- name: NATS_SUBJECT_PREFIX
  value: {{ $v.nats.subjectPrefix | quote }}
- name: NATS_REQUEST_TIMEOUT_MS
  value: {{ $v.nats.requestTimeoutMs | quote }}
{{- if .svc.heapMb }}
- name: NODE_OPTIONS
  value: {{ printf "--max-old-space-size=%v" .svc.heapMb | quote }}
{{- end }}
{{- if $v.nats.auth }}
- name: NATS_USER
  value: {{ .name | quote }}
- name: NATS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $v.existingSecret.name }}
      key: {{ replace "<service>" .name $v.existingSecret.keys.natsPassword }}
{{- end }}
{{- if eq .name "credential-vault" }}
- name: VAULT_MASTER_KEYS_FILE
  value: /run/secrets/seatkeeper/vault-master-keys
- name: VAULT_ALLOWED_TOKEN_URLS
  value: {{ join "," $v.credentialVault.allowedTokenUrls | quote }}
{{- end }}
{{- if eq .name "gateway" }}
- name: HTTP_PORT
  value: {{ .svc.httpPort | quote }}
- name: GATEWAY_BOOTSTRAP_ADMIN_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ $v.existingSecret.name }}
      key: {{ $v.existingSecret.keys.gatewayBootstrapAdminToken }}
      optional: true
{{- end }}
{{- if eq .name "integration-sync" }}
- name: SYNC_ALLOWED_BASE_URLS
  value: {{ join "," $v.integrationSync.allowedBaseUrls | quote }}
{{- end }}
{{- if eq .name "reporting" }}
- name: REPORTING_SHARE_LINK_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $v.existingSecret.name }}
      key: {{ $v.existingSecret.keys.reportingShareLinkKey }}
{{- end }}
{{- range $key, $value := .svc.env }}
- name: {{ $key }}
  value: {{ $value | quote }}
{{- end }}
{{- end -}}

{{/* The vault's key ring, mounted read-only as a file (never a plain env value). */}}
{{- define "seatkeeper.vaultKeysVolume" -}}
- name: vault-master-keys
  secret:
    secretName: {{ .Values.existingSecret.name }}
    defaultMode: 0400
    items:
      - key: {{ .Values.existingSecret.keys.vaultMasterKeys }}
        path: vault-master-keys
{{- end -}}
